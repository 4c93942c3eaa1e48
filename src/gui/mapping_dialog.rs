//! The "Edit Attribute" dialog, field for field as Azure has it (mapping type, source
//! attribute / constant value / expression, default value if null, target attribute, match
//! objects using this attribute, matching precedence, apply this mapping), each field
//! explained on hover, with the expression editor and the live result. Enter saves, Escape
//! cancels.

use std::sync::Arc;

use eframe::egui;

use super::expression_editor::ExpressionEditor;
use super::live_result::LiveResult;
use crate::import::UserSet;
use crate::mapping::{Apply, Mapping, MappingKind, presets};

/// How the dialog ended, or what it asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DialogOutcome {
    /// OK: the mapping (at this index, or a new one).
    Save(Option<usize>, Mapping),
    /// Cancel: nothing changes.
    Cancel,
    /// "Copy expression": this text to the clipboard (the dialog stays open).
    Copy(String),
}

/// The dialog's state: the draft and its editor.
pub struct MappingDialog {
    index: Option<usize>,
    draft: Mapping,
    default_value: String,
    editor: ExpressionEditor,
    live: LiveResult,
    /// OK was pressed on a mapping that fails for every loaded user: asking whether to save it.
    confirm_failing: Option<String>,
}

const HELP_TYPE: &str = "Direct sends a source attribute as it is. Constant sends the same text \
    for everyone. Expression computes the value with Azure's functions. None sends only the \
    default value, when the user is created.";
const HELP_SOURCE: &str = "The Entra attribute whose value Azure sends.";
const HELP_CONSTANT: &str = "The text Azure sends for every user.";
const HELP_EXPRESSION: &str = "Written in Azure's expression language; paste exactly this text \
    into Azure's Expression box.";
const HELP_DEFAULT: &str = "Sent when the source gives no value — only when Azure creates the \
    user, never on later updates.";
const HELP_TARGET: &str =
    "The attribute of the SCIM app (Secure Practice) that receives the value.";
const HELP_MATCH: &str = "Azure finds a user who already exists in the app by this attribute. \
    Its values must be unique.";
const HELP_PRECEDENCE: &str = "When several attributes match objects, the lowest number is \
    tried first.";
const HELP_APPLY: &str = "Always: on create and on every update. Only during creation: once, \
    when Azure creates the user.";

impl MappingDialog {
    /// Edits `mapping`, which is mapping `index` (or a new one).
    pub fn new(index: Option<usize>, mapping: Mapping) -> Self {
        Self {
            index,
            default_value: mapping.default_value.clone().unwrap_or_default(),
            draft: mapping,
            editor: ExpressionEditor::default(),
            live: LiveResult::default(),
            confirm_failing: None,
        }
    }

    /// The mapping as the fields say now.
    pub fn draft(&self) -> Mapping {
        let mut mapping = self.draft.clone();
        mapping.default_value = Some(self.default_value.clone()).filter(|d| !d.is_empty());
        mapping
    }

