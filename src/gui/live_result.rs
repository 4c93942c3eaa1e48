//! The live result of the mapping being edited: for one user (picked from a searchable list)
//! the value and, for an expression, how it came about node by node; and across all loaded
//! users the distinct results with counts, how many get nothing and how many fail, computed in
//! the background and restarted as the admin types.

use std::sync::Arc;
use std::time::Duration;

use eframe::egui;

use super::jobs::{Job, Poll};
use super::labels::{shorten, user_label};
use crate::expr::{EvalContext, Expression, Outcome};
use crate::import::UserSet;
use crate::mapping::{Mapping, MappingKind};
use crate::preview::results::{self, Summary};

/// The state of the live result.
#[derive(Default)]
pub struct LiveResult {
    query: String,
    /// The users the query finds (at most [`PICKS`]), for which query and how many users: the
    /// search runs when the query changes, not every frame.
    found: Option<(String, usize, Vec<usize>)>,
    /// The user shown (index into the set).
    pub user: Option<usize>,
    job: Option<Job<Summary>>,
    /// The summary over all users, and the mapping it is for.
    pub summary: Option<(Mapping, Summary, Duration)>,
    running_for: Option<Mapping>,
}

impl LiveResult {
    /// Starts summing up `mapping` over `set` when it changed since the last time.
    pub fn refresh(&mut self, ctx: &egui::Context, set: &Arc<UserSet>, mapping: &Mapping) {
        let current = self.summary.as_ref().map(|(m, _, _)| m);
        if self.running_for.as_ref() == Some(mapping)
            || (self.running_for.is_none() && current == Some(mapping))
        {
            return;
        }
        let (set, owned) = (set.clone(), mapping.clone());
        self.job = Some(Job::start(ctx, move |cancel| {
            results::summarize(&set, &owned, cancel)
        }));
        self.running_for = Some(mapping.clone());
    }

    /// Takes the summary when the background work is done.
    pub fn poll(&mut self) {
        let Some(job) = &self.job else { return };
        match job.poll() {
            Poll::Running => {}
            Poll::Done(summary, took) => {
                if let Some(mapping) = self.running_for.take() {
                    self.summary = Some((mapping, summary, took));
                }
                self.job = None;
            }
            Poll::Gone => {
                self.job = None;
                self.running_for = None;
            }
        }
    }

    /// True while the summary is being computed.
    pub fn is_running(&self) -> bool {
        self.job.is_some()
    }

    /// Shows the live result of `mapping` over `set`.
    pub fn ui(&mut self, ui: &mut egui::Ui, set: &Arc<UserSet>, mapping: &Mapping) {
        // Nothing to evaluate yet: say what to do, not what is wrong.
        let waiting = match mapping.kind {
            MappingKind::Direct if mapping.source.trim().is_empty() => {
                Some("Pick or type the source attribute to see its value for each user.")
            }
            MappingKind::Expression if mapping.source.trim().is_empty() => {
                Some("Type the expression to see its value for each user.")
            }
            _ => None,
        };
        if let Some(waiting) = waiting {
            ui.strong("Live result");
            ui.weak(waiting);
            return;
        }
        self.refresh(ui.ctx(), set, mapping);
        self.poll();
        ui.strong("Live result");
        self.user_ui(ui, set, mapping);
        ui.add_space(6.0);
        self.summary_ui(ui);
    }

