//! Step 4: what Azure would send. The organization tree (organization > division > department)
//! with user counts and a warning badge on units with problems; the users of the selected unit;
//! per user the SCIM POST body and PATCH operations, and which mapping produced each value
//! (with how an expression came to it); the problems found, filterable, each jumping to its
//! unit and first user; the comparison with another mapping set and with the provisioning
//! logs; and the exports.
//!
//! The preview runs in the background (see [`super::jobs`]) whenever the users, the mappings or
//! the PATCH dialect change; a newer change cancels the running one.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use eframe::egui;

mod compare;
mod logs;
mod next_cycle;
mod on_demand;
mod skipped;
mod tree;
mod user;

use super::jobs::{Job, Poll};
use super::labels::plural;
use super::mappings_step::Edit;
use crate::import::UserSet;
use crate::mapping::MappingSet;
use crate::preview::diagnostics::Diagnostic;
use crate::preview::diff::Diff;
use crate::preview::hierarchy;
use crate::preview::{self, Options, Preview};

/// What the admin asked for that needs the app (dialogs, clipboard).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PreviewAction {
    /// Save the preview as CSV.
    SaveCsv,
    /// Save the preview as JSON (`redacted`: personal values replaced by hashes).
    SaveJson {
        /// Personal values replaced by stable hashes.
        redacted: bool,
    },
    /// Pick a mapping file or schema to compare with.
    Compare,
    /// Copy the selected user's POST body.
    CopyPost,
}

/// What the preview was computed from: users generation, mappings revision, dialect.
type Key = (u64, u64, bool);

/// The state of step 4.
#[derive(Default)]
pub struct PreviewStep {
    job: Option<(Job<Preview>, Key)>,
    /// Values evaluated so far by the running preview, and how many there are in all.
    progress: (Arc<AtomicUsize>, usize),
    preview: Option<(Arc<Preview>, Key, Duration)>,
    badges: Vec<(Vec<usize>, Vec<&'static str>)>,
    selected_node: Option<Vec<usize>>,
    node_users: Vec<usize>,
    selected_user: Option<usize>,
    filter: String,
    compare: Option<Job<((String, Diff), next_cycle::View)>>,
    /// The next cycle of the last comparison.
    next: Option<next_cycle::View>,
    /// The last comparison: with what, and the difference.
    pub diff: Option<(String, Diff)>,
    /// Why the last comparison could not be made.
    compare_error: Option<String>,
    /// The preview the admin cancelled: not started again until something changes.
    cancelled: Option<Key>,
    /// Open the tree down to the selected unit and scroll to it (after a jump).
    reveal: bool,
    /// Per unit (path): how many of its users the comparison moves elsewhere.
    moving: std::collections::HashMap<Vec<usize>, usize>,
    /// What the preview should be computed from now.
    wanted: Option<Key>,
    /// The selected user's requests, made once.
    requests: Option<user::Requests>,
    /// The list of skipped users is open.
    show_skipped: bool,
    /// The provisioning logs and their comparison with the preview.
    logs: logs::Logs,
}

impl PreviewStep {
    /// The preview shown, if any.
    pub fn preview(&self) -> Option<&Arc<Preview>> {
        self.preview.as_ref().map(|(p, _, _)| p)
    }

    /// True while a preview is being computed.
    pub fn is_running(&self) -> bool {
        self.job.is_some() || self.compare.is_some()
    }

