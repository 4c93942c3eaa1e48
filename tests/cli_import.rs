//! `scim-preflight import` as a process: the text summary, `--json`, and exit 2 with the
//! cause and the fix for files it cannot read.

mod common;

use common::{err, out, run};

fn fixture(path: &str) -> String {
    format!("{}/tests/data/import/{path}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn prints_the_summary_with_coverage_and_advice() {
    let output = run(&["import", &fixture("valid/mggraph-ps51-utf16.json")], "");
    assert_eq!(output.status.code(), Some(0), "{}", err(&output));
    let text = out(&output);
    assert!(text.starts_with("5 users loaded from 1 file.\n"), "{text}");
    assert!(
        text.contains(
            "Microsoft Graph PowerShell (Get-MgUser | ConvertTo-Json), UTF-16 LE, 5 users"
        )
    );
    assert!(text.contains("Attribute coverage (the attributes the mappings read first):"));
    assert!(text.contains("ConvertTo-Json -Depth 5"));
}

#[test]
fn json_output_has_users_shape_coverage_and_warnings() {
    let output = run(
        &["import", "--json", &fixture("valid/graph-page-1-of-2.json")],
        "",
    );
    assert_eq!(output.status.code(), Some(0), "{}", err(&output));
    let value: serde_json::Value = serde_json::from_str(&out(&output)).unwrap();
    assert_eq!(value["users"], 15);
    assert_eq!(value["shape"], "graph");
    assert_eq!(value["coverage"]["userPrincipalName"], 1.0);
    assert!(value["coverage"]["companyName"].as_f64().unwrap() < 1.0);
    assert_eq!(value["files"][0]["encoding"], "UTF-8");
    let warnings = value["warnings"].as_array().unwrap();
    assert!(
        warnings
            .iter()
            .any(|w| w.as_str().unwrap().contains("the next page link"))
    );
}

#[test]
fn unreadable_input_exits_2_with_the_cause() {
    let output = run(&["import", &fixture("malformed/missing-comma.json")], "");
    assert_eq!(output.status.code(), Some(2));
    assert!(out(&output).is_empty());
    let message = err(&output);
    assert!(
        message.contains("missing-comma.json: line 3, column 4: expected \",\" or \"}\""),
        "{message}"
    );
    let output = run(
        &["import", &fixture("malformed/provisioning-schema.json")],
        "",
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(err(&output).contains("Open it in step 3"));
    let output = run(&["import", "/nonexistent/users.json"], "");
    assert_eq!(output.status.code(), Some(2));
    assert!(err(&output).contains("could not be read"));
}

#[test]
fn one_bad_file_among_good_ones_still_exits_2_but_prints_the_rest() {
    let output = run(
        &[
            "import",
            &fixture("valid/graph-page.json"),
            &fixture("malformed/empty.json"),
        ],
        "",
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(err(&output).contains("empty.json: The file is empty"));
    assert!(out(&output).starts_with("30 users loaded from 1 file."));
}

#[test]
fn one_user_from_graph_explorer_or_az_loads() {
    for file in ["valid/graph-me.json", "valid/az-user-show.json"] {
        let output = run(&["import", &fixture(file)], "");
        assert_eq!(output.status.code(), Some(0), "{file}: {}", err(&output));
        let text = out(&output);
        assert!(text.starts_with("1 user loaded from 1 file.\n"), "{text}");
        assert!(
            text.contains(
                "one Microsoft Graph user (GET /users/{id} or /me, az ad user show), UTF-8, 1 user"
            ),
            "{text}"
        );
    }
    // A single object that is not a user is refused as before.
    let output = run(
        &[
            "import",
            &fixture("malformed/service-principal-entity.json"),
        ],
        "",
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(
        err(&output).contains(
            "This JSON is not a list of users: it has @odata keys but no \"value\" list of users."
        ),
        "{}",
        err(&output)
    );
}

#[test]
fn pages_with_empty_entries_and_delta_pages_say_what_was_left_out() {
    let output = run(
        &[
            "import",
            "--json",
            &fixture("valid/graph-page-empty-entries.json"),
        ],
        "",
    );
    assert_eq!(output.status.code(), Some(0), "{}", err(&output));
    let value: serde_json::Value = serde_json::from_str(&out(&output)).unwrap();
    assert_eq!(value["users"], 5);
    let warnings = value["warnings"].as_array().unwrap();
    assert!(
        warnings
            .iter()
            .any(|w| w.as_str().unwrap().starts_with(
                "3 entries have no id and no userPrincipalName, so they were left out"
            )),
        "{warnings:?}"
    );
    let output = run(
        &[
            "import",
            &fixture("valid/graph-delta-1-of-2.json"),
            &fixture("valid/graph-delta-2-of-2.json"),
        ],
        "",
    );
    assert_eq!(output.status.code(), Some(0), "{}", err(&output));
    let text = out(&output);
    assert!(text.starts_with("5 users loaded from 2 files.\n"), "{text}");
    assert!(
        text.contains("graph-delta-2-of-2.json: 2 entries are marked \"@removed\""),
        "{text}"
    );
    assert!(!text.contains("longer list"), "{text}");
    // Nothing left to load: exit 2 with the cause and the fix.
    let output = run(
        &["import", &fixture("malformed/page-only-empty-entries.json")],
        "",
    );
    assert_eq!(output.status.code(), Some(2));
    let message = err(&output);
    assert!(
        message.contains(
            "page-only-empty-entries.json: The file has no users to load: 3 entries have no id \
             and no userPrincipalName, so they were left out"
        ) && message.contains("Add id and userPrincipalName to $select"),
        "{message}"
    );
}

#[test]
fn the_coverage_and_the_advice_follow_the_mappings() {
    let file = format!(
        "{}/tests/data/preview/users.json",
        env!("CARGO_MANIFEST_DIR")
    );
    // The Secure Practice preset by default: its hierarchy is checked.
    let output = run(&["import", &file], "");
    assert_eq!(output.status.code(), Some(0), "{}", err(&output));
    let text = out(&output);
    assert!(
        text.contains(
            "  - 1 of 9 users has no companyName: they have no organization in the hierarchy \
             (they go under \"(no organization)\").\n"
        ),
        "{text}"
    );
    assert!(
        text.contains(
            "  - 6 of 9 users have no manager: they get no manager, so no reporting line.\n"
        ),
        "{text}"
    );
    assert!(
        text.contains(
            "  - None of the 9 users has streetAddress: every user's addresses[type eq \
             \"work\"].streetAddress is empty. Add streetAddress to the export.\n"
        ),
        "{text}"
    );
    let advice = |text: &str| {
        text.lines()
            .find(|l| l.starts_with("  GET "))
            .unwrap_or_else(|| panic!("{text}"))
            .to_owned()
    };
    let graph = advice(&text);
    for property in [
        "streetAddress",
        "city",
        "state",
        "postalCode",
        "country",
        "faxNumber",
        "officeLocation",
        "companyName",
        "employeeOrgData",
    ] {
        assert!(graph.contains(property), "{property}: {graph}");
    }

    // The defaults read no companyName: no gap for it, and the advice does not ask for it.
    let output = run(&["import", &file, "--preset", "defaults"], "");
    assert_eq!(output.status.code(), Some(0), "{}", err(&output));
    let text = out(&output);
    assert!(!text.contains("has no companyName"), "{text}");
    assert!(!advice(&text).contains("companyName"));
    assert!(advice(&text).contains("streetAddress"));
    let json = run(&["import", "--json", &file, "--preset", "defaults"], "");
    let value: serde_json::Value = serde_json::from_str(&out(&json)).unwrap();
    assert_eq!(value["coverage"]["userPrincipalName"], 0.8889);
    assert_eq!(value["coverage"]["streetAddress"], 0.0);

    // A mapping file: only what it reads is checked.
    let dir = tempfile::tempdir().unwrap();
    let mut set = scim_preflight::mapping::presets::azure_defaults();
    set.mappings.retain(|m| m.target == "userName");
    set.mappings
        .push(scim_preflight::mapping::Mapping::expression(
            "Join(\" \", [city], [facsimileTelephoneNumber])",
            "title",
        ));
    let path = dir.path().join("mappings.json");
    std::fs::write(&path, scim_preflight::mapping::file::to_json(&set)).unwrap();
    let output = run(&["import", &file, "--mapping", path.to_str().unwrap()], "");
    assert_eq!(output.status.code(), Some(0), "{}", err(&output));
    let text = out(&output);
    assert!(
        text.contains("  - 6 of 9 users have no city: their title is computed without it.\n"),
        "{text}"
    );
    assert_eq!(
        advice(&text),
        "  GET https://graph.microsoft.com/v1.0/users?$select=userPrincipalName,city,faxNumber,\
         id,accountEnabled"
    );
    // The other kind of file is refused with the option to use.
    let output = run(&["import", &file, "--schema", path.to_str().unwrap()], "");
    assert_eq!(output.status.code(), Some(2));
    assert!(err(&output).contains("use --mapping"), "{}", err(&output));
}

#[test]
fn the_help_names_the_mapping_options() {
    let help = out(&run(&["import", "--help"], ""));
    for option in ["--mapping", "--schema", "--preset"] {
        assert!(help.contains(option), "{help}");
    }
}
