//! `scim-preflight preview` as a process: tree, JSON and CSV output, a saved mapping file, and
//! exit 2 for input it cannot use.

mod common;

use common::{err, out, run};
use scim_preflight::mapping::{file, presets};

fn users() -> String {
    format!(
        "{}/tests/data/preview/users.json",
        env!("CARGO_MANIFEST_DIR")
    )
}

#[test]
fn the_tree_shows_counts_then_the_problems() {
    let output = run(&["preview", &users()], "");
    assert_eq!(output.status.code(), Some(0), "{}", err(&output));
    let text = out(&output);
    assert!(
        text.starts_with(
            "7 of 9 users would be created.\n- skipped, disabled in Entra: 1\n- skipped, no \
             value for the matching attribute: 1\nNo assignments are loaded, so the preview \
             assumes every loaded user is assigned to the app."
        ),
        "{text}"
    );
    assert!(
        text.contains(
            "The tree counts only the users Azure would create.\n\nPartnerCo  (1 user)\n"
        ),
        "{text}"
    );
    assert!(text.contains("\nProblems found:\n- "));
    assert!(text.contains("differ only by case, spaces or accents: \"sales \", Sales"));
}

#[test]
fn json_and_csv_describe_every_user() {
    let output = run(
        &[
            "preview",
            &users(),
            "--format",
            "json",
            "--preset",
            "defaults",
        ],
        "",
    );
    assert_eq!(output.status.code(), Some(0), "{}", err(&output));
    let value: serde_json::Value = serde_json::from_str(&out(&output)).unwrap();
    assert_eq!(value["users"].as_array().unwrap().len(), 9);
    assert_eq!(value["users"][1]["scim"]["userName"], "ase@vindel.example");
    assert_eq!(value["users"][3]["scim"], serde_json::Value::Null);
    assert!(value["diagnostics"].as_array().unwrap().len() > 3);

    let output = run(&["preview", &users(), "--format", "csv"], "");
    let text = out(&output);
    let mut lines = text.lines();
    assert!(
        lines
            .next()
            .unwrap()
            .starts_with("id,userPrincipalName,skipped,userName,active,")
    );
    assert_eq!(lines.count(), 9);
}

#[test]
fn a_saved_mapping_file_is_used_and_a_broken_one_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut set = presets::azure_defaults();
    set.mappings
        .retain(|m| m.target == "userName" || m.target == "active");
    let path = dir.path().join("mappings.json");
    std::fs::write(&path, file::to_json(&set)).unwrap();
    let output = run(
        &[
            "preview",
            &users(),
            "--mapping",
            path.to_str().unwrap(),
            "--format",
            "json",
        ],
        "",
    );
    assert_eq!(output.status.code(), Some(0), "{}", err(&output));
    let value: serde_json::Value = serde_json::from_str(&out(&output)).unwrap();
    let body = value["users"][0]["scim"].as_object().unwrap();
    let mut keys: Vec<&str> = body.keys().map(String::as_str).collect();
    keys.sort();
    // roles: [] as in Microsoft's Create User request.
    assert_eq!(keys, ["active", "meta", "roles", "schemas", "userName"]);

    std::fs::write(&path, "{\"scimPreflightMappings\": 1, \"mappings\": [{]}").unwrap();
    let output = run(
        &["preview", &users(), "--mapping", path.to_str().unwrap()],
        "",
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(err(&output).contains("line 1, column"), "{}", err(&output));

    let output = run(&["preview", "/nonexistent.json"], "");
    assert_eq!(output.status.code(), Some(2));
    assert!(err(&output).contains("could not be read"));
}

#[test]
fn paths_shows_the_expressions_and_the_tree_they_give() {
    let output = run(&["paths", &users()], "");
    assert_eq!(output.status.code(), Some(0), "{}", err(&output));
    let text = out(&output);
    assert!(
        text.starts_with("department: 8 users have a value. Delimiters: > (1 user)."),
        "{text}"
    );
    // Only one user has a path, so most users' values are plain departments: 3 levels are
    // still what the paths have.
    assert!(text.contains("target organization:\n  Item(Split(Append(Replace("));
    assert!(text.contains("target department:\n  Replace("));
    assert!(
        text.contains("Vindel  (1 user)\n  Sales  (1 user)\n    Partners  (1 user)\n"),
        "{text}"
    );
    let output = run(&["paths", &users(), "--attribute", "city"], "");
    assert!(out(&output).contains("The values are not paths"));
}

