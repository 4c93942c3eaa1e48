//! Step 3's scoping filters, as Azure's "Source Object Scope" and "Add scoping filter" pages
//! present them: each filter a title and clauses (Attribute Name, Operator, Attribute Value);
//! the clauses of one filter must all hold, and a user is in scope if any filter holds. Edits
//! are made on a draft and applied with OK, as in Azure, so the preview is made again once.

use eframe::egui;

use crate::mapping::scope::{Clause, OPERATORS, Operator, ScopingFilter, ScopingFilters};

/// The editor's state: the draft being edited, if open.
#[derive(Default)]
pub struct ScopeEditor {
    draft: Option<ScopingFilters>,
}

/// What Azure's page says about how filters combine.
pub const HOW_FILTERS_COMBINE: &str = "The clauses within a scoping filter must all hold; a \
     user is in scope if any scoping filter holds. Azure evaluates a clause as false when the \
     user's attribute is empty (even NOT EQUALS and NOT REGEX MATCH), compares EQUALS, \
     Includes and REGEX MATCH case-sensitively, and cannot filter on multi-valued attributes.";

impl ScopeEditor {
    /// Shows the scope of `current` and, when open, the editor; returns the filters to apply
    /// when the admin clicks OK.
    pub fn ui(&mut self, ui: &mut egui::Ui, current: &ScopingFilters) -> Option<ScopingFilters> {
        let mut applied = None;
        let title = match current.filters.len() {
            0 => "Source Object Scope (scoping filters): All records".to_owned(),
            1 => "Source Object Scope (scoping filters): 1 scoping filter".to_owned(),
            n => format!("Source Object Scope (scoping filters): {n} scoping filters"),
        };
        egui::CollapsingHeader::new(title)
            .id_salt("source-object-scope")
            .default_open(!current.is_empty())
            .show(ui, |ui| {
                if self.draft.is_none() {
                    summary_ui(ui, current);
                    if ui
                        .button("Edit scoping filters…")
                        .on_hover_text(
                            "As Azure's Source Object Scope: add scoping filters and their \
                             clauses",
                        )
                        .clicked()
                    {
                        self.draft = Some(current.clone());
                    }
                    return;
                }
                ui.label(HOW_FILTERS_COMBINE);
                ui.add_space(4.0);
                let mut close = None;
                if let Some(draft) = &mut self.draft {
                    draft_ui(ui, draft);
                    ui.add_space(6.0);
                    ui.horizontal(|ui| {
                        if ui.button("OK").clicked() {
                            close = Some(true);
                        }
                        if ui.button("Cancel").clicked() {
                            close = Some(false);
                        }
                    });
                }
                match close {
                    Some(true) => applied = self.draft.take(),
                    Some(false) => self.draft = None,
                    None => {}
                }
            });
        applied
    }
}

/// The filters in words: "All records" when there is none, as Azure says.
pub(crate) fn summary_ui(ui: &mut egui::Ui, filters: &ScopingFilters) {
    if filters.is_empty() {
        ui.label("All records: no scoping filter, so every assigned user is in scope.");
        return;
    }
    ui.label(HOW_FILTERS_COMBINE);
    for (i, filter) in filters.filters.iter().enumerate() {
        let title = if filter.name.is_empty() {
            format!("Scoping filter {}", i + 1)
        } else {
            filter.name.clone()
        };
        ui.strong(title);
        if filter.clauses.is_empty() {
            ui.weak("  (no clause: every user passes this filter)");
        }
        for clause in &filter.clauses {
            ui.label(format!("  {}", clause.describe()));
        }
    }
}

/// The draft's filters, each with its title and clauses, and the buttons to add and delete.
fn draft_ui(ui: &mut egui::Ui, draft: &mut ScopingFilters) {
    let mut delete_filter = None;
    for (f, filter) in draft.filters.iter_mut().enumerate() {
        ui.push_id(("filter", f), |ui| {
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.horizontal(|ui| {
                    let label = ui.label("Scoping Filter Title");
                    ui.add(egui::TextEdit::singleline(&mut filter.name).desired_width(220.0))
                        .labelled_by(label.id);
                    if ui.button("Delete scoping filter").clicked() {
                        delete_filter = Some(f);
                    }
                });
                clauses_ui(ui, filter);
            });
        });
    }
    if let Some(f) = delete_filter {
        draft.filters.remove(f);
    }
    if ui.button("Add scoping filter").clicked() {
        draft.filters.push(ScopingFilter {
            name: format!("Scoping filter {}", draft.filters.len() + 1),
            clauses: vec![new_clause()],
        });
    }
}

fn new_clause() -> Clause {
    Clause {
        attribute: String::new(),
        operator: Operator::Equals,
        values: vec![String::new()],
    }
}

/// One filter's clauses as rows: Attribute Name, Operator, Attribute Value.
fn clauses_ui(ui: &mut egui::Ui, filter: &mut ScopingFilter) {
    let mut delete = None;
    egui::Grid::new("clauses").num_columns(4).show(ui, |ui| {
        let attribute_label = ui.strong("Attribute Name").id;
        let operator_label = ui.strong("Operator").id;
        let value_label = ui.strong("Attribute Value").id;
        ui.end_row();
        for (c, clause) in filter.clauses.iter_mut().enumerate() {
            // A grid's cell is as wide as last frame's content: the size is given outright.
            let height = ui.spacing().interact_size.y;
            ui.add_sized(
                [180.0, height],
                egui::TextEdit::singleline(&mut clause.attribute)
                    .id_salt(("attribute", c))
                    .hint_text("department"),
            )
            .labelled_by(attribute_label);
            egui::ComboBox::from_id_salt(("operator", c))
                .selected_text(clause.operator.name().to_owned())
                .show_ui(ui, |ui| {
                    for op in OPERATORS {
                        let name = op.name().to_owned();
                        ui.selectable_value(&mut clause.operator, op, name);
                    }
                })
                .response
                .labelled_by(operator_label);
            if clause.operator.is_unary() {
                ui.weak("(no value)");
            } else {
                if clause.values.is_empty() {
                    clause.values.push(String::new());
                }
                ui.add_sized(
                    [240.0, height],
                    egui::TextEdit::singleline(&mut clause.values[0]).id_salt(("value", c)),
                )
                .labelled_by(value_label);
            }
            if ui.button("Delete").clicked() {
                delete = Some(c);
            }
            ui.end_row();
        }
    });
    if let Some(c) = delete {
        filter.clauses.remove(c);
    }
    if ui.button("Add new scoping clause").clicked() {
        filter.clauses.push(new_clause());
    }
}
