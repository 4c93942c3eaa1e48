//! Step 1 and the window shell, driven like a person would: find widgets by their labels, click,
//! type, and read what the window shows. The clipboard is an in-memory one the test can inspect.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use scim_preflight::gui::{App, Step, app::View};
use scim_preflight::secure_copy::MemoryClipboard;

mod window;
use window::{MemoryStorage, shows};

fn harness(clipboard: &MemoryClipboard) -> Harness<'static, App> {
    let clipboard = clipboard.clone();
    Harness::builder()
        .with_size(egui::vec2(1100.0, 760.0))
        .build_eframe(move |cc| App::with_clipboard(cc, Box::new(clipboard)))
}

fn type_into(h: &mut Harness<'_, App>, label: &str, text: &str) {
    h.get_by_label(label).click();
    h.run();
    h.get_by_label(label).type_text(text);
    h.run();
}

/// The window after typing key `abc` and secret `def` and clicking "Copy token".
fn with_copied_token(clipboard: &MemoryClipboard) -> Harness<'static, App> {
    let mut h = harness(clipboard);
    type_into(&mut h, "API key", "abc");
    type_into(&mut h, "API secret", "def");
    h.get_by_label("📋 Copy token").click();
    h.run();
    h
}

/// True when some widget's text contains `text` (the countdown, for one, is shown twice).

#[test]
fn typing_key_and_secret_shows_the_fingerprint_but_not_the_token() {
    let clipboard = MemoryClipboard::default();
    let mut h = harness(&clipboard);
    assert!(shows(&h, "The token appears here"));
    type_into(&mut h, "API key", "abc");
    type_into(&mut h, "API secret", "def");
    assert!(shows(&h, "Ends in Zg== · 12 characters"));
    assert!(!shows(&h, "YWJjOmRlZg=="), "the token is masked by default");
    assert!(!shows(&h, "def"), "the secret is masked by default");

    h.get_by_label("👁 Show token").click();
    h.run();
    assert!(h.query_by_label("YWJjOmRlZg==").is_some());
}

#[test]
fn a_key_with_a_colon_shows_the_error_and_no_token() {
    let clipboard = MemoryClipboard::default();
    let mut h = harness(&clipboard);
    type_into(&mut h, "API key", "ab:c");
    type_into(&mut h, "API secret", "def");
    assert!(shows(&h, "The API key contains “:”"));
    assert!(!shows(&h, "Ends in"));
}

#[test]
fn pasted_spaces_are_reported_and_left_out_of_the_token() {
    let clipboard = MemoryClipboard::default();
    let mut h = harness(&clipboard);
    type_into(&mut h, "API key", "  abc ");
    type_into(&mut h, "API secret", "def");
    assert!(shows(&h, "Removed 3 spaces at the start or end"));
    assert!(shows(&h, "Ends in Zg=="));
}

#[test]
fn copy_puts_the_token_on_the_clipboard_with_hints_and_a_countdown() {
    let clipboard = MemoryClipboard::default();
    let mut h = with_copied_token(&clipboard);
    assert_eq!(clipboard.text().as_deref(), Some("YWJjOmRlZg=="));
    assert!(clipboard.last_write_was_hinted());
    assert!(shows(&h, "Token copied (ends in Zg==)"));
    assert_eq!(
        h.query_all_by_label_contains("it will be cleared in 30 s")
            .count(),
        2,
        "countdown under the button and in the status bar"
    );

    h.get_by_label("Clear clipboard now").click();
    h.run();
    assert_eq!(clipboard.text(), None);
    assert!(shows(&h, "The token was cleared from the clipboard."));
}

#[test]
fn clear_now_leaves_other_content_alone() {
    let clipboard = MemoryClipboard::default();
    let mut h = with_copied_token(&clipboard);
    clipboard.copy_from_elsewhere("an address the admin copied");
    h.get_by_label("Clear clipboard now").click();
    h.run();
    assert_eq!(
        clipboard.text().as_deref(),
        Some("an address the admin copied")
    );
    assert!(shows(&h, "left as it is"));
}

