//! The preview engine on the project's fixture users: the exact SCIM requests under the presets
//! (golden files), the hierarchy, and every kind of diagnostic.

use std::path::Path;

use scim_preflight::cli::preview::to_json;
use scim_preflight::import::{Input, Progress, UserSet};
use scim_preflight::mapping::{Mapping, MappingKind, MappingSet, presets};
use scim_preflight::preview::{self, Options, Preview, hierarchy};

fn data(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/preview")
        .join(name)
}

fn users() -> UserSet {
    let (set, errors) = UserSet::load(&[Input::Path(data("users.json"))], &Progress::default());
    assert!(errors.is_empty(), "{errors:?}");
    set
}

fn golden(preset: MappingSet, options: Options, file: &str) {
    let set = std::sync::Arc::new(users());
    let preview = preview::run(set.clone(), &preset, options);
    let actual = to_json(&set, &preview);
    let expected: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(data(file)).unwrap()).unwrap();
    if actual != expected {
        let path = data(file).with_extension("actual.json");
        std::fs::write(&path, serde_json::to_string_pretty(&actual).unwrap()).unwrap();
        panic!("the preview differs from {file}; see {}", path.display());
    }
}

#[test]
fn golden_requests_under_azure_defaults() {
    golden(
        presets::azure_defaults(),
        Options::default(),
        "expected-defaults.json",
    );
}

#[test]
fn golden_requests_under_the_secure_practice_preset() {
    golden(
        presets::secure_practice(),
        Options::default(),
        "expected-securepractice.json",
    );
}

#[test]
fn golden_requests_with_aad_opt_scim_062020() {
    golden(
        presets::secure_practice(),
        Options {
            aad_opt_scim_062020: true,
        },
        "expected-securepractice-aadopt.json",
    );
}

fn run(set: &UserSet, mappings: &MappingSet) -> Preview {
    preview::run(
        std::sync::Arc::new(set.clone()),
        mappings,
        Options::default(),
    )
}

/// The userPrincipalNames (or display names) of `users`.
fn who(set: &UserSet, users: &[usize]) -> Vec<String> {
    users
        .iter()
        .map(|&u| {
            set.users[u]
                .text(&set.names, "userPrincipalName")
                .or_else(|| set.users[u].text(&set.names, "displayName"))
                .unwrap()
                .to_owned()
        })
        .collect()
}

/// The users of the one diagnostic of `kind` whose message contains `text`.
fn diagnostic(set: &UserSet, preview: &Preview, kind: &str, text: &str) -> Vec<String> {
    let found: Vec<_> = preview
        .diagnostics
        .iter()
        .filter(|d| d.kind == kind && d.message.contains(text))
        .collect();
    assert_eq!(
        found.len(),
        1,
        "{kind} with {text:?}: {:#?}",
        preview.diagnostics
    );
    who(set, &found[0].users)
}

#[test]
fn the_hierarchy_counts_created_users_and_keeps_values_exact() {
    let set = users();
    let preview = run(&set, &presets::secure_practice());
    assert_eq!(
        hierarchy::to_text(&preview.hierarchy),
        "PartnerCo  (1 user)\n\
         \x20 (no division)  (1 user)\n\
         \x20   Vindel > Sales > Partners  (1 user)\n\
         Vindel AS  (5 users)\n\
         \x20 Commercial  (4 users)\n\
         \x20   Sales  (3 users)\n\
         \x20   \"sales \"  (1 user)\n\
         \x20 Corporate  (1 user)\n\
         \x20   Executive  (1 user)\n\
         (no organization)  (1 user)\n\
         \x20 (no division)  (1 user)\n\
         \x20   (no department)  (1 user)\n"
    );
    // The disabled user (Finance) and the one without a userPrincipalName (IT) are not created,
    // so their units do not exist.
    let text = hierarchy::to_text(&preview.hierarchy);
    assert!(!text.contains("Finance") && !text.contains("IT"));
    let skipped: Vec<(usize, String)> = preview
        .skipped()
        .map(|(u, reason)| (u, reason.message()))
        .collect();
    assert_eq!(skipped.len(), 2);
    assert_eq!(who(&set, &[skipped[0].0]), ["aino@vindel.example"]);
    assert!(
        skipped[0]
            .1
            .starts_with("disabled in Entra (account enabled is No)")
    );
    assert_eq!(skipped[1].0, 8);
    assert!(
        skipped[1]
            .1
            .starts_with("no value for the matching attribute (userName)")
    );
    // Under the defaults only department is mapped: the tree is departments alone.
    let defaults = run(&set, &presets::azure_defaults());
    assert!(defaults.hierarchy.iter().all(|n| n.level == "department"));
}