    /// Shows the dialog; `users` give the attribute names and the live result.
    pub fn ui(
        &mut self,
        ctx: &egui::Context,
        users: Option<&Arc<UserSet>>,
    ) -> Option<DialogOutcome> {
        let attributes = attribute_choices(users.map(|u| &**u));
        let mut outcome = None;
        let title = match self.index {
            Some(_) => "Edit Attribute",
            None => "Add Attribute",
        };
        let mut ok = false;
        egui::Modal::new(egui::Id::unique("mapping_dialog")).show(ctx, |ui| {
            ui.set_width(760.0f32.min(ctx.content_rect().width() - 60.0));
            ui.heading(title);
            // A fixed height: the dialog does not jump as its content changes.
            let height = (ctx.content_rect().height() - 200.0).max(200.0);
            egui::ScrollArea::vertical()
                .min_scrolled_height(height)
                .max_height(height)
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    self.fields_ui(ui, &attributes);
                    if let Some(users) = users {
                        ui.separator();
                        let draft = self.draft();
                        self.live.ui(ui, users, &draft);
                    } else {
                        ui.separator();
                        ui.weak("Load users in step 2 to see the result for each of them.");
                    }
                });
            ui.separator();
            if let Some(why) = &self.confirm_failing {
                let mut decided = None;
                egui::Frame::group(ui.style())
                    .stroke(egui::Stroke::new(1.0, ui.visuals().warn_fg_color))
                    .show(ui, |ui| {
                        ui.set_width(ui.available_width());
                        ui.colored_label(ui.visuals().warn_fg_color, format!("⚠ {why}"));
                        ui.horizontal(|ui| {
                            if ui.button("Save anyway").clicked() {
                                decided = Some(true);
                            }
                            if ui.button("Keep editing").clicked() {
                                decided = Some(false);
                            }
                        });
                    });
                match decided {
                    Some(true) => outcome = Some(DialogOutcome::Save(self.index, self.draft())),
                    Some(false) => self.confirm_failing = None,
                    None => {}
                }
            }
            ui.horizontal(|ui| {
                let button = ui.add_enabled(
                    !self.draft.target.trim().is_empty(),
                    egui::Button::new("OK"),
                );
                ok = button.clicked();
                if ui.button("Cancel").clicked() {
                    outcome = Some(DialogOutcome::Cancel);
                }
                if let Some(text) = self.draft().expression_text()
                    && ui
                        .button("Copy expression")
                        .on_hover_text("The exact text to paste into Azure's Expression box")
                        .clicked()
                {
                    outcome = Some(DialogOutcome::Copy(text));
                }
            });
        });
        if self.live.is_running() {
            ctx.request_repaint_after(std::time::Duration::from_millis(50));
        }
        let (enter, escape) = ctx.input(|i| {
            (
                i.key_pressed(egui::Key::Enter) && !i.modifiers.shift,
                i.key_pressed(egui::Key::Escape),
            )
        });
        if escape && outcome.is_none() {
            return Some(DialogOutcome::Cancel);
        }
        let ok = ok || (enter && self.confirm_failing.is_none());
        if ok && outcome.is_none() && !self.draft.target.trim().is_empty() {
            match self.failing_everywhere() {
                Some(why) => self.confirm_failing = Some(why),
                None => return Some(DialogOutcome::Save(self.index, self.draft())),
            }
        }
        outcome
    }

    /// Why saving the draft would be a mistake for every user, if it would: it does not compile,
    /// or fails for every loaded user.
    fn failing_everywhere(&self) -> Option<String> {
        let draft = self.draft();
        let (summed, summary, _) = self.live.summary.as_ref()?;
        if *summed != draft || !summary.fails_for_everyone() {
            return None;
        }
        let target = super::labels::short_target(&draft.target);
        Some(match &summary.compile_error {
            Some(error) => format!(
                "This expression has an error ({error}). Azure will not accept it, and the \
                 preview gives {target} no value."
            ),
            None => format!(
                "This expression fails for {} of the {} loaded users, so Azure would send no \
                 {target} and report an error for each of them. Save it anyway?",
                if summary.users == 1 { "the one" } else { "all" },
                summary.users
            ),
        })
    }

    fn fields_ui(&mut self, ui: &mut egui::Ui, attributes: &[(String, String)]) {
        egui::Grid::new("mapping_fields")
            .num_columns(2)
            .spacing([12.0, 8.0])
            .show(ui, |ui| {
                let label = ui.label("Mapping type").on_hover_text(HELP_TYPE);
                egui::ComboBox::from_id_salt("mapping_type")
                    .selected_text(super::labels::kind_label(self.draft.kind))
                    .show_ui(ui, |ui| {
                        for kind in [
                            MappingKind::Direct,
                            MappingKind::Constant,
                            MappingKind::Expression,
                            MappingKind::None,
                        ] {
                            let chosen = ui.selectable_label(
                                self.draft.kind == kind,
                                super::labels::kind_label(kind),
                            );
                            if chosen.clicked() && self.draft.kind != kind {
                                self.draft = self.draft.with_kind(kind);
                                self.confirm_failing = None;
                            }
                        }
                    })
                    .response
                    .labelled_by(label.id)
                    .on_hover_text(HELP_TYPE);
                ui.end_row();
                match self.draft.kind {
                    MappingKind::Direct => {
                        let label = ui.label("Source attribute").on_hover_text(HELP_SOURCE);
                        ui.horizontal(|ui| {
                            ui.add(
                                egui::TextEdit::singleline(&mut self.draft.source)
                                    .desired_width(260.0),
                            )
                            .labelled_by(label.id);
                            egui::ComboBox::from_id_salt("source_pick")
                                .selected_text("pick…")
                                .show_ui(ui, |ui| {
                                    for (name, detail) in attributes {
                                        if ui
                                            .selectable_label(self.draft.source == *name, name)
                                            .on_hover_text(detail)
                                            .clicked()
                                        {
                                            self.draft.source = name.clone();
                                        }
                                    }
                                })
                                .response
                                .labelled_by(label.id);
                        });
                        ui.end_row();
                    }
                    MappingKind::Constant => {
                        let label = ui.label("Constant Value").on_hover_text(HELP_CONSTANT);
                        ui.text_edit_singleline(&mut self.draft.source)
                            .labelled_by(label.id);
                        ui.end_row();
                    }
                    MappingKind::Expression => {
                        ui.label("").on_hover_text(HELP_EXPRESSION);
                        ui.vertical(|ui| {
                            self.editor.ui(ui, &mut self.draft.source, attributes);
                        });
                        ui.end_row();
                    }
                    MappingKind::None => {}
                }
                let label = ui
                    .label("Default value if null (optional)")
                    .on_hover_text(HELP_DEFAULT);
                ui.text_edit_singleline(&mut self.default_value)
                    .labelled_by(label.id);
                ui.end_row();
                let label = ui.label("Target attribute").on_hover_text(HELP_TARGET);
                ui.horizontal(|ui| {
                    ui.add(
                        egui::TextEdit::singleline(&mut self.draft.target)
                            .desired_width((ui.available_width() - 90.0).max(200.0)),
                    )
                    .labelled_by(label.id);
                    egui::ComboBox::from_id_salt("target_pick")
                        .selected_text("pick…")
                        .show_ui(ui, |ui| {
                            for target in known_targets() {
                                if ui
                                    .selectable_label(self.draft.target == target, &target)
                                    .clicked()
                                {
                                    self.draft.target = target;
                                }
                            }
                        })
                        .response
                        .labelled_by(label.id);
                });
                ui.end_row();
                ui.label("Match objects using this attribute")
                    .on_hover_text(HELP_MATCH);
                ui.horizontal(|ui| {
                    let mut matching = self.draft.matching > 0;
                    ui.radio_value(&mut matching, true, "Yes");
                    ui.radio_value(&mut matching, false, "No");
                    match (matching, self.draft.matching) {
                        (true, 0) => self.draft.matching = 1,
                        (false, _) => self.draft.matching = 0,
                        _ => {}
                    }
                });
                ui.end_row();
                let label = ui
                    .label("Matching precedence")
                    .on_hover_text(HELP_PRECEDENCE);
                // A DragValue clamps its value into the range: give it a copy, so "No" (0)
                // is not turned into 1 just by being shown.
                let mut precedence = self.draft.matching.max(1);
                ui.add_enabled(
                    self.draft.matching > 0,
                    egui::DragValue::new(&mut precedence).range(1..=99),
                )
                .labelled_by(label.id);
                if self.draft.matching > 0 {
                    self.draft.matching = precedence;
                }
                ui.end_row();
                let label = ui.label("Apply this mapping").on_hover_text(HELP_APPLY);
                egui::ComboBox::from_id_salt("apply")
                    .selected_text(match self.draft.apply {
                        Apply::Always => "Always",
                        Apply::OnCreate => "Only during object creation",
                    })
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut self.draft.apply, Apply::Always, "Always");
                        ui.selectable_value(
                            &mut self.draft.apply,
                            Apply::OnCreate,
                            "Only during object creation",
                        );
                    })
                    .response
                    .labelled_by(label.id)
                    .on_hover_text(HELP_APPLY);
                ui.end_row();
            });
    }
}

/// The attributes to offer: those the loaded users have (with how many), or, with no users
/// loaded, the ones the Secure Practice preset reads.
pub fn attribute_choices(set: Option<&UserSet>) -> Vec<(String, String)> {
    match set {
        Some(set) => {
            let mut names: Vec<(String, String)> = set
                .names
                .iter()
                .enumerate()
                .filter_map(|(i, name)| {
                    let count = set.users_with(i);
                    (count > 0).then(|| (name.to_owned(), format!("{count} users have it")))
                })
                .collect();
            names.sort_by_key(|(name, _)| name.to_lowercase());
            names
        }
        None => crate::preview::needs::of(&presets::secure_practice())
            .into_iter()
            .map(|need| (need.attribute, "no users loaded".to_owned()))
            .collect(),
    }
}

/// The targets of the presets (Azure's attribute list for a SCIM app, plus the hierarchy).
fn known_targets() -> Vec<String> {
    let mut targets: Vec<String> = presets::secure_practice()
        .mappings
        .into_iter()
        .map(|m| m.target)
        .collect();
    targets.sort();
    targets.dedup();
    targets
}
