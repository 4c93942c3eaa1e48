//! `scim-preflight logs` as a process: the text report, the JSON, users from --users or from
//! the logs' import steps, and exit 2 with the cause and the fix for files it cannot read.

mod common;

use common::{err, out, run};

fn fixture(path: &str) -> String {
    format!("{}/tests/data/logs/{path}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn json_gives_the_figures_and_every_difference() {
    let output = run(
        &["logs", &fixture("graph-page.json"), "--format", "json"],
        "",
    );
    assert_eq!(output.status.code(), Some(0), "{}", err(&output));
    let value: serde_json::Value = serde_json::from_str(&out(&output)).unwrap();
    assert_eq!(value["records"], 6);
    assert_eq!(value["users"], 5);
    assert_eq!(value["compared"], 24);
    assert_eq!(value["agree"], 23);
    assert_eq!(value["differences"].as_array().unwrap().len(), 1);
    assert_eq!(value["differences"][0]["target"], "name.formatted");
    assert_eq!(
        value["actions"][0]["user"],
        "dmitri.volkov@vindel-instruments.example"
    );
    assert_eq!(value["actions"][0]["preview"], "create");
}

#[test]
fn users_from_an_export_explain_what_changed_since() {
    let output = run(
        &[
            "logs",
            &fixture("ProvisioningLogs.csv"),
            &fixture("ProvisioningLogs_ProvisioningSteps.csv"),
            &fixture("ProvisioningLogs_ModifiedProperties.csv"),
            "--users",
            &fixture("users-later.json"),
        ],
        "",
    );
    assert_eq!(output.status.code(), Some(0), "{}", err(&output));
    let text = out(&output);
    assert!(
        text.contains("6 records of 5 users; 5 found among the loaded users.\n"),
        "{text}"
    );
    assert!(text.contains(
        "Attributes compared: 24; 22 agree; 1 difference explained by a change in Entra after the log.\n"
    ));
    assert!(text.contains(
        "  bjorn.lie@vindel-instruments.example urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department: Azure sent \"Marketing\", the preview has \"Sales & Marketing\"\n    explained: department changed in Entra after the log"
    ), "{text}");
    assert!(text.contains("Create or skip differs:\n  dmitri.volkov@vindel-instruments.example: Azure skipped (not assigned, out of scope or disabled); the preview says create\n"));
    assert!(text.contains(
        "admin center Download logs CSV (their provisioning steps), UTF-8 with BOM, 18 rows"
    ));
}

#[test]
fn the_mapping_options_are_those_of_preview() {
    // The defaults have no organization mapping: Azure's organization values are then not
    // sent by the current mappings.
    let output = run(
        &[
            "logs",
            &fixture("download.json"),
            "--preset",
            "defaults",
            "--format",
            "json",
        ],
        "",
    );
    assert_eq!(output.status.code(), Some(0), "{}", err(&output));
    let value: serde_json::Value = serde_json::from_str(&out(&output)).unwrap();
    let organization: Vec<&serde_json::Value> = value["differences"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["target"].as_str().unwrap().ends_with(":organization"))
        .collect();
    assert_eq!(organization.len(), 2, "Åse's and Eva's");
    assert_eq!(organization[0]["preview"], serde_json::Value::Null);
}

#[test]
fn broken_files_exit_2_with_the_cause_and_the_fix() {
    let output = run(&["logs", &fixture("broken/mggraph-depth-2.json")], "");
    assert_eq!(output.status.code(), Some(2));
    assert!(err(&output).contains("mggraph-depth-2.json: PowerShell cut these log records short"));
    assert!(out(&output).is_empty());
    let output = run(&["logs", &fixture("broken/users-not-logs.json")], "");
    assert_eq!(output.status.code(), Some(2));
    assert!(err(&output).contains("This is a user export, not provisioning logs"));
    // Logs without import steps and no --users: nothing to preview.
    let output = run(&["logs", &fixture("ProvisioningLogs.csv")], "");
    assert_eq!(output.status.code(), Some(2));
    assert!(
        err(&output).contains("Give the users too: --users FILE"),
        "{}",
        err(&output)
    );
    let output = run(
        &[
            "logs",
            &fixture("graph-page.json"),
            "--users",
            &fixture("broken/empty.json"),
        ],
        "",
    );
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn the_user_importer_points_log_files_to_the_logs() {
    let output = run(&["import", &fixture("graph-page.json")], "");
    assert_eq!(output.status.code(), Some(2));
    assert!(
        err(&output).contains("it holds provisioning logs"),
        "{}",
        err(&output)
    );
}
