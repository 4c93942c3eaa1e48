//! Step 4's organization tree (expandable, with counts, badges and the comparison's movers) and
//! the virtualized list of the selected unit's users.

use eframe::egui;

use super::PreviewStep;
use crate::gui::labels::{plural, user_label};
use crate::preview::Preview;
use crate::preview::hierarchy::{self, Node};

impl PreviewStep {
    pub(super) fn tree_ui(&mut self, ui: &mut egui::Ui, preview: &Preview) {
        if preview.hierarchy.is_empty() {
            ui.weak(
                "No mapping fills organization, division or department, so Secure Practice \
                 builds no tree. Apply the Secure Practice preset in step 3.",
            );
            return;
        }
        let mut clicked = None;
        crate::gui::scroll::inner(
            ui,
            egui::ScrollArea::vertical()
                .id_salt("tree")
                .max_height(380.0)
                .auto_shrink([false, true]),
        )
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

    pub(super) fn node_users_ui(&mut self, ui: &mut egui::Ui, preview: &Preview) {
        let Some(path) = &self.selected_node else {
            ui.weak("Click an organization, division or department in the tree to see its users.");
            return;
        };
        let name =
            hierarchy::node_at(&preview.hierarchy, path).map_or_else(String::new, Node::label);
        ui.strong(format!("{name}: {}", plural(self.node_users.len(), "user")));
        let row_height = ui.text_style_height(&egui::TextStyle::Body) + 4.0;
        let mut clicked = None;
        crate::gui::scroll::inner(
            ui,
            egui::ScrollArea::vertical()
                .id_salt("unit_users")
                .max_height(360.0)
                .auto_shrink([false, true]),
        )
        .show_rows(ui, row_height, self.node_users.len(), |ui, rows| {
            for &u in &self.node_users[rows] {
                if ui
                    .selectable_label(self.selected_user == Some(u), user_label(&preview.set, u))
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
}
