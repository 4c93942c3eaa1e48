//! The importer on the project's fixtures: every shape and encoding loads to the same users,
//! and every file of the malformed corpus gets its expected message without a panic.

use std::path::{Path, PathBuf};

use scim_preflight::import::finding::Finding;
use scim_preflight::import::left_out::LeftOut;
use scim_preflight::import::shape::Container;
use scim_preflight::import::warning::{Severity, Warning};
use scim_preflight::import::{Input, Progress, UserSet, summary};
use scim_preflight::mapping::presets;
use scim_preflight::preview::needs;

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
        // $expand=manager($levels=max): each manager holds its own; the user's manager is the
        // first one's id.
        ("graph-expand-manager-levels.json", "graph"),
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
    let coverage = csv.coverage(&needs::of(&presets::secure_practice()));
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

/// (objectId, userPrincipalName, department, accountEnabled, IsSoftDeleted) of each user, by
/// objectId: merged sets list users in the order of their files.
fn merged_facts(set: &UserSet) -> Vec<[Option<String>; 5]> {
    let mut facts: Vec<_> = set
        .users
        .iter()
        .map(|u| {
            [
                "objectId",
                "userPrincipalName",
                "department",
                "accountEnabled",
                "IsSoftDeleted",
            ]
            .map(|name| u.text(&set.names, name).map(str::to_owned))
        })
        .collect();
    facts.sort();
    facts
}

#[test]
fn conflicting_copies_keep_the_same_values_in_either_order_and_say_so() {
    let may = "conflict-2024-05.json";
    let june = "conflict-2024-06.json";
    let forward = load(&[may, june]);
    let backward = load(&[june, may]);
    // Loaded separately and added (the window's "Add files"), in both orders.
    let mut added = load(&[june]);
    added.extend(load(&[may]));
    let mut added_back = load(&[may]);
    added_back.extend(load(&[june]));
    let expected = merged_facts(&forward);
    for other in [&backward, &added, &added_back] {
        assert_eq!(merged_facts(other), expected);
        assert_eq!(other.conflicts(), forward.conflicts());
    }
    let id = |n: u8| Some(format!("33333333-0000-0000-0000-00000000000{n}"));
    let text = |s: &str| Some(s.to_owned());
    assert_eq!(
        expected,
        [
            // June's name sorts last: its department and accountEnabled are kept, and
            // IsSoftDeleted follows the accountEnabled kept.
            [
                id(1),
                text("ase@vindel.example"),
                text("Marketing"),
                text("False"),
                text("True")
            ],
            [
                id(2),
                text("bo.ek@vindel.example"),
                text("IT"),
                text("True"),
                text("False")
            ],
            // June has no accountEnabled for user 3: May's is taken, not June's assumption.
            [
                id(3),
                text("cy@vindel.example"),
                text("Finance"),
                text("False"),
                text("True")
            ],
        ]
    );
    let conflicts = forward.conflicts();
    let attributes: Vec<&str> = conflicts.iter().map(|c| c.attribute.as_str()).collect();
    assert_eq!(
        attributes,
        ["accountEnabled", "department", "userPrincipalName"]
    );
    let department = &conflicts[1];
    assert_eq!(department.users, 1);
    let example = &department.examples[0];
    assert_eq!(example.user, "ase@vindel.example");
    assert_eq!(
        (example.kept.value.as_str(), example.kept.file.as_str()),
        ("Marketing", june)
    );
    assert_eq!(example.dropped.len(), 1);
    assert_eq!(
        (
            example.dropped[0].value.as_str(),
            example.dropped[0].file.as_str()
        ),
        ("Sales", may)
    );
    // The summary says it first, as a conflict, naming both values and both files.
    let warnings = forward.typed_warnings();
    assert_eq!(warnings[0].severity(), Severity::Conflict);
    let message = backward.warnings().remove(1);
    assert!(
        message.contains("department")
            && message.contains("\"Marketing\" in conflict-2024-06.json (kept)")
            && message.contains("\"Sales\" in conflict-2024-05.json"),
        "{message}"
    );
    let text = summary::to_text(&forward, &needs::of(&presets::secure_practice()));
    assert!(
        text.contains("Conflicts between files (check them):"),
        "{text}"
    );
    let json = summary::to_json(&forward, &needs::of(&presets::secure_practice()));
    assert_eq!(json["conflicts"][1]["examples"][0]["kept"]["file"], june);
}