#[test]
fn every_data_diagnostic_names_the_right_users() {
    let set = users();
    let preview = run(&set, &presets::secure_practice());
    assert_eq!(
        diagnostic(&set, &preview, "surrounding-spaces", "department"),
        ["bo@vindel.example"]
    );
    assert_eq!(
        diagnostic(&set, &preview, "path-in-one-attribute", "3 levels"),
        ["jamie.rivera@partnerco.example"]
    );
    assert_eq!(
        diagnostic(
            &set,
            &preview,
            "duplicate-matching-value",
            "carl@vindel.example"
        ),
        ["carl@vindel.example", "carl@vindel.example"]
    );
    assert_eq!(
        diagnostic(&set, &preview, "no-matching-value", ""),
        ["No Principal"]
    );
    assert_eq!(
        diagnostic(&set, &preview, "near-duplicate-units", "\"sales \", Sales"),
        [
            "ase@vindel.example",
            "bo@vindel.example",
            "carl@vindel.example",
            "carl@vindel.example"
        ]
    );
    assert_eq!(
        diagnostic(&set, &preview, "single-user-unit", "department"),
        [
            "ingrid@vindel.example",
            "bo@vindel.example",
            "jamie.rivera@partnerco.example"
        ]
    );
    assert_eq!(
        diagnostic(&set, &preview, "missing-level", "no organization"),
        ["dana@vindel.example"]
    );
    assert_eq!(
        diagnostic(&set, &preview, "missing-level", "no division"),
        ["dana@vindel.example", "jamie.rivera@partnerco.example"]
    );
    assert_eq!(
        diagnostic(&set, &preview, "attribute-not-in-export", "[streetAddress]"),
        Vec::<String>::new()
    );
}

#[test]
fn mapping_diagnostics_expression_errors_length_and_bad_targets() {
    let set = users();
    let mut mappings = presets::secure_practice();
    // Fails for every user with a department (none is a date); null for those without.
    mappings
        .mappings
        .push(Mapping::expression("CDate([department])", "nickName"));
    mappings.mappings.push(Mapping::expression(
        &format!("\"{}\"", "x".repeat(10_001)),
        "title2",
    ));
    mappings.mappings.push(Mapping {
        kind: MappingKind::Constant,
        source: "y".repeat(300),
        default_value: None,
        target: "profileUrl".into(),
        matching: 0,
        apply: Default::default(),
    });
    mappings
        .mappings
        .push(Mapping::direct("department", "emails[type eq work].value"));
    mappings
        .mappings
        .push(Mapping::expression("Join(\" \", [givenName]", "locale"));
    let preview = run(&set, &mappings);
    let failed = diagnostic(
        &set,
        &preview,
        "expression-error",
        "nickName fails for 8 users",
    );
    assert!(
        !failed.contains(&"dana@vindel.example".to_owned()),
        "no department, no error"
    );
    assert_eq!(failed.len(), 8);
    let kinds: Vec<&str> = preview.diagnostics.iter().map(|d| d.kind).collect();
    assert!(kinds.contains(&"expression-too-long"), "{kinds:?}");
    assert_eq!(
        diagnostic(&set, &preview, "value-too-long", "profileUrl").len(),
        7,
        "every created user"
    );
    assert_eq!(
        diagnostic(
            &set,
            &preview,
            "mapping-error",
            "emails[type eq work].value"
        ),
        Vec::<String>::new()
    );
    assert_eq!(
        diagnostic(&set, &preview, "mapping-error", "locale does not compile"),
        Vec::<String>::new()
    );
}

