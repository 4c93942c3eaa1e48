//! Helpers shared by the window's tests (kittest): eframe's storage in memory, and finding text
//! on screen.
// Each test binary uses only some of these helpers.
#![allow(dead_code)]

use std::collections::HashMap;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use scim_preflight::gui::App;

/// eframe's storage, in memory: what the app saves between runs.
#[derive(Default)]
pub struct MemoryStorage(pub HashMap<String, String>);

impl eframe::Storage for MemoryStorage {
    fn get_string(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }
    fn set_string(&mut self, key: &str, value: String) {
        self.0.insert(key.to_owned(), value);
    }
    fn remove_string(&mut self, key: &str) {
        self.0.remove(key);
    }
    fn flush(&mut self) {}
}

/// True when some text on screen contains `text`.
pub fn shows(h: &Harness<'_, App>, text: &str) -> bool {
    h.query_all_by_label_contains(text).next().is_some()
}

/// Runs frames until `done` holds (background work finishes on its own threads); a few more
/// frames after it, so the screen shows the result.
pub fn wait(h: &mut Harness<'_, App>, done: impl Fn(&App) -> bool) {
    for _ in 0..2000 {
        h.step();
        if done(h.state()) {
            h.run_steps(2);
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    panic!("the background work did not finish");
}

/// Opens a step by its label in the navigation ("3  Mappings").
pub fn go(h: &mut Harness<'_, App>, step: &str) {
    h.get_by_label(step).click();
    h.run_steps(3);
}
