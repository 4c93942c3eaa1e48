//! Step 4's comparison with another mapping set (a saved mapping file or an Azure schema): who
//! gets a different value, who moves to another unit of the tree, and the next cycle's
//! requests, worked out in the background.

use std::sync::Arc;

use eframe::egui;

use super::{PreviewStep, next_cycle};
use crate::gui::jobs::Job;
use crate::gui::labels::{short_target, user_label};
use crate::preview::diff::{self, Diff};
use crate::preview::{self, Preview, hierarchy};

impl PreviewStep {
    /// Compares the current preview with the mappings in `text` (a mapping file or a schema),
    /// named `name`, in the background.
    pub fn compare_with(&mut self, ctx: &egui::Context, name: String, text: &str) {
        let other = crate::mapping::read(text).map(|(set, _)| set);
        let (other, current) = match (other, self.preview()) {
            (Ok(other), Some(current)) => (other, current.clone()),
            (Err(error), _) => {
                self.compare_error = Some(format!("{name}: {error}"));
                return;
            }
            (_, None) => {
                self.compare_error = Some("Load users in step 2 first.".into());
                return;
            }
        };
        self.compare_error = None;
        self.compare = Some(Job::start(ctx, move |cancel| {
            let after =
                preview::run_cancellable(current.set.clone(), &other, current.options, cancel)?;
            let diff = diff::diff(&current, &after);
            let next = next_cycle::View::new(name.clone(), Arc::new(after), current);
            Some(((name, diff), next))
        }));
    }

    /// Per unit of the current tree: how many of its users the comparison moves.
    pub(super) fn moving_counts(
        &self,
        diff: &Diff,
    ) -> std::collections::HashMap<Vec<usize>, usize> {
        let mut counts = std::collections::HashMap::new();
        let Some(preview) = self.preview() else {
            return counts;
        };
        for (u, _, _) in &diff.moved {
            if let Some(path) = hierarchy::path_of_user(&preview.hierarchy, *u) {
                for depth in 1..=path.len() {
                    *counts.entry(path[..depth].to_vec()).or_insert(0) += 1;
                }
            }
        }
        counts
    }

    pub(super) fn diff_ui(&mut self, ui: &mut egui::Ui, preview: &Preview) {
        if let Some(error) = &self.compare_error {
            ui.colored_label(ui.visuals().warn_fg_color, error);
        }
        if self.compare.is_some() {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label("Comparing…");
            });
        }
        let Some((name, diff)) = &self.diff else {
            return;
        };
        let mut close = false;
        let jump = egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.strong(format!("Compared with {name}"));
                close = ui.small_button("Close").clicked();
            });
            if diff.targets.is_empty() {
                ui.label("No user gets a different value.");
            }
            for change in &diff.targets {
                ui.label(format!(
                    "{}: {} user{} change",
                    short_target(&change.target),
                    change.users,
                    if change.users == 1 { "" } else { "s" }
                ));
                for (old, new, count) in &change.pairs {
                    let show = |v: &Option<String>| {
                        v.as_ref()
                            .map_or_else(|| "(not sent)".to_owned(), |v| format!("\"{v}\""))
                    };
                    ui.monospace(format!("    {} -> {}   ({count})", show(old), show(new)));
                }
            }
            ui.label(format!(
                "{} user{} would move to another unit of the tree; {} would be created under one \
                 set and skipped under the other.",
                diff.moved.len(),
                if diff.moved.len() == 1 { "" } else { "s" },
                diff.scope_changed.len()
            ));
            let mut jump = None;
            ui.horizontal_wrapped(|ui| {
                for (u, _, after) in diff.moved.iter().take(10) {
                    let unit = after
                        .iter()
                        .flatten()
                        .cloned()
                        .collect::<Vec<_>>()
                        .join(" > ");
                    if ui
                        .small_button(user_label(&preview.set, *u))
                        .on_hover_text(format!("would move to {unit}"))
                        .clicked()
                    {
                        jump = Some(*u);
                    }
                }
            });
            jump
        });
        if let Some(u) = jump.inner {
            self.select_user(u);
        }
        if close {
            self.diff = None;
            self.next = None;
        }
    }
}
