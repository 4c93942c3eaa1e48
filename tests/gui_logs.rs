//! Provisioning logs in the window: dropped on it, they load in step 2 (routed by their
//! content), their import steps stand in for the users when none are loaded, and step 4 shows
//! the comparison with the preview and, in a user's view, the log's values beside the preview's.

use std::path::{Path, PathBuf};

use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use scim_preflight::gui::{App, Step, app::View};
use scim_preflight::secure_copy::MemoryClipboard;

mod window;
use window::{shows, wait};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/logs")
        .join(name)
}

/// The window with `files` dropped on it.
fn harness(files: Vec<PathBuf>) -> Harness<'static, App> {
    Harness::builder()
        .with_size(egui::vec2(1200.0, 3000.0))
        .build_eframe(move |cc| {
            let mut app = App::with_clipboard(cc, Box::new(MemoryClipboard::default()));
            app.open_paths(files.clone());
            app
        })
}

/// Waits for the users, the preview and the comparison with the logs.
fn wait_for_comparison(h: &mut Harness<'_, App>) {
    wait(h, |app| {
        !app.users().is_loading()
            && app.users().set().is_some()
            && !app.preview().is_running()
            && app.preview().log_comparison().is_some()
    });
}

#[test]
fn logs_alone_give_the_users_and_the_comparison() {
    let mut h = harness(vec![fixture("graph-page.json")]);
    wait_for_comparison(&mut h);
    assert_eq!(
        h.state().view(),
        View::Step(Step::Users),
        "logs go to step 2"
    );
    assert_eq!(h.state().users().set().unwrap().users.len(), 5);
    assert!(shows(&h, "Provisioning logs: 6 records"));
    assert!(shows(
        &h,
        "graph-page.json: Microsoft Graph auditLogs/provisioning response, UTF-8, 6 records"
    ));
    h.get_by_label("4  Preview").click();
    h.run_steps(3);
    assert!(shows(&h, "What Azure really did (provisioning logs)"));
    assert!(shows(
        &h,
        "6 records of 5 users; 5 found among the loaded users."
    ));
    assert!(shows(
        &h,
        "Create or skip: 4 of 5 users as the preview says."
    ));
    assert!(shows(&h, "Attributes compared: 24; 23 agree."));
    assert!(shows(
        &h,
        "name.formatted: Azure sent \"Nilsen, Eva\", the preview has \"Eva Nilsen\""
    ));
    assert!(shows(&h, "Created or skipped otherwise (1)"));
    assert!(shows(
        &h,
        "Azure: skipped (not assigned, out of scope or disabled); the preview: create"
    ));
    // The user's view: what the log says, each value beside the preview's.
    h.get_all_by_label("Dmitri Volkov <dmitri.volkov@vindel-instruments.example>")
        .next()
        .unwrap()
        .click();
    h.run_steps(3);
    assert!(shows(&h, "In the provisioning logs"));
    assert!(shows(
        &h,
        "The log says Azure skipped (not assigned, out of scope or disabled). The preview says otherwise."
    ));
    // The record's steps, each with its details.
    h.get_by_label("Azure's steps (3 steps, 2026-11-30T08:04:00Z)")
        .click();
    h.run_steps(3);
    assert!(shows(&h, "in Secure Practice: no id yet."));
    assert!(shows(&h, "Status: skipped"));
    h.query_all_by_label_contains(
        "Export: The User 'dmitri.volkov@vindel-instruments.example' will be skipped",
    )
    .next()
    .expect("the export step")
    .click();
    h.run_steps(3);
    assert!(shows(&h, "SkipReason:"));
    assert!(shows(&h, "NotEffectivelyEntitled"));
    h.get_all_by_label("Eva Nilsen <eva.nilsen@vindel-instruments.example>")
        .next()
        .unwrap()
        .click();
    h.run_steps(3);
    assert!(shows(&h, "The log says Azure created."));
    assert!(shows(&h, "Azure sent"));
    assert!(shows(&h, "⚠ differs"), "Eva's name.formatted");
}

#[test]
fn a_later_user_export_explains_a_changed_value() {
    let mut h = harness(vec![
        fixture("users-later.json"),
        fixture("ProvisioningLogs.csv"),
        fixture("ProvisioningLogs_ProvisioningSteps.csv"),
        fixture("ProvisioningLogs_ModifiedProperties.csv"),
    ]);
    wait_for_comparison(&mut h);
    let set = h.state().users().set().unwrap();
    assert_eq!(
        set.files[0].name, "users-later.json",
        "the users are the export's"
    );
    h.get_by_label("4  Preview").click();
    h.run_steps(3);
    assert!(shows(
        &h,
        "Attributes compared: 24; 22 agree; 1 difference explained by a change in Entra after the log."
    ));
    assert!(shows(
        &h,
        "explained: department changed in Entra after the log (Azure read \"Marketing\", the loaded users have \"Sales & Marketing\")"
    ));
}

#[test]
fn csv_files_added_one_at_a_time_are_joined_until_removed() {
    let mut h = harness(vec![
        fixture("users-later.json"),
        fixture("ProvisioningLogs.csv"),
    ]);
    wait_for_comparison(&mut h);
    assert_eq!(h.state().preview().log_comparison().unwrap().compared(), 0);
    h.state_mut()
        .open_paths([fixture("ProvisioningLogs_ProvisioningSteps.csv")]);
    h.state_mut()
        .open_paths([fixture("ProvisioningLogs_ModifiedProperties.csv")]);
    wait(&mut h, |app| {
        !app.users().is_loading()
            && app
                .preview()
                .log_comparison()
                .is_some_and(|c| c.compared() == 24)
    });
    assert_eq!(
        h.state().users().set().unwrap().files[0].name,
        "users-later.json",
        "the users stay"
    );
    assert!(shows(&h, "Provisioning logs: 6 records"));
    assert!(shows(
        &h,
        "ProvisioningLogs_ModifiedProperties.csv: admin center Download logs CSV (their modified properties), UTF-8 with BOM, 25 rows"
    ));
    h.get_by_label("Remove the logs").click();
    h.run_steps(3);
    assert!(h.state().users().logs().is_none());
    assert!(h.state().preview().log_comparison().is_none());
    assert!(!shows(&h, "Provisioning logs: 6 records"));
}