#[test]
fn clear_empties_everything_and_takes_the_token_off_the_clipboard() {
    let clipboard = MemoryClipboard::default();
    let mut h = with_copied_token(&clipboard);
    h.get_by_label("Clear").click();
    h.run();
    assert_eq!(h.get_by_label("API key").value().as_deref(), Some(""));
    assert!(!shows(&h, "Ends in"));
    assert!(shows(&h, "The token appears here"));
    assert_eq!(clipboard.text(), None);
}

#[test]
fn a_pasted_finished_token_can_be_used_as_is() {
    let clipboard = MemoryClipboard::default();
    let mut h = harness(&clipboard);
    type_into(&mut h, "API key", "Bearer YWJjOmRlZg==");
    assert!(shows(&h, "already looks like a finished secret token"));
    h.get_by_label("Use the API key as the token, as is")
        .click();
    h.run();
    assert!(shows(&h, "the token you pasted, used as is"));
    h.get_by_label("📋 Copy token").click();
    h.run();
    assert_eq!(clipboard.text().as_deref(), Some("YWJjOmRlZg=="));
}

#[test]
fn copy_tenant_url_copies_plain_text() {
    let clipboard = MemoryClipboard::default();
    let mut h = harness(&clipboard);
    h.get_by_label("Copy tenant URL").click();
    h.run();
    assert_eq!(
        clipboard.text().as_deref(),
        Some("https://api.securepractice.co/scim/v2/")
    );
    assert!(!clipboard.last_write_was_hinted());
}

#[test]
fn the_persisted_state_holds_settings_but_never_key_secret_or_token() {
    let clipboard = MemoryClipboard::default();
    let mut h = harness(&clipboard);
    type_into(&mut h, "API key", "my-api-key");
    type_into(&mut h, "API secret", "my-api-secret");
    h.get_by_label("👁 Show token").click();
    h.run();
    let token = scim_preflight::token::encode("my-api-key", "my-api-secret");
    let token = token.expose_secret().to_owned();
    assert!(h.query_by_label(&token).is_some(), "token is on screen");
    h.state_mut().settings_mut().clear_after_secs = 60;

    // What eframe writes: the app's own state, and egui's memory (text cursors, panels…).
    let mut storage = MemoryStorage::default();
    eframe::App::save(h.state_mut(), &mut storage);
    let egui_memory = h
        .ctx
        .memory(|m| ron::to_string(m).expect("memory serializes"));
    storage.0.insert("egui".to_owned(), egui_memory);

    let everything: String = storage.0.values().cloned().collect::<Vec<_>>().join("\n");
    assert!(
        everything.contains("clear_after_secs:60") || everything.contains("clear_after_secs: 60"),
        "{everything}"
    );
    for secret in ["my-api-key", "my-api-secret", token.as_str()] {
        assert!(!everything.contains(secret), "{secret} was persisted");
    }
}

#[test]
fn navigation_reaches_every_step_and_settings() {
    let clipboard = MemoryClipboard::default();
    let mut h = harness(&clipboard);
    for step in [Step::Users, Step::Mappings, Step::Preview] {
        h.get_by_label(&format!("{}  {}", step.number(), step.title()))
            .click();
        h.run();
        assert_eq!(h.state().view(), View::Step(step));
        assert!(shows(
            &h,
            &format!("Step {}: {}", step.number(), step.title())
        ));
        // Each step's own controls are there (no users are loaded yet).
        let own = match step {
            Step::Users => "Open export…",
            Step::Mappings => "Secure Practice hierarchy",
            _ => "Load users in step 2 first.",
        };
        assert!(shows(&h, own), "{step:?} shows {own}");
    }
    h.get_by_label("2  Users").click();
    h.run();
    assert!(shows(&h, "Open export…"));
    h.get_by_label("⚙  Settings").click();
    h.run();
    assert_eq!(h.state().view(), View::Settings);
    h.get_by_label("Dark").click();
    h.run();
    assert_eq!(
        h.state().settings().theme,
        scim_preflight::gui::settings::ThemeChoice::Dark
    );
    assert_eq!(
        h.ctx.options(|o| o.theme_preference),
        egui::ThemePreference::Dark
    );
    h.get_by_label("1  Secret token").click();
    h.run();
    assert!(h.query_by_label("API key").is_some());
}

