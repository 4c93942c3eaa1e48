//! The importer on the project's fixtures: every shape and encoding loads to the same users,
//! and every file of the malformed corpus gets its expected message without a panic.

use std::path::{Path, PathBuf};

use scim_preflight::import::shape::Container;
use scim_preflight::import::{Input, Progress, UserSet, summary};

fn fixture(folder: &str, name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/import")
        .join(folder)
        .join(name)
}

fn load(names: &[&str]) -> UserSet {
    let inputs: Vec<Input> = names
        .iter()
        .map(|n| Input::Path(fixture("valid", n)))
        .collect();
    let (set, errors) = UserSet::load(&inputs, &Progress::default());
    assert!(errors.is_empty(), "{errors:?}");
    set
}

/// (objectId, userPrincipalName, department, companyName, manager, IsSoftDeleted) of each user.
fn facts(set: &UserSet) -> Vec<[Option<String>; 6]> {
    set.users
        .iter()
        .map(|u| {
            [
                "objectId",
                "userPrincipalName",
                "department",
                "companyName",
                "manager",
                "IsSoftDeleted",
            ]
            .map(|name| u.text(&set.names, name).map(str::to_owned))
        })
        .collect()
}

#[test]
fn every_shape_of_the_same_export_gives_the_same_users() {
    let graph = load(&["graph-page.json"]);
    assert_eq!(graph.users.len(), 30);
    assert_eq!(summary::shape_id(&graph), "graph");
    let expected = facts(&graph);
    for (file, shape) in [
        ("az-array.json", "array"),
        ("mggraph.json", "mggraph"),
        ("json-lines.jsonl", "json-lines"),
        ("graph-pages-pasted.json", "graph"),
        ("array-utf8-bom.json", "array"),
        ("array-utf16le-bom-crlf.json", "array"),
        ("array-utf16be-bom.json", "array"),
        ("array-utf16le-no-bom.json", "array"),
    ] {
        let set = load(&[file]);
        assert_eq!(summary::shape_id(&set), shape, "{file}");
        assert_eq!(facts(&set), expected, "{file}");
    }
    // Pages saved separately and loaded together.
    let pages = load(&["graph-page-1-of-2.json", "graph-page-2-of-2.json"]);
    assert_eq!(facts(&pages), expected);
}

#[test]
fn encodings_are_named_in_the_report() {
    for (file, label) in [
        ("graph-page.json", "UTF-8"),
        ("array-utf8-bom.json", "UTF-8 with BOM"),
        ("array-utf16le-bom-crlf.json", "UTF-16 LE"),
        ("array-utf16be-bom.json", "UTF-16 BE"),
        ("array-windows-1252.json", "Windows-1252 (ANSI)"),
    ] {
        assert_eq!(load(&[file]).files[0].encoding.label(), label, "{file}");
    }
    let ansi = load(&["array-windows-1252.json"]);
    assert_eq!(
        ansi.users[0].text(&ansi.names, "displayName"),
        Some("Åse Øvergård")
    );
    assert!(ansi.warnings().iter().any(|w| w.contains("Windows-1252")));
    let no_bom = load(&["array-utf16le-no-bom.json"]);
    assert!(
        no_bom
            .warnings()
            .iter()
            .any(|w| w.contains("no byte-order mark"))
    );
}

#[test]
fn a_page_of_more_says_to_load_the_other_pages() {
    let first = load(&["graph-page-1-of-2.json"]);
    assert_eq!(first.users.len(), 15);
    let warnings = first.warnings();
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("one page of a longer list") && w.contains("$skiptoken")),
        "{warnings:?}"
    );
    // With the last page loaded too, the pages are complete: no warning.
    let both = load(&["graph-page-1-of-2.json", "graph-page-2-of-2.json"]);
    assert!(
        !both.warnings().iter().any(|w| w.contains("longer list")),
        "{:?}",
        both.warnings()
    );
    let pasted = load(&["graph-pages-pasted.json"]);
    assert_eq!(
        pasted.files[0].shape.container,
        Container::GraphPages(2),
        "two pages in one file"
    );
}

#[test]
fn the_same_users_twice_are_merged_by_object_id() {
    let set = load(&["graph-page.json", "az-array.json"]);
    assert_eq!(set.users.len(), 30);
    assert_eq!(set.merged, 30);
    assert!(
        set.warnings()
            .iter()
            .any(|w| w.contains("30 users appeared more than once"))
    );
}

