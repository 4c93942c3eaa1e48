//! The preview checked against the provisioning logs of tests/data/logs: users Azure created
//! or skipped as the preview says, values that agree, a real disagreement, a difference the
//! logs explain (a value changed in Entra after them), and a create-or-skip difference.

use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use scim_preflight::import::logs::LogSet;
use scim_preflight::import::logs::users::users_from_logs;
use scim_preflight::import::{Input, Progress, UserSet};
use scim_preflight::mapping::presets;
use scim_preflight::preview::compare_logs::reasons::{AzureDid, AzureSkip};
use scim_preflight::preview::compare_logs::{Cause, LogComparison, compare, report};
use scim_preflight::preview::{self, Options, Preview};

fn path(name: &str) -> Input {
    Input::Path(format!("{}/tests/data/logs/{name}", env!("CARGO_MANIFEST_DIR")).into())
}

fn logs(names: &[&str]) -> LogSet {
    let inputs: Vec<Input> = names.iter().map(|n| path(n)).collect();
    let (set, errors) = LogSet::load(&inputs);
    assert!(errors.is_empty(), "{errors:?}");
    set
}

fn run(logs: &LogSet, users: Option<&str>) -> (LogComparison, Preview) {
    let set = match users {
        Some(name) => {
            let (set, errors) = UserSet::load(&[path(name)], &Progress::default());
            assert!(errors.is_empty(), "{errors:?}");
            set
        }
        None => users_from_logs(logs).unwrap(),
    };
    let preview = preview::run(
        Arc::new(set),
        &presets::secure_practice(),
        Options::default(),
    );
    let comparison = compare(logs, &preview, &AtomicBool::new(false)).unwrap();
    (comparison, preview)
}

fn name(preview: &Preview, u: usize) -> String {
    report::user_name(preview, u)
}

#[test]
fn the_users_of_the_import_steps_agree_but_for_one_value_and_one_skip() {
    let logs = logs(&["graph-page.json"]);
    let (c, preview) = run(&logs, None);
    assert_eq!((c.records, c.users, c.found), (6, 5, 5));
    // Åse's 12 values, Bjørn's department, Eva's 11 values.
    assert_eq!(c.compared(), 24);
    assert_eq!(c.agree(), 23);
    let differences: Vec<_> = c.differences().collect();
    assert_eq!(differences.len(), 1);
    let eva = differences[0];
    assert_eq!(
        name(&preview, eva.user),
        "eva.nilsen@vindel-instruments.example"
    );
    assert_eq!(eva.target, "name.formatted");
    assert_eq!(eva.azure.as_deref(), Some("Nilsen, Eva"));
    assert_eq!(eva.preview.as_deref(), Some("Eva Nilsen"));
    assert_eq!(
        eva.cause,
        Some(Cause::Disagree),
        "same source values: a real disagreement"
    );
    // Dmitri: skipped as not entitled, though enabled (not assigned): the preview creates him.
    assert_eq!(c.actions.len(), 1);
    let dmitri = &c.actions[0];
    assert_eq!(
        name(&preview, dmitri.user),
        "dmitri.volkov@vindel-instruments.example"
    );
    assert_eq!(dmitri.azure, AzureDid::Skipped(AzureSkip::NotEntitled));
    assert_eq!(dmitri.preview, "create");
    assert!(dmitri.note.as_deref().unwrap().contains("not assigned"));
    // Carla: skipped as not entitled, disabled: the preview skips her too.
    let carla = c
        .decisions
        .iter()
        .find(|d| name(&preview, d.user).starts_with("carla"))
        .unwrap();
    assert!(carla.agree);
    assert_eq!(
        logs.records[carla.record].skip_code(),
        Some("NotEffectivelyEntitled")
    );
    assert_eq!(c.decisions.iter().filter(|d| d.agree).count(), 4);
}

