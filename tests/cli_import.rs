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
    assert!(text.contains("Attribute coverage:"));
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
            .any(|w| w.as_str().unwrap().contains("@odata.nextLink"))
    );
}

#[test]
fn unreadable_input_exits_2_with_the_cause() {
    let output = run(&["import", &fixture("malformed/missing-comma.json")], "");
    assert_eq!(output.status.code(), Some(2));
    assert!(out(&output).is_empty());
    let message = err(&output);
    assert!(
        message.contains("missing-comma.json: line 3, column 4: expected `,` or `}`"),
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
            "This JSON is not a list of users: it has @odata keys but no `value` list of users."
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
        text.contains("graph-delta-2-of-2.json: 2 entries are marked `@removed`"),
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
