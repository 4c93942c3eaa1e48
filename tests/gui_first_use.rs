//! What a first-time admin meets, driven like a person would: no file dialog on the desktop,
//! the skipped users, being asked before something is replaced, a Direct mapping turned into
//! an Expression, the path builder's proposal, and each step opening at its top.

use std::path::{Path, PathBuf};
use std::time::Duration;

use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use scim_preflight::gui::{App, Picked, Step, View};
use scim_preflight::secure_copy::MemoryClipboard;

fn data(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(path)
}

/// The window, whose file dialogs answer with `picked`.
fn harness(picked: Picked) -> Harness<'static, App> {
    let mut h = Harness::builder()
        .with_size(egui::vec2(1366.0, 2400.0))
        .build_eframe(move |cc| {
            let mut app = App::with_clipboard(cc, Box::new(MemoryClipboard::default()));
            let picked = picked.clone();
            app.set_file_picker(move |_, _| picked.clone());
            app
        });
    h.ctx
        .set_missing_glyph_policy(egui::MissingGlyphPolicy::Tofu);
    h.run_steps(2);
    h
}

fn shows(h: &Harness<'_, App>, text: &str) -> bool {
    h.query_all_by_label_contains(text).next().is_some()
}

/// Runs frames until `done` holds (background work finishes on its own threads).
fn wait(h: &mut Harness<'_, App>, done: impl Fn(&App) -> bool) {
    for _ in 0..2000 {
        h.step();
        if done(h.state()) {
            h.run_steps(2);
            return;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    panic!("the background work did not finish");
}

fn go(h: &mut Harness<'_, App>, step: &str) {
    h.get_by_label(step).click();
    h.run_steps(3);
}

#[test]
fn without_a_file_dialog_the_admin_types_the_path() {
    let no_dialog = Picked::Unavailable("no file-chooser portal".into());
    let mut h = harness(no_dialog);
    go(&mut h, "2  Users");
    h.get_by_label("Open export…").click();
    h.run_steps(3);
    assert!(
        h.state().is_asking_for_path(),
        "not silent: the admin is asked"
    );
    assert!(shows(
        &h,
        "No file dialog could be opened on this computer (no file-chooser portal)"
    ));
    assert!(shows(&h, "drop files on this window"));
    // A path that is not there is refused in the prompt, which stays.
    h.get_by_label("Path").type_text("/nowhere/users.json");
    h.run_steps(2);
    h.get_by_label("Open").click();
    h.run_steps(2);
    assert!(shows(&h, "There is no file /nowhere/users.json."));
    assert!(h.state().is_asking_for_path());
    // The right one loads, quotes and all (as Windows' "Copy as path" gives it).
    let path = data("preview/users.json");
    h.get_by_label("Path").focus();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label("Path")
        .type_text(&format!("\"{}\"", path.display()));
    h.run_steps(2);
    h.get_by_label("Open").click();
    h.run_steps(2);
    assert!(!h.state().is_asking_for_path());
    wait(&mut h, |app| {
        app.users().set().is_some() && !app.users().is_loading()
    });
    assert!(h.state().users().set().is_some_and(|s| !s.users.is_empty()));
    assert_eq!(
        h.state().settings().last_folder.as_deref(),
        path.parent(),
        "the folder is remembered for next time"
    );
}

#[test]
fn without_a_file_dialog_a_save_goes_to_the_typed_path() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(Picked::Unavailable("no file-chooser portal".into()));
    go(&mut h, "3  Mappings");
    h.get_by_label("Save mapping file…").click();
    h.run_steps(3);
    assert!(shows(&h, "including the file name"));
    // The suggested name is there already.
    let target = dir.path().join("mine.json");
    h.get_by_label("Path").focus();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label("Path")
        .type_text(&target.display().to_string());
    h.run_steps(2);
    h.get_by_label("Save").click();
    h.run_steps(2);
    let saved = std::fs::read_to_string(&target).expect("saved");
    assert!(saved.contains("\"mappings\""), "{saved}");
    assert!(h.state().status().text.starts_with("Saved "));
}

#[test]
fn a_cancelled_dialog_asks_nothing() {
    let mut h = harness(Picked::Cancelled);
    go(&mut h, "2  Users");
    h.get_by_label("Open export…").click();
    h.run_steps(3);
    assert!(!h.state().is_asking_for_path());
    assert_eq!(h.state().view(), View::Step(Step::Users));
}
