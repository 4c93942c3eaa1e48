//! Step 4's comparison with the provisioning logs loaded in step 2: the figures (records, users,
//! attributes compared, agreeing), every difference with its cause and note, the users Azure
//! created or skipped otherwise than the preview says (each jumping to the user), and, in a
//! user's view, the log's values beside the preview's. The comparison runs in the background
//! ([`Job`]) whenever the logs or the preview change.

use std::sync::Arc;
use std::time::Duration;

use eframe::egui;

use super::PreviewStep;
use crate::gui::jobs::{Job, Poll};
use crate::gui::labels::{plural, short_target, shorten, user_label};
use crate::import::logs::{LogRecord, LogSet};
use crate::preview::Preview;
use crate::preview::compare_logs::{Cause, LogComparison, compare, report};

/// How many differences are listed before "and N more".
const SHOWN: usize = 50;

/// What a comparison was made from: the logs' generation and the preview (by address).
type Made = (u64, usize);

/// The logs and their comparison with the preview shown.
#[derive(Default)]
pub(super) struct Logs {
    logs: Option<(Arc<LogSet>, u64)>,
    job: Option<(Job<LogComparison>, Made, Arc<LogSet>)>,
    /// The comparison, what it was made from, and the logs it was made with.
    result: Option<(Arc<LogComparison>, Made, Arc<LogSet>)>,
}

impl PreviewStep {
    /// Takes the logs loaded in step 2 (every frame) and compares them with the preview shown
    /// when either changed, in the background.
    pub fn refresh_logs(&mut self, ctx: &egui::Context, logs: Option<(Arc<LogSet>, u64)>) {
        let Some((logs, generation)) = logs else {
            self.logs = Logs::default();
            return;
        };
        self.logs.logs = Some((logs.clone(), generation));
        let Some(preview) = self.preview().cloned() else {
            return;
        };
        let made = (generation, Arc::as_ptr(&preview) as usize);
        let current = self.logs.result.as_ref().map(|(_, m, _)| *m);
        let running = self.logs.job.as_ref().map(|(_, m, _)| *m);
        if current != Some(made) && running != Some(made) {
            let shared = logs.clone();
            let job = Job::start(ctx, move |cancel| compare(&shared, &preview, cancel));
            self.logs.job = Some((job, made, logs));
        }
        if let Some((job, made, logs)) = &self.logs.job {
            match job.poll() {
                Poll::Running => ctx.request_repaint_after(Duration::from_millis(50)),
                Poll::Done(result, _) => {
                    self.logs.result = Some((Arc::new(result), *made, logs.clone()));
                    self.logs.job = None;
                }
                Poll::Gone => self.logs.job = None,
            }
        }
    }

    /// The comparison shown, if any.
    pub fn log_comparison(&self) -> Option<&LogComparison> {
        self.logs.result.as_ref().map(|(c, _, _)| &**c)
    }