#[test]
fn the_same_users_in_the_same_files_have_no_conflicts() {
    let set = load(&["graph-page.json", "az-array.json", "graph-page.json"]);
    assert_eq!(set.merged, 60);
    assert!(set.conflicts().is_empty(), "{:?}", set.conflicts());
}

#[test]
fn a_key_twice_in_a_user_keeps_the_last_and_says_so() {
    let set = load(&["duplicate-keys.json"]);
    let first = &set.users[0];
    assert_eq!(first.text(&set.names, "department"), Some("B"));
    // The last is kept even when it is null.
    assert_eq!(set.users[1].text(&set.names, "companyName"), None);
    let warnings = set.warnings();
    let warning = warnings
        .iter()
        .find(|w| w.contains("more than once"))
        .expect("a warning");
    assert!(
        warning.contains("\"department\" (1 user)")
            && warning.contains("\"companyName\" (1 user)")
            && warning.contains("e.g. a@vindel.example")
            && warning.contains("last of each was kept"),
        "{warning}"
    );
    let csv = load(&["portal-duplicate-column.csv"]);
    assert_eq!(
        csv.users[0].text(&csv.names, "department"),
        Some("Marketing")
    );
    // The last column is empty: the user has no department.
    assert_eq!(csv.users[1].text(&csv.names, "department"), None);
    let warnings = csv.warnings();
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("\"Department\" appears more than once")
                && w.contains("(2 users, e.g. a@vindel.example)")),
        "{warnings:?}"
    );
}

#[test]
fn three_copies_merge_the_same_in_every_order_and_grouping() {
    let file = |name: &str, users: &str| Input::Bytes {
        name: name.to_owned(),
        bytes: users.as_bytes().into(),
    };
    // Three files disagree in every way: a value only one has, two equal against one, all
    // different, a list, and accountEnabled only in the file that sorts first.
    let files = [
        file(
            "a.json",
            r#"[{"id": "1", "userPrincipalName": "x@a", "department": "D1", "city": "Oslo", "accountEnabled": false},
                {"id": "2", "userPrincipalName": "y@a", "proxyAddresses": ["smtp:1"]}]"#,
        ),
        file(
            "b.json",
            r#"[{"id": "1", "userPrincipalName": "x@b", "department": "D1", "jobTitle": "T"},
                {"id": "2", "userPrincipalName": "y@a", "proxyAddresses": ["smtp:2", "smtp:3"]}]"#,
        ),
        file(
            "c.json",
            r#"[{"id": "2", "userPrincipalName": "y@c", "proxyAddresses": ["smtp:1"]},
                {"id": "1", "userPrincipalName": "x@a", "department": "D3", "city": "Oslo"}]"#,
        ),
    ];
    let load_bytes = |order: &[usize]| {
        let inputs: Vec<Input> = order.iter().map(|&i| files[i].clone()).collect();
        UserSet::load(&inputs, &Progress::default()).0
    };
    let reference = load_bytes(&[0, 1, 2]);
    let expected = merged_facts(&reference);
    let conflicts = reference.conflicts();
    for order in [[0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]] {
        let set = load_bytes(&order);
        assert_eq!(merged_facts(&set), expected, "{order:?}");
        assert_eq!(set.conflicts(), conflicts, "{order:?}");
        // The first two loaded together, the third added later, and each added one by one.
        let mut added = load_bytes(&order[..2]);
        added.extend(load_bytes(&order[2..]));
        assert_eq!(merged_facts(&added), expected, "{order:?} added");
        assert_eq!(added.conflicts(), conflicts, "{order:?} added");
        let mut one_by_one = load_bytes(&order[..1]);
        one_by_one.extend(load_bytes(&order[1..2]));
        one_by_one.extend(load_bytes(&order[2..]));
        assert_eq!(merged_facts(&one_by_one), expected, "{order:?} one by one");
        assert_eq!(one_by_one.conflicts(), conflicts, "{order:?} one by one");
    }
    let text = |s: &str| Some(s.to_owned());
    assert_eq!(
        expected[0],
        // c.json sorts last: its userPrincipalName and department; accountEnabled only a.json has.
        [
            text("1"),
            text("x@a"),
            text("D3"),
            text("False"),
            text("True")
        ]
    );
    let upn = conflicts
        .iter()
        .find(|c| c.attribute == "userPrincipalName")
        .unwrap();
    assert_eq!(upn.users, 2);
    let x = upn.examples.iter().find(|e| e.user == "x@a").unwrap();
    // x@a is in a.json and c.json: the best-ranked file with it is named.
    assert_eq!(x.kept.file, "c.json");
    assert_eq!(x.dropped.len(), 1);
    assert_eq!(
        (x.dropped[0].value.as_str(), x.dropped[0].file.as_str()),
        ("x@b", "b.json")
    );
    let proxies = conflicts
        .iter()
        .find(|c| c.attribute == "proxyAddresses")
        .unwrap();
    assert_eq!(proxies.examples[0].kept.value, "smtp:1");
    assert_eq!(proxies.examples[0].kept.file, "c.json");
}