#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn dropped_files_go_to_the_step_that_handles_them() {
    let dir = tempfile::tempdir().unwrap();
    let users = dir.path().join("users.json");
    std::fs::write(
        &users,
        r#"{"value":[{"id":"1","userPrincipalName":"a@contoso.com"}]}"#,
    )
    .unwrap();
    let schema = dir.path().join("schema.json");
    std::fs::write(
        &schema,
        r#"{"synchronizationRules":[{"objectMappings":[]}]}"#,
    )
    .unwrap();

    let clipboard = MemoryClipboard::default();
    let mut h = harness(&clipboard);
    h.input_mut()
        .dropped_files
        .push(Arc::new(Dropped(users.clone())));
    // Background loads repaint when they finish, so a fixed number of frames, not `run`.
    h.run_steps(3);
    assert_eq!(h.state().view(), View::Step(Step::Users));
    assert_eq!(
        h.state().opened_files(Step::Users),
        std::slice::from_ref(&users)
    );
    // Step 2 loads it in the background.
    for _ in 0..200 {
        if shows(&h, "Loaded 1 user.") {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
        h.run_steps(3);
    }
    assert!(shows(&h, "Loaded 1 user."));
    assert_eq!(
        h.state().settings().last_folder.as_deref(),
        Some(dir.path())
    );

    h.input_mut()
        .dropped_files
        .push(Arc::new(Dropped(schema.clone())));
    h.run_steps(3);
    assert_eq!(h.state().view(), View::Step(Step::Mappings));
    assert_eq!(h.state().opened_files(Step::Mappings), [schema]);

    h.input_mut()
        .dropped_files
        .push(Arc::new(Dropped(dir.path().join("missing.json"))));
    h.run_steps(3);
    assert!(shows(&h, "Could not open missing.json"));
    assert_eq!(
        h.state().opened_files(Step::Users),
        [users],
        "nothing already opened is lost"
    );
}

#[test]
fn quitting_clears_the_clipboard_only_if_it_still_holds_the_token() {
    for copied_elsewhere in [false, true] {
        let clipboard = MemoryClipboard::default();
        let mut h = with_copied_token(&clipboard);
        if copied_elsewhere {
            clipboard.copy_from_elsewhere("notes");
        }
        eframe::App::on_exit(h.state_mut());
        let expected = copied_elsewhere.then(|| "notes".to_owned());
        assert_eq!(clipboard.text(), expected);
    }
}

#[test]
fn typing_one_character_per_frame_keeps_every_character() {
    let clipboard = MemoryClipboard::default();
    let mut h = harness(&clipboard);
    h.get_by_label("API key").click();
    h.run();
    let text = "sp_live_8f3a21c9e7 ÆØÅ";
    for c in text.chars() {
        h.get_by_label("API key").type_text(&c.to_string());
        h.run();
    }
    assert_eq!(h.get_by_label("API key").value().as_deref(), Some(text));
    h.key_press(egui::Key::Backspace);
    h.run();
    h.key_press(egui::Key::Home);
    h.run();
    h.key_press(egui::Key::Delete);
    h.run();
    assert_eq!(
        h.get_by_label("API key").value().as_deref(),
        Some("p_live_8f3a21c9e7 ÆØ")
    );
}

#[test]
fn the_mappings_are_remembered_between_runs() {
    let clipboard = MemoryClipboard::default();
    let mut h = harness(&clipboard);
    h.get_by_label("3  Mappings").click();
    h.run();
    h.get_by_label("Azure defaults").click();
    h.run();
    let mut storage = MemoryStorage::default();
    eframe::App::save(h.state_mut(), &mut storage);

    // The next run starts with the Secure Practice preset, then restores what was saved.
    let mut next = harness(&clipboard);
    assert_eq!(next.state().mappings().set().mappings.len(), 25);
    next.state_mut().restore(&storage);
    next.get_by_label("3  Mappings").click();
    next.run();
    assert_eq!(
        next.state().mappings().set(),
        &scim_preflight::mapping::presets::azure_defaults()
    );
    assert!(
        next.query_all_by_label_contains("Preset: Azure defaults (as you left it)")
            .next()
            .is_some()
    );
}

