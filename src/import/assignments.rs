//! Who is assigned to the app: the app's assignments as Graph returns them
//! (`GET /servicePrincipals/{id}/appRoleAssignedTo`, from Graph Explorer, `az rest` or
//! `Get-MgServicePrincipalAppRoleAssignedTo | ConvertTo-Json`), and the members of assigned
//! groups (`GET /groups/{id}/members`, `Get-MgGroupMember | ConvertTo-Json`).
//!
//! Files are decoded like user exports ([`super::decode`]: UTF-8 with or without BOM, UTF-16,
//! ANSI), and may hold a Graph page (`{"@odata.context", "value": [...]}`), several pages pasted
//! one after another, a bare array (`az rest --query value`, PowerShell 7) or one object
//! (PowerShell for a single entry); keys are read in any case (PowerShell's `PrincipalId`).
//! A member list does not say which group it lists, unless its `@odata.nextLink` or
//! `@odata.context` does: otherwise the group's id is taken from the file's name, as the
//! commands step 2 suggests write it (`members-<group id>.json`).

use serde_json::{Map, Value};

use super::decode::{Encoding, decode};

/// The largest assignment or member file read (a list of 100 000 members is about 20 MiB).
const MAX_BYTES: usize = 256 << 20;

/// The id Graph gives the "Default Access" role (an assignment without an app role).
pub const DEFAULT_ACCESS: &str = "00000000-0000-0000-0000-000000000000";

/// What an `appRoleAssignment`'s principal is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrincipalType {
    /// A user, assigned directly.
    User,
    /// A group: its direct members are assigned.
    Group,
    /// A service principal or anything else, which app provisioning does not create.
    Other,
}

/// One assignment of the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assignment {
    /// The user's or group's object id (`principalId`).
    pub principal_id: String,
    /// User, group or other.
    pub principal_type: PrincipalType,
    /// The user's or group's display name (`principalDisplayName`).
    pub name: String,
    /// The app role (`appRoleId`; [`DEFAULT_ACCESS`] for "Default Access").
    pub app_role_id: String,
}

/// One member of a group's member list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    /// The member's object id.
    pub id: String,
    /// Its principal name (users), if the list has it.
    pub user_principal_name: Option<String>,
    /// Its display name, if the list has it.
    pub name: Option<String>,
    /// True for a group nested in the listed group.
    pub is_group: bool,
}

/// The members of one group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberList {
    /// The group's object id.
    pub group: String,
    /// Its direct members.
    pub members: Vec<Member>,
}

/// What one file held.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileContent {
    /// The app's assignments.
    Assignments(Vec<Assignment>),
    /// A group's members.
    Members(MemberList),
}

/// One file read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssignmentFile {
    /// The file's name.
    pub name: String,
    /// How it was decoded.
    pub encoding: Encoding,
    /// What it held.
    pub content: FileContent,
    /// A page said more pages follow (`@odata.nextLink`): the list is incomplete.
    pub more_pages: bool,
}

/// Every assignment and member file loaded.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Assignments {
    /// The files, in the order loaded.
    pub files: Vec<AssignmentFile>,
}

impl Assignments {
    /// Reads the file `name` with `bytes` and adds it; the error says what the file is and what
    /// to do, and leaves the files loaded before as they were.
    pub fn add(&mut self, name: &str, bytes: &[u8]) -> Result<(), String> {
        let file = read(name, bytes)?;
        // The same group's list again replaces the earlier one.
        if let FileContent::Members(list) = &file.content {
            self.files.retain(
                |f| !matches!(&f.content, FileContent::Members(old) if old.group == list.group),
            );
        }
        self.files.push(file);
        Ok(())
    }

    /// Every assignment of every assignment file.
    pub fn assignments(&self) -> impl Iterator<Item = &Assignment> {
        self.files.iter().flat_map(|f| match &f.content {
            FileContent::Assignments(list) => list.as_slice(),
            FileContent::Members(_) => &[][..],
        })
    }

    /// The member lists loaded.
    pub fn member_lists(&self) -> impl Iterator<Item = &MemberList> {
        self.files.iter().filter_map(|f| match &f.content {
            FileContent::Members(list) => Some(list),
            FileContent::Assignments(_) => None,
        })
    }

    /// True when at least one file of the app's assignments is loaded (member lists alone do
    /// not say who is assigned).
    pub fn has_assignments(&self) -> bool {
        self.files
            .iter()
            .any(|f| matches!(f.content, FileContent::Assignments(_)))
    }

    /// The assigned groups whose member list is not loaded.
    pub fn groups_without_members(&self) -> Vec<&Assignment> {
        let mut missing: Vec<&Assignment> = self
            .assignments()
            .filter(|a| a.principal_type == PrincipalType::Group)
            .filter(|a| {
                !self
                    .member_lists()
                    .any(|l| l.group.eq_ignore_ascii_case(&a.principal_id))
            })
            .collect();
        missing.sort_by(|a, b| a.principal_id.cmp(&b.principal_id));
        missing.dedup_by(|a, b| a.principal_id == b.principal_id);
        missing
    }

