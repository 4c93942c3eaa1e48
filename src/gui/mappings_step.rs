//! Step 3: the attribute mappings, listed as Azure's "Attribute Mappings" page lists them
//! (target, mapping type, source, matching, when applied), with the presets, the delimited
//! department path builder, add / edit / delete, and the files: the project's mapping file and
//! the schema JSON Azure downloads ("Review your schema here").

use std::sync::Arc;

use eframe::egui;

use super::mapping_dialog::{DialogOutcome, MappingDialog};
use crate::import::UserSet;
use crate::mapping::compiled::compile_one;
use crate::mapping::path_builder::{self, PathAnalysis};
use crate::mapping::{Apply, Mapping, MappingKind, MappingSet, file, presets, schema};

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

/// The state of step 3.
pub struct MappingsStep {
    set: MappingSet,
    revision: u64,
    /// Where the mappings came from, in words.
    origin: String,
    /// The schema imported last (file name, whole document), for export.
    schema: Option<(String, String)>,
    dialog: Option<MappingDialog>,
    builder: Builder,
    /// The outcome of the last file operation (text, is an error).
    message: Option<(String, bool)>,
    /// Per mapping: its compile error, for the list (computed per revision).
    problems: Vec<Option<String>>,
    problems_for: Option<u64>,
}

/// The delimited department path builder's state.
#[derive(Default)]
struct Builder {
    open: bool,
    attribute: String,
    analysis: Option<(PathAnalysis, Vec<Mapping>)>,
}

