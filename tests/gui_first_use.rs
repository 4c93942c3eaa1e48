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

mod window;
use window::{MemoryStorage, go, shows, wait};

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

/// The window with the fixture users loaded (dialogs cancelled).
fn with_users(file: &Path) -> Harness<'static, App> {
    let mut h = harness(Picked::Cancelled);
    h.state_mut().open_paths([file.to_path_buf()]);
    wait(&mut h, |app| {
        app.users().set().is_some() && !app.users().is_loading()
    });
    h
}

/// Waits until step 4 shows a preview of the current mappings.
fn wait_for_preview(h: &mut Harness<'_, App>) {
    wait(h, |app| {
        !app.preview().is_running() && app.preview().preview().is_some()
    });
}

#[test]
fn the_skipped_users_are_listed_with_why_one_click_from_the_count() {
    let mut h = with_users(&data("preview/users.json"));
    go(&mut h, "4  Preview");
    wait_for_preview(&mut h);
    assert!(shows(&h, "9 users: Azure would create 7, skip 2."));
    h.get_by_label("Skipped (2): who and why").click();
    h.run_steps(3);
    assert!(shows(&h, "Skipped: Azure would not create these 2 users"));
    // Each with its reason; a click shows that user.
    assert!(shows(&h, "disabled in Entra"));
    h.query_all_by_label_contains("aino@vindel.example")
        .next()
        .expect("the disabled user is listed")
        .click();
    h.run_steps(3);
    let selected = h.state().preview().selected_user().expect("selected");
    let set = h.state().users().set().unwrap();
    assert_eq!(
        set.users[selected].text(&set.names, "userPrincipalName"),
        Some("aino@vindel.example")
    );
}

#[test]
fn sample_data_asks_before_it_replaces_loaded_users() {
    let mut h = with_users(&data("preview/users.json"));
    go(&mut h, "2  Users");
    h.get_by_label("Try with sample data").click();
    h.run_steps(3);
    assert!(shows(
        &h,
        "The sample data replaces the 9 users from users.json."
    ));
    h.get_by_label("Keep my users").click();
    h.run_steps(3);
    assert_eq!(h.state().users().set().unwrap().users.len(), 9);
    assert!(!shows(&h, "The sample data replaces"));
    h.get_by_label("Try with sample data").click();
    h.run_steps(3);
    h.get_by_label("Replace with sample data").click();
    h.run_steps(2);
    wait(&mut h, |app| !app.users().is_loading());
    assert_eq!(h.state().users().set().unwrap().users.len(), 500);
    // Sample data replacing sample data asks nothing.
    h.get_by_label("Try with sample data").click();
    h.run_steps(3);
    assert!(!shows(&h, "The sample data replaces"));
}

#[test]
fn a_preset_replacing_edited_mappings_can_be_undone() {
    let mut h = harness(Picked::Cancelled);
    go(&mut h, "3  Mappings");
    let before = h.state().mappings().set().clone();
    h.get_by_label("Delete the mapping to enterprise:organization")
        .click();
    h.run_steps(3);
    assert!(shows(&h, "Deleted the mapping to enterprise:organization."));
    let edited = h.state().mappings().set().clone();
    assert_eq!(edited.mappings.len(), before.mappings.len() - 1);
    h.get_by_label("Azure defaults").click();
    h.run_steps(3);
    assert!(shows(
        &h,
        "Replaced 24 mappings with the preset Azure defaults. Undo puts them back."
    ));
    h.get_by_label("Undo").click();
    h.run_steps(3);
    assert_eq!(
        h.state().mappings().set(),
        &edited,
        "the edited mappings are back"
    );
    h.get_by_label("Undo").click();
    h.run_steps(3);
    assert_eq!(
        h.state().mappings().set(),
        &before,
        "and the deletion undone"
    );
}

#[test]
fn a_direct_mapping_turned_into_an_expression_reads_the_attribute() {
    let mut h = with_users(&data("preview/users.json"));
    go(&mut h, "3  Mappings");
    h.get_by_label("Edit the mapping to enterprise:department")
        .click();
    h.run_steps(20);
    h.get_by_label("Mapping type").click();
    h.run_steps(3);
    h.get_by_role_and_label(egui::accesskit::Role::Button, "Expression")
        .click();
    h.run_steps(5);
    h.get_by_label("OK").click();
    h.run_steps(3);
    let department = h
        .state()
        .mappings()
        .set()
        .mappings
        .iter()
        .find(|m| m.target.ends_with(":department"))
        .unwrap()
        .clone();
    assert_eq!(
        department.kind,
        scim_preflight::mapping::MappingKind::Expression
    );
    assert_eq!(department.source, "[department]");
}