    /// What was loaded, a sentence per file ("assignments.json: 3 assignments (2 groups, 1
    /// user)", "members-….json: 12 members of group …").
    pub fn summary(&self) -> Vec<String> {
        self.files
            .iter()
            .map(|file| {
                let what = match &file.content {
                    FileContent::Assignments(list) => {
                        let count = |t| list.iter().filter(|a| a.principal_type == t).count();
                        format!(
                            "{} of the app ({}, {})",
                            plural(list.len(), "assignment"),
                            plural(count(PrincipalType::Group), "group"),
                            plural(count(PrincipalType::User), "user"),
                        )
                    }
                    FileContent::Members(list) => {
                        let groups = list.members.iter().filter(|m| m.is_group).count();
                        let assigned = self.assignments().any(|a| {
                            a.principal_type == PrincipalType::Group
                                && a.principal_id.eq_ignore_ascii_case(&list.group)
                        });
                        format!(
                            "{} of group {}{}{}",
                            plural(list.members.len() - groups, "member"),
                            self.group_name(&list.group),
                            if assigned || !self.has_assignments() {
                                ""
                            } else {
                                ", which is not assigned to the app"
                            },
                            if groups > 0 {
                                format!(
                                    " and {} nested in it (Azure does not provision their \
                                     members)",
                                    plural(groups, "group")
                                )
                            } else {
                                String::new()
                            }
                        )
                    }
                };
                let more = if file.more_pages {
                    "; more pages follow (@odata.nextLink): load them too"
                } else {
                    ""
                };
                format!("{}: {what}, {}{more}", file.name, file.encoding.label())
            })
            .collect()
    }

    /// The group's display name, from the assignments or from a member list that holds it
    /// (a nested group), with its id; else its id.
    pub fn group_name(&self, id: &str) -> String {
        let assigned = self
            .assignments()
            .find(|a| a.principal_id.eq_ignore_ascii_case(id) && !a.name.is_empty())
            .map(|a| a.name.as_str());
        let nested = || {
            self.member_lists()
                .flat_map(|l| &l.members)
                .find(|m| m.is_group && m.id.eq_ignore_ascii_case(id))
                .and_then(|m| m.name.as_deref())
        };
        match assigned.or_else(nested) {
            Some(name) => format!("\"{name}\" ({id})"),
            None => id.to_owned(),
        }
    }
}

/// What to say when `n` assigned users are not among the loaded users.
pub fn not_loaded_message(n: usize) -> String {
    format!(
        "{} assigned to the app {} not among the loaded users: Azure would provision them, but \
         the preview cannot show them. Export every user in the users export.",
        plural(n, "user"),
        if n == 1 { "is" } else { "are" },
    )
}

/// The commands that export a group's direct members into a file this app reads.
pub fn member_commands(group_id: &str) -> [String; 2] {
    [
        format!(
            "az rest --method get --url \"https://graph.microsoft.com/v1.0/groups/{group_id}/\
             members?$select=id,userPrincipalName,displayName&$top=999\" > \
             members-{group_id}.json"
        ),
        format!(
            "Get-MgGroupMember -GroupId {group_id} -All | ConvertTo-Json -Depth 5 > \
             members-{group_id}.json"
        ),
    ]
}