#[test]
fn diff_compares_presets_and_files() {
    let output = run(
        &[
            "diff",
            &users(),
            "--from",
            "defaults",
            "--to",
            "securepractice",
        ],
        "",
    );
    assert_eq!(output.status.code(), Some(0), "{}", err(&output));
    let text = out(&output);
    assert!(
        text.contains(":organization: 6 users change\n  (not sent) -> \"Vindel AS\"  (5)\n"),
        "{text}"
    );
    assert!(text.contains("6 users move in the hierarchy.\n"), "{text}");
    // Then the next cycle: the organization is new for the users Azure created, an Add each.
    assert!(
        text.contains("organization: 6 users get a new value (6 Add, 0 Replace)\n"),
        "{text}"
    );
    let output = run(
        &["diff", &users(), "--from", "nonsense", "--to", "defaults"],
        "",
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(err(&output).contains("not a preset (defaults, securepractice)"));
}

#[test]
fn redacted_output_has_no_personal_values_but_keeps_units() {
    for format in ["json", "csv", "tree"] {
        let output = run(&["preview", &users(), "--redact", "--format", format], "");
        assert_eq!(output.status.code(), Some(0), "{}", err(&output));
        let text = out(&output);
        for personal in [
            "ase@vindel.example",
            "Øvergård",
            "Ingrid",
            "00000000-0000-0000-0000-000000000002",
            "+47 911",
        ] {
            assert!(!text.contains(personal), "{format} still has {personal}");
        }
        assert!(
            text.contains("Vindel AS") || format == "csv" && text.contains("Sales"),
            "{format}"
        );
        assert!(text.contains("redacted-"), "{format}");
    }
    // The same value gives the same text in every export.
    let a = out(&run(
        &["preview", &users(), "--redact", "--format", "json"],
        "",
    ));
    let b = out(&run(
        &["preview", &users(), "--redact", "--format", "json"],
        "",
    ));
    assert_eq!(a, b);
}

#[test]
fn a_mapping_option_given_the_other_kind_of_file_names_the_right_option() {
    let schema = format!(
        "{}/tests/data/schema/schema.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let output = run(&["preview", &users(), "--mapping", &schema], "");
    assert_eq!(output.status.code(), Some(2));
    assert!(
        err(&output).contains(
            "this is Azure's schema JSON, not a mapping file saved by SCIM \
             Preflight; use --schema "
        ),
        "{}",
        err(&output)
    );
    assert_eq!(out(&output), "");

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mappings.json");
    std::fs::write(&path, file::to_json(&presets::azure_defaults())).unwrap();
    let output = run(
        &["preview", &users(), "--schema", path.to_str().unwrap()],
        "",
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(
        err(&output).contains(
            "this is a mapping file saved by SCIM Preflight, not Azure's schema \
             JSON; use --mapping "
        ),
        "{}",
        err(&output)
    );
}

#[test]
fn paths_of_an_attribute_no_user_has_says_so_and_exits_2() {
    let output = run(&["paths", &users(), "--attribute", "Department"], "");
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(out(&output), "");
    assert_eq!(
        err(&output),
        "scim-preflight paths: no loaded user has [Department], but 8 users have \
         [department]: attribute names are case-sensitive. Use --attribute department instead.\n"
    );
    let output = run(&["paths", &users(), "--attribute", "costCentre"], "");
    assert_eq!(output.status.code(), Some(2));
    let message = err(&output);
    assert!(
        message.contains("no loaded user has [costCentre]. Check the spelling")
            && message.contains("include [costCentre] in the export"),
        "{message}"
    );
    assert!(!message.contains("Levels"), "{message}");
}

#[test]
fn mapping_and_schema_files_saved_by_windows_tools_are_read_by_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let schema = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/schema/schema.json"),
    )
    .unwrap();
    // UTF-16 LE with a byte-order mark and CRLF, as Notepad and Windows PowerShell 5.1 save.
    let crlf = schema.replace('\n', "\r\n");
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(crlf.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let utf8 = dir.path().join("schema.json");
    let windows = dir.path().join("skjema fra Notepad.json");
    std::fs::write(&utf8, &schema).unwrap();
    std::fs::write(&windows, utf16).unwrap();
    let (utf8, windows) = (utf8.to_str().unwrap(), windows.to_str().unwrap());
    let preview = |schema: &str| {
        let output = run(
            &["preview", &users(), "--schema", schema, "--format", "json"],
            "",
        );
        assert_eq!(output.status.code(), Some(0), "{}", err(&output));
        out(&output)
    };
    assert_eq!(preview(utf8), preview(windows));
    let output = run(
        &["diff", &users(), "--from", windows, "--to", "defaults"],
        "",
    );
    assert_eq!(output.status.code(), Some(0), "{}", err(&output));
    // A binary file is still refused, saying what it is.
    let zip = dir.path().join("mappings.json");
    std::fs::write(&zip, b"PK\x03\x04\x00\x00binary").unwrap();
    let output = run(
        &["preview", &users(), "--mapping", zip.to_str().unwrap()],
        "",
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(
        err(&output).contains("is not a text file"),
        "{}",
        err(&output)
    );
}

#[test]
fn the_tree_names_every_skipped_user_with_the_reason() {
    let output = run(&["preview", &users()], "");
    assert_eq!(output.status.code(), Some(0), "{}", err(&output));
    let text = out(&output);
    let skipped = text
        .split_once("\nSkipped (Azure would not create these users):\n")
        .map(|(_, rest)| rest)
        .unwrap_or_else(|| panic!("no Skipped section: {text}"));
    let lines: Vec<&str> = skipped.lines().take_while(|l| !l.is_empty()).collect();
    assert_eq!(
        lines,
        [
            "- aino@vindel.example: disabled in Entra (account enabled is No): Azure does not \
             create disabled users; for one already in Secure Practice, it sets active to false",
            "- 00000000-0000-0000-0000-000000000009: no value for the matching attribute \
             (userName): Azure cannot match or create this user, and reports an error",
        ]
    );
    assert!(
        text.find("\nSkipped (").unwrap() < text.find("\nProblems found:").unwrap(),
        "after the tree, before the problems"
    );
    // The same words in JSON and CSV.
    let json: serde_json::Value =
        serde_json::from_str(&out(&run(&["preview", &users(), "--format", "json"], ""))).unwrap();
    assert_eq!(
        json["users"][3]["skipped"]["detail"],
        lines[0].trim_start_matches("- aino@vindel.example: ")
    );
    assert_eq!(json["users"][3]["skipped"]["reason"], "disabled");
    assert_eq!(
        json["scope"],
        serde_json::json!({"assumesAllAssigned": true, "inScope": 7,
            "skipped": {"disabled": 1, "noMatchingValue": 1}})
    );
    let csv = out(&run(&["preview", &users(), "--format", "csv"], ""));
    assert!(csv.contains(",\"disabled in Entra (account enabled is No): Azure does not"));
}

/// Users whose manager Azure skips (disabled) or who is not among the loaded users.
const MANAGERS: &str = r#"{"value": [
    {"id": "m1", "userPrincipalName": "boss@example.com", "accountEnabled": false,
     "department": "Sales"},
    {"id": "u1", "userPrincipalName": "anna@example.com", "accountEnabled": true,
     "department": "Sales", "manager": {"id": "m1"}},
    {"id": "u2", "userPrincipalName": "bert@example.com", "accountEnabled": true,
     "department": "Sales", "manager": {"id": "elsewhere"}},
    {"id": "u3", "userPrincipalName": "cleo@example.com", "accountEnabled": true,
     "department": "Sales", "manager": {"id": "u1"}}
]}"#;

#[test]
fn users_whose_manager_is_not_provisioned_are_a_problem() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("managers.json");
    std::fs::write(&path, MANAGERS).unwrap();
    let path = path.to_str().unwrap();
    let output = run(&["preview", path], "");
    assert_eq!(output.status.code(), Some(0), "{}", err(&output));
    let text = out(&output);
    assert!(
        text.contains(
            "- 1 user has a manager whom Azure skips (see Skipped): Azure sends no manager for \
             this user, so the reporting line is missing in Secure Practice. Enable the \
             manager's account in Entra (or give the manager the missing value), or give the \
             user another manager. [anna@example.com]\n"
        ),
        "{text}"
    );
    assert!(
        text.contains(
            "- 1 user has a manager who is not among the loaded users. Azure sets the manager \
             only if it provisions that manager too (assigned to the app in Entra); if not, \
             this user gets no manager in Secure Practice. Load the export of every user to \
             check. [bert@example.com]\n"
        ),
        "{text}"
    );
    assert!(
        text.contains("- boss@example.com: disabled in Entra"),
        "{text}"
    );
    // The problem and the manager PATCH come from one decision: no PATCH where the manager is
    // skipped, one naming the absent manager where they are not loaded.
    let json: serde_json::Value =
        serde_json::from_str(&out(&run(&["preview", path, "--format", "json"], ""))).unwrap();
    let kinds: Vec<(&str, Vec<&str>)> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["kind"].as_str().unwrap().starts_with("manager-"))
        .map(|d| {
            (
                d["kind"].as_str().unwrap(),
                d["users"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|u| u.as_str().unwrap())
                    .collect(),
            )
        })
        .collect();
    assert_eq!(
        kinds,
        [
            ("manager-skipped", vec!["u1"]),
            ("manager-not-loaded", vec!["u2"])
        ]
    );
    let users = json["users"].as_array().unwrap();
    assert_eq!(users[1]["managerPatch"], serde_json::Value::Null);
    assert!(
        users[2]["managerPatch"]
            .to_string()
            .contains("who is not in the loaded users"),
        "{}",
        users[2]["managerPatch"]
    );
    assert!(
        users[3]["managerPatch"]
            .to_string()
            .contains("{id in Secure Practice of anna@example.com}")
    );
    // Without a manager mapping there is no such problem.
    let output = run(&["preview", path, "--mapping", &only_user_name(&dir)], "");
    assert!(!out(&output).contains("manager"), "{}", out(&output));
}

