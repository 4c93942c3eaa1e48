//! The expression editor: the text coloured as it is typed (functions, attributes, strings,
//! errors), the first error underlined at its position with the message below, completions for
//! function names and for the attributes of the loaded users, and the signature and description
//! of the function the cursor is in. What it shows is computed by [`crate::expr::assist`].

use eframe::egui;
use egui::text::{CCursor, CCursorRange, LayoutJob};
use egui::{Color32, FontId, Stroke, TextFormat};

use crate::expr::assist::{self, Completion, Part};
use crate::expr::{AttributeNames, Expression};

/// What the editor knows about the text, recomputed when it changes.
#[derive(Default)]
pub struct ExpressionEditor {
    checked: Option<String>,
    /// The first error: byte span and "line L, column C: message".
    pub error: Option<(usize, usize, String)>,
    /// Warnings and "Azure may differ here" notes of the expression.
    pub notes: Vec<String>,
    /// The cursor, in bytes.
    cursor: usize,
    /// Set after a completion: where to put the cursor (in characters).
    move_cursor: Option<usize>,
    /// The first suggestion shown last frame: Tab takes it.
    first: Option<Completion>,
}

impl ExpressionEditor {
    /// Checks `text` (when it changed) against the attribute names the users have.
    pub fn check(&mut self, text: &str, attributes: &[(String, String)]) {
        if self.checked.as_deref() == Some(text) {
            return;
        }
        self.checked = Some(text.to_owned());
        self.notes.clear();
        let mut names = AttributeNames::new();
        match Expression::compile(text, &mut names) {
            Ok(expression) => {
                self.error = None;
                self.notes = expression
                    .notes()
                    .iter()
                    .map(|n| n.message.clone())
                    .collect();
                if !attributes.is_empty() {
                    let known = attributes.iter().map(|(name, _)| name.as_str());
                    self.notes.extend(
                        expression
                            .unknown_attributes(known)
                            .into_iter()
                            .map(|e| e.message),
                    );
                }
            }
            Err(error) => {
                let (line, column) = error.span.line_column(text);
                self.error = Some((
                    error.span.start,
                    error.span.end.max(error.span.start),
                    format!("line {line}, column {column}: {}", error.message),
                ));
            }
        }
    }

    /// Shows the editor for `text`; `attributes` are (name, "N users") for completion.
    pub fn ui(&mut self, ui: &mut egui::Ui, text: &mut String, attributes: &[(String, String)]) {
        self.check(text, attributes);
        let error = self.error.clone();
        let dark = ui.visuals().dark_mode;
        let mut layouter = |ui: &egui::Ui, buffer: &dyn egui::TextBuffer, wrap: f32| {
            let mut job = colour(buffer.as_str(), dark, error.as_ref().map(|e| (e.0, e.1)));
            job.wrap.max_width = wrap;
            ui.fonts_mut(|f| f.layout_job(job))
        };
        let id = ui.make_persistent_id("expression_text");
        // Tab takes the first suggestion (before the text box sees the key).
        if ui.memory(|m| m.has_focus(id))
            && self.first.is_some()
            && ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Tab))
            && let Some(first) = self.first.take()
        {
            self.apply(text, &first);
        }
        let label = ui.label("Expression");
        let output = egui::TextEdit::multiline(text)
            .id(id)
            .code_editor()
            .desired_rows(3)
            .desired_width(f32::INFINITY)
            .return_key(None)
            .hint_text(r#"e.g. Join(" ", [givenName], [surname])"#)
            .layouter(&mut layouter)
            .show(ui);
        let response = output.response.response.labelled_by(label.id);
        if let Some(chars) = self.move_cursor.take() {
            let mut state = output.state.clone();
            state
                .cursor
                .set_char_range(Some(CCursorRange::one(CCursor::new(chars))));
            state.store(ui.ctx(), id);
            response.request_focus();
        }
        if let Some(range) = output.cursor_range {
            self.cursor = byte_of_char(text, range.primary.index.0);
        }
        if let Some((_, _, message)) = &self.error {
            ui.colored_label(ui.visuals().error_fg_color, format!("✖ {message}"));
        }
        for note in &self.notes {
            ui.colored_label(ui.visuals().warn_fg_color, format!("⚠ {note}"));
        }
        if let Some((spec, arg)) = assist::call_at(text, self.cursor) {
            let typing = response.has_focus();
            ui.horizontal_wrapped(|ui| {
                ui.monospace(spec.signature());
                ui.weak(format!("— {}", spec.summary));
                if typing && let Some(param) = assist::parameter_name(spec, arg) {
                    ui.weak(format!("(now: {param})"));
                }
            });
        }
        self.first = None;
        if response.has_focus() || self.move_cursor.is_some() {
            let found = assist::completions(text, self.cursor, attributes);
            if !found.is_empty() {
                self.completions_ui(ui, text, &found);
                self.first = found.into_iter().next();
            }
        }
    }

    /// Puts `completion` into `text` and the cursor after it.
    fn apply(&mut self, text: &mut String, completion: &Completion) {
        let (start, end) = (completion.replace.start, completion.replace.end);
        if text.is_char_boundary(start)
            && end <= text.len()
            && text.is_char_boundary(end)
            && start <= end
        {
            text.replace_range(start..end, &completion.insert);
            let cursor = start + completion.insert.len();
            self.move_cursor = Some(text[..cursor].chars().count());
            self.cursor = cursor;
        }
    }

    fn completions_ui(&mut self, ui: &mut egui::Ui, text: &mut String, found: &[Completion]) {
        let mut chosen = None;
        ui.horizontal_wrapped(|ui| {
            ui.weak("Suggestions (Tab takes the first):");
            for completion in found.iter().take(8) {
                let button = ui
                    .small_button(&completion.label)
                    .on_hover_text(&completion.detail);
                if button.clicked() {
                    chosen = Some(completion.clone());
                }
            }
        });
        if let Some(completion) = chosen {
            self.apply(text, &completion);
        }
    }
}

