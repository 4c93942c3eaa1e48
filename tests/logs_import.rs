//! Provisioning logs in every shape an admin gets them (tests/data/logs, written by
//! scripts/make-log-fixtures.py), and broken files refused with the cause and the fix.

use scim_preflight::import::Input;
use scim_preflight::import::decode::{DecodeError, Encoding};
use scim_preflight::import::logs::csv::CsvPart;
use scim_preflight::import::logs::users::users_from_logs;
use scim_preflight::import::logs::{Action, LogError, LogSet, LogShape, Status, StepKind};

fn fixture(path: &str) -> Input {
    Input::Path(format!("{}/tests/data/logs/{path}", env!("CARGO_MANIFEST_DIR")).into())
}

fn load(paths: &[&str]) -> LogSet {
    let inputs: Vec<Input> = paths.iter().map(|p| fixture(p)).collect();
    let (set, errors) = LogSet::load(&inputs);
    assert!(errors.is_empty(), "{errors:?}");
    set
}

fn error(path: &str) -> LogError {
    let (set, mut errors) = LogSet::load(&[fixture(path)]);
    assert!(set.records.is_empty(), "{path}");
    assert_eq!(errors.len(), 1, "{path}");
    errors.remove(0).error
}

/// The records every full fixture holds: five users' and one group's.
fn check_records(set: &LogSet) {
    assert_eq!(set.records.len(), 6);
    assert_eq!(set.user_records().count(), 5);
    let ase = &set.records[0];
    assert_eq!(ase.action, Action::Create);
    assert_eq!(ase.status, Status::Success);
    assert_eq!(ase.source.id, "11111111-0000-4000-8000-000000000001");
    assert_eq!(ase.user_label(), "ase.overgard@vindel-instruments.example");
    let kinds: Vec<StepKind> = ase.steps.iter().map(|s| s.kind).collect();
    assert_eq!(
        kinds,
        [
            StepKind::Import,
            StepKind::Scoping,
            StepKind::Matching,
            StepKind::Export
        ]
    );
    let import = ase.import_step().unwrap();
    assert_eq!(import.detail("department"), Some("Sales"));
    assert_eq!(import.detail("displayName"), Some("Åse Øvergård"));
    assert!(ase.exported());
    let user_name = ase.modified.iter().find(|m| m.name == "userName").unwrap();
    assert_eq!(user_name.old, None);
    assert_eq!(
        user_name.new.as_deref(),
        Some("ase.overgard@vindel-instruments.example")
    );
    assert_eq!(ase.modified.len(), 12);
    let bjorn = &set.records[1];
    assert_eq!(bjorn.action, Action::Update);
    let department = bjorn
        .modified
        .iter()
        .find(|m| m.name.ends_with(":department"))
        .unwrap();
    assert_eq!(department.old.as_deref(), Some("Sales"));
    assert_eq!(department.new.as_deref(), Some("Marketing"));
    let carla = &set.records[2];
    assert_eq!(carla.status, Status::Skipped);
    assert_eq!(carla.skip_code(), Some("NotEffectivelyEntitled"));
    assert!(!carla.exported());
    assert!(!set.records[5].is_user(), "the group's record");
}

#[test]
fn a_graph_page_is_read_record_by_record() {
    let set = load(&["graph-page.json"]);
    check_records(&set);
    assert_eq!(set.files[0].shape, LogShape::GraphPages(1));
    assert_eq!(set.files[0].encoding, Encoding::Utf8);
    assert!(set.files[0].notes.is_empty());
}

#[test]
fn pages_pasted_together_and_a_first_page_alone() {
    let set = load(&["graph-pages-pasted.json"]);
    check_records(&set);
    assert_eq!(set.files[0].shape, LogShape::GraphPages(2));
    assert!(set.files[0].notes.is_empty(), "the last page has no link");
    let first = load(&["graph-page-1-of-2.json"]);
    assert_eq!(first.records.len(), 3);
    assert!(
        first.files[0].notes[0].contains("one page of a longer list"),
        "{:?}",
        first.files[0].notes
    );
}

#[test]
fn the_admin_centers_json_download_is_a_bare_list() {
    let set = load(&["download.json"]);
    check_records(&set);
    assert_eq!(set.files[0].shape, LogShape::Array);
    assert_eq!(set.files[0].encoding, Encoding::Utf8Bom);
}

#[test]
fn powershell_names_and_utf16_are_read_alike() {
    let set = load(&["mggraph.json"]);
    assert_eq!(set.files[0].shape, LogShape::PowerShell);
    assert_eq!(set.files[0].encoding, Encoding::Utf16Le);
    assert_eq!(set.records.len(), 5);
    let ase = &set.records[0];
    assert_eq!(ase.action, Action::Create);
    assert_eq!(ase.status, Status::Success);
    // Details sit under AdditionalProperties.
    assert_eq!(
        ase.import_step().unwrap().detail("department"),
        Some("Sales")
    );
    assert_eq!(ase.modified.len(), 12);
    assert_eq!(set.records[2].skip_code(), Some("NotEffectivelyEntitled"));
}

