//! The next cycle (`preview::next_cycle`): the PATCH requests Azure sends to the users it already
//! created after a mapping change or a later export, only for the users and attributes that
//! change, with `Add` / `Replace` as Microsoft documents, nothing for a value that becomes
//! empty, in both dialects; and `scim-preflight diff --requests`.

use std::path::Path;
use std::process::Command;
use std::sync::Arc;

use scim_preflight::import::{Input, Progress, UserSet};
use scim_preflight::mapping::presets;
use scim_preflight::preview::manager::Lookup;
use scim_preflight::preview::next_cycle::{self, NextCycle, Reach};
use scim_preflight::preview::scim::UpdateOp;
use scim_preflight::preview::{self, Options, Preview};
use serde_json::{Value, json};

const DEPARTMENT: &str = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department";
const MANAGER: &str = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager";

fn data(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/preview")
        .join(name)
}

fn load(name: &str) -> Arc<UserSet> {
    let (set, errors) = UserSet::load(&[Input::Path(data(name))], &Progress::default());
    assert!(errors.is_empty(), "{errors:?}");
    Arc::new(set)
}

fn options(flag: bool) -> Options {
    Options {
        aad_opt_scim_062020: flag,
    }
}

/// The previews before (users.json) and after (users-later.json), Secure Practice preset.
fn exports(flag: bool) -> (Preview, Preview) {
    let preset = presets::secure_practice();
    (
        preview::run(load("users.json"), &preset, options(flag)),
        preview::run(load("users-later.json"), &preset, options(flag)),
    )
}

/// The requests of the user with principal name `upn`, as JSON.
fn requests(after: &Preview, next: &NextCycle, upn: &str) -> (Value, Option<Value>) {
    let update = next
        .users
        .iter()
        .find(|u| after.set.users[u.after].text(&after.set.names, "userPrincipalName") == Some(upn))
        .unwrap_or_else(|| panic!("{upn} has no update"));
    let patch = serde_json::to_value(next_cycle::patch(after, update)).unwrap();
    let manager = next_cycle::manager_patch(after, update, &Lookup::new(after));
    (patch["Operations"].clone(), manager)
}

#[test]
fn a_later_export_gives_only_the_changed_attributes_with_add_or_replace() {
    let (before, after) = exports(false);
    let next = next_cycle::next_cycle(&before, &after);
    assert_eq!(next.reach, Reach::UsersChanged);
    assert_eq!(next.unmatched, 0);
    assert!(next.created.is_empty());
    // Paired by object id although the later export lists the users in reverse.
    assert_eq!(
        requests(&after, &next, "ingrid@vindel.example").0,
        json!([{"op": "Replace", "path": "title", "value": "Chief Executive"}])
    );
    // Office location was empty: Add. The mobile number becomes empty: no operation at all.
    assert_eq!(
        requests(&after, &next, "ase@vindel.example").0,
        json!([{"op": "Add", "path": "addresses[type eq \"work\"].formatted", "value": "Bergen"}])
    );
    assert_eq!(
        requests(&after, &next, "bo@vindel.example").0,
        json!([{"op": "Replace", "path": DEPARTMENT, "value": "Sales"}])
    );
    assert_eq!(
        requests(&after, &next, "dana@vindel.example").0,
        json!([{"op": "Replace", "path": "active", "value": "False"}])
    );
    // Carl's manager changes from Åse to Ingrid: Replace, in the separate manager request.
    let carl = next
        .users
        .iter()
        .find(|u| u.manager.is_some())
        .expect("a manager change");
    assert_eq!(carl.manager, Some(UpdateOp::Replace));
    let manager = next_cycle::manager_patch(&after, carl, &Lookup::new(&after)).unwrap();
    assert_eq!(
        manager["Operations"],
        json!([{"op": "Replace", "path": MANAGER,
                "value": "{id in Secure Practice of ingrid@vindel.example}"}])
    );
    // Nobody else: Jamie, Carl's namesake and the skipped users have no request.
    assert_eq!(next.sent().count(), 5);
    let counts: Vec<(String, usize, usize, usize)> = next
        .counts
        .iter()
        .map(|c| (c.target.clone(), c.add, c.replace, c.emptied))
        .collect();
    assert_eq!(
        counts,
        vec![
            ("title".to_owned(), 0, 1, 0),
            ("addresses[type eq \"work\"].formatted".to_owned(), 1, 0, 0),
            ("phoneNumbers[type eq \"mobile\"].value".to_owned(), 0, 0, 1),
            (DEPARTMENT.to_owned(), 0, 1, 0),
        ]
    );
    assert_eq!(
        next.counts[2].sentence(),
        "phoneNumbers[type eq \"mobile\"].value: for 1 user the value becomes empty in Entra: \
         Azure sends nothing, so Secure Practice keeps the old value"
    );
}

