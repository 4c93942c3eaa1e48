//! Step 3: the attribute mappings, listed as Azure's "Attribute Mappings" page lists them
//! (target, mapping type, source, matching, when applied), with the presets, the delimited
//! department path builder, add / edit / delete, and the files: the project's mapping file and
//! the schema JSON Azure downloads ("Review your schema here").

use std::sync::Arc;

use eframe::egui;

use super::labels::{kind_label, plural, short_target, source_text};
use super::mapping_dialog::{DialogOutcome, MappingDialog};
use super::path_builder::PathBuilder;
use crate::import::UserSet;
use crate::mapping::compiled::compile_one;
use crate::mapping::path_builder;
use crate::mapping::{Apply, Mapping, MappingSet, file, presets, schema};

/// What the admin asked for that needs the app (dialogs, clipboard).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MappingsAction {
    /// Open a mapping file or a schema JSON.
    Open,
    /// Save the mappings as a mapping file.
    Save,
    /// Save the imported schema with the edited mappings.
    ExportSchema,
    /// Put this text on the clipboard.
    Copy(String),
}

/// How many replacements and deletions can be undone.
const MAX_UNDO: usize = 20;

/// The mappings as they were before a replacement or deletion.
struct Undo {
    set: MappingSet,
    origin: String,
    schema: Option<(String, String)>,
}

/// The mappings now differ from revision `from` in mapping `mapping` only (edited in place,
/// once or several times): the preview of `from` can be brought up to date by re-evaluating
/// that one mapping.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Edit {
    /// The revision before the edits.
    pub from: u64,
    /// The mapping edited.
    pub mapping: usize,
}

/// The state of step 3.
pub struct MappingsStep {
    set: MappingSet,
    revision: u64,
    /// The edit that made the current revision, with the revision it made (any other change
    /// makes a revision without one, so a stale edit no longer matches).
    edit: Option<(Edit, u64)>,
    /// Where the mappings came from, in words.
    origin: String,
    /// The schema imported last (file name, whole document), for export.
    schema: Option<(String, String)>,
    /// The mappings and scoping filters of that schema as imported: what the app in Azure has
    /// now, which the step-4 guide compares with.
    imported: Option<MappingSet>,
    dialog: Option<MappingDialog>,
    builder: PathBuilder,
    /// What the last replacements and deletions replaced, the last one last, to undo them.
    undo: Vec<Undo>,
    /// The outcome of the last file operation (text, is an error).
    message: Option<(String, bool)>,
    /// Per mapping: its compile error, for the list (computed per revision).
    problems: Vec<Option<String>>,
    problems_for: Option<u64>,
    /// The scoping filters' editor ("Source Object Scope").
    scope_editor: super::scope_editor::ScopeEditor,
}

impl Default for MappingsStep {
    fn default() -> Self {
        Self {
            set: presets::secure_practice(),
            revision: 0,
            edit: None,
            origin: "Preset: Secure Practice hierarchy".into(),
            schema: None,
            imported: None,
            dialog: None,
            builder: PathBuilder::default(),
            undo: Vec::new(),
            message: None,
            problems: Vec::new(),
            problems_for: None,
            scope_editor: Default::default(),
        }
    }
}

impl MappingsStep {
    /// The mappings.
    pub fn set(&self) -> &MappingSet {
        &self.set
    }

    /// Where the mappings came from, in words ("Preset: Azure defaults", "File: …").
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// Changes whenever the mappings do.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// When the only change since an earlier revision is one mapping edited in place: which.
    /// Additions, deletions and replacements are not such a change.
    pub fn edit(&self) -> Option<Edit> {
        self.edit
            .filter(|(_, made)| *made == self.revision)
            .map(|(edit, _)| edit)
    }

    /// Replaces the mappings.
    pub fn replace(&mut self, set: MappingSet, origin: String) {
        self.set = set;
        self.origin = origin;
        self.revision += 1;
        self.dialog = None;
    }

    /// Replaces the mappings, keeping the ones before for Undo, and says `done`.
    fn replace_undoable(&mut self, set: MappingSet, origin: String, done: String) {
        self.keep_for_undo();
        self.replace(set, origin);
        self.message = Some((done, false));
    }

