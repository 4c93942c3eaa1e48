//! Step 3's department path builder: proposes the attribute whose values hold whole paths
//! (Contoso > Sales > EMEA), shows the delimiters and levels the users really have, the
//! expressions that send each level, and the tree those expressions would give, before the
//! admin uses them.

use std::sync::Arc;

use eframe::egui;

use super::jobs::{Job, Poll};
use super::labels::{plural, short_target};
use crate::import::UserSet;
use crate::mapping::path_builder::{self, PathAnalysis};
use crate::mapping::{Mapping, MappingSet};
use crate::preview::hierarchy::Node;
use crate::preview::{self, Options};

/// How many lines of the proposed tree are shown.
const TREE_LINES: usize = 14;

/// The builder's state.
#[derive(Default)]
pub struct PathBuilder {
    /// Shown in step 3.
    pub open: bool,
    attribute: String,
    /// The users the attribute was proposed for (their address), so new users get a new one.
    proposed_for: Option<usize>,
    analysis: Option<(PathAnalysis, Vec<Mapping>)>,
    tree: Option<Job<Vec<Node>>>,
    shown_tree: Option<Vec<Node>>,
}

impl PathBuilder {
    /// The attribute looked at.
    pub fn attribute(&self) -> &str {
        &self.attribute
    }

    /// Proposes the attribute holding paths and analyzes it, once per set of users.
    fn propose(&mut self, ctx: &egui::Context, users: &Arc<UserSet>, current: &MappingSet) {
        let id = Arc::as_ptr(users) as usize;
        if self.proposed_for == Some(id) {
            return;
        }
        self.proposed_for = Some(id);
        self.attribute = path_builder::suggest(users).unwrap_or_else(|| "department".into());
        self.analyze(ctx, users, current);
    }

    fn analyze(&mut self, ctx: &egui::Context, users: &Arc<UserSet>, current: &MappingSet) {
        let analysis = path_builder::analyze(users, self.attribute.trim());
        let proposed = path_builder::propose(&analysis);
        self.shown_tree = None;
        self.tree = (!proposed.is_empty()).then(|| {
            let mut mappings = current.clone();
            path_builder::apply(&mut mappings, &proposed);
            let set = users.clone();
            Job::start(ctx, move |cancel| {
                preview::run_cancellable(set, &mappings, Options::default(), cancel)
                    .map(|p| p.hierarchy)
            })
        });
        self.analysis = Some((analysis, proposed));
    }

    /// Shows the builder; returns the mappings to use when the admin says so.
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        users: Option<&Arc<UserSet>>,
        current: &MappingSet,
    ) -> Option<Vec<Mapping>> {
        let mut chosen = None;
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.strong("Department path builder");
            ui.add(
                egui::Label::new(
                    "If one attribute holds the whole path (Contoso > Sales > EMEA), this finds \
                     the delimiters your users really have and writes the expressions that send \
                     each level to organization, division and department. Azure has no Trim, so \
                     the expressions tidy spaces with Replace.",
                )
                .wrap(),
            );
            let Some(users) = users else {
                ui.weak("Load users in step 2 first: the builder looks at their values.");
                return;
            };
            self.propose(ui.ctx(), users, current);
            ui.horizontal(|ui| {
                let label = ui.label("Attribute with the path");
                let field = ui
                    .add(egui::TextEdit::singleline(&mut self.attribute).desired_width(220.0))
                    .labelled_by(label.id);
                let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                if ui.button("Analyze").clicked() || entered {
                    self.analyze(ui.ctx(), users, current);
                }
            });
            chosen = self.analysis_ui(ui);
        });
        chosen
    }

    fn analysis_ui(&mut self, ui: &mut egui::Ui) -> Option<Vec<Mapping>> {
        let (analysis, proposed) = self.analysis.clone()?;
        let delimiters: Vec<String> = analysis
            .delimiters
            .iter()
            .map(|(d, n)| format!("\"{d}\" in {}", plural(*n, "user")))
            .collect();
        let levels = analysis.typical_levels();
        ui.add(
            egui::Label::new(format!(
                "{} {} a value. Delimiters: {}. Most paths have {}.",
                plural(analysis.users, "user"),
                if analysis.users == 1 { "has" } else { "have" },
                if delimiters.is_empty() {
                    "none".to_owned()
                } else {
                    delimiters.join(", ")
                },
                plural(levels, "level"),
            ))
            .wrap(),
        );
        if proposed.is_empty() {
            ui.label(format!(
                "No path to split: the values of {} have no delimiter. Type the attribute that \
                 holds the paths and click Analyze.",
                analysis.attribute
            ));
            return None;
        }
        for mapping in &proposed {
            ui.label(format!("{} =", short_target(&mapping.target)));
            ui.add(egui::Label::new(egui::RichText::new(&mapping.source).monospace()).wrap());
        }
        ui.add_space(4.0);
        ui.strong("The tree these mappings give");
        self.tree_ui(ui);
        let apply = ui
            .button("Use these mappings")
            .on_hover_text("Replaces the mappings to these levels (others are kept)");
        apply.clicked().then_some(proposed)
    }

    fn tree_ui(&mut self, ui: &mut egui::Ui) {
        if let Some(job) = &self.tree {
            match job.poll() {
                Poll::Running => {
                    ui.horizontal(|ui| {
                        ui.spinner();
                        ui.label("Working out the tree…");
                    });
                    ui.ctx()
                        .request_repaint_after(std::time::Duration::from_millis(50));
                    return;
                }
                Poll::Done(tree, _) => self.shown_tree = Some(tree),
                Poll::Gone => {}
            }
            self.tree = None;
        }
        let Some(tree) = &self.shown_tree else {
            return;
        };
        let mut lines = Vec::new();
        tree_lines(tree, 0, &mut lines);
        let more = lines.len().saturating_sub(TREE_LINES);
        for line in lines.iter().take(TREE_LINES) {
            ui.monospace(line);
        }
        if more > 0 {
            ui.weak(format!(
                "… and {} more (all of it in step 4 once you use these)",
                plural(more, "line")
            ));
        }
    }
}

/// The tree as indented lines with counts.
fn tree_lines(nodes: &[Node], depth: usize, lines: &mut Vec<String>) {
    for node in nodes {
        lines.push(format!(
            "{}{} ({})",
            "    ".repeat(depth),
            node.label(),
            plural(node.users, "user")
        ));
        tree_lines(&node.children, depth + 1, lines);
    }
}
