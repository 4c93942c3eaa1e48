//! A single-line text field over a [`SecretString`], so the key and the secret are edited in
//! place: egui never gets a plain `String` of them, and its undo history for the field is
//! emptied after every frame (it is not persisted, but would otherwise keep copies in memory).
//!
//! A paste goes in exactly as copied: egui's single-line field turns pasted line breaks into
//! spaces, which would make the input checks report "Removed 2 spaces" for a trailing line
//! break. The checks, not the field, take whitespace off, and they name it correctly.

use eframe::egui::{self, TextBuffer, text::CharIndex};

use crate::secret::SecretString;

/// Lets egui's `TextEdit` edit a [`SecretString`].
struct SecretBuffer<'a>(&'a mut SecretString);

impl TextBuffer for SecretBuffer<'_> {
    fn is_mutable(&self) -> bool {
        true
    }

    fn as_str(&self) -> &str {
        self.0.expose_secret()
    }

    fn insert_text(&mut self, text: &str, char_index: CharIndex) -> usize {
        self.0.insert_at_char(char_index.0, text)
    }

    fn delete_char_range(&mut self, char_range: std::ops::Range<CharIndex>) {
        self.0
            .delete_char_range(char_range.start.0..char_range.end.0);
    }

    fn clear(&mut self) {
        self.0.clear();
    }

    fn replace_with(&mut self, text: &str) {
        self.0.set(text);
    }

    fn type_id(&self) -> std::any::TypeId {
        std::any::TypeId::of::<SecretBuffer<'static>>()
    }
}

/// Shows the field (its id made from `id_salt`), labelled by `label_id` for screen readers and
/// tests. Returns its response.
pub fn show(
    ui: &mut egui::Ui,
    id_salt: &str,
    secret: &mut SecretString,
    masked: bool,
    hint: &str,
    label_id: egui::Id,
) -> egui::Response {
    let id = ui.make_persistent_id(id_salt);
    if ui.memory(|m| m.has_focus(id)) {
        keep_line_breaks_in_pastes(ui);
    }
    let mut buffer = SecretBuffer(secret);
    let mut output = egui::TextEdit::singleline(&mut buffer)
        .id(id)
        .password(masked)
        .hint_text(hint)
        .desired_width(f32::INFINITY)
        .font(egui::TextStyle::Monospace)
        .show(ui);
    output.state.set_undoer(Default::default());
    let id = output.response.id;
    output.state.store(ui.ctx(), id);
    output.response.response.labelled_by(label_id)
}

/// Hands this frame's pastes to the focused field as typed text, which a single-line field
/// inserts as is (a paste would have its line breaks replaced by spaces).
fn keep_line_breaks_in_pastes(ui: &egui::Ui) {
    ui.input_mut(|input| {
        for event in &mut input.events {
            if let egui::Event::Paste(text) = event {
                *event = egui::Event::Text(std::mem::take(text));
            }
        }
    });
}