    /// The comparison next to the preview.
    pub(super) fn logs_ui(&mut self, ui: &mut egui::Ui, preview: &Preview) {
        if self.logs.logs.is_none() {
            return;
        }
        let Some((comparison, _, _)) = self.logs.result.clone() else {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label("Comparing with the provisioning logs…");
            });
            return;
        };
        let c = &*comparison;
        let mut jump = None;
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.strong("What Azure really did (provisioning logs)");
            for figure in report::figures(c) {
                ui.label(figure);
            }
            let differences: Vec<_> = c.differences().collect();
            if !differences.is_empty() {
                egui::CollapsingHeader::new(format!("Differences ({})", differences.len()))
                    .id_salt("log_differences")
                    .default_open(true)
                    .show(ui, |ui| {
                        for check in differences.iter().take(SHOWN) {
                            ui.horizontal_wrapped(|ui| {
                                let (colour, mark) = match &check.cause {
                                    Some(cause) if cause.explained() => {
                                        (ui.visuals().weak_text_color(), "•")
                                    }
                                    _ => (ui.visuals().warn_fg_color, "⚠"),
                                };
                                ui.colored_label(colour, mark);
                                if ui.link(user_label(&preview.set, check.user)).clicked() {
                                    jump = Some(check.user);
                                }
                                ui.label(format!(
                                    "{}: Azure sent {}, the preview has {}",
                                    short_target(&check.target),
                                    shown(check.azure.as_deref()),
                                    shown(check.preview.as_deref())
                                ));
                            });
                            if let Some(cause) = &check.cause {
                                ui.weak(format!("    {}", cause.message()));
                            }
                            if let Some(note) = &check.note {
                                ui.weak(format!("    Note: {note}"));
                            }
                        }
                        if differences.len() > SHOWN {
                            ui.weak(format!(
                                "and {} more (scim-preflight logs lists them all)",
                                differences.len() - SHOWN
                            ));
                        }
                    });
            }
            if !c.actions.is_empty() {
                egui::CollapsingHeader::new(format!(
                    "Created or skipped otherwise ({})",
                    c.actions.len()
                ))
                .id_salt("log_actions")
                .default_open(true)
                .show(ui, |ui| {
                    for action in c.actions.iter().take(SHOWN) {
                        ui.horizontal_wrapped(|ui| {
                            ui.colored_label(ui.visuals().warn_fg_color, "⚠");
                            if ui.link(user_label(&preview.set, action.user)).clicked() {
                                jump = Some(action.user);
                            }
                            ui.label(format!(
                                "Azure: {}; the preview: {}",
                                action.azure.label(),
                                action.preview
                            ));
                        });
                        if let Some(note) = &action.note {
                            ui.weak(format!("    {note}"));
                        }
                    }
                });
            }
            if !c.not_loaded.is_empty() {
                ui.weak(format!(
                    "{} of the logs {} not among the loaded users.",
                    plural(c.not_loaded.len(), "user"),
                    if c.not_loaded.len() == 1 { "is" } else { "are" }
                ));
            }
        });
        if let Some(u) = jump {
            self.select_user(u);
        }
    }

    /// For user `u`'s view: what Azure did and each value it sent beside the preview's.
    pub(super) fn user_logs_ui(&self, ui: &mut egui::Ui, u: usize) {
        let Some((comparison, _, logs)) = &self.logs.result else {
            return;
        };
        let Some(decision) = comparison.decision(u) else {
            return;
        };
        ui.add_space(4.0);
        ui.strong("In the provisioning logs");
        let text = format!("The log says Azure {}.", decision.did.label());
        if decision.agree {
            ui.label(text);
        } else {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                format!("⚠ {text} The preview says otherwise."),
            );
        }
        if let Some(record) = logs.records.get(decision.record) {
            record_ui(ui, record, u);
        }
        let checks = comparison.user_checks(u);
        if checks.is_empty() {
            return;
        }
        egui::Grid::new(("log_values", u))
            .striped(true)
            .show(ui, |ui| {
                ui.strong("Target attribute");
                ui.strong("Azure sent");
                ui.strong("The preview");
                ui.strong("");
                ui.end_row();
                for check in checks {
                    ui.label(short_target(&check.target));
                    ui.monospace(shorten(&shown(check.azure.as_deref()), 40));
                    ui.monospace(shorten(&shown(check.preview.as_deref()), 40));
                    match &check.cause {
                        None => ui.label("agree"),
                        Some(cause @ Cause::ChangedSince { .. }) => ui
                            .weak("changed in Entra since")
                            .on_hover_text(cause.message()),
                        Some(cause @ Cause::NotMapped) => ui
                            .colored_label(ui.visuals().warn_fg_color, "⚠ not mapped now")
                            .on_hover_text(cause.message()),
                        Some(cause) => ui
                            .colored_label(ui.visuals().warn_fg_color, "⚠ differs")
                            .on_hover_text(cause.message()),
                    };
                    ui.end_row();
                }
            });
    }
}

/// One record's identities, status and steps (each with its details), folded.
fn record_ui(ui: &mut egui::Ui, record: &LogRecord, u: usize) {
    egui::CollapsingHeader::new(format!(
        "Azure's steps ({}, {})",
        plural(record.steps.len(), "step"),
        if record.time.is_empty() {
            "no time given"
        } else {
            record.time.as_str()
        }
    ))
    .id_salt(("log_steps", u))
    .show(ui, |ui| {
        ui.label(format!(
            "In Entra: {} (object id {}); in Secure Practice: {}.",
            record.user_label(),
            record.source_id().unwrap_or("not given"),
            if record.target.id.is_empty() {
                "no id yet".to_owned()
            } else {
                format!("id {}", record.target.id)
            }
        ));
        let status = match (&record.error_code, &record.reason) {
            (Some(code), Some(reason)) => format!("{}: {code}: {reason}", record.status.label()),
            (Some(text), None) | (None, Some(text)) => {
                format!("{}: {text}", record.status.label())
            }
            (None, None) => record.status.label().to_owned(),
        };
        ui.label(format!("Status: {}", shorten(&status, 300)));
        for (i, step) in record.steps.iter().enumerate() {
            let title = format!(
                "{}: {} ({})",
                step.kind.label(),
                shorten(&step.description, 120),
                step.status.label()
            );
            if step.details.is_empty() {
                ui.label(title);
                continue;
            }
            egui::CollapsingHeader::new(title)
                .id_salt(("log_step", u, i))
                .show(ui, |ui| {
                    for (key, value) in &step.details {
                        ui.horizontal_wrapped(|ui| {
                            ui.label(format!("{key}:"));
                            ui.monospace(shorten(value, 120));
                        });
                    }
                });
        }
    });
}

/// A value as shown: quoted, or "nothing".
fn shown(value: Option<&str>) -> String {
    match value {
        Some(v) => format!("\"{v}\""),
        None => "nothing".to_owned(),
    }
}
