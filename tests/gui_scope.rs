//! Who Azure provisions, in the window: a scoping filter added in step 3 the way Azure's
//! "Source Object Scope" page has it, and step 4's skipped users counted per reason; the
//! app's assignments and group member lists dropped on the window, what step 2 says about
//! them, and who step 4 then skips and why.

use std::path::{Path, PathBuf};

use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use scim_preflight::gui::App;
use scim_preflight::mapping::scope::{Clause, Operator};
use scim_preflight::secure_copy::MemoryClipboard;

mod window;
use window::{go, shows, wait};

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

fn harness(files: Vec<PathBuf>) -> Harness<'static, App> {
    let mut h = Harness::builder()
        .with_size(egui::vec2(1200.0, 3000.0))
        .build_eframe(move |cc| {
            let mut app = App::with_clipboard(cc, Box::new(MemoryClipboard::default()));
            app.open_paths(files.clone());
            app
        });
    wait(&mut h, |app| {
        app.users().set().is_some() && !app.users().is_loading()
    });
    h
}

fn wait_for_preview(h: &mut Harness<'_, App>) {
    wait(h, |app| {
        !app.preview().is_running() && app.preview().preview().is_some()
    });
}

#[test]
fn a_scoping_filter_added_in_step_3_leaves_users_out_in_step_4() {
    let mut h = harness(vec![data("preview/users.json")]);
    // Step 2 says that without assignments every loaded user is taken as assigned.
    assert!(shows(
        &h,
        "Assignments: none loaded, so every loaded user is taken as assigned"
    ));
    go(&mut h, "3  Mappings");
    h.get_by_label("Source Object Scope (scoping filters): All records")
        .click();
    h.run_steps(3);
    assert!(shows(&h, "All records: no scoping filter"));
    h.get_by_label("Edit scoping filters…").click();
    h.run_steps(3);
    h.get_by_label("Add scoping filter").click();
    h.run_steps(3);
    assert!(shows(
        &h,
        "The clauses within a scoping filter must all hold; a user is in scope if any scoping filter holds."
    ));
    h.get_by_label("Attribute Name").focus();
    h.get_by_label("Attribute Name").type_text("department");
    h.run_steps(2);
    h.get_by_label("Attribute Value").focus();
    h.get_by_label("Attribute Value").type_text("Sales");
    h.run_steps(2);
    // Nothing changes until OK, as in Azure.
    assert!(h.state().mappings().set().scope.is_empty());
    h.get_by_label("OK").click();
    h.run_steps(3);
    let scope = &h.state().mappings().set().scope;
    assert_eq!(scope.filters.len(), 1);
    assert_eq!(
        scope.filters[0].clauses,
        [Clause {
            attribute: "department".into(),
            operator: Operator::Equals,
            values: vec!["Sales".into()],
        }]
    );
    assert!(shows(&h, "department EQUALS \"Sales\""));
    assert!(shows(
        &h,
        "Source Object Scope (scoping filters): 1 scoping filter"
    ));
    go(&mut h, "4  Preview");
    wait_for_preview(&mut h);
    // Only the three users whose department is exactly "Sales" are in scope.
    assert!(shows(&h, "9 users: Azure would create 3, skip 6."));
    assert!(shows(&h, "Outside the scoping filters: 6"));
    h.get_by_label("Skipped (6): who and why").click();
    h.run_steps(3);
    assert!(shows(&h, "Outside the scoping filters: 6 users"));
    // "sales " with its space is not "Sales": EQUALS is exact and case-sensitive.
    assert!(shows(
        &h,
        "outside the scoping filter \"Scoping filter 1\": the clause department EQUALS \
         \"Sales\" does not hold (their department is \"sales \")"
    ));
    // A user without a department: the clause is false, as Azure documents.
    assert!(shows(
        &h,
        "(they have no department); the user has no value for this attribute"
    ));
}

#[test]
fn assignments_dropped_on_the_window_decide_who_is_skipped() {
    let group = |n: u8| {
        data(&format!(
            "scope/members-5a1e0c2b-0000-4000-8000-00000000000{n}.json"
        ))
    };
    let mut h = harness(vec![data("preview/users.json")]);
    h.state_mut()
        .open_paths([data("scope/assignments.json"), group(1), group(2), group(3)]);
    wait(&mut h, |app| {
        !app.users().is_loading()
            && app
                .users()
                .set()
                .and_then(|s| s.assignments.as_ref())
                .is_some_and(|a| a.files.len() == 4)
    });
    // The users stayed; step 2 says what was loaded and which group has no member list.
    assert_eq!(h.state().users().set().unwrap().users.len(), 9);
    assert!(shows(
        &h,
        "Loaded assignments.json: 4 assignments of the app (2 groups, 2 users), UTF-8"
    ));
    assert!(
        shows(&h, "1 member of group \"Sales partners\"")
            || shows(
                &h,
                "members-5a1e0c2b-0000-4000-8000-000000000002.json: 1 member"
            )
    );
    assert!(shows(
        &h,
        "The assigned group \"Engineering\" (5a1e0c2b-0000-4000-8000-000000000004) has no member list yet"
    ));
    assert!(shows(
        &h,
        "groups/5a1e0c2b-0000-4000-8000-000000000004/members"
    ));
    assert!(shows(
        &h,
        "Assignments: 4 files loaded, 1 assigned group has no member list yet"
    ));
    assert!(!shows(&h, "taken as assigned"));
    go(&mut h, "4  Preview");
    wait_for_preview(&mut h);
    assert!(shows(&h, "9 users: Azure would create 4, skip 5."));
    assert!(shows(
        &h,
        "Not assigned to the app: 4 · Disabled in Entra: 1"
    ));
    h.get_by_label("Skipped (5): who and why").click();
    h.run_steps(3);
    assert!(shows(&h, "Not assigned to the app: 4 users"));
    assert!(shows(&h, "Disabled in Entra: 1 user"));
    assert!(shows(
        &h,
        "which is nested in the assigned group \"Sales team\""
    ));
    // One click from the list to the user (Dana, the fifth user).
    h.get_by_label_contains("<dana@vindel.example>").click();
    h.run_steps(3);
    assert_eq!(h.state().preview().selected_user(), Some(4));
}

