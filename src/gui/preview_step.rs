//! Step 4: what Azure would send. The organization tree (organization > division > department)
//! with user counts and a warning badge on units with problems; the users of the selected unit;
//! per user the SCIM POST body and PATCH operations, and which mapping produced each value
//! (with how an expression came to it); the problems found, filterable, each jumping to its
//! unit and first user; the comparison with another mapping set; and the exports.
//!
//! The preview runs in the background (see [`super::jobs`]) whenever the users, the mappings or
//! the PATCH dialect change; a newer change cancels the running one.

use std::sync::Arc;
use std::time::Duration;

use eframe::egui;

use super::jobs::{Job, Poll};
use super::live_result::user_label;
use super::mappings_step::{short_target, source_text};
use crate::expr::EvalContext;
use crate::import::UserSet;
use crate::mapping::compiled::Source;
use crate::mapping::{MappingSet, file, schema};
use crate::preview::diff::{self, Diff};
use crate::preview::hierarchy::{self, Node};
use crate::preview::{self, Options, Preview, scim};

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
    preview: Option<(Arc<Preview>, Key, Duration)>,
    badges: Vec<(Vec<usize>, Vec<&'static str>)>,
    selected_node: Option<Vec<usize>>,
    node_users: Vec<usize>,
    selected_user: Option<usize>,
    filter: String,
    compare: Option<Job<(String, Diff)>>,
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
    /// finished work. Called every frame, whichever step is shown.
    pub fn refresh(
        &mut self,
        ctx: &egui::Context,
        users: Option<(Arc<UserSet>, u64)>,
        mappings: &MappingSet,
        revision: u64,
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
            let mappings = mappings.clone();
            let job = Job::start(ctx, move |cancel| {
                preview::run_cancellable(set, &mappings, options, cancel)
            });
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
                Poll::Done(result, _) => {
                    self.moving = self.moving_counts(&result.1);
                    self.diff = Some(result);
                    self.compare = None;
                }
                Poll::Gone => self.compare = None,
            }
        }
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

    /// Compares the current preview with the mappings in `text` (a mapping file or a schema),
    /// named `name`, in the background.
    pub fn compare_with(&mut self, ctx: &egui::Context, name: String, text: &str) {
        let other = if text.contains("\"scimPreflightMappings\"") {
            file::from_json(text)
        } else {
            schema::import(text).map(|(set, _)| set)
        };
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
            Some((name, diff::diff(&current, &after)))
        }));
    }

    /// Cancels the preview being computed; the one shown stays, and the same inputs are not
    /// previewed again until something changes.
    pub fn cancel(&mut self) {
        if let Some((_, key)) = self.job.take() {
            self.cancelled = Some(key);
        }
        self.compare = None;
    }

    /// Per unit of the current tree: how many of its users the comparison moves.
    fn moving_counts(&self, diff: &Diff) -> std::collections::HashMap<Vec<usize>, usize> {
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

    /// Shows step 4.
    pub fn ui(&mut self, ui: &mut egui::Ui, has_users: bool) -> Option<PreviewAction> {
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
                    ui.spinner();
                    ui.label("Working out what Azure would send…");
                    if ui.button("Cancel").clicked() {
                        self.cancel();
                    }
                } else {
                    ui.label("The preview was cancelled. Change a mapping to preview again.");
                }
            });
            return None;
        };
        let created = preview.users.iter().filter(|u| u.skipped.is_none()).count();
        ui.horizontal_wrapped(|ui| {
            ui.strong(format!(
                "{} users: Azure would create {created}, skip {}.",
                preview.users.len(),
                preview.users.len() - created
            ))
            .on_hover_text(format!("Previewed in {} ms", took.as_millis()));
            if self.job.is_some() {
                ui.spinner();
                ui.weak("updating…");
                if ui.small_button("Cancel").clicked() {
                    self.cancel();
                }
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
        self.diff_ui(ui, &preview);
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

    fn diff_ui(&mut self, ui: &mut egui::Ui, preview: &Preview) {
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
        }
    }

    fn tree_ui(&mut self, ui: &mut egui::Ui, preview: &Preview) {
        if preview.hierarchy.is_empty() {
            ui.weak(
                "No mapping fills organization, division or department, so Secure Practice \
                 builds no tree. Apply the Secure Practice preset in step 3.",
            );
            return;
        }
        let mut clicked = None;
        egui::ScrollArea::vertical()
            .id_salt("tree")
            .max_height(380.0)
            .auto_shrink([false, true])
            .show(ui, |ui| {
                let mut path = Vec::new();
                self.nodes_ui(ui, &preview.hierarchy, &mut path, &mut clicked);
            });
        self.reveal = false;
        if let Some(path) = clicked {
            self.select_node(path);
            self.selected_user = None;
        }
    }

    fn nodes_ui(
        &self,
        ui: &mut egui::Ui,
        nodes: &[Node],
        path: &mut Vec<usize>,
        clicked: &mut Option<Vec<usize>>,
    ) {
        for (i, node) in nodes.iter().enumerate() {
            path.push(i);
            let problems = self
                .badges
                .binary_search_by(|(p, _)| p.as_slice().cmp(path.as_slice()))
                .ok()
                .map(|b| &self.badges[b].1);
            let moving = match self.moving.get(path.as_slice()) {
                Some(n) if self.diff.is_some() => format!(" · {n} would move"),
                _ => String::new(),
            };
            let text = format!(
                "{}{}  ({} user{}){moving}",
                if problems.is_some() { "⚠ " } else { "" },
                node.label(),
                node.users,
                if node.users == 1 { "" } else { "s" }
            );
            let selected = self.selected_node.as_deref() == Some(path.as_slice());
            let on_the_way = self.reveal
                && self
                    .selected_node
                    .as_deref()
                    .is_some_and(|s| s.len() > path.len() && s.starts_with(path));
            let reveal = self.reveal;
            let mut label = |ui: &mut egui::Ui| {
                let mut response = ui.selectable_label(selected, &text);
                if selected && reveal {
                    response.scroll_to_me(Some(egui::Align::Center));
                }
                if let Some(problems) = problems {
                    response = response.on_hover_text(problems.join("; "));
                }
                if response.clicked() {
                    *clicked = Some(path.clone());
                }
            };
            if node.children.is_empty() {
                ui.horizontal(|ui| {
                    ui.add_space(18.0);
                    label(ui);
                });
            } else {
                let id = ui.make_persistent_id(("unit", path.as_slice()));
                let mut state = egui::collapsing_header::CollapsingState::load_with_default_open(
                    ui.ctx(),
                    id,
                    path.len() == 1,
                );
                if on_the_way {
                    state.set_open(true);
                }
                state
                    .show_header(ui, |ui| label(ui))
                    .body(|ui| self.nodes_ui(ui, &node.children, path, clicked));
            }
            path.pop();
        }
    }

    fn node_users_ui(&mut self, ui: &mut egui::Ui, preview: &Preview) {
        let Some(path) = &self.selected_node else {
            ui.weak("Select a unit to see its users.");
            return;
        };
        let name =
            hierarchy::node_at(&preview.hierarchy, path).map_or_else(String::new, Node::label);
        ui.strong(format!("{name}: {} users", self.node_users.len()));
        let row_height = ui.text_style_height(&egui::TextStyle::Body) + 4.0;
        let mut clicked = None;
        egui::ScrollArea::vertical()
            .id_salt("unit_users")
            .max_height(360.0)
            .auto_shrink([false, true])
            .show_rows(ui, row_height, self.node_users.len(), |ui, rows| {
                for &u in &self.node_users[rows] {
                    if ui
                        .selectable_label(
                            self.selected_user == Some(u),
                            user_label(&preview.set, u),
                        )
                        .clicked()
                    {
                        clicked = Some(u);
                    }
                }
            });
        if let Some(u) = clicked {
            self.selected_user = Some(u);
        }
    }

    /// The selected user's requests and values; true when "Copy" was clicked.
    fn user_ui(&self, ui: &mut egui::Ui, preview: &Preview, u: usize) -> bool {
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
                    match (preview.cell(u, m).error(), preview.create_value(u, m)) {
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
            ui.horizontal(|ui| {
                ui.strong("POST /Users (on create)");
                copy = ui.small_button("Copy").clicked();
            });
            let post =
                serde_json::to_string_pretty(&scim::post_body(preview, u)).unwrap_or_default();
            ui.add(egui::Label::new(egui::RichText::new(post).monospace()).selectable(true));
            ui.strong("PATCH /Users/{id} (on a later update)");
            let patch =
                serde_json::to_string_pretty(&scim::patch_body(preview, u)).unwrap_or_default();
            ui.add(egui::Label::new(egui::RichText::new(patch).monospace()).selectable(true));
            if let Some(manager) = scim::manager_patch(preview, u) {
                ui.strong("PATCH with the manager (sent once both exist)");
                let text = serde_json::to_string_pretty(&manager).unwrap_or_default();
                ui.add(egui::Label::new(egui::RichText::new(text).monospace()).selectable(true));
            }
        });
        copy
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
        for diagnostic in &preview.diagnostics {
            if !filter.is_empty()
                && !diagnostic.message.to_lowercase().contains(&filter)
                && !diagnostic.kind.contains(&filter)
            {
                continue;
            }
            ui.horizontal_wrapped(|ui| {
                ui.colored_label(ui.visuals().warn_fg_color, "⚠");
                ui.label(&diagnostic.message);
                if let Some(&first) = diagnostic.users.first()
                    && ui
                        .small_button(match diagnostic.users.len() {
                            1 => "Show the user".to_owned(),
                            n => format!("Show ({n} users)"),
                        })
                        .on_hover_text("Select the first user concerned and the unit")
                        .clicked()
                {
                    jump = Some(first);
                }
            });
        }
        if let Some(u) = jump {
            self.select_user(u);
        }
    }
}

fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() > max {
        format!("{}…", text.chars().take(max - 1).collect::<String>())
    } else {
        text.to_owned()
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
        step.refresh(&ctx, Some((set.clone(), 1)), &mappings, 0, options);
        assert!(step.is_running());
        step.cancel();
        assert!(!step.is_running());
        step.refresh(&ctx, Some((set.clone(), 1)), &mappings, 0, options);
        assert!(
            !step.is_running(),
            "the same inputs are not previewed again"
        );
        step.refresh(&ctx, Some((set.clone(), 1)), &mappings, 1, options);
        assert!(step.is_running(), "a change previews again");
        for _ in 0..2000 {
            step.refresh(&ctx, Some((set.clone(), 1)), &mappings, 1, options);
            if !step.is_running() {
                break;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        let preview = step.preview().expect("the preview arrived");
        assert_eq!(preview.users.len(), 2000);
    }
}