    /// Starts a new preview when the users, the mappings or the options changed, and takes in
    /// finished work. Called every frame, whichever step is shown. When the only change since
    /// the preview shown is one mapping edited in place (`edit`), a copy of that preview gets
    /// the new mapping ([`Preview::change_mapping`]: that mapping re-evaluated, the rest
    /// shared) instead of a whole new run.
    pub fn refresh(
        &mut self,
        ctx: &egui::Context,
        users: Option<(Arc<UserSet>, u64)>,
        mappings: &MappingSet,
        revision: u64,
        edit: Option<Edit>,
        options: Options,
    ) {
        let Some((set, generation)) = users else {
            self.job = None;
            return;
        };
        let key = (generation, revision, options.aad_opt_scim_062020);
        let current = self.preview.as_ref().map(|(_, k, _)| *k);
        let running = self.job.as_ref().map(|(_, k)| *k);
        self.wanted = Some(key);
        if current != Some(key) && running != Some(key) && self.cancelled != Some(key) {
            let done = Arc::new(AtomicUsize::new(0));
            let changed = self.changed_mapping(key, edit, mappings);
            let job = if let Some((shown, m, mapping)) = changed {
                self.progress = (done, 0);
                Job::start(ctx, move |_| {
                    let mut preview = Preview::clone(&shown);
                    preview.change_mapping(m, mapping);
                    Some(preview)
                })
            } else {
                let mappings = mappings.clone();
                self.progress = (done.clone(), set.users.len() * mappings.mappings.len());
                Job::start(ctx, move |cancel| {
                    preview::run_counted(set, &mappings, options, cancel, &done)
                })
            };
            self.job = Some((job, key));
        }
        if let Some((job, key)) = &self.job {
            match job.poll() {
                Poll::Running => ctx.request_repaint_after(Duration::from_millis(50)),
                Poll::Done(preview, took) => {
                    let key = *key;
                    self.set_preview(Arc::new(preview), key, took);
                    self.job = None;
                }
                Poll::Gone => self.job = None,
            }
        }
        if let Some(job) = &self.compare {
            match job.poll() {
                Poll::Running => ctx.request_repaint_after(Duration::from_millis(50)),
                Poll::Done((result, next), _) => {
                    self.moving = self.moving_counts(&result.1);
                    self.diff = Some(result);
                    self.next = Some(next);
                    self.compare = None;
                }
                Poll::Gone => self.compare = None,
            }
        }
    }

    /// When the preview shown differs from what `key` asks for only by the mapping `edit`
    /// says was edited: that preview, the mapping's index and its new value.
    fn changed_mapping(
        &self,
        key: Key,
        edit: Option<Edit>,
        mappings: &MappingSet,
    ) -> Option<(Arc<Preview>, usize, crate::mapping::Mapping)> {
        let edit = edit?;
        let (shown, shown_key, _) = self.preview.as_ref()?;
        let same_base = shown_key.0 == key.0 && shown_key.2 == key.2 && shown_key.1 == edit.from;
        let mapping = mappings.mappings.get(edit.mapping)?;
        (same_base && shown.mappings.len() == mappings.mappings.len())
            .then(|| (shown.clone(), edit.mapping, mapping.clone()))
    }

    fn set_preview(&mut self, preview: Arc<Preview>, key: Key, took: Duration) {
        let same_users = self.preview.as_ref().is_some_and(|(_, k, _)| k.0 == key.0);
        self.badges = hierarchy::unit_problems(&preview.hierarchy);
        if !same_users {
            self.selected_user = None;
        }
        // Keep the selected unit if it still exists.
        self.node_users = self
            .selected_node
            .as_deref()
            .and_then(|path| hierarchy::node_at(&preview.hierarchy, path))
            .map(hierarchy::users_under)
            .unwrap_or_default();
        if self.node_users.is_empty() {
            self.selected_node = None;
        }
        self.preview = Some((preview, key, took));
    }

    /// The running preview's progress bar (after a moment: a quick one only shows a spinner)
    /// and its Cancel button.
    fn progress_ui(&mut self, ui: &mut egui::Ui) {
        let (done, total) = (&self.progress.0, self.progress.1);
        let long = self
            .job
            .as_ref()
            .is_some_and(|(job, _)| job.started.elapsed() > Duration::from_millis(300));
        if long && total > 0 {
            // Evaluating is about 80% of the work; the tree and the checks follow.
            let fraction = done.load(Ordering::Relaxed) as f32 / total as f32 * 0.8;
            ui.add(
                egui::ProgressBar::new(fraction.min(1.0))
                    .desired_width(200.0)
                    .show_percentage(),
            );
        } else {
            ui.spinner();
        }
        if ui.small_button("Cancel").clicked() {
            self.cancel();
        }
    }

    /// Cancels the preview being computed; the one shown stays, and the same inputs are not
    /// previewed again until something changes.
    pub fn cancel(&mut self) {
        if let Some((_, key)) = self.job.take() {
            self.cancelled = Some(key);
        }
        self.compare = None;
    }

