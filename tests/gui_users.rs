//! Step 2 driven like a person would: pick a file (the Open dialog is answered by the test),
//! wait for the background load, read the summary, coverage and table, search, inspect a user,
//! try the sample data, and load a broken file without losing what was loaded.

use std::path::{Path, PathBuf};
use std::time::Duration;

use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use scim_preflight::gui::{App, Step, app::View};
use scim_preflight::secure_copy::MemoryClipboard;

mod window;
use window::shows;

fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/import")
        .join(path)
}

/// The window on step 2, with an Open dialog that answers `picks` in turn.
fn harness(picks: Vec<Vec<PathBuf>>) -> Harness<'static, App> {
    let mut h = Harness::builder()
        .with_size(egui::vec2(1200.0, 1400.0))
        .build_eframe(move |cc| {
            let mut app = App::with_clipboard(cc, Box::new(MemoryClipboard::default()));
            let mut picks = picks.clone().into_iter();
            app.set_file_picker(move |_, _| picks.next());
            app
        });
    // The sample data has CJK names; the test harness has no system fonts to draw them (the
    // app finds them through eframe's system font provider). Our own labels are checked for
    // missing glyphs in gui_token.
    h.ctx
        .set_missing_glyph_policy(egui::MissingGlyphPolicy::Tofu);
    h.get_by_label("2  Users").click();
    h.run();
    assert_eq!(h.state().view(), View::Step(Step::Users));
    h
}

/// Runs frames until the background load is done.
fn wait_for_load(h: &mut Harness<'_, App>) {
    for _ in 0..500 {
        h.step();
        if !h.state().users().is_loading() {
            h.run();
            return;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    panic!("the load did not finish");
}

#[test]
fn a_picked_file_fills_the_summary_coverage_and_table() {
    let mut h = harness(vec![vec![fixture("valid/graph-page.json")]]);
    assert!(shows(&h, "No users loaded yet."));
    h.get_by_label("Open export…").click();
    wait_for_load(&mut h);
    let set = h.state().users().set().expect("users loaded");
    assert_eq!(set.users.len(), 30);
    let first = set.users[0]
        .text(&set.names, "displayName")
        .unwrap()
        .to_owned();
    assert!(shows(&h, "30 users from 1 file"));
    assert!(shows(&h, "Microsoft Graph /users response"));
    assert!(shows(&h, "Loaded 30 users."), "the status bar says so");
    // Coverage, with what a gap means for the users concerned.
    assert!(shows(&h, "Attribute coverage"));
    assert!(shows(&h, "employeeOrgData.division"));
    assert!(shows(
        &h,
        "2 of 30 users have no companyName: they have no organization in the hierarchy"
    ));
    assert!(shows(
        &h,
        "1 of 30 users has no manager: they get no manager, so no reporting line."
    ));
    // The table.
    assert!(shows(&h, "30 of 30 users"));
    assert!(
        h.query_by_label(&first).is_some(),
        "{first} is in the table"
    );

    // Search narrows the table.
    h.get_by_label("Search").click();
    h.run();
    h.get_by_label("Search").type_text(&first);
    h.run();
    assert!(!shows(&h, "30 of 30 users"));
    assert!(shows(&h, " of 30 users"));

    // Clicking a user opens the inspector with where each value came from.
    h.get_all_by_label(&first).next().unwrap().click();
    h.run();
    assert!(shows(&h, "(read from businessPhones[0])"));
    assert!(shows(&h, "(read from officeLocation)"));
    assert!(shows(&h, "User 1 of graph-page.json"));
}

#[test]
fn a_broken_file_shows_why_and_keeps_the_users_loaded_before() {
    let mut h = harness(vec![
        vec![fixture("valid/az-array.json")],
        vec![fixture("malformed/missing-comma.json")],
    ]);
    h.get_by_label("Open export…").click();
    wait_for_load(&mut h);
    assert_eq!(h.state().users().set().unwrap().users.len(), 30);
    h.get_by_label("Open export…").click();
    wait_for_load(&mut h);
    assert!(shows(&h, "missing-comma.json could not be loaded"));
    assert!(shows(&h, "line 3, column 4: expected \",\" or \"}\""));
    assert!(shows(&h, "The users loaded before are still here"));
    assert_eq!(h.state().users().set().unwrap().users.len(), 30);
    assert!(shows(&h, "30 users from 1 file"));
}

#[test]
fn pages_added_one_after_another_are_merged() {
    let mut h = harness(vec![
        vec![fixture("valid/graph-page-1-of-2.json")],
        vec![fixture("valid/graph-page-2-of-2.json")],
    ]);
    h.get_by_label("Open export…").click();
    wait_for_load(&mut h);
    assert!(shows(&h, "one page of a longer list"));
    h.get_by_label("Add another file…").click();
    wait_for_load(&mut h);
    assert_eq!(h.state().users().set().unwrap().users.len(), 30);
    assert!(shows(&h, "30 users from 2 files"));
}

#[test]
fn sample_data_loads_without_a_file() {
    let mut h = harness(Vec::new());
    h.get_by_label("Try with sample data").click();
    wait_for_load(&mut h);
    assert_eq!(h.state().users().set().unwrap().users.len(), 500);
    assert!(shows(&h, "sample data (500 fictional users)"));
    // A cancelled dialog changes nothing.
    h.get_by_label("Open export…").click();
    h.run();
    assert_eq!(h.state().users().set().unwrap().users.len(), 500);
}