/// A mapping file with the userName mapping alone.
fn only_user_name(dir: &tempfile::TempDir) -> String {
    let mut set = presets::azure_defaults();
    set.mappings.retain(|m| m.target == "userName");
    let path = dir.path().join("user-name.json");
    std::fs::write(&path, file::to_json(&set)).unwrap();
    path.to_str().unwrap().to_owned()
}

#[test]
fn assignments_files_say_who_azure_provisions() {
    let dir = format!("{}/tests/data/scope", env!("CARGO_MANIFEST_DIR"));
    let group = |n: u8| format!("{dir}/members-5a1e0c2b-0000-4000-8000-00000000000{n}.json");
    let output = run(
        &[
            "preview",
            &users(),
            "--assignments",
            &format!("{dir}/assignments.json"),
            &group(1),
            &group(2),
            &group(3),
            "--schema",
            &format!("{dir}/schema-scoped.json"),
        ],
        "",
    );
    assert_eq!(output.status.code(), Some(0), "{}", err(&output));
    let text = out(&output);
    assert!(!text.contains("assumes every loaded user"), "{text}");
    assert!(
        text.contains("- skipped, not assigned to the app: 4\n"),
        "{text}"
    );
    assert!(
        text.contains("- dana@vindel.example: not assigned to the app: a member of group"),
        "{text}"
    );
    assert!(
        text.contains("- carl@vindel.example: outside the scoping filter \"Staff, not engineers\""),
        "{text}"
    );
    let said = err(&output);
    assert!(
        said.contains("assignments.json: 4 assignments of the app (2 groups, 2 users), UTF-8"),
        "{said}"
    );
    assert!(said.contains("UTF-16 LE"), "{said}");
    assert!(
        said.contains("The assigned group \"Engineering\" (5a1e0c2b-0000-4000-8000-000000000004) has no member list loaded"),
        "{said}"
    );
    assert!(
        said.contains("groups/5a1e0c2b-0000-4000-8000-000000000004/members"),
        "{said}"
    );
    // A file that is neither is refused with what to do.
    let output = run(&["preview", &users(), "--assignments", &users()], "");
    assert_eq!(output.status.code(), Some(2));
}