#[test]
fn a_value_changed_in_entra_after_the_log_is_told_apart() {
    let logs = logs(&["graph-page.json"]);
    let (c, preview) = run(&logs, Some("users-later.json"));
    assert_eq!(c.compared(), 24);
    assert_eq!(c.agree(), 22);
    assert_eq!(c.explained(), 1);
    let bjorn = c
        .differences()
        .find(|d| name(&preview, d.user).starts_with("bjorn"))
        .unwrap();
    assert_eq!(bjorn.azure.as_deref(), Some("Marketing"));
    assert_eq!(bjorn.preview.as_deref(), Some("Sales & Marketing"));
    assert_eq!(
        bjorn.cause,
        Some(Cause::ChangedSince {
            attribute: "department".into(),
            logged: "Marketing".into(),
            now: Some("Sales & Marketing".into()),
        })
    );
    assert!(bjorn.cause.as_ref().unwrap().message().starts_with(
        "explained: department changed in Entra after the log (Azure read \"Marketing\""
    ));
    // Eva's name.formatted is still a real disagreement.
    assert_eq!(
        c.differences()
            .filter(|d| d.cause == Some(Cause::Disagree))
            .count(),
        1
    );
}

#[test]
fn every_shape_gives_the_same_comparison() {
    let graph = run(&logs(&["graph-page.json"]), None).0;
    for names in [
        &["download.json"][..],
        &["graph-pages-pasted.json"],
        &[
            "ProvisioningLogs.csv",
            "ProvisioningLogs_ProvisioningSteps.csv",
            "ProvisioningLogs_ModifiedProperties.csv",
        ],
    ] {
        let other = run(&logs(names), None).0;
        assert_eq!(other, graph, "{names:?}");
    }
    // PowerShell's file has the five users' records, not the group's.
    let ps = run(&logs(&["mggraph.json"]), None).0;
    assert_eq!((ps.compared(), ps.agree(), ps.actions.len()), (24, 23, 1));
}

#[test]
fn a_provision_on_demand_result_agrees() {
    let logs = logs(&["on-demand.json"]);
    let (c, _) = run(&logs, None);
    assert_eq!((c.records, c.users, c.found), (1, 1, 1));
    assert_eq!((c.compared(), c.agree()), (12, 12));
    assert!(c.actions.is_empty());
}

#[test]
fn log_users_missing_from_the_loaded_users_are_listed() {
    let logs = logs(&["graph-page.json", "on-demand.json"]);
    let (set, _) = UserSet::load(&[path("users-later.json")], &Progress::default());
    let mut set = set;
    set.users.truncate(2);
    let preview = preview::run(
        Arc::new(set),
        &presets::secure_practice(),
        Options::default(),
    );
    let c = compare(&logs, &preview, &AtomicBool::new(false)).unwrap();
    assert_eq!(c.found, 2);
    assert_eq!(
        c.not_loaded,
        [
            "carla.mendes@vindel-instruments.example",
            "dmitri.volkov@vindel-instruments.example",
            "eva.nilsen@vindel-instruments.example"
        ]
    );
}

#[test]
fn json_has_exactly_the_documented_keys() {
    let logs = logs(&["graph-page.json"]);
    let (c, preview) = run(&logs, None);
    let value = report::to_json(&c, &preview);
    let keys: Vec<&String> = value.as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        [
            "actions",
            "agree",
            "compared",
            "differences",
            "records",
            "users"
        ]
    );
    assert_eq!(
        value["differences"][0],
        serde_json::json!({
            "user": "eva.nilsen@vindel-instruments.example",
            "target": "name.formatted",
            "azure": "Nilsen, Eva",
            "preview": "Eva Nilsen"
        })
    );
    assert_eq!(
        value["actions"][0],
        serde_json::json!({
            "user": "dmitri.volkov@vindel-instruments.example",
            "azure": "skipped (not assigned, out of scope or disabled)",
            "preview": "create"
        })
    );
}