/// The commands that export the app's assignments (the service principal's id is on the
/// enterprise app's Overview page, "Object ID").
pub fn assignment_commands() -> [&'static str; 2] {
    [
        "az rest --method get --url \"https://graph.microsoft.com/v1.0/servicePrincipals/\
         <object id of the enterprise app>/appRoleAssignedTo?$top=999\" > assignments.json",
        "Get-MgServicePrincipalAppRoleAssignedTo -ServicePrincipalId <object id of the \
         enterprise app> -All | ConvertTo-Json -Depth 5 > assignments.json",
    ]
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// True when `head` (the first bytes of a file, decoded) looks like an assignment list or a
/// group's member list rather than a user export: assignments have `principalId` and
/// `appRoleId`; a member list is a Graph page of `directoryObjects` (not one object,
/// `…#directoryObjects/$entity`, which is how Graph returns a user's manager), or a list of
/// PowerShell's `Get-MgGroupMember` objects (`Id`, `DeletedDateTime`, `AdditionalProperties`
/// and no `UserPrincipalName`).
pub fn looks_like_assignments(head: &str) -> bool {
    let has = |key: &str| head.contains(key);
    let assignments = (has("\"principalId\"") || has("\"PrincipalId\""))
        && (has("\"appRoleId\"") || has("\"AppRoleId\""));
    let members_page = head
        .match_indices("$metadata#directoryObjects")
        .any(|(at, _)| {
            let context = head[at..].split('"').next().unwrap_or("");
            !context.contains("$entity")
        });
    let powershell_members = head.trim_start().starts_with('[')
        && has("\"DeletedDateTime\"")
        && has("\"AdditionalProperties\"")
        && !has("\"UserPrincipalName\"")
        && !has("\"GivenName\"");
    assignments || members_page || powershell_members
}

/// True when a file's name is one the member-list commands write (`members-<group id>.json`):
/// `az rest … --query value` leaves no mark in the content that it lists a group's members.
pub fn is_member_file_name(name: &str) -> bool {
    name.to_ascii_lowercase().starts_with("members") && guid_in(name).is_some()
}

/// Reads one file.
pub fn read(name: &str, bytes: &[u8]) -> Result<AssignmentFile, String> {
    if bytes.len() > MAX_BYTES {
        return Err(format!(
            "{name}: the file is larger than any assignment list; load the file of the app's \
             assignments or of a group's members."
        ));
    }
    let decoded = decode(bytes).map_err(|e| format!("{name}: {e}"))?;
    let mut entries: Vec<Map<String, Value>> = Vec::new();
    let mut links: Vec<String> = Vec::new();
    let mut more_pages = false;
    for value in serde_json::Deserializer::from_str(&decoded.text).into_iter::<Value>() {
        let value = value.map_err(|e| {
            format!(
                "{name}: {}. Export the list again (the commands are in step 2).",
                crate::mapping::json_error_place(&e)
            )
        })?;
        match value {
            Value::Array(items) => entries.extend(items.into_iter().filter_map(object)),
            Value::Object(page) => {
                let list = get(&page, "value").and_then(Value::as_array).cloned();
                for key in ["@odata.context", "@odata.nextLink"] {
                    if let Some(link) = get(&page, key).and_then(Value::as_str) {
                        links.push(link.to_owned());
                    }
                }
                more_pages |= get(&page, "@odata.nextLink").is_some();
                match list {
                    Some(items) => entries.extend(items.into_iter().filter_map(object)),
                    None => entries.push(page),
                }
            }
            _ => {}
        }
    }
    if links.iter().any(|l| l.contains("$metadata#users")) {
        return Err(format!(
            "{name}: this is an export of users, not the app's assignments or a group's \
             members: load it as users."
        ));
    }
    let content = if entries.iter().any(|e| get(e, "principalId").is_some()) {
        FileContent::Assignments(entries.iter().filter_map(assignment).collect())
    } else {
        let group = links
            .iter()
            .find_map(|link| group_in_link(link))
            .or_else(|| guid_in(name))
            .ok_or_else(|| {
                format!(
                    "{name}: this looks like a group's member list, but it does not say which \
                     group. Save it with the group's object id in the file name \
                     (members-<group id>.json), as the commands in step 2 do."
                )
            })?;
        let members: Vec<Member> = entries.iter().filter_map(member).collect();
        if members.is_empty() && !entries.is_empty() {
            return Err(format!(
                "{name}: neither the app's assignments (principalId, appRoleId) nor a group's \
                 members (id): load the output of appRoleAssignedTo or of groups/<id>/members."
            ));
        }
        FileContent::Members(MemberList { group, members })
    };
    Ok(AssignmentFile {
        name: name.to_owned(),
        encoding: decoded.encoding,
        content,
        more_pages,
    })
}

fn object(value: Value) -> Option<Map<String, Value>> {
    match value {
        Value::Object(map) => Some(map),
        _ => None,
    }
}

/// The value of `key` in any case (PowerShell writes `PrincipalId`).
fn get<'a>(object: &'a Map<String, Value>, key: &str) -> Option<&'a Value> {
    object
        .get(key)
        .or_else(|| {
            object
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(key))
                .map(|(_, v)| v)
        })
        .filter(|v| !v.is_null())
}

fn text(object: &Map<String, Value>, key: &str) -> Option<String> {
    get(object, key)
        .and_then(Value::as_str)
        .map(str::to_owned)
        .or_else(|| {
            get(object, "AdditionalProperties")
                .and_then(Value::as_object)
                .and_then(|more| get(more, key))
                .and_then(Value::as_str)
                .map(str::to_owned)
        })
}

fn assignment(entry: &Map<String, Value>) -> Option<Assignment> {
    let principal_id = text(entry, "principalId")?;
    let principal_type = match text(entry, "principalType").as_deref() {
        Some(t) if t.eq_ignore_ascii_case("User") => PrincipalType::User,
        Some(t) if t.eq_ignore_ascii_case("Group") => PrincipalType::Group,
        _ => PrincipalType::Other,
    };
    Some(Assignment {
        principal_id,
        principal_type,
        name: text(entry, "principalDisplayName").unwrap_or_default(),
        app_role_id: text(entry, "appRoleId").unwrap_or_else(|| DEFAULT_ACCESS.to_owned()),
    })
}