#[test]
fn ok_on_an_expression_failing_for_everyone_asks_first() {
    let mut h = with_users(&data("preview/users.json"));
    go(&mut h, "3  Mappings");
    h.get_by_label("Edit the mapping to name.formatted").click();
    h.run_steps(20);
    let editor = egui::accesskit::Role::MultilineTextInput;
    h.get_by_role(editor).click();
    h.run_steps(4);
    h.key_combination_modifiers(egui::Modifiers::COMMAND, &[egui::Key::A]);
    h.get_by_role(editor).type_text("CDate(\"not a date\")");
    h.run_steps(3);
    // The live result sums up in the background.
    for _ in 0..400 {
        h.step();
        if shows(&h, "All 9 users") {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    h.get_by_label("OK").click();
    h.run_steps(3);
    assert!(shows(
        &h,
        "This expression fails for all of the 9 loaded users"
    ));
    let saved = h
        .state()
        .mappings()
        .set()
        .get("name.formatted")
        .unwrap()
        .source
        .clone();
    assert!(!saved.contains("CDate"), "not saved yet");
    h.get_by_label("Save anyway").click();
    h.run_steps(3);
    let saved = h
        .state()
        .mappings()
        .set()
        .get("name.formatted")
        .unwrap()
        .source
        .clone();
    assert_eq!(saved, "CDate(\"not a date\")");
}

#[test]
fn the_path_builder_proposes_the_attribute_with_paths_and_shows_the_tree() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("users.json");
    let users: Vec<String> = (0..12)
        .map(|i| {
            let path = ["Vindel > Sales > EMEA", "Vindel > Sales > APAC", "Vindel > IT > Support"][i % 3];
            format!(
                r#"{{"id": "{i}", "userPrincipalName": "u{i}@vindel.example", "department": "Team {i}", "extensionAttribute1": "{path}"}}"#
            )
        })
        .collect();
    std::fs::write(&file, format!("{{\"value\": [{}]}}", users.join(","))).unwrap();
    let mut h = with_users(&file);
    go(&mut h, "3  Mappings");
    h.get_by_label("Department path builder…").click();
    h.run_steps(3);
    // The users' values are looked at on a thread, not while the window waits.
    for _ in 0..400 {
        h.step();
        if shows(&h, "12 users have a value") {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    assert_eq!(
        h.get_by_label("Attribute with the path").value().as_deref(),
        Some("extensionAttribute1"),
        "the attribute that holds the paths, not department"
    );
    assert!(shows(
        &h,
        "12 users have a value. Delimiters: \">\" in 12 users. Most paths have 3 levels."
    ));
    for _ in 0..400 {
        h.step();
        if shows(&h, "Vindel (12 users)") {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    assert!(
        shows(&h, "Vindel (12 users)"),
        "the tree, before the mappings are used"
    );
    assert!(shows(&h, "Sales (8 users)"));
    assert!(shows(&h, "EMEA (4 users)"));
    h.get_by_label("Use these mappings").click();
    h.run_steps(3);
    assert!(shows(
        &h,
        "The levels now come from extensionAttribute1 (3 mappings)."
    ));
}

#[test]
fn each_step_opens_at_its_top() {
    let mut h = with_users(&data("preview/users.json"));
    h.set_size(egui::vec2(1366.0, 600.0));
    go(&mut h, "3  Mappings");
    h.get_by_label("Step 3: Mappings").hover();
    for _ in 0..20 {
        h.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: egui::vec2(0.0, -200.0),
            modifiers: egui::Modifiers::NONE,
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Wheel,
        });
        h.step();
    }
    h.run_steps(30);
    let heading = h.get_by_label("Step 3: Mappings").rect();
    assert!(heading.top() < 0.0, "scrolled down: {heading:?}");
    go(&mut h, "2  Users");
    go(&mut h, "3  Mappings");
    h.run_steps(5);
    let heading = h.get_by_label("Step 3: Mappings").rect();
    assert!(heading.top() >= 0.0, "back at the top: {heading:?}");
}

#[test]
fn an_imported_schema_still_exports_after_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let exported = dir.path().join("edited-schema.json");
    let mut h = harness(Picked::Cancelled);
    h.state_mut().open_paths([data("schema/schema.json")]);
    h.run_steps(3);
    assert!(
        h.state()
            .mappings()
            .origin()
            .starts_with("Azure schema: schema.json")
    );
    let mut storage = MemoryStorage::default();
    eframe::App::save(h.state_mut(), &mut storage);

    let mut next = harness(Picked::Chosen(vec![exported.clone()]));
    next.state_mut().restore(&storage);
    go(&mut next, "3  Mappings");
    assert!(shows(&next, "Azure schema: schema.json (as you left it)"));
    next.get_by_label("Export Azure schema…").click();
    next.run_steps(3);
    let text = std::fs::read_to_string(&exported).expect("exported");
    let original = std::fs::read_to_string(data("schema/schema.json")).unwrap();
    let parse = |t: &str| {
        serde_json::from_str::<serde_json::Value>(t.trim_start_matches('\u{feff}')).unwrap()
    };
    assert_eq!(
        parse(&text),
        parse(&original),
        "unchanged mappings export the same schema"
    );
}

#[test]
fn a_new_mapping_says_what_to_fill_in_before_any_error() {
    let mut h = with_users(&data("preview/users.json"));
    go(&mut h, "3  Mappings");
    h.get_by_label("Add new mapping").click();
    h.run_steps(20);
    assert!(shows(
        &h,
        "Pick or type the source attribute to see its value for each user."
    ));
    assert!(
        !shows(&h, "names no attribute"),
        "no error before anything was typed"
    );
}
