//! Step 4's Save in the background: the status bar shows how far it got and a Cancel; a finished
//! save holds the same bytes as the command line's export, a cancelled one leaves no file and no
//! temporary file, a failed one names the cause.

mod common;

use std::path::{Path, PathBuf};

use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use scim_preflight::gui::{App, Pick};
use scim_preflight::import::sample::{self, SampleShape};
use scim_preflight::secure_copy::MemoryClipboard;

mod window;
use window::wait;

/// The window with `users` loaded and step 4 shown; a Save dialog answers `save`.
fn harness(users: PathBuf, save: PathBuf) -> Harness<'static, App> {
    let mut h = Harness::builder()
        .with_size(egui::vec2(1200.0, 900.0))
        .build_eframe(move |cc| {
            let mut app = App::with_clipboard(cc, Box::new(MemoryClipboard::default()));
            let save = save.clone();
            app.set_file_picker(move |pick, _| match pick {
                Pick::Save(_) => Some(vec![save.clone()]),
                _ => None,
            });
            app.open_paths([users.clone()]);
            app
        });
    // The generated users' names use letters the test fonts lack.
    h.ctx
        .set_missing_glyph_policy(egui::MissingGlyphPolicy::Tofu);
    wait(&mut h, |app| app.users().set().is_some());
    h.get_by_label("4  Preview").click();
    h.run_steps(3);
    wait(&mut h, |app| {
        !app.preview().is_running() && app.preview().preview().is_some()
    });
    h
}

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/preview/users.json")
}

fn names(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn status(h: &Harness<'_, App>) -> String {
    h.state().status().text.clone()
}

#[test]
fn a_saved_csv_and_json_are_the_bytes_of_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let users = fixture();
    let users_arg = users.to_str().unwrap();
    for (button, name, format) in [
        ("Save CSV…", "preview.csv", "csv"),
        ("Save JSON…", "preview.json", "json"),
    ] {
        let target = dir.path().join(name);
        let mut h = harness(users.clone(), target.clone());
        h.get_by_label(button).click();
        h.run_steps(1);
        wait(&mut h, |app| !app.is_saving());
        assert_eq!(status(&h), format!("Saved {}.", target.display()));
        let saved = std::fs::read(&target).unwrap();
        let cli = common::run(&["preview", "--format", format, users_arg], "");
        assert!(cli.status.success(), "{}", common::err(&cli));
        if format == "csv" {
            assert!(
                saved == cli.stdout,
                "the CSV differs from the command line's"
            );
        } else {
            // The window indents the same JSON object the command line prints on one line.
            let value: serde_json::Value = serde_json::from_slice(&cli.stdout).unwrap();
            let indented = serde_json::to_string_pretty(&value).unwrap();
            assert!(
                saved == indented.as_bytes(),
                "the JSON differs from the command line's"
            );
        }
    }
    assert_eq!(names(dir.path()), ["preview.csv", "preview.json"]);
}

#[test]
fn a_cancelled_save_leaves_no_file_and_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let users = dir.path().join("users.json");
    let mut bytes = Vec::new();
    sample::write(&mut bytes, SampleShape::Graph, 20_000, 7).unwrap();
    std::fs::write(&users, bytes).unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let target = out.join("preview.json");
    let mut h = harness(users, target.clone());
    h.get_by_label("Save JSON…").click();
    h.run_steps(2);
    assert!(h.state().is_saving());
    assert!(
        h.query_by_label_contains("of 20000 users written")
            .is_some(),
        "the status bar shows how far the save is"
    );
    h.get_by_label("Cancel save").click();
    h.run_steps(1);
    wait(&mut h, |app| !app.is_saving());
    assert_eq!(
        status(&h),
        format!(
            "Save cancelled: nothing was written to {}.",
            target.display()
        )
    );
    assert!(names(&out).is_empty(), "{:?}", names(&out));
}

#[test]
fn a_save_into_a_missing_folder_names_the_cause() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("gone").join("preview.csv");
    let mut h = harness(fixture(), target.clone());
    h.get_by_label("Save CSV…").click();
    h.run_steps(1);
    wait(&mut h, |app| !app.is_saving());
    let text = status(&h);
    assert!(
        text.starts_with(&format!(
            "Not saved: {}: no file could be made in that folder (",
            target.display()
        )),
        "{text}"
    );
    assert!(
        text.ends_with("A file already there is unchanged."),
        "{text}"
    );
    assert!(names(dir.path()).is_empty());
}
