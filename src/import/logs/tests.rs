//! Tests of the provisioning log reader's pieces (the fixtures are read by tests/logs_import.rs).

use serde_json::json;

use super::*;

#[test]
fn graph_values_are_read_without_regard_to_case() {
    assert_eq!(Action::parse("create"), Action::Create);
    assert_eq!(Action::parse("Create user"), Action::Create);
    assert_eq!(Action::parse("StagedDelete"), Action::Delete);
    assert_eq!(Action::parse("unknownFutureValue"), Action::Other);
    assert_eq!(Status::parse("Skipped"), Status::Skipped);
    assert_eq!(Status::parse("failure"), Status::Failure);
    assert_eq!(
        StepKind::parse("referenceResolution"),
        StepKind::ReferenceResolution
    );
    assert_eq!(StepKind::parse("Matching"), StepKind::Matching);
}

#[test]
fn details_are_objects_powershell_dictionaries_or_pairs() {
    let plain = json::flatten_details(&json!({"a": "1", "b": true, "c": null, "@odata.type": "x"}));
    assert_eq!(
        plain,
        [("a".into(), "1".into()), ("b".into(), "True".into())]
    );
    let powershell = json::flatten_details(&json!({"AdditionalProperties": {"a": "1"}}));
    assert_eq!(powershell, [("a".to_owned(), "1".to_owned())]);
    let pairs =
        json::flatten_details(&json!([{"key": "a", "value": "1"}, {"Key": "b", "Value": 2}]));
    assert_eq!(pairs, [("a".into(), "1".into()), ("b".into(), "2".into())]);
}

#[test]
fn a_step_csv_reads_details_as_json_or_as_pairs() {
    let mut parts = csv::Parts::default();
    let logs = "Change ID,Action,Status\r\nc1,Update,Success\r\n";
    let steps = "Change ID,Step Name,Step Type,Status,Description,Details\r\n\
                 c1,EntryImport,Import,Success,Read,\"objectId: 1; department: Sales\"\r\n\
                 c1,EntryExportUpdate,Export,Success,Sent,\"{\"\"ReportableIdentifier\"\": \"\"a@b\"\"}\"\r\n";
    assert_eq!(parts.add(logs, 0).unwrap(), (csv::CsvPart::Logs, 1));
    assert_eq!(parts.add(steps, 1).unwrap(), (csv::CsvPart::Steps, 2));
    let (records, notes) = parts.join();
    assert!(notes.is_empty());
    let import = records[0].import_step().unwrap();
    assert_eq!(import.detail("department"), Some("Sales"));
    assert_eq!(
        records[0].steps[1].detail("reportableidentifier"),
        Some("a@b")
    );
    assert!(records[0].exported());
}

#[test]
fn semicolon_csv_and_log_headers_are_recognized() {
    assert!(csv::looks_like_log_header(
        "Change ID;Name;Old Value;New Value"
    ));
    assert!(csv::looks_like_log_header("\"changeId\",\"action\""));
    assert!(!csv::looks_like_log_header("userPrincipalName,displayName"));
    let mut parts = csv::Parts::default();
    let text = "Change ID;Name;Old Value;New Value\nc1;userName;;a@b\n";
    assert_eq!(parts.add(text, 0).unwrap(), (csv::CsvPart::Properties, 1));
}

#[test]
fn a_record_without_an_id_in_its_source_uses_its_import_step() {
    let text = r#"[{"provisioningAction": "create",
        "provisioningStatusInfo": {"status": "success"},
        "sourceIdentity": {"id": "", "identityType": "User"},
        "provisioningSteps": [{"provisioningStepType": "import", "status": "success",
            "details": {"objectId": "7", "userPrincipalName": "a@b"}}]}]"#;
    let read = json::read(text, 0).unwrap();
    assert_eq!(read.records[0].source_id(), Some("7"));
    assert_eq!(read.records[0].user_label(), "a@b");
    assert!(
        !read.records[0].exported(),
        "a create with steps but no export step sent nothing"
    );
}