    fn keep_for_undo(&mut self) {
        if self.undo.len() == MAX_UNDO {
            self.undo.remove(0);
        }
        self.undo.push(Undo {
            set: self.set.clone(),
            origin: self.origin.clone(),
            schema: self.schema.clone(),
        });
    }

    /// True when a replacement or deletion can be undone.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Puts back the mappings as they were before the last replacement or deletion.
    pub fn undo(&mut self) {
        if let Some(undo) = self.undo.pop() {
            self.replace(undo.set, undo.origin);
            self.set_schema(undo.schema);
            self.message = Some(("Undone: the mappings are as they were.".into(), false));
        }
    }

    /// The imported Azure schema (file name, text), kept for its export.
    pub fn schema(&self) -> Option<&(String, String)> {
        self.schema.as_ref()
    }

    /// Restores the imported schema remembered from the last run.
    pub fn restore_schema(&mut self, schema: Option<(String, String)>) {
        self.set_schema(schema);
    }

    fn set_schema(&mut self, schema: Option<(String, String)>) {
        self.imported = schema
            .as_ref()
            .and_then(|(_, text)| crate::mapping::read(text).ok())
            .map(|(set, _)| set);
        self.schema = schema;
    }

    /// What the app in Azure has now, as far as the window knows: the imported schema's
    /// mappings as imported (file name, mappings), if a schema was imported.
    pub fn azure_now(&self) -> Option<(&str, &MappingSet)> {
        let (name, _) = self.schema.as_ref()?;
        Some((name.as_str(), self.imported.as_ref()?))
    }

    /// Changes mapping `m` (or adds it when `m` is past the end).
    pub fn put(&mut self, m: usize, mapping: Mapping) {
        let from = match self.edit() {
            Some(edit) if edit.mapping == m => edit.from,
            _ => self.revision,
        };
        match self.set.mappings.get_mut(m) {
            Some(slot) => {
                *slot = mapping;
                self.edit = Some((Edit { from, mapping: m }, self.revision + 1));
            }
            None => self.set.mappings.push(mapping),
        }
        self.revision += 1;
        self.undo.clear();
    }

    /// Opens the text of a mapping file or of Azure's schema JSON, named `name`. On failure
    /// the mappings stay as they were.
    pub fn open_text(&mut self, name: &str, text: &str) -> Result<String, String> {
        let text = text.trim_start_matches('\u{feff}');
        let result = crate::mapping::read(text).map(|(set, kind)| {
            let count = set.mappings.len();
            match kind {
                crate::mapping::Kind::File => {
                    self.keep_for_undo();
                    self.replace(set, format!("File: {name}"));
                    format!("Opened {count} mappings from {name}.")
                }
                crate::mapping::Kind::Schema => {
                    self.keep_for_undo();
                    self.replace(set, format!("Azure schema: {name}"));
                    self.set_schema(Some((name.to_owned(), text.to_owned())));
                    format!(
                        "Imported the {count} user mappings of {name}. Export the schema when \
                         you are done, to paste it back into Azure."
                    )
                }
            }
        });
        let result = result.map_err(|error| format!("{name}: {error}. Nothing was changed."));
        self.message = Some(match &result {
            Ok(text) => (text.clone(), false),
            Err(text) => (text.clone(), true),
        });
        result
    }

    /// The mapping file's text.
    pub fn file_text(&self) -> String {
        file::to_json(&self.set)
    }

    /// The imported schema with these mappings, or why there is none.
    pub fn schema_text(&self) -> Result<String, String> {
        let (_, original) = self.schema.as_ref().ok_or(
            "Import the schema Azure downloads first: the export changes only its mappings",
        )?;
        schema::export(original, &self.set)
    }

    /// The name of the imported schema file, if any.
    pub fn schema_name(&self) -> Option<&str> {
        self.schema.as_ref().map(|(name, _)| name.as_str())
    }

    /// Replaces the mappings with a preset (undoable).
    fn use_preset(&mut self, set: MappingSet, name: &str) {
        let done = format!(
            "Replaced {} with the preset {name}. Undo puts them back.",
            plural(self.set.mappings.len(), "mapping")
        );
        self.replace_undoable(set, format!("Preset: {name}"), done);
    }

    /// Shows what a file operation did.
    pub fn say(&mut self, text: String, error: bool) {
        self.message = Some((text, error));
    }

