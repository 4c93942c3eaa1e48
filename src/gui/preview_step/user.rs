//! Step 4's view of one user: every value Azure would send with the mapping it came from (an
//! expression unfolds into its steps), the notes, and the POST and PATCH requests as JSON.

use eframe::egui;

use super::{PreviewStep, on_demand};
use crate::expr::EvalContext;
use crate::gui::labels::{short_target, shorten, source_text, user_label};
use crate::mapping::compiled::Source;
use crate::preview::{Preview, scim};

/// One user's requests as shown, for the preview they were made from.
#[derive(Clone)]
pub(super) struct Requests {
    user: usize,
    /// Which preview they were made from.
    key: super::Key,
    post: String,
    patch: String,
    manager: Option<String>,
}

impl PreviewStep {
    /// The selected user's requests and values; true when "Copy" was clicked.
    pub(super) fn user_ui(&mut self, ui: &mut egui::Ui, preview: &Preview, u: usize) -> bool {
        // The requests are made once per user and preview, not every frame (finding the
        // manager looks through every user).
        let key = self.preview.as_ref().map(|(_, key, _)| *key);
        let fresh = self
            .requests
            .as_ref()
            .is_some_and(|r| r.user == u && Some(r.key) == key);
        if !fresh {
            let pretty =
                |v: &serde_json::Value| serde_json::to_string_pretty(v).unwrap_or_default();
            self.requests = Some(Requests {
                user: u,
                key: key.unwrap_or_default(),
                post: pretty(&scim::post_body(preview, u)),
                patch: pretty(&scim::patch_body(preview, u)),
                manager: scim::manager_patch(preview, u).map(|m| pretty(&m)),
            });
        }
        let Some(requests) = self.requests.clone() else {
            return false;
        };
        let mut copy = false;
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.strong(user_label(&preview.set, u));
            if let Some(reason) = &preview.users[u].skipped {
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    format!("Azure skips this user: {reason}"),
                );
            }
            egui::Grid::new("user_values").striped(true).show(ui, |ui| {
                ui.strong("Target attribute");
                ui.strong("Sent on create");
                ui.strong("From");
                ui.end_row();
                for (m, compiled) in preview.mappings.iter().enumerate() {
                    ui.label(short_target(&compiled.mapping.target));
                    let is_manager = preview.targets[m]
                        .as_ref()
                        .is_some_and(crate::preview::target::Target::is_manager);
                    match (preview.cell(u, m).error(), preview.create_value(u, m)) {
                        (None, Some(_)) if is_manager => {
                            // Not in the create request: the PATCH below sets it, and names who.
                            ui.weak("(sent later: see the manager PATCH)");
                        }
                        (Some(error), _) => {
                            ui.colored_label(
                                ui.visuals().error_fg_color,
                                format!("fails: {}", error.message),
                            );
                        }
                        (None, Some(value)) => {
                            ui.monospace(format!("\"{value}\""));
                        }
                        (None, None) => {
                            ui.weak("(not sent)");
                        }
                    }
                    let from = source_text(&compiled.mapping);
                    match &compiled.source {
                        Source::Expression(expression) => {
                            egui::CollapsingHeader::new(shorten(&from, 50))
                                .id_salt(("explain", m))
                                .show(ui, |ui| {
                                    let explanation = expression
                                        .explain(&preview.set.users[u], &EvalContext::default());
                                    for step in &explanation.steps {
                                        let part =
                                            from.get(step.span.start..step.span.end).unwrap_or("");
                                        ui.horizontal(|ui| {
                                            ui.add_space(step.depth as f32 * 12.0);
                                            ui.monospace(shorten(part, 50));
                                            ui.weak("gives");
                                            ui.monospace(shorten(&step.value, 50));
                                        });
                                    }
                                });
                        }
                        _ => {
                            ui.monospace(shorten(&from, 50));
                        }
                    }
                    ui.end_row();
                }
            });
            for (target, kind, message) in preview.notes(u) {
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    format!("⚠ {} ({}): {message}", short_target(&target), kind.label()),
                );
            }
            self.user_logs_ui(ui, u);
            on_demand::ui(ui, preview, u);
            ui.horizontal(|ui| {
                ui.strong("POST /Users (on create)");
                copy = ui.small_button("Copy").clicked();
            });
            let json = |ui: &mut egui::Ui, text: &str| {
                ui.add(egui::Label::new(egui::RichText::new(text).monospace()).selectable(true));
            };
            json(ui, &requests.post);
            for choice in scim::request_choices(preview, u) {
                ui.weak(format!("Azure may differ here: {}", choice.text()));
            }
            ui.strong("PATCH /Users/{id} (on a later update)");
            json(ui, &requests.patch);
            if let Some(manager) = &requests.manager {
                let who = preview
                    .enterprise_mapping("manager")
                    .and_then(|m| preview.update_value(u, m))
                    .map(|id| manager_label(preview, id))
                    .unwrap_or_default();
                ui.strong(format!(
                    "PATCH with the manager, {who} (sent once both exist in Secure Practice)"
                ));
                json(ui, manager);
            }
        });
        copy
    }
}

/// Who a manager's object id is: the loaded user's name, or the id when no loaded user has it.
fn manager_label(preview: &Preview, id: &str) -> String {
    match preview.user_by_object_id(id) {
        Some(manager) => user_label(&preview.set, manager),
        None => format!("object id {id}, not among the loaded users"),
    }
}