#[test]
fn the_diff_counts_changed_users_and_who_moves() {
    let set = std::sync::Arc::new(users());
    let before = preview::run(set.clone(), &presets::azure_defaults(), Options::default());
    let after = preview::run(set, &presets::secure_practice(), Options::default());
    let diff = scim_preflight::preview::diff::diff(&before, &after);
    let organization = diff
        .targets
        .iter()
        .find(|t| t.target.ends_with(":organization"))
        .unwrap();
    assert_eq!(organization.users, 6);
    assert_eq!(
        organization.pairs[0],
        (None, Some("Vindel AS".to_owned()), 5),
        "the most common change first"
    );
    assert_eq!(diff.targets.len(), 3, "only the three added targets change");
    assert_eq!(diff.moved.len(), 6);
    assert!(diff.scope_changed.is_empty());
    let same = scim_preflight::preview::diff::diff(&before, &before);
    assert!(same.targets.is_empty() && same.moved.is_empty());
    assert!(
        scim_preflight::preview::diff::to_text(&same)
            .starts_with("No user gets a different value.")
    );
}

#[test]
fn changing_one_mapping_gives_the_same_preview_as_running_again() {
    let set = std::sync::Arc::new(users());
    let mut mappings = presets::secure_practice();
    let mut preview = preview::run(set.clone(), &mappings, Options::default());
    let department = mappings
        .mappings
        .iter()
        .position(|m| m.target.ends_with(":department"))
        .unwrap();
    let user_name = mappings
        .mappings
        .iter()
        .position(|m| m.target == "userName")
        .unwrap();
    let manager = mappings
        .mappings
        .iter()
        .position(|m| m.target.ends_with(":manager"))
        .unwrap();
    for (m, mapping) in [
        // The manager: everyone's is the disabled user, so everyone loses the reporting line.
        (manager, {
            let mut m = mappings.mappings[manager].clone();
            m.kind = MappingKind::Constant;
            m.source = "00000000-0000-0000-0000-000000000004".into();
            m
        }),
        // A level of the hierarchy.
        (
            department,
            Mapping::expression(
                r#"Replace([department], , "^.*> ", , "", , )"#,
                &mappings.mappings[department].target,
            ),
        ),
        // The matching attribute: who is skipped changes.
        (user_name, {
            let mut m = Mapping::direct("mail", "userName");
            m.matching = 1;
            m
        }),
        // A plain attribute that fails for some users.
        (2, Mapping::expression("CDate([department])", "displayName")),
    ] {
        mappings.mappings[m] = mapping.clone();
        preview.change_mapping(m, mapping);
        let fresh = preview::run(set.clone(), &mappings, Options::default());
        assert_eq!(
            to_json(&set, &preview),
            to_json(&set, &fresh),
            "after changing mapping {m}"
        );
    }
}

#[test]
fn a_counted_preview_counts_every_value() {
    let set = std::sync::Arc::new(users());
    let mappings = presets::secure_practice();
    let done = std::sync::atomic::AtomicUsize::new(0);
    let never = std::sync::atomic::AtomicBool::new(false);
    let counted =
        preview::run_counted(set.clone(), &mappings, Options::default(), &never, &done).unwrap();
    assert_eq!(
        done.load(std::sync::atomic::Ordering::Relaxed),
        set.users.len() * mappings.mappings.len()
    );
    let plain = preview::run(set.clone(), &mappings, Options::default());
    assert_eq!(to_json(&set, &counted), to_json(&set, &plain));
}

#[test]
fn a_cancelled_preview_stops() {
    let set = std::sync::Arc::new(users());
    let cancel = std::sync::atomic::AtomicBool::new(true);
    assert!(
        preview::run_cancellable(
            set,
            &presets::secure_practice(),
            Options::default(),
            &cancel
        )
        .is_none()
    );
}