/// A paste, as the system's Ctrl+V gives it to the focused field.
fn paste(h: &mut Harness<'_, App>, text: &str) {
    h.event(egui::Event::Paste(text.to_owned()));
    h.run();
}

#[test]
fn the_key_field_has_the_keyboard_and_paste_tab_paste_enter_copies_the_token() {
    let clipboard = MemoryClipboard::default();
    let mut h = harness(&clipboard);
    h.run();
    assert!(h.get_by_label("API key").is_focused());
    paste(&mut h, "abc");
    h.key_press(egui::Key::Tab);
    h.run();
    assert!(h.get_by_label("API secret").is_focused());
    paste(&mut h, "def");
    assert_eq!(clipboard.text(), None);
    h.key_press(egui::Key::Enter);
    h.run();
    assert_eq!(clipboard.text().as_deref(), Some("YWJjOmRlZg=="));
    assert!(clipboard.last_write_was_hinted());
    assert!(shows(&h, "Token copied (ends in Zg==)"));
}

#[test]
fn enter_without_a_token_copies_nothing_and_enter_in_the_key_goes_to_the_secret() {
    let clipboard = MemoryClipboard::default();
    let mut h = harness(&clipboard);
    h.run();
    paste(&mut h, "ab:c");
    h.key_press(egui::Key::Enter);
    h.run();
    assert!(h.get_by_label("API secret").is_focused());
    paste(&mut h, "def");
    h.key_press(egui::Key::Enter);
    h.run();
    assert_eq!(clipboard.text(), None, "the key has a colon: no token");
}

#[test]
fn a_pasted_line_break_is_named_as_one() {
    let clipboard = MemoryClipboard::default();
    let mut h = harness(&clipboard);
    h.run();
    paste(&mut h, "abc\r\n");
    assert!(
        shows(&h, "API key: Removed 1 line break at the start or end"),
        "not “Removed 2 spaces”"
    );
    h.key_press(egui::Key::Tab);
    h.run();
    paste(&mut h, "def\n ");
    assert!(shows(
        &h,
        "API secret: Removed 1 line break and 1 space at the start or end"
    ));
    assert!(shows(&h, "Ends in Zg=="));
}

#[test]
fn notices_coming_and_going_never_move_the_secret_field() {
    let clipboard = MemoryClipboard::default();
    let mut h = harness(&clipboard);
    h.run();
    let at_launch = h.get_by_label("API secret").rect();
    for key in [
        "  abc ",
        "Bearer YWJjOmRlZg==",
        "ab:c",
        "ÆØÅ\u{200B}x y",
        "abc",
        "",
    ] {
        h.get_by_label("API key").click();
        h.run();
        h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
        h.key_press(egui::Key::Backspace);
        h.run();
        paste(&mut h, key);
        assert_eq!(
            h.get_by_label("API secret").rect(),
            at_launch,
            "the secret field moved after pasting {key:?}"
        );
    }
}

#[test]
fn the_use_as_is_button_comes_after_the_warning_that_explains_it() {
    let clipboard = MemoryClipboard::default();
    let mut h = harness(&clipboard);
    type_into(&mut h, "API key", "Bearer YWJjOmRlZg==");
    let warning = h
        .query_all_by_label_contains("already looks like a finished secret token")
        .next()
        .expect("the warning is shown")
        .rect();
    let button = h.get_by_label("Use the API key as the token, as is").rect();
    assert!(
        button.top() >= warning.bottom(),
        "button at {button:?}, warning at {warning:?}"
    );
}

#[test]
fn after_something_else_is_copied_the_countdown_says_so_and_stops() {
    let clipboard = MemoryClipboard::default();
    let mut h = with_copied_token(&clipboard);
    assert!(shows(&h, "it will be cleared in"));
    clipboard.copy_from_elsewhere("an address the admin copied");
    // The clipboard is looked at once a second.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    h.run();
    assert!(!shows(&h, "it will be cleared in"), "no more countdown");
    assert!(h.query_by_label("Clear clipboard now").is_none());
    assert!(shows(
        &h,
        "The token is no longer on the clipboard: something else was copied over it, so there \
         is nothing to clear."
    ));
    assert_eq!(
        clipboard.text().as_deref(),
        Some("an address the admin copied")
    );
}