#[test]
fn the_scim_compliant_dialect_lowercases_and_collapses_replaces() {
    let (before, after) = exports(true);
    let next = next_cycle::next_cycle(&before, &after);
    assert_eq!(
        requests(&after, &next, "ase@vindel.example").0,
        json!([{"op": "add", "path": "addresses[type eq \"work\"].formatted", "value": "Bergen"}])
    );
    assert_eq!(
        requests(&after, &next, "bo@vindel.example").0,
        json!([{"op": "replace", "value": {DEPARTMENT: "Sales"}}])
    );
    assert_eq!(
        requests(&after, &next, "dana@vindel.example").0,
        json!([{"op": "replace", "path": "active", "value": false}])
    );
}

#[test]
fn a_mapping_change_adds_the_new_targets_and_asks_for_the_initial_cycle() {
    let set = load("users.json");
    let before = preview::run(set.clone(), &presets::azure_defaults(), options(false));
    let after = preview::run(set, &presets::secure_practice(), options(false));
    let next = next_cycle::next_cycle(&before, &after);
    assert_eq!(next.reach, Reach::MappingsChanged);
    assert!(next.reach.reminder().contains("Restart provisioning"));
    let (ops, _) = requests(&after, &next, "ingrid@vindel.example");
    let ops = ops.as_array().unwrap();
    assert!(ops.iter().all(|op| op["op"] == "Add"), "{ops:?}");
    let paths: Vec<&str> = ops.iter().map(|op| op["path"].as_str().unwrap()).collect();
    for attr in ["organization", "division", "costCenter"] {
        assert!(
            paths.contains(
                &format!("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:{attr}")
                    .as_str()
            ),
            "{paths:?}"
        );
    }
    assert_eq!(ops.len(), 3, "only the new attributes: {ops:?}");
    // The same mappings twice: nothing to send.
    let again = next_cycle::next_cycle(&after, &after);
    assert_eq!(again.sent().count(), 0);
    assert!(again.counts.is_empty());
}

fn cli(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_scim-preflight"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn diff_requests_prints_the_next_cycle_as_json() {
    let before = data("users.json");
    let later = data("users-later.json");
    let (code, out) = cli(&[
        "diff",
        before.to_str().unwrap(),
        "--after",
        later.to_str().unwrap(),
        "--requests",
    ]);
    assert_eq!(code, 0, "{out}");
    let json: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["dialect"], "default");
    assert_eq!(json["users"].as_array().unwrap().len(), 5);
    let bo = json["users"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["userPrincipalName"] == "bo@vindel.example")
        .unwrap();
    assert_eq!(
        bo["patch"]["Operations"],
        json!([{"op": "Replace", "path": DEPARTMENT, "value": "Sales"}])
    );
    assert!(
        json["reminder"]
            .as_str()
            .unwrap()
            .contains("no restart needed")
    );
    assert!(
        json["counts"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["emptied"] == 1)
    );

    let (code, out) = cli(&[
        "diff",
        before.to_str().unwrap(),
        "--from",
        "defaults",
        "--to",
        "securepractice",
        "--requests",
        "--aad-opt-scim-062020",
    ]);
    assert_eq!(code, 0, "{out}");
    let json: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["dialect"], "aadOptscim062020");
    let first = &json["users"][0]["patch"]["Operations"][0];
    assert_eq!(first["op"], "add", "{json}");

    // The text form ends with the next cycle's counts and the reminder.
    let (code, out) = cli(&[
        "diff",
        before.to_str().unwrap(),
        "--after",
        later.to_str().unwrap(),
    ]);
    assert_eq!(code, 0);
    assert!(
        out.contains(
            "Next cycle: The next cycle sends an update to 5 users Azure already created (1 user \
             now disabled in Entra, 1 user with a new manager).\n"
        ),
        "{out}"
    );
    assert!(
        out.contains("title: 1 user gets a new value (0 Add, 1 Replace)"),
        "{out}"
    );
}