#[test]
fn quirks_are_noted_per_user_and_mapping() {
    let set = users();
    let mut mappings = presets::azure_defaults();
    let mut locale = Mapping {
        kind: MappingKind::None,
        source: String::new(),
        default_value: Some("nb-NO".into()),
        target: "locale".into(),
        matching: 0,
        apply: Default::default(),
    };
    mappings.mappings.push(locale.clone());
    mappings.mappings.push(Mapping::expression(
        "IgnoreFlowIfNullOrEmpty([mobile])",
        "nickName",
    ));
    let preview = run(&set, &mappings);
    let notes = preview.notes(0); // Ingrid: no mobile
    let targets: Vec<&str> = notes.iter().map(|(t, _, _)| t.as_str()).collect();
    assert_eq!(targets, ["locale", "nickName"], "{notes:?}");
    assert!(notes[0].2.contains("only when Azure creates the user"));
    assert!(notes[1].2.contains("leaves this attribute out"));
    // Åse has a mobile: only the default note.
    assert_eq!(preview.notes(1).len(), 1);
    // A value from the source means no default note.
    locale.kind = MappingKind::Direct;
    locale.source = "preferredLanguage".into();
    let last = mappings.mappings.len() - 2;
    mappings.mappings[last] = locale;
    let preview = run(&set, &mappings);
    assert!(
        preview.notes(0).iter().all(|(t, _, _)| t != "locale"),
        "Ingrid has nb-NO"
    );
}

/// The kinds of the set-level problems of a preview under `mappings`.
fn set_problems(mappings: MappingSet) -> Vec<&'static str> {
    let preview = preview::run(std::sync::Arc::new(users()), &mappings, Options::default());
    let kinds: Vec<&'static str> = preview.groups().set.iter().map(|d| d.kind).collect();
    // They are in the full list too.
    for kind in &kinds {
        assert!(preview.diagnostics.iter().any(|d| d.kind == *kind));
    }
    kinds
}

#[test]
fn mapping_sets_azure_would_not_save_are_problems() {
    assert!(set_problems(presets::azure_defaults()).is_empty());
    let empty = MappingSet::default();
    assert_eq!(set_problems(empty), ["no-mappings"]);
    let mut unmatched = presets::azure_defaults();
    for m in &mut unmatched.mappings {
        m.matching = 0;
    }
    assert_eq!(set_problems(unmatched), ["no-matching-attribute"]);
    let mut tied = presets::azure_defaults();
    tied.mappings
        .iter_mut()
        .find(|m| m.target == "externalId")
        .unwrap()
        .matching = 1;
    assert_eq!(set_problems(tied), ["duplicate-matching-precedence"]);
    let mut twice = presets::azure_defaults();
    twice
        .mappings
        .push(Mapping::direct("mailNickname", "displayName"));
    assert_eq!(set_problems(twice.clone()), ["duplicate-target"]);
    // After a change, the set's problems are found again.
    let mut preview = preview::run(std::sync::Arc::new(users()), &twice, Options::default());
    let last = twice.mappings.len() - 1;
    preview.change_mapping(last, Mapping::direct("mailNickname", "nickName"));
    assert!(preview.groups().set.is_empty());
}

#[test]
fn targets_azure_would_refuse_are_mapping_errors() {
    let mut set = presets::azure_defaults();
    for target in ["__proto__", "name..givenName", &"x".repeat(100_000)] {
        set.mappings.push(Mapping::direct("department", target));
    }
    let preview = preview::run(std::sync::Arc::new(users()), &set, Options::default());
    let errors: Vec<&str> = preview
        .diagnostics
        .iter()
        .filter(|d| d.kind == "mapping-error")
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(errors.len(), 3, "{errors:?}");
    assert!(
        errors.iter().all(|m| m.len() < 400),
        "long names are cut: {errors:?}"
    );
}

#[test]
fn a_failure_of_one_user_is_told_in_the_singular() {
    let set = users();
    let mut mappings = presets::azure_defaults();
    // Only the guest has a userType, and it is no date.
    mappings
        .mappings
        .push(Mapping::expression("CDate([userType])", "nickName"));
    let preview = run(&set, &mappings);
    let failed: Vec<_> = preview
        .diagnostics
        .iter()
        .filter(|d| d.kind == "expression-error")
        .collect();
    assert_eq!(failed.len(), 1, "{failed:#?}");
    let message = &failed[0].message;
    assert!(
        message.starts_with("The mapping to nickName fails for 1 user: "),
        "{message}"
    );
    assert!(
        message.ends_with(
            " Azure reports an error for this user; change the expression so it handles the \
             user's values."
        ),
        "{message}"
    );
    assert!(!message.contains("each of them") && !message.contains(".)."));
    assert_eq!(
        who(&set, &failed[0].users),
        ["jamie.rivera@partnerco.example"]
    );
}