#[test]
fn thousands_of_extension_attributes_do_not_make_thousands_of_lines() {
    let mut user =
        String::from(r#"{"id": "1", "userPrincipalName": "a@x", "accountEnabled": true"#);
    for i in 0..2_000 {
        user.push_str(&format!(
            r#", "extension_5f1c2b7e9a8d4c3b8e6f0a1b2c3d4e5f_a{i}": "v""#
        ));
    }
    user.push('}');
    let input = Input::Bytes {
        name: "extensions.json".into(),
        bytes: user.into_bytes().into(),
    };
    let (set, errors) = UserSet::load(&[input], &Progress::default());
    assert!(errors.is_empty(), "{errors:?}");
    let text = summary::to_text(&set, &needs::of(&presets::secure_practice()));
    assert!(text.lines().count() < 150, "{} lines", text.lines().count());
    assert!(
        text.contains("more attributes (--json lists them all)"),
        "{text}"
    );
    let json = summary::to_json(&set, &needs::of(&presets::secure_practice()));
    assert!(json["coverage"].as_object().unwrap().len() > 2_000);
}

#[test]
fn one_user_as_graph_and_az_return_it_loads_as_one_user() {
    let graph = load(&["graph-page.json"]);
    let first = &facts(&graph)[0];
    for (file, container, shape) in [
        ("graph-me.json", Container::GraphUser, "graph"),
        ("az-user-show.json", Container::GraphUser, "graph"),
        ("graph-manager-entity.json", Container::GraphUser, "graph"),
        ("az-user-show-bare.json", Container::SingleObject, "array"),
    ] {
        let set = load(&[file]);
        assert_eq!(set.users.len(), 1, "{file}");
        assert_eq!(set.files[0].shape.container, container, "{file}");
        assert_eq!(summary::shape_id(&set), shape, "{file}");
        let user = &facts(&set)[0];
        // GET /me has no department, company or manager: the id and name are the same user's.
        assert_eq!(user[..2], first[..2], "{file}");
        assert_eq!(
            set.users[0].text(&set.names, "telephoneNumber"),
            Some("+47 22 00 00 00"),
            "{file}"
        );
    }
    let me = load(&["graph-me.json"]);
    assert_eq!(
        me.files[0].shape.label(),
        "one Microsoft Graph user (GET /users/{id} or /me, az ad user show)"
    );
    // The same user in a page and on its own: merged, and nothing disagrees.
    let both = load(&["graph-page.json", "graph-me.json"]);
    assert_eq!((both.users.len(), both.merged), (30, 1));
    assert!(both.conflicts().is_empty(), "{:?}", both.conflicts());
    // With $select, the context names the properties.
    let select = load(&["graph-user-select.json"]);
    assert_eq!(select.users.len(), 1);
    assert_eq!(facts(&select)[0][..2], facts(&graph)[1][..2]);
    assert_eq!(
        select.users[0].text(&select.names, "givenName"),
        Some("Fatima")
    ); // The issue's own example selects neither id nor userPrincipalName: the one user asked
    // for still loads (the preview then says Azure skips it), and the export is named as
    // having no id.
    let bare = load(&["graph-user-select-no-upn.json"]);
    assert_eq!(bare.users.len(), 1);
    assert_eq!(
        bare.users[0].text(&bare.names, "displayName"),
        Some("Aino Virtanen")
    );
    assert_eq!(bare.users[0].text(&bare.names, "userPrincipalName"), None);
    assert!(
        bare.warnings()
            .iter()
            .any(|w| w.contains("no id (objectId)")),
        "{:?}",
        bare.warnings()
    );
}

#[test]
fn empty_entries_of_a_page_are_left_out_and_counted() {
    let set = load(&["graph-page-empty-entries.json"]);
    let graph = load(&["graph-page.json"]);
    assert_eq!(set.users.len(), 5);
    let upns = |set: &UserSet| -> Vec<Option<String>> {
        facts(set).into_iter().map(|f| f[1].clone()).collect()
    };
    assert_eq!(upns(&set), upns(&graph)[..5]);
    assert_eq!(set.files[0].left_out, [(LeftOut::NoIdOrName, 3)]);
    let warnings = set.typed_warnings();
    assert!(
        warnings.contains(&Warning::LeftOut {
            file: None,
            reason: LeftOut::NoIdOrName,
            entries: 3
        }),
        "{warnings:?}"
    );
    let message = set
        .warnings()
        .into_iter()
        .find(|w| {
            w.starts_with("3 entries have no id and no userPrincipalName, so they were left out")
        })
        .expect("the left-out warning");
    assert!(
        message.contains("Add id and userPrincipalName to $select"),
        "{message}"
    );
    // Users are numbered by their place in the file, the empty entries counted.
    assert_eq!(
        set.users.iter().map(|u| u.position).collect::<Vec<_>>(),
        [1, 2, 4, 5, 6]
    );
}

#[test]
fn delta_pages_leave_out_removed_users_and_end_with_the_delta_link() {
    let both = load(&["graph-delta-1-of-2.json", "graph-delta-2-of-2.json"]);
    assert_eq!(both.users.len(), 5);
    assert!(
        both.users.iter().all(|u| !u
            .text(&both.names, "objectId")
            .unwrap()
            .starts_with("44444444")),
        "removed users are not users to provision"
    );
    let warnings = both.warnings();
    // The page with @odata.deltaLink is the last: no page is missing.
    assert!(
        !warnings.iter().any(|w| w.contains("longer list")),
        "{warnings:?}"
    );
    assert!(
        warnings.iter().any(|w| w.starts_with(
            "graph-delta-2-of-2.json: 2 entries are marked \"@removed\" (users deleted or moved to \
             deleted items, as a /users/delta page lists them), so they were left out: removed \
             users are not provisioned."
        )),
        "{warnings:?}"
    );
    assert_eq!(both.files[1].left_out, [(LeftOut::Removed, 2)]);
    let last = load(&["graph-delta-2-of-2.json"]);
    assert!(last.files[0].last_page && !last.files[0].more_pages);
    assert!(!last.warnings().iter().any(|w| w.contains("longer list")));
    let first = load(&["graph-delta-1-of-2.json"]);
    assert!(
        first
            .warnings()
            .iter()
            .any(|w| w.contains("longer list") && w.contains("up to the one with @odata.deltaLink")),
        "{:?}",
        first.warnings()
    );
}

#[test]
fn a_select_without_id_says_what_it_costs() {
    let set = load(&["graph-page-no-id.json"]);
    assert_eq!(set.users.len(), 30);
    let graph = load(&["graph-page.json"]);
    for (user, expected) in facts(&set).iter().zip(facts(&graph)) {
        assert_eq!(user[0], None);
        // Everything else is there, the expanded manager's id too.
        assert_eq!(user[1..5], expected[1..5]);
    }
    let warning = set
        .typed_warnings()
        .into_iter()
        .find(|w| {
            matches!(
                w,
                Warning::Finding {
                    finding: Finding::NoId,
                    ..
                }
            )
        })
        .expect("the missing id is reported");
    let Warning::Finding { every_user, .. } = &warning else {
        unreachable!()
    };
    assert!(every_user);
    let message = warning.message();
    assert!(
        message.contains("managers cannot be linked to their users")
            && message.contains("Add id to $select")
            && message.ends_with("(every user)"),
        "{message}"
    );
    // What it costs: the same users loaded twice cannot be merged.
    let twice = load(&["graph-page-no-id.json", "graph-page-no-id.json"]);
    assert_eq!((twice.users.len(), twice.merged), (60, 0));
}
