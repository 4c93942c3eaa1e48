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
    /// The work over all users (choosing the attribute, analyzing it, the proposed tree), off
    /// the UI thread.
    work: Option<Job<Worked>>,
    shown_tree: Option<Vec<Node>>,
}

/// What the background work found.
struct Worked {
    /// The attribute it chose, when it was asked to choose one.
    proposed: Option<String>,
    analysis: PathAnalysis,
    mappings: Vec<Mapping>,
    tree: Option<Vec<Node>>,
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
        self.start(ctx, users, current, None);
    }

    /// Analyzes `attribute` (or, without one, the attribute that looks most like paths) and
    /// works out the tree, on a thread: 100 000 users take a moment.
    fn start(
        &mut self,
        ctx: &egui::Context,
        users: &Arc<UserSet>,
        current: &MappingSet,
        attribute: Option<String>,
    ) {
        let (set, current) = (users.clone(), current.clone());
        self.analysis = None;
        self.shown_tree = None;
        self.work = Some(Job::start(ctx, move |cancel| {
            let chosen = match &attribute {
                Some(_) => None,
                None => Some(path_builder::suggest(&set).unwrap_or_else(|| "department".into())),
            };
            let name = attribute.or_else(|| chosen.clone()).unwrap_or_default();
            let analysis = path_builder::analyze(&set, name.trim());
            let mappings = path_builder::propose(&analysis);
            let tree = if mappings.is_empty() {
                None
            } else {
                let mut proposed = current;
                path_builder::apply(&mut proposed, &mappings);
                let preview = preview::run_cancellable(set, &proposed, Options::default(), cancel)?;
                Some(preview.hierarchy)
            };
            Some(Worked {
                proposed: chosen,
                analysis,
                mappings,
                tree,
            })
        }));
    }

    /// Takes the background work's result when it is there.
    fn take_result(&mut self) {
        let Some(job) = &self.work else {
            return;
        };
        match job.poll() {
            Poll::Running => return,
            Poll::Done(worked, _) => {
                if let Some(attribute) = worked.proposed {
                    self.attribute = attribute;
                }
                self.analysis = Some((worked.analysis, worked.mappings));
                self.shown_tree = worked.tree;
            }
            Poll::Gone => {}
        }
        self.work = None;
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
            self.take_result();
            ui.horizontal(|ui| {
                let label = ui.label("Attribute with the path");
                let field = ui
                    .add(egui::TextEdit::singleline(&mut self.attribute).desired_width(220.0))
                    .labelled_by(label.id);
                let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                if ui.button("Analyze").clicked() || entered {
                    let attribute = self.attribute.clone();
                    self.start(ui.ctx(), users, current, Some(attribute));
                }
            });
            if self.work.is_some() {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label("Looking at the users' values and working out the tree…");
                });
                ui.ctx()
                    .request_repaint_after(std::time::Duration::from_millis(50));
            } else {
                chosen = self.analysis_ui(ui);
            }
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