/// Step 3's scoping filter editor and step 4's skipped list, rendered and compared with
/// `tests/snapshots/` (`UPDATE_SNAPSHOTS=1 cargo test --test gui_scope` to accept a change).
#[test]
fn the_scope_screens_as_an_admin_sees_them() {
    let group = |n: u8| {
        data(&format!(
            "scope/members-5a1e0c2b-0000-4000-8000-00000000000{n}.json"
        ))
    };
    let files = vec![
        data("preview/users.json"),
        data("scope/assignments.json"),
        group(1),
        group(2),
        group(3),
    ];
    let mut h = Harness::builder()
        .with_size(egui::vec2(1100.0, 900.0))
        .wgpu()
        .build_eframe(move |cc| {
            let mut app = App::with_clipboard(cc, Box::new(MemoryClipboard::default()));
            app.open_paths(files.clone());
            app
        });
    wait(&mut h, |app| {
        !app.users().is_loading() && app.users().set().is_some_and(|s| s.assignments.is_some())
    });
    h.run_steps(30);
    h.snapshot("step2-assignments");
    go(&mut h, "3  Mappings");
    h.get_by_label("Source Object Scope (scoping filters): All records")
        .click();
    h.run_steps(3);
    h.get_by_label("Edit scoping filters…").click();
    h.run_steps(3);
    h.get_by_label("Add scoping filter").click();
    h.run_steps(3);
    h.get_by_label("Attribute Name").focus();
    h.get_by_label("Attribute Name").type_text("jobTitle");
    h.get_by_label("Attribute Value").focus();
    h.get_by_label("Attribute Value").type_text("Engineer");
    h.get_by_role(egui::accesskit::Role::ComboBox).click();
    h.run_steps(3);
    h.get_by_role_and_label(egui::accesskit::Role::Button, "Includes")
        .click();
    h.run_steps(5);
    h.snapshot("step3-scope");
    h.get_by_label("OK").click();
    h.run_steps(3);
    let clause = &h.state().mappings().set().scope.filters[0].clauses[0];
    assert_eq!(
        (clause.attribute.as_str(), &clause.operator),
        ("jobTitle", &Operator::Includes)
    );
    go(&mut h, "4  Preview");
    wait_for_preview(&mut h);
    h.get_by_label_contains("who and why").click();
    h.run_steps(30);
    h.snapshot("step4-skipped");
}

#[test]
fn after_importing_the_apps_schema_step_4_lists_only_what_changed_since() {
    let mut h = harness(vec![
        data("preview/users.json"),
        data("scope/schema-scoped.json"),
    ]);
    go(&mut h, "4  Preview");
    wait_for_preview(&mut h);
    // The schema is what the app in Azure has: nothing to enter, not the rows that differ
    // from Azure's defaults for a new app.
    h.get_by_label_contains("Enter these mappings in Azure (nothing to change)")
        .click();
    h.run_steps(3);
    assert!(shows(
        &h,
        "These mappings are the ones in the schema you imported (schema-scoped.json): there is \
         nothing to enter on the Attribute Mapping page."
    ));
    // A scoping filter edited in step 3 is one thing to enter, under Source Object Scope.
    go(&mut h, "3  Mappings");
    if h.query_by_label("Edit scoping filters…").is_none() {
        h.get_by_label_contains("Source Object Scope (scoping filters)")
            .click();
        h.run_steps(3);
    }
    h.get_by_label("Edit scoping filters…").click();
    h.run_steps(3);
    h.get_all_by_label("Delete scoping filter")
        .last()
        .unwrap()
        .click();
    h.run_steps(3);
    h.get_by_label("OK").click();
    h.run_steps(3);
    assert_eq!(h.state().mappings().set().scope.filters.len(), 1);
    go(&mut h, "4  Preview");
    wait_for_preview(&mut h);
    assert!(shows(
        &h,
        "Enter these mappings in Azure (the scoping filters to change)"
    ));
}