    /// Deletes mapping `m`, saying so.
    pub fn delete(&mut self, m: usize) {
        if m < self.set.mappings.len() {
            self.keep_for_undo();
            let removed = self.set.mappings.remove(m);
            self.revision += 1;
            self.message = Some((
                format!("Deleted the mapping to {}.", short_target(&removed.target)),
                false,
            ));
        }
    }

    /// Shows step 3. `users` are the loaded users (for the live results and the builder);
    /// `preview` the latest preview (for the personal data counts).
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        users: Option<&Arc<UserSet>>,
        preview: Option<&Arc<crate::preview::Preview>>,
    ) -> Option<MappingsAction> {
        let mut action = None;
        ui.heading("Step 3: Mappings");
        ui.add_space(4.0);
        ui.label(
            "What Azure sends for each user, attribute by attribute, as on the Attribute Mapping \
             page of your app in Azure. Start from a preset, or import the schema you downloaded \
             from Azure (Show advanced options, then Review your schema here, then Download).",
        );
        ui.add_space(8.0);
        ui.horizontal_wrapped(|ui| {
            ui.label("Start from:");
            if ui
                .button("Azure defaults")
                .on_hover_text("The mappings Azure creates for a new non-gallery SCIM app")
                .clicked()
            {
                self.use_preset(presets::azure_defaults(), "Azure defaults");
            }
            if ui
                .button("Secure Practice hierarchy")
                .on_hover_text(
                    "Azure's defaults plus companyName to organization, \
                     employeeOrgData.division to division and costCenter",
                )
                .clicked()
            {
                self.use_preset(presets::secure_practice(), "Secure Practice hierarchy");
            }
            if ui
                .button("Department path builder…")
                .on_hover_text(
                    "Your department holds the whole path (Contoso > Sales > EMEA): split it \
                     into organization, division and department",
                )
                .clicked()
            {
                self.builder.open = !self.builder.open;
            }
        });
        ui.horizontal_wrapped(|ui| {
            ui.label("Files:");
            if ui
                .button("Open mapping file or Azure schema…")
                .on_hover_text("A file saved here, or the schema JSON downloaded from Azure")
                .clicked()
            {
                action = Some(MappingsAction::Open);
            }
            if ui
                .button("Save mapping file…")
                .on_hover_text("Save these mappings to open them here again")
                .clicked()
            {
                action = Some(MappingsAction::Save);
            }
            let export = ui.add_enabled(
                self.schema.is_some(),
                egui::Button::new("Export Azure schema…"),
            );
            let export = if self.schema.is_some() {
                export.on_hover_text(
                    "The imported schema with these mappings: paste it into Azure's schema editor",
                )
            } else {
                export.on_disabled_hover_text("Import the schema Azure downloads first")
            };
            if export.clicked() {
                action = Some(MappingsAction::ExportSchema);
            }
        });
        let mut undo = false;
        if let Some((text, error)) = &self.message {
            let color = if *error {
                ui.visuals().warn_fg_color
            } else {
                ui.visuals().weak_text_color()
            };
            ui.horizontal_wrapped(|ui| {
                ui.colored_label(color, text);
                if self.can_undo() {
                    undo = ui.small_button("Undo").clicked();
                }
            });
        }
        if undo {
            self.undo();
        }
        if self.builder.open {
            ui.add_space(6.0);
            if let Some(proposed) = self.builder.ui(ui, users, &self.set) {
                let mut set = self.set.clone();
                path_builder::apply(&mut set, &proposed);
                let origin = format!("{} + department path builder", self.origin);
                let done = format!(
                    "The levels now come from {} ({}).",
                    self.builder.attribute(),
                    plural(proposed.len(), "mapping")
                );
                self.replace_undoable(set, origin, done);
                self.builder.open = false;
            }
        }
        super::mappings_guide::step3_note(ui);
        super::personal_data::ui(ui, self, preview);
        ui.add_space(8.0);
        if let Some(filters) = self.scope_editor.ui(ui, &self.set.scope) {
            let mut set = self.set.clone();
            let done = format!(
                "Saved the scoping filters ({}). Undo puts the earlier ones back.",
                plural(filters.filters.len(), "filter")
            );
            set.scope = filters;
            let origin = self.origin.clone();
            self.replace_undoable(set, origin, done);
        }
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            ui.strong(&self.origin);
            ui.label(format!("— {} mappings", self.set.mappings.len()));
            if ui.button("Add new mapping").clicked() {
                let mapping = Mapping::direct("", "");
                self.dialog = Some(MappingDialog::new(None, mapping));
            }
        });
        ui.add_space(4.0);
        self.list_ui(ui);
        if let Some(dialog) = &mut self.dialog {
            match dialog.ui(ui.ctx(), users) {
                Some(DialogOutcome::Save(index, mapping)) => {
                    let m = index.unwrap_or(self.set.mappings.len());
                    let target = short_target(&mapping.target);
                    self.message = Some((
                        match index {
                            Some(_) => format!("Saved the mapping to {target}."),
                            None => format!("Added the mapping to {target}."),
                        },
                        false,
                    ));
                    self.put(m, mapping);
                    self.dialog = None;
                }
                Some(DialogOutcome::Cancel) => self.dialog = None,
                Some(DialogOutcome::Copy(text)) => action = Some(MappingsAction::Copy(text)),
                None => {}
            }
        }
        action
    }

    fn list_ui(&mut self, ui: &mut egui::Ui) {
        if self.problems_for != Some(self.revision) {
            let mut names = crate::expr::AttributeNames::new();
            self.problems = self
                .set
                .mappings
                .iter()
                .map(|m| {
                    compile_one(m, &mut names)
                        .error
                        .map(|e| format!("column {}: {}", e.span.start + 1, e.message))
                })
                .collect();
            self.problems_for = Some(self.revision);
        }
        let mut edit = None;
        let mut delete = None;
        // The Source column takes the width the other columns leave (about 640 points).
        // The Source column takes the width the other columns leave (about 640 points); a
        // longer source is cut with "…" and shown whole on hover.
        let source_width = (ui.available_width() - 640.0).max(230.0);
        egui::Grid::new("mappings")
            .striped(true)
            .num_columns(6)
            .spacing([12.0, 6.0])
            .show(ui, |ui| {
                for title in [
                    "Source",
                    "Target attribute",
                    "Type",
                    "Matching",
                    "Applies",
                    "",
                ] {
                    ui.strong(title);
                }
                ui.end_row();
                for (m, mapping) in self.set.mappings.iter().enumerate() {
                    let source = source_text(mapping);
                    let problem = self.problems.get(m).and_then(Option::as_ref);
                    ui.scope(|ui| {
                        ui.set_max_width(source_width);
                        let text = match problem {
                            Some(_) => egui::RichText::new(format!("⚠ {source}"))
                                .monospace()
                                .color(ui.visuals().warn_fg_color),
                            None => egui::RichText::new(&source).monospace(),
                        };
                        let label = ui.add(egui::Label::new(text).truncate());
                        match problem {
                            Some(problem) => label.on_hover_text(problem),
                            None => label.on_hover_text(&source),
                        };
                    });
                    ui.label(short_target(&mapping.target));
                    ui.label(kind_label(mapping.kind));
                    ui.label(if mapping.matching > 0 {
                        format!("Yes ({})", mapping.matching)
                    } else {
                        String::new()
                    });
                    ui.label(match mapping.apply {
                        Apply::Always => "Always",
                        Apply::OnCreate => "On create",
                    });
                    ui.horizontal(|ui| {
                        // Each button's accessible name says which mapping it is for.
                        let target = short_target(&mapping.target);
                        let named = |response: egui::Response, verb: &str| {
                            let name = format!("{verb} the mapping to {target}");
                            response.widget_info(|| {
                                egui::WidgetInfo::labeled(egui::Role::Button, true, &name)
                            });
                            response
                        };
                        if named(ui.small_button("Edit"), "Edit").clicked() {
                            edit = Some(m);
                        }
                        if named(ui.small_button("Delete"), "Delete").clicked() {
                            delete = Some(m);
                        }
                    });
                    ui.end_row();
                }
            });
        if let Some(m) = edit {
            self.dialog = Some(MappingDialog::new(Some(m), self.set.mappings[m].clone()));
        }
        if let Some(m) = delete {
            self.delete(m);
        }
    }
}