#[test]
fn a_provision_on_demand_result_is_one_record() {
    let set = load(&["on-demand.json"]);
    assert_eq!(set.files[0].shape, LogShape::OnDemand);
    assert_eq!(set.records.len(), 1);
    let record = &set.records[0];
    assert_eq!(record.action, Action::Create);
    assert_eq!(record.status, Status::Success);
    assert_eq!(record.source.id, "11111111-0000-4000-8000-000000000001");
    let kinds: Vec<StepKind> = record.steps.iter().map(|s| s.kind).collect();
    assert_eq!(
        kinds,
        [StepKind::Import, StepKind::Scoping, StepKind::Export]
    );
    assert!(record.exported());
}

#[test]
fn the_three_csv_files_are_joined_by_change_id_in_any_order() {
    let set = load(&[
        "ProvisioningLogs_ModifiedProperties.csv",
        "ProvisioningLogs.csv",
        "ProvisioningLogs_ProvisioningSteps.csv",
    ]);
    check_records(&set);
    let parts: Vec<LogShape> = set.files.iter().map(|f| f.shape).collect();
    assert_eq!(
        parts,
        [
            LogShape::Csv(CsvPart::Properties),
            LogShape::Csv(CsvPart::Logs),
            LogShape::Csv(CsvPart::Steps)
        ]
    );
    assert_eq!(set.notes.len(), 1, "{:?}", set.notes);
    assert!(set.notes[0].contains("Azure may differ here"));
    assert_eq!(set.files[1].count(), "6 records");
    assert_eq!(set.files[2].count(), "18 rows");
}

#[test]
fn csv_rows_without_their_logs_file_are_noted() {
    let set = load(&["ProvisioningLogs_ProvisioningSteps.csv"]);
    assert!(set.records.is_empty());
    assert_eq!(
        set.notes[..1],
        [
            "18 step rows of the Download logs CSV have no record in the logs file \
          (ProvisioningLogs): load the three files of one download together."
        ]
    );
}

#[test]
fn the_import_steps_stand_in_for_a_user_export() {
    let users = users_from_logs(&load(&["graph-page.json"])).unwrap();
    assert_eq!(users.users.len(), 5, "the group has no import step");
    let carla = &users.users[2];
    assert_eq!(
        carla.text(&users.names, "userPrincipalName"),
        Some("carla.mendes@vindel-instruments.example")
    );
    assert_eq!(carla.text(&users.names, "IsSoftDeleted"), Some("True"));
    assert_eq!(
        users.users[0].text(&users.names, "companyName"),
        Some("Vindel Instruments AS")
    );
    // Step 2 names where these users came from, not the JSON the app made of them.
    let file = &users.files[0];
    assert_eq!(file.name, "the provisioning logs' import steps");
    assert_eq!(
        file.shape.label(),
        "the users as Azure read them, from the provisioning logs' import steps"
    );
    assert_eq!(file.shape.id(), "provisioning-logs");
}

#[test]
fn broken_files_name_the_cause_and_the_fix() {
    type Is = fn(&LogError) -> bool;
    let cases: [(&str, Is, &str); 9] = [
        (
            "broken/truncated.json",
            |e| matches!(e, LogError::Truncated { .. }),
            "cut off while saving",
        ),
        (
            "broken/graph-error.json",
            |e| matches!(e, LogError::GraphError(_)),
            "Neither tenant is B2C",
        ),
        (
            "broken/users-not-logs.json",
            |e| matches!(e, LogError::UserExport),
            "This is a user export, not provisioning logs",
        ),
        (
            "broken/empty-page.json",
            |e| matches!(e, LogError::NoRecords),
            "Check the filter",
        ),
        (
            "broken/empty.json",
            |e| matches!(e, LogError::Decode(DecodeError::Empty)),
            "The file is empty",
        ),
        (
            "broken/binary.json",
            |e| matches!(e, LogError::Decode(DecodeError::Binary { .. })),
            "unzip a download first",
        ),
        (
            "broken/not-json.json",
            |e| matches!(e, LogError::Json { line: 1, .. }),
            "line 1, column",
        ),
        (
            "broken/unknown-header.csv",
            |e| matches!(e, LogError::CsvHeader(_)),
            "(Name,Colour,Size) is not one of",
        ),
        (
            "broken/mggraph-depth-2.json",
            |e| matches!(e, LogError::DepthCut),
            "ConvertTo-Json -Depth 10",
        ),
    ];
    for (path, is, text) in cases {
        let error = error(path);
        assert!(is(&error), "{path}: {error:?}");
        assert!(error.to_string().contains(text), "{path}: {error}");
    }
}

#[test]
fn a_failed_file_leaves_the_others_loaded() {
    let (set, errors) = LogSet::load(&[
        fixture("broken/truncated.json"),
        fixture("graph-page.json"),
        fixture("no-such-file.json"),
    ]);
    assert_eq!(set.records.len(), 6);
    assert_eq!(errors.len(), 2);
    assert!(matches!(errors[1].error, LogError::Io(_)));
    assert!(errors[1].to_string().starts_with("no-such-file.json: "));
}

#[test]
fn no_input_panics() {
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    let base = std::fs::read(format!(
        "{}/tests/data/logs/graph-page.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    for round in 0..300 {
        let mut bytes = base.clone();
        for _ in 0..(round % 7 + 1) {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let at = (state as usize) % bytes.len();
            bytes[at] = (state >> 32) as u8;
        }
        bytes.truncate((state as usize >> 3) % (bytes.len() + 1));
        let input = Input::Bytes {
            name: "x".into(),
            bytes: bytes.into(),
        };
        let _ = LogSet::load(&[input]);
    }
}