#[test]
fn powershell_exports_single_users_and_legacy_names() {
    let single = load(&["mggraph-single-user.json"]);
    assert_eq!(single.users.len(), 1);
    assert!(single.files[0].shape.label().contains("one user"));
    let ps51 = load(&["mggraph-ps51-utf16.json"]);
    assert_eq!(ps51.users.len(), 5);
    assert_eq!(
        ps51.users[0].text(&ps51.names, "employeeHireDate"),
        Some("2015-08-17T00:00:00Z")
    );
    assert!(
        ps51.warnings()
            .iter()
            .any(|w| w.contains("ConvertTo-Json -Depth 5")),
        "{:?}",
        ps51.warnings()
    );
    let legacy = load(&["legacy-aad-graph.json"]);
    assert_eq!(summary::shape_id(&legacy), "legacy-array");
    let user = &legacy.users[0];
    assert_eq!(user.text(&legacy.names, "telephoneNumber"), Some("+47 1"));
    assert_eq!(
        user.text(
            &legacy.names,
            "extension_5f1c2b7e9a8d4c3b8e6f0a1b2c3d4e5f_orgUnit"
        ),
        Some("OU-1")
    );
}

#[test]
fn portal_csvs_load_and_say_what_they_cannot_contain() {
    let csv = load(&["portal-2021.csv"]);
    assert_eq!(summary::shape_id(&csv), "portal-csv");
    assert_eq!(csv.users.len(), 2);
    let ase = &csv.users[0];
    assert_eq!(
        ase.text(&csv.names, "department"),
        Some("Vindel > Sales, EMEA")
    );
    assert_eq!(
        ase.text(&csv.names, "physicalDeliveryOfficeName"),
        Some("Oslo")
    );
    assert_eq!(
        ase.text(&csv.names, "companyName"),
        Some("Vindel Instruments AS")
    );
    let warning = csv
        .warnings()
        .into_iter()
        .find(|w| w.contains("no column for"))
        .unwrap();
    assert!(warning.contains("manager"), "{warning}");
    assert!(warning.contains("extension attributes"), "{warning}");
    assert!(
        !warning.contains("companyName"),
        "the 2021 file has it: {warning}"
    );
    let coverage = csv.coverage();
    let manager = coverage.iter().find(|r| r.attribute == "manager").unwrap();
    assert!(manager.not_in_export);
    let labels = load(&["portal-semicolon-labels.csv"]);
    assert_eq!(
        labels.users[1].text(&labels.names, "companyName"),
        Some("Vindel AB")
    );
    let documented = load(&["portal-download.csv"]);
    assert_eq!(documented.users.len(), 30);
    assert!(
        documented
            .warnings()
            .iter()
            .any(|w| w.contains("companyName"))
    );
}

#[test]
fn every_malformed_file_gets_its_message_and_nothing_panics() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/import/malformed");
    let manifest = std::fs::read_to_string(folder.join("expected.tsv")).unwrap();
    let mut checked = 0;
    let mut failures = Vec::new();
    for line in manifest.lines().filter(|l| !l.starts_with('#')) {
        let [file, kind, message] = line.split('\t').collect::<Vec<_>>()[..] else {
            panic!("bad manifest line {line:?}");
        };
        let (set, errors) = UserSet::load(&[Input::Path(folder.join(file))], &Progress::default());
        checked += 1;
        match &errors[..] {
            [only] if set.users.is_empty() => {
                let error = &only.error;
                if error.kind() != kind || !error.to_string().contains(message) {
                    failures.push(format!(
                        "{file}: expected {kind} with {message:?}, got {}: {error}",
                        error.kind()
                    ));
                }
            }
            _ => failures.push(format!(
                "{file}: {} users, errors {errors:?}",
                set.users.len()
            )),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(checked >= 30, "only {checked} malformed files");
}

#[test]
fn a_failed_file_does_not_lose_the_others() {
    let inputs = [
        Input::Path(fixture("valid", "graph-page.json")),
        Input::Path(fixture("malformed", "truncated-array.json")),
        Input::Path(fixture("valid", "nonexistent.json")),
    ];
    let (set, errors) = UserSet::load(&inputs, &Progress::default());
    assert_eq!(set.users.len(), 30);
    assert_eq!(errors.len(), 2);
    assert_eq!(errors[0].error.kind(), "truncated");
    assert_eq!(errors[1].error.kind(), "io");
    assert!(
        errors[1]
            .to_string()
            .starts_with("nonexistent.json: The file could not be read")
    );
}

#[test]
fn cancel_stops_a_load_and_keeps_nothing_half_done() {
    let progress = Progress::default();
    progress
        .cancel
        .store(true, std::sync::atomic::Ordering::Relaxed);
    let (set, errors) = UserSet::load(
        &[Input::Path(fixture("valid", "graph-page.json"))],
        &progress,
    );
    assert!(set.users.is_empty() && set.files.is_empty());
    assert_eq!(errors[0].error.kind(), "cancelled");
}
