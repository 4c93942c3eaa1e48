//! Who Azure would provision, on the project's fixture users: golden previews with a scoping
//! filter (from a schema) and with the app's assignments (a user assigned directly, one through
//! a group, one in a group that is not assigned, one in a nested group, one assigned but
//! filtered out), and a schema whose filter survives import and export unchanged.

use std::path::Path;
use std::sync::Arc;

use scim_preflight::cli::preview::to_json;
use scim_preflight::import::assignments::Assignments;
use scim_preflight::import::{Input, Progress, UserSet};
use scim_preflight::mapping::scope::{Clause, Operator};
use scim_preflight::mapping::{MappingSet, presets, schema};
use scim_preflight::preview::{self, Options, Preview};
use serde_json::Value;

const SALES: &str = "5a1e0c2b-0000-4000-8000-000000000001";
const PARTNERS: &str = "5a1e0c2b-0000-4000-8000-000000000002";
const IT: &str = "5a1e0c2b-0000-4000-8000-000000000003";

fn data(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

fn users() -> UserSet {
    let input = Input::Path(data("preview/users.json"));
    let (set, errors) = UserSet::load(&[input], &Progress::default());
    assert!(errors.is_empty(), "{errors:?}");
    set
}

fn assignments() -> Assignments {
    let mut assignments = Assignments::default();
    for name in [
        "assignments.json".to_owned(),
        format!("members-{SALES}.json"),
        format!("members-{PARTNERS}.json"),
        format!("members-{IT}.json"),
    ] {
        let bytes = std::fs::read(data(&format!("scope/{name}"))).unwrap();
        assignments.add(&name, &bytes).unwrap();
    }
    assignments
}

fn scoped_schema() -> (String, MappingSet) {
    let text = std::fs::read_to_string(data("scope/schema-scoped.json")).unwrap();
    let (set, _) = schema::import(&text).unwrap();
    (text, set)
}

fn run(with_assignments: bool, mappings: &MappingSet) -> (Arc<UserSet>, Preview) {
    let mut set = users();
    if with_assignments {
        set.assignments = Some(Arc::new(assignments()));
    }
    let set = Arc::new(set);
    let preview = preview::run(set.clone(), mappings, Options::default());
    (set, preview)
}

fn golden(with_assignments: bool, mappings: &MappingSet, file: &str) -> Value {
    let (set, preview) = run(with_assignments, mappings);
    let actual = to_json(&set, &preview);
    let path = data(&format!("scope/{file}"));
    let expected: Value = std::fs::read_to_string(&path)
        .ok()
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or(Value::Null);
    if actual != expected {
        let out = path.with_extension("actual.json");
        std::fs::write(&out, serde_json::to_string_pretty(&actual).unwrap()).unwrap();
        panic!("the preview differs from {file}; see {}", out.display());
    }
    actual
}

/// Each user's principal name (else id) with the kind of their skip reason, if any.
fn reasons(json: &Value) -> Vec<(String, Option<String>)> {
    json["users"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| {
            let who = u["userPrincipalName"]
                .as_str()
                .or(u["id"].as_str())
                .unwrap()
                .to_owned();
            (who, u["skipped"]["reason"].as_str().map(str::to_owned))
        })
        .collect()
}

fn reason_of(json: &Value, who: &str) -> (String, String) {
    let user = json["users"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["userPrincipalName"].as_str() == Some(who) || u["id"].as_str() == Some(who))
        .unwrap();
    (
        user["skipped"]["reason"].as_str().unwrap_or("").to_owned(),
        user["skipped"]["detail"].as_str().unwrap_or("").to_owned(),
    )
}

#[test]
fn golden_preview_with_the_apps_assignments() {
    let json = golden(
        true,
        &presets::secure_practice(),
        "expected-assignments.json",
    );
    // Assigned directly, and through the assigned group: created.
    assert_eq!(reason_of(&json, "ingrid@vindel.example").0, "");
    assert_eq!(reason_of(&json, "ase@vindel.example").0, "");
    // Assigned through the group, but disabled.
    assert_eq!(reason_of(&json, "aino@vindel.example").0, "disabled");
    // In a group nested in the assigned one: Azure does not provision nested groups' members.
    let (kind, detail) = reason_of(&json, "jamie.rivera@partnerco.example");
    assert_eq!(kind, "notAssigned");
    assert!(
        detail.contains("nested in the assigned group \"Sales team\""),
        "{detail}"
    );
    // In a group that is not assigned.
    let (kind, detail) = reason_of(&json, "dana@vindel.example");
    assert_eq!(kind, "notAssigned");
    assert!(
        detail.contains(&format!("a member of group {IT}, which is not assigned")),
        "{detail}"
    );
    // The assigned group without a member list is named.
    assert!(
        detail.contains("unless they are in the assigned group \"Engineering\""),
        "{detail}"
    );
    assert_eq!(json["scope"]["inScope"], 4);
    assert_eq!(json["scope"]["assumesAllAssigned"], false);
    assert_eq!(json["scope"]["skipped"]["notAssigned"], 4);
}

#[test]
fn golden_preview_with_a_scoping_filter_and_assignments() {
    let (_, mappings) = scoped_schema();
    let json = golden(true, &mappings, "expected-scoped.json");
    // Assigned directly and in scope; assigned through the group and in scope.
    assert_eq!(reason_of(&json, "ingrid@vindel.example").0, "");
    assert_eq!(reason_of(&json, "ase@vindel.example").0, "");
    // Assigned directly, but the filters leave him out: which filter, which clause, his value.
    let carl = &json["users"][6];
    assert_eq!(carl["skipped"]["reason"], "outsideScopingFilter");
    let detail = carl["skipped"]["detail"].as_str().unwrap();
    assert!(
        detail.starts_with(
            "outside the scoping filter \"Staff, not engineers\": the clause jobTitle NOT \
             EQUALS \"Engineer\" does not hold (their jobTitle is \"Engineer\")"
        ),
        "{detail}"
    );
    assert!(
        detail.ends_with("the other scoping filter does not hold either"),
        "{detail}"
    );
    // A user without a job title: NOT EQUALS is false on an empty value, as Azure documents.
    let (kind, detail) = reason_of(&json, "bo@vindel.example");
    assert_eq!(kind, "outsideScopingFilter");
    assert!(
        detail.contains("even NOT EQUALS and NOT REGEX MATCH"),
        "{detail}"
    );
    // The tree counts only users in scope.
    let in_tree: u64 = json["hierarchy"]
        .as_array()
        .unwrap()
        .iter()
        .map(|unit| unit["users"].as_u64().unwrap())
        .sum();
    assert_eq!(Some(in_tree), json["scope"]["inScope"].as_u64());
}

#[test]
fn without_assignments_every_user_is_taken_as_assigned_and_the_filter_still_applies() {
    let (_, mappings) = scoped_schema();
    let (set, preview) = run(false, &mappings);
    let json = to_json(&set, &preview);
    assert_eq!(json["scope"]["assumesAllAssigned"], true);
    assert!(json["scope"]["skipped"].get("notAssigned").is_none());
    assert!(
        reasons(&json)
            .iter()
            .any(|(_, r)| r.as_deref() == Some("outsideScopingFilter"))
    );
    let mut tree = Vec::new();
    scim_preflight::preview::export::write_tree(&mut tree, &set, &preview, false).unwrap();
    let tree = String::from_utf8(tree).unwrap();
    assert!(
        tree.contains("assumes every loaded user is assigned to the app"),
        "{tree}"
    );
    assert!(
        tree.contains("- carl@vindel.example: outside the scoping filter"),
        "{tree}"
    );
}

#[test]
fn a_schemas_scoping_filter_survives_import_and_export_unchanged() {
    let (text, set) = scoped_schema();
    assert_eq!(set.scope.filters.len(), 2);
    assert_eq!(
        set.scope.filters[0].clauses[1],
        Clause {
            attribute: "jobTitle".into(),
            operator: Operator::NotEquals,
            values: vec!["Engineer".into()],
        }
    );
    let exported = schema::export(&text, &set).unwrap();
    let before: Value = serde_json::from_str(&text).unwrap();
    let after: Value = serde_json::from_str(&exported).unwrap();
    assert_eq!(before, after);
    // Edited: only the scope's groups change, and read back as edited.
    let mut edited = set.clone();
    edited.scope.filters.remove(1);
    let exported = schema::export(&text, &edited).unwrap();
    let after: Value = serde_json::from_str(&exported).unwrap();
    let scope = &after["synchronizationRules"][0]["objectMappings"][1]["scope"];
    assert_eq!(scope["groups"].as_array().unwrap().len(), 1);
    assert_eq!(scope["@odata.type"], "microsoft.graph.filter");
    assert_eq!(schema::import(&exported).unwrap().0.scope, edited.scope);
    // And a mapping file keeps it too.
    let file = scim_preflight::mapping::file::to_json(&set);
    assert_eq!(
        scim_preflight::mapping::file::from_json(&file).unwrap(),
        set
    );
}

#[test]
fn a_failing_matching_expression_and_a_redacted_export_are_worded_for_what_they_are() {
    // The matching attribute's expression fails: a reason of its own, with the error.
    let mut mappings = presets::secure_practice();
    let user_name = mappings
        .mappings
        .iter_mut()
        .find(|m| m.target == "userName")
        .unwrap();
    *user_name = scim_preflight::mapping::Mapping {
        matching: 1,
        ..scim_preflight::mapping::Mapping::expression(
            r#"Item(Split([department], ">"), 5)"#,
            "userName",
        )
    };
    let (set, preview) = run(false, &mappings);
    let json = to_json(&set, &preview);
    let (kind, detail) = reason_of(&json, "ingrid@vindel.example");
    assert_eq!(kind, "expressionError");
    assert!(
        detail.starts_with(
            "the expression of the matching attribute (userName) fails for this user ("
        ),
        "{detail}"
    );
    // Redacted: the user's own value is left out of the scoping reason.
    let (_, scoped) = scoped_schema();
    let (set, preview) = run(true, &scoped);
    let mut out = Vec::new();
    let style = scim_preflight::preview::export::JsonStyle {
        pretty: false,
        redacted: true,
    };
    scim_preflight::preview::export::write_json(
        &mut out,
        &set,
        &preview,
        style,
        scim_preflight::preview::export::Watch::default(),
    )
    .unwrap();
    let json: Value = serde_json::from_slice(&out).unwrap();
    let detail = json["users"][6]["skipped"]["detail"].as_str().unwrap();
    assert!(detail.contains("(their value is left out)"), "{detail}");
    assert!(!detail.contains("their jobTitle is"), "{detail}");
    assert_eq!(
        json["users"][6]["skipped"]["reason"],
        "outsideScopingFilter"
    );
}

#[test]
fn the_assignments_feed_the_app_role_functions() {
    let mut mappings = presets::secure_practice();
    mappings
        .mappings
        .push(scim_preflight::mapping::Mapping::expression(
            "SingleAppRoleAssignment([appRoleAssignments])",
            r#"roles[primary eq "True"].value"#,
        ));
    let mut set = users();
    set.assignments = Some(Arc::new(assignments()));
    scim_preflight::preview::assigned::apply_app_roles(&mut set);
    let set = Arc::new(set);
    let preview = preview::run(set.clone(), &mappings, Options::default());
    let m = preview.mappings.len() - 1;
    // Ingrid: assigned directly with Default Access; Carl: directly with an app role; Åse:
    // through the Sales team group; Dana: not assigned, so no role.
    assert_eq!(preview.create_value(0, m), Some("Default Access"));
    assert_eq!(
        preview.create_value(6, m),
        Some("b7c1a2d3-4e5f-4a6b-8c7d-9e0f1a2b3c4d")
    );
    assert_eq!(preview.create_value(1, m), Some("Default Access"));
    assert_eq!(preview.create_value(4, m), None);
}

#[test]
fn assigned_users_missing_from_the_export_are_counted() {
    let mut set = users();
    set.assignments = Some(Arc::new(assignments()));
    assert_eq!(
        scim_preflight::preview::assigned::assigned_not_loaded(&set),
        0
    );
    // Only Ingrid and Åse loaded: Carl (assigned directly), Bo and Aino (in the assigned
    // group) are missing; members of the nested and the unassigned group do not count.
    set.users.truncate(2);
    assert_eq!(
        scim_preflight::preview::assigned::assigned_not_loaded(&set),
        3
    );
    assert_eq!(
        scim_preflight::import::assignments::not_loaded_message(3),
        "3 users assigned to the app are not among the loaded users: Azure would provision \
         them, but the preview cannot show them. Export every user in the users export."
    );
}