fn member(entry: &Map<String, Value>) -> Option<Member> {
    let id = text(entry, "id")?;
    let kind = text(entry, "@odata.type").unwrap_or_default();
    Some(Member {
        id,
        user_principal_name: text(entry, "userPrincipalName"),
        name: text(entry, "displayName"),
        is_group: kind.eq_ignore_ascii_case("#microsoft.graph.group"),
    })
}

/// The group id in a link like `…/groups/{id}/members?…` or `…/groups('{id}')/members`.
fn group_in_link(link: &str) -> Option<String> {
    let lower = link.to_ascii_lowercase();
    let at = lower.find("groups/").or_else(|| lower.find("groups('"))?;
    let rest = &link[at + "groups".len()..];
    let rest = rest.trim_start_matches(['/', '(', '\'']);
    guid_in(rest.get(..36)?)
}

/// The first GUID in `text` (a file name like `members-3f2a…json`).
fn guid_in(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    (0..bytes.len().saturating_sub(35)).find_map(|start| {
        let candidate = text.get(start..start + 36)?;
        let is_guid = candidate.char_indices().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => c == '-',
            _ => c.is_ascii_hexdigit(),
        });
        is_guid.then(|| candidate.to_ascii_lowercase())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::decode::tests::utf16;

    const GROUP: &str = "3f2a9c1e-0b7d-4c55-9a1e-2b6d8e4f7a10";

    #[test]
    fn graph_pages_and_powershell_assignments_are_read() {
        let graph = r#"{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#servicePrincipals('x')/appRoleAssignedTo",
          "value":[{"id":"a","appRoleId":"00000000-0000-0000-0000-000000000000","principalDisplayName":"Sales","principalId":"3F2A9C1E-0B7D-4C55-9A1E-2B6D8E4F7A10","principalType":"Group"},
                   {"id":"b","appRoleId":"r1","principalDisplayName":"Kari","principalId":"u1","principalType":"User"}]}"#;
        let file = read("assignments.json", graph.as_bytes()).unwrap();
        let FileContent::Assignments(list) = &file.content else {
            panic!("{file:?}")
        };
        assert_eq!(list.len(), 2);
        assert_eq!(list[0].principal_type, PrincipalType::Group);
        let ps = r#"[{"AppRoleId":"r1","PrincipalDisplayName":"Kari","PrincipalId":"u1","PrincipalType":"User","DeletedDateTime":null}]"#;
        let file = read("a.json", &utf16(ps, true, true)).unwrap();
        assert_eq!(file.encoding, Encoding::Utf16Le);
        assert!(matches!(&file.content, FileContent::Assignments(l) if l[0].name == "Kari"));
        let mut all = Assignments::default();
        all.add("assignments.json", graph.as_bytes()).unwrap();
        assert_eq!(all.groups_without_members().len(), 1);
        let members = r##"[{"Id":"u2","DeletedDateTime":null,"AdditionalProperties":{"@odata.type":"#microsoft.graph.user","userPrincipalName":"ola@x"}}]"##;
        assert!(looks_like_assignments(members));
        // A user's manager as Graph returns it is a user export, not a member list.
        let manager = r##"{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#directoryObjects/$entity","@odata.type":"#microsoft.graph.user","id":"m"}"##;
        assert!(!looks_like_assignments(manager));
        all.add(&format!("members-{GROUP}.json"), members.as_bytes())
            .unwrap();
        assert!(all.groups_without_members().is_empty());
        assert_eq!(
            all.summary()[1],
            format!("members-{GROUP}.json: 1 member of group \"Sales\" ({GROUP}), UTF-8")
        );
    }

    #[test]
    fn a_member_list_names_its_group_by_link_or_file_name() {
        let page = format!(
            r##"{{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#directoryObjects",
               "@odata.nextLink":"https://graph.microsoft.com/v1.0/groups/{GROUP}/members?$skiptoken=x",
               "value":[{{"@odata.type":"#microsoft.graph.group","id":"g2","displayName":"Nested"}}]}}"##
        );
        let file = read("page1.json", page.as_bytes()).unwrap();
        assert!(file.more_pages);
        let FileContent::Members(list) = &file.content else {
            panic!()
        };
        assert_eq!(list.group, GROUP);
        assert!(list.members[0].is_group);
        let err = read("members.json", br#"{"value":[{"id":"u1"}]}"#).unwrap_err();
        assert!(err.contains("members-<group id>.json"), "{err}");
        assert!(read("x.json", b"not json").is_err());
        assert!(read("x.json", b"").is_err());
    }
}