    fn user_ui(&mut self, ui: &mut egui::Ui, set: &UserSet, mapping: &Mapping) {
        if set.users.is_empty() {
            return;
        }
        let u = self.user.unwrap_or(0).min(set.users.len() - 1);
        let name = |u: usize| user_label(set, u);
        ui.horizontal(|ui| {
            let label = ui.label("For user");
            egui::ComboBox::from_id_salt("live_user")
                .selected_text(name(u))
                .width(320.0)
                .show_ui(ui, |ui| {
                    ui.horizontal(|ui| {
                        let search = ui.label("Search");
                        ui.add(
                            egui::TextEdit::singleline(&mut self.query).hint_text("name or e-mail"),
                        )
                        .labelled_by(search.id);
                    });
                    let stale = self.found.as_ref().is_none_or(|(query, count, _)| {
                        *query != self.query || *count != set.users.len()
                    });
                    if stale {
                        let matches = find_users(set, &self.query);
                        self.found = Some((self.query.clone(), set.users.len(), matches));
                    }
                    let found = self
                        .found
                        .as_ref()
                        .map_or(&[][..], |(_, _, f)| f.as_slice());
                    for &other in found {
                        if ui.selectable_label(other == u, name(other)).clicked() {
                            self.user = Some(other);
                        }
                    }
                    if found.len() == PICKS {
                        ui.weak("… type to narrow the list");
                    } else if found.is_empty() {
                        ui.weak("No user matches.");
                    }
                })
                .response
                .labelled_by(label.id);
        });
        let user = &set.users[u];
        let text = match mapping.kind {
            MappingKind::Expression => mapping.source.clone(),
            _ => mapping.expression_text().unwrap_or_else(|| "\"\"".into()),
        };
        let mut names = set.names.clone();
        let Ok(expression) = Expression::compile(&text, &mut names) else {
            ui.weak("Fix the expression to see its result.");
            return;
        };
        let explanation = expression.explain(user, &EvalContext::default());
        let (value, is_error) = match &explanation.evaluation.outcome {
            Outcome::Values(values) if values.len() == 1 => (format!("\"{}\"", values[0]), false),
            Outcome::Values(values) => (format!("{values:?}"), false),
            Outcome::Null => ("null: Azure sends nothing".into(), false),
            Outcome::FlowIgnored => (
                "left out of the flow (IgnoreFlowIfNullOrEmpty)".into(),
                false,
            ),
            Outcome::Error(error) => (format!("fails: {}", error.message), true),
        };
        ui.horizontal_wrapped(|ui| {
            ui.label("Value:");
            if is_error {
                ui.colored_label(ui.visuals().error_fg_color, value);
            } else {
                ui.monospace(value);
            }
        });
        if let Some(default) = mapping.default_value.as_deref().filter(|d| !d.is_empty())
            && matches!(
                explanation.evaluation.outcome,
                Outcome::Null | Outcome::Values(_)
            )
            && explanation
                .evaluation
                .outcome
                .single()
                .is_none_or(str::is_empty)
        {
            ui.weak(format!(
                "On create Azure sends the default value \"{default}\"; on updates nothing."
            ));
        }
        for note in &explanation.evaluation.notes {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                format!("⚠ Azure may differ here: {}", note.message),
            );
        }
        if mapping.kind == MappingKind::Expression && explanation.steps.len() > 1 {
            egui::CollapsingHeader::new("How the value came about")
                .default_open(true)
                .show(ui, |ui| {
                    for step in &explanation.steps {
                        let part = text.get(step.span.start..step.span.end).unwrap_or("");
                        ui.horizontal(|ui| {
                            ui.add_space(step.depth as f32 * 14.0);
                            ui.monospace(shorten(part, 70));
                            ui.weak("gives");
                            ui.monospace(shorten(&step.value, 70));
                        });
                    }
                });
        }
    }

    fn summary_ui(&self, ui: &mut egui::Ui) {
        let Some((_, summary, took)) = &self.summary else {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label("Evaluating for all users…");
            });
            return;
        };
        if let Some(error) = &summary.compile_error {
            ui.colored_label(ui.visuals().error_fg_color, error);
            return;
        }
        ui.horizontal_wrapped(|ui| {
            ui.label(format!(
                "All {} users: {} distinct value{}, {} without a value, {} failing",
                summary.users,
                summary.distinct,
                if summary.distinct == 1 { "" } else { "s" },
                summary.empty,
                summary.failed,
            ))
            .on_hover_text(format!("Worked out in {} ms", took.as_millis()));
            if self.is_running() {
                ui.spinner();
            }
        });
        if let Some((u, message)) = &summary.first_error {
            ui.colored_label(
                ui.visuals().error_fg_color,
                format!("First failure (user #{}): {message}", u + 1),
            );
        }
        egui::ScrollArea::vertical()
            .id_salt("live_values")
            .max_height(160.0)
            .show(ui, |ui| {
                egui::Grid::new("live_values_grid")
                    .striped(true)
                    .show(ui, |ui| {
                        for (value, count) in &summary.values {
                            ui.monospace(shorten(&format!("\"{value}\""), 80));
                            ui.label(format!("{count}"));
                            ui.end_row();
                        }
                    });
            });
    }
}

/// How many users the picker lists.
const PICKS: usize = 50;

/// The first [`PICKS`] users whose name or principal name contains `query` (any case).
fn find_users(set: &UserSet, query: &str) -> Vec<usize> {
    let query = query.to_lowercase();
    (0..set.users.len())
        .filter(|&u| query.is_empty() || user_label(set, u).to_lowercase().contains(&query))
        .take(PICKS)
        .collect()
}