/// The text as a coloured layout, with `error` (a byte span) underlined.
fn colour(text: &str, dark: bool, error: Option<(usize, usize)>) -> LayoutJob {
    let font = FontId::monospace(14.0);
    let plain = if dark {
        Color32::from_gray(220)
    } else {
        Color32::from_gray(30)
    };
    let colour_of = |part: Part| match (part, dark) {
        (Part::Function, true) => Color32::from_rgb(130, 170, 255),
        (Part::Function, false) => Color32::from_rgb(20, 70, 190),
        (Part::Attribute, true) => Color32::from_rgb(120, 210, 160),
        (Part::Attribute, false) => Color32::from_rgb(10, 120, 60),
        (Part::Text, true) => Color32::from_rgb(230, 180, 120),
        (Part::Text, false) => Color32::from_rgb(160, 80, 0),
        (Part::Number, true) => Color32::from_rgb(200, 160, 230),
        (Part::Number, false) => Color32::from_rgb(120, 40, 160),
        (Part::UnknownFunction | Part::Error, true) => Color32::from_rgb(255, 110, 110),
        (Part::UnknownFunction | Part::Error, false) => Color32::from_rgb(190, 30, 30),
        (Part::Word | Part::Punctuation, _) => plain,
    };
    // A colour per byte, then runs of equal format.
    let mut colours = vec![plain; text.len()];
    for (span, part) in assist::parts(text) {
        let end = span.end.min(text.len());
        for c in colours.iter_mut().take(end).skip(span.start) {
            *c = colour_of(part);
        }
    }
    let mut job = LayoutJob::default();
    let underline = |i: usize| {
        error.is_some_and(|(start, end)| {
            (start..end.max(start + 1)).contains(&i) || (start >= text.len() && i + 1 == text.len())
        })
    };
    let mut start = 0;
    while start < text.len() {
        let (colour, under) = (colours[start], underline(start));
        let mut end = start + text[start..].chars().next().map_or(1, char::len_utf8);
        while end < text.len() && colours[end] == colour && underline(end) == under {
            end += text[end..].chars().next().map_or(1, char::len_utf8);
        }
        job.append(
            &text[start..end],
            0.0,
            TextFormat {
                font_id: font.clone(),
                color: colour,
                underline: if under {
                    Stroke::new(2.0, colour_of(Part::Error))
                } else {
                    Stroke::NONE
                },
                ..TextFormat::default()
            },
        );
        start = end;
    }
    job
}

/// The byte offset of character `chars` in `text`.
fn byte_of_char(text: &str, chars: usize) -> usize {
    text.char_indices()
        .nth(chars)
        .map_or(text.len(), |(i, _)| i)
}