    /// Selects the unit at `path` (child indices from the top).
    pub fn select_node(&mut self, path: Vec<usize>) {
        if let Some(preview) = self.preview() {
            self.node_users = hierarchy::node_at(&preview.hierarchy, &path)
                .map(hierarchy::users_under)
                .unwrap_or_default();
            self.selected_node = Some(path);
        }
    }

    /// The users of the selected unit.
    pub fn node_users(&self) -> &[usize] {
        &self.node_users
    }

    /// Selects user `u` (and the unit it is in), opening the tree down to it.
    pub fn select_user(&mut self, u: usize) {
        self.reveal = true;
        if let Some(path) = self
            .preview()
            .and_then(|p| hierarchy::path_of_user(&p.hierarchy, u))
        {
            self.select_node(path);
        }
        self.selected_user = Some(u);
    }

    /// The selected user.
    pub fn selected_user(&self) -> Option<usize> {
        self.selected_user
    }

    /// Shows step 4; `azure_now` is what the app in Azure has (the imported schema's name and
    /// mappings as imported), which the guide's rows to enter are worked out against.
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        has_users: bool,
        azure_now: Option<(&str, &MappingSet)>,
    ) -> Option<PreviewAction> {
        let mut action = None;
        ui.heading("Step 4: Preview");
        ui.add_space(4.0);
        ui.label(
            "What Azure would send to Secure Practice for every user, and the organization > \
             division > department tree Secure Practice builds from it. Nothing is sent: this \
             all happens on this computer.",
        );
        ui.add_space(8.0);
        if !has_users {
            ui.weak("Load users in step 2 first.");
            return None;
        }
        let Some((preview, shown, took)) = self.preview.clone() else {
            ui.horizontal(|ui| {
                if self.job.is_some() {
                    ui.label("Working out what Azure would send…");
                    self.progress_ui(ui);
                } else {
                    ui.label("The preview was cancelled. Change a mapping to preview again.");
                }
            });
            return None;
        };
        let scope = preview.scope_summary();
        let created = scope.in_scope;
        let skipped = preview.users.len() - created;
        ui.horizontal_wrapped(|ui| {
            ui.strong(format!(
                "{}: Azure would create {created}, skip {skipped}.",
                plural(preview.users.len(), "user"),
            ))
            .on_hover_text(format!("Previewed in {} ms", took.as_millis()));
            if skipped > 0 {
                let text = if self.show_skipped {
                    "Hide the skipped users".to_owned()
                } else {
                    format!("Skipped ({skipped}): who and why")
                };
                if ui.small_button(text).clicked() {
                    self.show_skipped = !self.show_skipped;
                }
                ui.weak(skipped::counts(&scope));
            }
            if self.job.is_some() {
                ui.weak("updating…");
                self.progress_ui(ui);
            } else if self.wanted.is_some_and(|k| k != shown) {
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    "This preview is from before your last change (cancelled). Change a \
                     mapping to preview again.",
                );
            }
        });
        ui.horizontal_wrapped(|ui| {
            if ui
                .button("Save CSV…")
                .on_hover_text("One row per user, a column per target attribute")
                .clicked()
            {
                action = Some(PreviewAction::SaveCsv);
            }
            if ui
                .button("Save JSON…")
                .on_hover_text("Every user's requests, the tree and the problems")
                .clicked()
            {
                action = Some(PreviewAction::SaveJson { redacted: false });
            }
            if ui
                .button("Save redacted JSON…")
                .on_hover_text(
                    "Names, e-mail addresses, phone numbers and ids replaced by stable codes, \
                     for sharing with support; unit names stay readable",
                )
                .clicked()
            {
                action = Some(PreviewAction::SaveJson { redacted: true });
            }
            if ui
                .button("Compare with other mappings…")
                .on_hover_text("A saved mapping file or an Azure schema: see who would change")
                .clicked()
            {
                action = Some(PreviewAction::Compare);
            }
        });
        self.skipped_ui(ui, &preview);
        super::mappings_guide::preview_ui(ui, &preview, azure_now);
        self.diff_ui(ui, &preview);
        if let Some(next) = &mut self.next {
            next.ui(ui);
        }
        self.logs_ui(ui, &preview);
        ui.add_space(8.0);
        ui.columns(2, |columns| {
            columns[0].strong("Organization tree");
            self.tree_ui(&mut columns[0], &preview);
            self.node_users_ui(&mut columns[1], &preview);
        });
        ui.add_space(8.0);
        if let Some(u) = self.selected_user
            && u < preview.users.len()
        {
            if self.user_ui(ui, &preview, u) {
                action = Some(PreviewAction::CopyPost);
            }
            ui.add_space(8.0);
        }
        self.diagnostics_ui(ui, &preview);
        action
    }

    fn diagnostics_ui(&mut self, ui: &mut egui::Ui, preview: &Preview) {
        ui.horizontal(|ui| {
            ui.strong(format!("Problems found: {}", preview.diagnostics.len()));
            let label = ui.label("Filter");
            ui.add(
                egui::TextEdit::singleline(&mut self.filter)
                    .hint_text("word or kind")
                    .desired_width(200.0),
            )
            .labelled_by(label.id);
        });
        if preview.diagnostics.is_empty() {
            ui.label("None: every value looks as Secure Practice expects.");
            return;
        }
        let filter = self.filter.to_lowercase();
        let mut jump = None;
        let groups = preview.groups();
        let per_mapping: Vec<&Diagnostic> = groups
            .set
            .iter()
            .chain(groups.per_mapping.iter().flatten())
            .collect();
        // What matters most to the tree first; the mappings' own problems last.
        let sections: [(&str, Vec<&Diagnostic>); 3] = [
            ("The organization tree", groups.hierarchy.iter().collect()),
            (
                "Finding users in Secure Practice",
                groups.matching.iter().collect(),
            ),
            ("The mappings", per_mapping),
        ];
        for (title, diagnostics) in sections {
            let shown: Vec<&Diagnostic> = diagnostics
                .into_iter()
                .filter(|d| {
                    filter.is_empty()
                        || d.message.to_lowercase().contains(&filter)
                        || d.kind.contains(&filter)
                })
                .collect();
            if shown.is_empty() {
                continue;
            }
            ui.add_space(4.0);
            ui.label(egui::RichText::new(format!("{title} ({})", shown.len())).strong());
            for diagnostic in shown {
                ui.horizontal_wrapped(|ui| {
                    ui.colored_label(ui.visuals().warn_fg_color, "⚠");
                    ui.label(&diagnostic.message);
                    if let Some(&first) = diagnostic.users.first()
                        && ui
                            .small_button(match diagnostic.users.len() {
                                1 => "Show the user".to_owned(),
                                n => format!("Show ({n} users)"),
                            })
                            .on_hover_text(
                                "Show the first user concerned and where they are in the tree",
                            )
                            .clicked()
                    {
                        jump = Some(first);
                    }
                });
            }
        }
        if let Some(u) = jump {
            self.select_user(u);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::sample::{self, SampleShape};
    use crate::import::{Input, Progress};
    use crate::mapping::presets;

    fn users() -> Arc<UserSet> {
        let mut bytes = Vec::new();
        sample::write(&mut bytes, SampleShape::Graph, 2000, 1).unwrap();
        let input = Input::Bytes {
            name: "sample".into(),
            bytes: bytes.into(),
        };
        Arc::new(UserSet::load(&[input], &Progress::default()).0)
    }

    #[test]
    fn a_cancelled_preview_is_not_started_again_until_something_changes() {
        let ctx = egui::Context::default();
        let (set, mappings) = (users(), presets::secure_practice());
        let mut step = PreviewStep::default();
        let options = Options::default();
        step.refresh(&ctx, Some((set.clone(), 1)), &mappings, 0, None, options);
        assert!(step.is_running());
        step.cancel();
        assert!(!step.is_running());
        step.refresh(&ctx, Some((set.clone(), 1)), &mappings, 0, None, options);
        assert!(
            !step.is_running(),
            "the same inputs are not previewed again"
        );
        step.refresh(&ctx, Some((set.clone(), 1)), &mappings, 1, None, options);
        assert!(step.is_running(), "a change previews again");
        for _ in 0..2000 {
            step.refresh(&ctx, Some((set.clone(), 1)), &mappings, 1, None, options);
            if !step.is_running() {
                break;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        let preview = step.preview().expect("the preview arrived");
        assert_eq!(preview.users.len(), 2000);
    }
}
