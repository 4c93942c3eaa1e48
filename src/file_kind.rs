//! Which step of the app handles a file the admin dropped on the window or named on the command
//! line: user exports go to step 2 (Users), and so do the app's assignments and groups' member
//! lists; mapping files and Azure schema JSON go to step 3 (Mappings).
//!
//! The decision looks at the first bytes of the file as well as its name, because admins name
//! files anything: a schema downloaded from "Review your schema" is `.json` just like a user
//! export. UTF-16 files (what Windows PowerShell 5.1 writes) are looked at too.

use std::path::Path;

/// How many bytes of a file are enough to tell what it is.
pub const SNIFF_BYTES: usize = 64 * 1024;

/// The step that handles a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Destination {
    /// Step 2: an export of users (Graph JSON, PowerShell JSON, az CLI, JSON Lines, portal CSV).
    Users,
    /// Step 3: a mapping file of this app, or the schema JSON Azure downloads.
    Mappings,
    /// Step 2 too, beside the users: the app's assignments (`appRoleAssignedTo`) or a group's
    /// member list ([`crate::import::assignments`]).
    Assignments,
}

/// Keys that only a synchronization schema or a mapping file has.
const MAPPING_MARKERS: [&str; 4] = [
    "\"attributeMappings\"",
    "\"objectMappings\"",
    "\"synchronizationRules\"",
    "\"scimPreflightMappings\"",
];

/// Decides which step handles a file, from its name and its first bytes (up to [`SNIFF_BYTES`]).
pub fn destination(path: &Path, head: &[u8]) -> Destination {
    let text = text_of(head);
    if MAPPING_MARKERS.iter().any(|marker| text.contains(marker)) {
        return Destination::Mappings;
    }
    let name = path.file_name().map(|n| n.to_string_lossy());
    if crate::import::assignments::looks_like_assignments(&text)
        || name.is_some_and(|n| crate::import::assignments::is_member_file_name(&n))
    {
        return Destination::Assignments;
    }
    // Every other file is offered to the user importer, which explains what it finds.
    Destination::Users
}

/// True when the first bytes are Entra's provisioning logs (JSON records, a Graph
/// `auditLogs/provisioning` page, a provision on demand result, or one of the admin center's
/// "Download logs" CSV files): step 2 loads them beside the users.
pub fn is_provisioning_log(head: &[u8]) -> bool {
    let text = text_of(head);
    let lower = text.to_ascii_lowercase();
    if ["\"provisioningsteps\"", "\"provisioningstatusinfo\"", "#auditlogs/provisioning"]
        .iter()
        .any(|marker| lower.contains(marker))
        // A provision on demand result holds the record as JSON text: its quotes are escaped.
        || lower.contains("\\\"provisioningsteps\\\"")
    {
        return true;
    }
    let first = text
        .trim_start_matches('\u{FEFF}')
        .lines()
        .next()
        .unwrap_or("");
    !first.trim_start().starts_with(['{', '['])
        && crate::import::logs::csv::looks_like_log_header(first)
}

/// The first bytes as text: UTF-16 (with a BOM) decoded, anything else read as lossy UTF-8.
fn text_of(head: &[u8]) -> String {
    let head = &head[..head.len().min(SNIFF_BYTES)];
    let utf16 = |bytes: &[u8], from: fn([u8; 2]) -> u16| {
        let units: Vec<u16> = bytes
            .chunks_exact(2)
            .map(|pair| from([pair[0], pair[1]]))
            .collect();
        String::from_utf16_lossy(&units)
    };
    match head {
        [0xFF, 0xFE, rest @ ..] => utf16(rest, u16::from_le_bytes),
        [0xFE, 0xFF, rest @ ..] => utf16(rest, u16::from_be_bytes),
        _ => String::from_utf8_lossy(head).into_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16le_with_bom(text: &str) -> Vec<u8> {
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        bytes
    }

    #[test]
    fn user_exports_go_to_step_2() {
        let graph =
            br#"{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#users","value":[]}"#;
        assert_eq!(
            destination(Path::new("users.json"), graph),
            Destination::Users
        );
        let csv = b"userPrincipalName,displayName\n";
        assert_eq!(
            destination(Path::new("exportUsers.csv"), csv),
            Destination::Users
        );
        let ps = utf16le_with_bom(r#"[{"Id":"1","UserPrincipalName":"a@b"}]"#);
        assert_eq!(destination(Path::new("mg.json"), &ps), Destination::Users);
    }

    #[test]
    fn schemas_and_mapping_files_go_to_step_3() {
        let schema = br#"{"id":"x","synchronizationRules":[{"objectMappings":[]}]}"#;
        assert_eq!(
            destination(Path::new("schema.json"), schema),
            Destination::Mappings
        );
        let utf16 = utf16le_with_bom(r#"{"attributeMappings":[]}"#);
        assert_eq!(
            destination(Path::new("schema.txt"), &utf16),
            Destination::Mappings
        );
    }

    #[test]
    fn provisioning_logs_are_told_by_their_content() {
        let page = br#"{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#auditLogs/provisioning","value":[]}"#;
        assert!(is_provisioning_log(page));
        assert!(is_provisioning_log(&utf16le_with_bom(
            r#"[{"Id":"1","ProvisioningSteps":[]}]"#
        )));
        let on_demand = br#"{"key":"{}","value":"{\"provisioningSteps\":[]}"}"#;
        assert!(is_provisioning_log(on_demand));
        assert!(is_provisioning_log(
            "\u{FEFF}Change ID,Name,Old Value,New Value\r\n".as_bytes()
        ));
        assert!(!is_provisioning_log(b"userPrincipalName,displayName\n"));
        assert!(!is_provisioning_log(
            br#"{"value":[{"id":"1","userPrincipalName":"a@b"}]}"#
        ));
        assert!(!is_provisioning_log(b""));
    }

    #[test]
    fn assignments_and_member_lists_go_beside_the_users() {
        let assignments =
            br#"{"value":[{"appRoleId":"0","principalId":"1","principalType":"User"}]}"#;
        assert_eq!(
            destination(Path::new("a.json"), assignments),
            Destination::Assignments
        );
        let members = utf16le_with_bom(
            r#"{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#directoryObjects","value":[]}"#,
        );
        assert_eq!(
            destination(Path::new("m.json"), &members),
            Destination::Assignments
        );
        let bare = br#"[{"id":"1","userPrincipalName":"a@b"}]"#;
        assert_eq!(
            destination(
                Path::new("members-5a1e0c2b-0000-4000-8000-000000000003.json"),
                bare
            ),
            Destination::Assignments
        );
        assert_eq!(
            destination(Path::new("users.json"), bare),
            Destination::Users
        );
    }

    #[test]
    fn empty_and_binary_files_do_not_panic() {
        assert_eq!(destination(Path::new("x"), b""), Destination::Users);
        assert_eq!(
            destination(Path::new("x"), &[0xFF, 0xFE, 0x00]),
            Destination::Users
        );
        assert_eq!(
            destination(Path::new("x"), &[0u8, 159, 146, 150]),
            Destination::Users
        );
    }
}