impl Default for MappingsStep {
    fn default() -> Self {
        Self {
            set: presets::secure_practice(),
            revision: 0,
            origin: "Preset: Secure Practice hierarchy".into(),
            schema: None,
            dialog: None,
            builder: Builder {
                attribute: "department".into(),
                ..Builder::default()
            },
            message: None,
            problems: Vec::new(),
            problems_for: None,
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

    /// Replaces the mappings.
    pub fn replace(&mut self, set: MappingSet, origin: String) {
        self.set = set;
        self.origin = origin;
        self.revision += 1;
        self.dialog = None;
    }

    /// Changes mapping `m` (or adds it when `m` is past the end).
    pub fn put(&mut self, m: usize, mapping: Mapping) {
        match self.set.mappings.get_mut(m) {
            Some(slot) => *slot = mapping,
            None => self.set.mappings.push(mapping),
        }
        self.revision += 1;
    }

    /// Opens the text of a mapping file or of Azure's schema JSON, named `name`. On failure
    /// the mappings stay as they were.
    pub fn open_text(&mut self, name: &str, text: &str) -> Result<String, String> {
        let text = text.trim_start_matches('\u{feff}');
        let result = crate::mapping::read(text).map(|(set, kind)| {
            let count = set.mappings.len();
            match kind {
                crate::mapping::Kind::File => {
                    self.replace(set, format!("File: {name}"));
                    format!("Opened {count} mappings from {name}.")
                }
                crate::mapping::Kind::Schema => {
                    self.replace(set, format!("Azure schema: {name}"));
                    self.schema = Some((name.to_owned(), text.to_owned()));
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

    /// Shows what a file operation did.
    pub fn say(&mut self, text: String, error: bool) {
        self.message = Some((text, error));
    }

    /// Deletes mapping `m`, saying so.
    pub fn delete(&mut self, m: usize) {
        if m < self.set.mappings.len() {
            let removed = self.set.mappings.remove(m);
            self.revision += 1;
            self.message = Some((format!("Deleted the mapping to {}.", removed.target), false));
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
                self.replace(presets::azure_defaults(), "Preset: Azure defaults".into());
            }
            if ui
                .button("Secure Practice hierarchy")
                .on_hover_text(
                    "Azure's defaults plus companyName to organization, \
                     employeeOrgData.division to division and costCenter",
                )
                .clicked()
            {
                self.replace(
                    presets::secure_practice(),
                    "Preset: Secure Practice hierarchy".into(),
                );
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
        if let Some((text, error)) = &self.message {
            let color = if *error {
                ui.visuals().warn_fg_color
            } else {
                ui.visuals().weak_text_color()
            };
            ui.colored_label(color, text);
        }
        if self.builder.open {
            ui.add_space(6.0);
            self.builder_ui(ui, users);
        }
        super::mappings_guide::step3_note(ui);
        super::personal_data::ui(ui, self, preview);
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
                    let shown: String = if source.chars().count() > 28 {
                        format!("{}…", source.chars().take(27).collect::<String>())
                    } else {
                        source.clone()
                    };
                    match self.problems.get(m).and_then(Option::as_ref) {
                        Some(problem) => {
                            ui.colored_label(ui.visuals().warn_fg_color, format!("⚠ {shown}"))
                                .on_hover_text(problem);
                        }
                        None => {
                            ui.monospace(shown).on_hover_text(source);
                        }
                    }
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

    fn builder_ui(&mut self, ui: &mut egui::Ui, users: Option<&Arc<UserSet>>) {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.strong("Department path builder");
            ui.label(
                "If one attribute holds the whole path (Contoso > Sales > EMEA), this finds the \
                 delimiters your users really have and writes the expressions that send each \
                 level to organization, division and department. Azure has no Trim, so the \
                 expressions tidy spaces with Replace.",
            );
            let Some(users) = users else {
                ui.weak("Load users in step 2 first: the builder looks at their values.");
                return;
            };
            ui.horizontal(|ui| {
                let label = ui.label("Attribute with the path");
                ui.add(
                    egui::TextEdit::singleline(&mut self.builder.attribute).desired_width(220.0),
                )
                .labelled_by(label.id);
                if ui.button("Analyze").clicked() {
                    let analysis = path_builder::analyze(users, self.builder.attribute.trim());
                    let proposed = path_builder::propose(&analysis);
                    self.builder.analysis = Some((analysis, proposed));
                }
            });
            let Some((analysis, proposed)) = &self.builder.analysis else {
                return;
            };
            let delimiters: Vec<String> = analysis
                .delimiters
                .iter()
                .map(|(d, n)| format!("\"{d}\" in {n} user{}", if *n == 1 { "" } else { "s" }))
                .collect();
            ui.label(format!(
                "{} users have a value. Delimiters: {}. Most paths have {} levels.",
                analysis.users,
                if delimiters.is_empty() {
                    "none".to_owned()
                } else {
                    delimiters.join(", ")
                },
                analysis.typical_levels()
            ));
            if proposed.is_empty() {
                ui.label("No path to split: the values have no delimiter.");
                return;
            }
            for mapping in proposed {
                ui.label(format!("{} =", short_target(&mapping.target)));
                ui.monospace(&mapping.source);
            }
            let apply = ui
                .button("Use these mappings")
                .on_hover_text("Replaces the mappings to these levels (others are kept)");
            if apply.clicked() {
                let proposed = proposed.clone();
                for mapping in proposed {
                    match self
                        .set
                        .mappings
                        .iter()
                        .position(|m| m.target == mapping.target)
                    {
                        Some(m) => self.set.mappings[m] = mapping,
                        None => self.set.mappings.push(mapping),
                    }
                }
                self.revision += 1;
                self.origin = format!("{} + department path builder", self.origin);
                self.builder.open = false;
            }
        });
    }
}

/// The source column's text.
pub fn source_text(mapping: &Mapping) -> String {
    match mapping.kind {
        MappingKind::Direct => mapping.source.clone(),
        MappingKind::Constant => format!("\"{}\"", mapping.source),
        MappingKind::Expression => mapping.source.clone(),
        MappingKind::None => match &mapping.default_value {
            Some(default) => format!("(none; default \"{default}\")"),
            None => "(none)".into(),
        },
    }
}

/// A target without the enterprise extension's long URN.
pub fn short_target(target: &str) -> String {
    match target.strip_prefix(crate::mapping::ENTERPRISE) {
        Some(rest) => format!("enterprise{rest}"),
        None => target.to_owned(),
    }
}

/// The mapping type as Azure's dialog words it.
pub fn kind_label(kind: MappingKind) -> &'static str {
    match kind {
        MappingKind::Direct => "Direct",
        MappingKind::Constant => "Constant",
        MappingKind::Expression => "Expression",
        MappingKind::None => "None",
    }
}
