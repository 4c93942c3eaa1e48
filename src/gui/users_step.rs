//! Step 2: load the users exported from Entra. Buttons to open exports (or try sample data),
//! the progress of a load with Cancel, what was loaded (files, shapes, encodings), warnings and
//! errors in plain words, the attribute coverage with what each gap means, and the users table.

use std::sync::Arc;

use eframe::egui;

use super::labels::plural;
use super::loader::{Finished, Loaded, Loading};
use super::logs_panel::{self, LogsPanel};
use super::users_table::UsersTable;
use crate::import::coverage::{CoverageRow, export_advice};
use crate::import::sample::{self, SampleShape};
use crate::import::{FileError, Input, UserSet};
use crate::mapping::MappingSet;
use crate::preview::needs;

/// How many users "Try with sample data" makes.
pub const SAMPLE_USERS: usize = 500;

/// The name the sample data is loaded under.
const SAMPLE_NAME: &str = "sample data";

/// What the admin asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UsersAction {
    /// Pick files to load; `append` adds them to the loaded users.
    Open {
        /// Add to the loaded users instead of replacing them.
        append: bool,
    },
}

/// The state of step 2.
#[derive(Default)]
pub struct UsersStep {
    loaded: Option<Loaded>,
    /// Changes whenever `set` does (the table caches its search on it).
    generation: u64,
    loading: Option<Loading>,
    /// Files the last load could not read.
    errors: Vec<FileError>,
    /// The outcome of the last load, in a sentence.
    outcome: Option<String>,
    /// "Try with sample data" was clicked with users loaded from files: asking first.
    confirm_sample: bool,
    table: UsersTable,
    /// The coverage of the loaded users against the mappings, made when either changes.
    coverage: Option<Coverage>,
    /// Provisioning logs, loaded beside the users.
    logs: LogsPanel,
    /// Assignment or member files the last load could not read, each with why.
    assignment_errors: Vec<String>,
}

/// The coverage table, what its gaps mean and the export advice, for one set of users and one
/// set of mappings (made when either changes, not per frame).
struct Coverage {
    /// (users' generation, mappings' revision) it was made for.
    made_for: (u64, u64),
    rows: Vec<CoverageRow>,
    gaps: Vec<String>,
    advice: [String; 2],
}

impl UsersStep {
    /// The loaded users, if any.
    pub fn set(&self) -> Option<&UserSet> {
        self.loaded.as_ref().map(|l| &*l.set)
    }

    /// The loaded users, shared, with their generation (which changes whenever they do).
    pub fn shared_set(&self) -> Option<(Arc<UserSet>, u64)> {
        self.loaded
            .as_ref()
            .map(|l| (l.set.clone(), self.generation))
    }

    /// True while a load runs.
    pub fn is_loading(&self) -> bool {
        self.loading.is_some() || self.logs.is_loading()
    }

    /// The loaded provisioning logs, with their generation.
    pub fn logs(&self) -> Option<(Arc<crate::import::logs::LogSet>, u64)> {
        self.logs.shared()
    }

    /// Starts loading `inputs` in the background (replacing the loaded users unless `append`);
    /// provisioning logs among them load beside the users.
    pub fn load(&mut self, inputs: Vec<Input>, append: bool, ctx: &egui::Context) {
        let (logs, inputs) = logs_panel::split(inputs);
        if !logs.is_empty() {
            let no_users =
                inputs.is_empty() && (self.loaded.is_none() || self.users_are_the_logs());
            self.logs.load(logs, no_users, ctx);
        }
        if inputs.is_empty() {
            return;
        }
        if let Some(running) = &self.loading {
            running.cancel();
        }
        let base = self.loaded.as_ref().map(|l| l.set.clone());
        self.loading = Some(Loading::start(ctx, inputs, base, append));
    }

    /// Loads the generated sample export.
    pub fn load_sample(&mut self, ctx: &egui::Context) {
        let mut bytes = Vec::new();
        if sample::write(&mut bytes, SampleShape::Graph, SAMPLE_USERS, 1).is_ok() {
            let input = Input::Bytes {
                name: format!("{SAMPLE_NAME} ({SAMPLE_USERS} fictional users)"),
                bytes: Arc::from(bytes),
            };
            self.load(vec![input], false, ctx);
        }
    }

    /// True when the users loaded are those of the logs' import steps.
    fn users_are_the_logs(&self) -> bool {
        self.set().is_some_and(|set| {
            set.files
                .iter()
                .all(|f| f.name == crate::import::logs::users::IMPORT_STEPS_NAME)
        })
    }

    /// Takes the result of a finished load. Returns a status line when one finished.
    pub fn poll(&mut self, ctx: &egui::Context) -> Option<String> {
        if let Some((status, users)) = self.logs.poll(ctx) {
            if let Some(users) = users {
                self.load(vec![users], false, ctx);
            }
            return Some(status);
        }
        let loading = self.loading.as_ref()?;
        let outcome = match loading.poll() {
            Finished::Running => {
                ctx.request_repaint_after(std::time::Duration::from_millis(100));
                return None;
            }
            Finished::Done(outcome) => *outcome,
        };
        let (new, read, errors) = (outcome.loaded, outcome.read, outcome.errors);
        let (user_files, assignments_read, assignment_errors) = (
            outcome.user_files,
            outcome.assignments_read,
            outcome.assignment_errors,
        );
        let append = loading.append;
        self.loading = None;
        let cancelled = errors
            .iter()
            .any(|e| matches!(e.error, crate::import::ImportError::Cancelled));
        let outcome = if cancelled {
            "Loading was cancelled. The users loaded before are still here.".to_owned()
        } else if user_files == 0 && assignments_read == 0 {
            format!(
                "Nothing was loaded: {} could not be read{}.",
                plural(errors.len() + assignment_errors.len(), "file"),
                if self.loaded.is_some() {
                    ". The users loaded before are still here"
                } else {
                    ""
                }
            )
        } else {
            let users_read = user_files > 0 || assignments_read == 0;
            self.loaded = Some(new);
            self.generation += 1;
            self.confirm_sample = false;
            if !append && users_read {
                self.table.reset();
            }
            let what = match (users_read, assignments_read) {
                (true, 0) => plural(read, "user"),
                (false, n) => plural(n, "assignment file"),
                (true, n) => format!(
                    "{} and {}",
                    plural(read, "user"),
                    plural(n, "assignment file")
                ),
            };
            format!(
                "Loaded {what}{}.",
                if errors.is_empty() {
                    String::new()
                } else {
                    format!("; {} could not be read", plural(errors.len(), "file"))
                }
            )
        };
        self.errors = if cancelled { Vec::new() } else { errors };
        self.assignment_errors = assignment_errors;
        self.outcome = Some(outcome.clone());
        Some(outcome)
    }

    /// Shows the step; the coverage is checked against `mappings` (whose revision is
    /// `revision`).
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        mappings: &MappingSet,
        revision: u64,
    ) -> Option<UsersAction> {
        let mut action = None;
        ui.heading("Step 2: Users");
        ui.add_space(4.0);
        ui.label(
            "Load the users you exported from Entra: a Microsoft Graph /users response, \
             Get-MgUser | ConvertTo-Json, the az CLI, JSON Lines, or the admin center's \
             \"Download users\" CSV. Any encoding. You can also drop files on the window. \
             Provisioning logs load here too (Graph, PowerShell, the admin center's Download \
             logs, provision on demand): step 4 then compares them with the preview.",
        );
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            let idle = self.loading.is_none();
            if ui
                .add_enabled(idle, egui::Button::new("Open export…"))
                .clicked()
            {
                action = Some(UsersAction::Open { append: false });
            }
            if self.loaded.is_some()
                && ui
                    .add_enabled(idle, egui::Button::new("Add another file…"))
                    .on_hover_text("Add more pages or files to the users loaded now")
                    .clicked()
            {
                action = Some(UsersAction::Open { append: true });
            }
            if ui
                .add_enabled(idle, egui::Button::new("Try with sample data"))
                .on_hover_text(format!(
                    "{SAMPLE_USERS} fictional users, made on this computer"
                ))
                .clicked()
            {
                match self.loaded_from_files() {
                    Some(_) => self.confirm_sample = true,
                    None => self.load_sample(ui.ctx()),
                }
            }
        });
        self.confirm_sample_ui(ui);
        ui.add_space(8.0);
        self.progress_ui(ui);
        self.errors_ui(ui);
        self.logs.ui(ui);
        let key = (self.generation, revision);
        if let Some(loaded) = &self.loaded
            && self.coverage.as_ref().is_none_or(|c| c.made_for != key)
        {
            let needs = needs::of(mappings);
            let rows = loaded.set.coverage(&needs);
            self.coverage = Some(Coverage {
                made_for: key,
                gaps: rows.iter().filter_map(CoverageRow::gap).collect(),
                rows,
                advice: export_advice(&needs),
            });
        }
        match &self.loaded {
            Some(loaded) => {
                summary_ui(ui, &loaded.set, &loaded.warnings);
                ui.add_space(8.0);
                super::assignments_panel::ui(
                    ui,
                    &loaded.set,
                    loaded.assigned_not_loaded,
                    &self.assignment_errors,
                );
                ui.add_space(8.0);
                if let Some(coverage) = &self.coverage {
                    egui::CollapsingHeader::new("Attribute coverage")
                        .default_open(true)
                        .show(ui, |ui| coverage_ui(ui, coverage));
                }
                ui.add_space(8.0);
                ui.label(egui::RichText::new("Users").strong().size(16.0));
                self.table
                    .ui(ui, &loaded.set, &loaded.search, self.generation);
            }
            _ if self.loading.is_none() => {
                ui.add_space(8.0);
                ui.weak("No users loaded yet.");
            }
            _ => {}
        }
        action
    }

    /// The users loaded from files (not the sample), in words, if any.
    fn loaded_from_files(&self) -> Option<String> {
        let set = &self.loaded.as_ref()?.set;
        let files: Vec<&str> = set
            .files
            .iter()
            .map(|f| f.name.as_str())
            .filter(|name| !name.starts_with(SAMPLE_NAME))
            .collect();
        match files.as_slice() {
            [] => None,
            [one] => Some(format!(
                "the {} from {one}",
                plural(set.users.len(), "user")
            )),
            many => Some(format!(
                "the {} from {} files",
                plural(set.users.len(), "user"),
                many.len()
            )),
        }
    }

    /// Asks before the sample data replaces users loaded from files.
    fn confirm_sample_ui(&mut self, ui: &mut egui::Ui) {
        if !self.confirm_sample {
            return;
        }
        let Some(loaded) = self.loaded_from_files() else {
            self.confirm_sample = false;
            return;
        };
        let mut answer = None;
        egui::Frame::group(ui.style())
            .stroke(egui::Stroke::new(1.0, ui.visuals().warn_fg_color))
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.label(format!(
                    "The sample data replaces {loaded}. They stay in their files: open them \
                     again to get them back."
                ));
                ui.horizontal(|ui| {
                    if ui.button("Replace with sample data").clicked() {
                        answer = Some(true);
                    }
                    if ui.button("Keep my users").clicked() {
                        answer = Some(false);
                    }
                });
            });
        match answer {
            Some(true) => {
                self.confirm_sample = false;
                self.load_sample(ui.ctx());
            }
            Some(false) => self.confirm_sample = false,
            None => {}
        }
    }

    fn progress_ui(&mut self, ui: &mut egui::Ui) {
        let Some(loading) = &self.loading else {
            if let Some(outcome) = &self.outcome {
                ui.label(outcome);
            }
            return;
        };
        let mut cancel = false;
        ui.horizontal(|ui| {
            let fraction = loading.progress.fraction();
            ui.add(
                egui::ProgressBar::new(fraction)
                    .desired_width(360.0)
                    .text(format!(
                        "Loading {}: {:.0} %",
                        loading.what,
                        fraction * 100.0
                    )),
            );
            cancel = ui.button("Cancel").clicked();
        });
        if cancel {
            loading.cancel();
        }
    }

    fn errors_ui(&self, ui: &mut egui::Ui) {
        for error in &self.errors {
            file_error_ui(ui, &error.name, &error.error.to_string());
        }
    }
}

/// Files, shapes and warnings.
fn summary_ui(ui: &mut egui::Ui, set: &UserSet, warnings: &[String]) {
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        let users = set.users.len();
        ui.label(
            egui::RichText::new(format!(
                "{users} user{} from {} file{}",
                if users == 1 { "" } else { "s" },
                set.files.len(),
                if set.files.len() == 1 { "" } else { "s" }
            ))
            .strong()
            .size(16.0),
        );
        egui::Grid::new("files")
            .num_columns(4)
            .spacing([16.0, 2.0])
            .show(ui, |ui| {
                for file in &set.files {
                    ui.monospace(&file.name);
                    ui.label(file.shape.label());
                    ui.label(file.encoding.label());
                    ui.label(format!("{} users", file.users));
                    ui.end_row();
                }
            });
        if !warnings.is_empty() {
            ui.add_space(6.0);
            for warning in warnings {
                ui.horizontal_wrapped(|ui| {
                    ui.colored_label(ui.visuals().warn_fg_color, "⚠");
                    ui.label(warning);
                });
            }
        }
    });
}

/// How many users have each attribute, what a gap means and how to close it: the attributes
/// the mappings read first, with the export commands that bring every one of them.
fn coverage_ui(ui: &mut egui::Ui, coverage: &Coverage) {
    let Coverage {
        rows, gaps, advice, ..
    } = coverage;
    let (needed, others): (Vec<_>, Vec<_>) = rows.iter().partition(|row| row.need.is_some());
    let bars = |ui: &mut egui::Ui, id: &str, rows: &[&CoverageRow]| {
        egui::Grid::new(id)
            .num_columns(2)
            .striped(true)
            .spacing([12.0, 3.0])
            .show(ui, |ui| {
                for row in rows {
                    ui.monospace(&row.attribute);
                    ui.add(
                        egui::ProgressBar::new(row.fraction as f32)
                            .desired_width(110.0)
                            .text(row.percent()),
                    );
                    ui.end_row();
                }
            });
    };
    ui.horizontal_top(|ui| {
        bars(ui, "coverage", &needed);
        ui.add_space(16.0);
        ui.vertical(|ui| {
            if gaps.is_empty() {
                ui.label("Every user has every attribute the mappings read.");
            } else {
                ui.label(egui::RichText::new("What the gaps mean").strong());
            }
            for gap in gaps {
                ui.add(egui::Label::new(gap).wrap());
            }
        });
    });
    if !others.is_empty() {
        egui::CollapsingHeader::new(format!("Other attributes in the export ({})", others.len()))
            .default_open(false)
            .show(ui, |ui| bars(ui, "coverage_others", &others));
    }
    if !gaps.is_empty() {
        ui.add_space(6.0);
        egui::CollapsingHeader::new("How to export everything the mappings read")
            .default_open(false)
            .show(ui, |ui| {
                let [graph, powershell] = advice;
                for (title, command) in [
                    ("Microsoft Graph (Graph Explorer, az rest):", graph),
                    ("Microsoft Graph PowerShell:", powershell),
                ] {
                    ui.label(title);
                    ui.horizontal_wrapped(|ui| {
                        ui.add(egui::Label::new(egui::RichText::new(command).monospace()).wrap());
                    });
                    if ui.button("Copy command").clicked() {
                        ui.ctx().copy_text(command.clone());
                    }
                    ui.add_space(4.0);
                }
            });
    }
}

/// A file that could not be loaded, framed in the error colour: its name, then why.
pub(crate) fn file_error_ui(ui: &mut egui::Ui, name: &str, why: &str) {
    egui::Frame::group(ui.style())
        .stroke(egui::Stroke::new(1.0, ui.visuals().error_fg_color))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.colored_label(
                ui.visuals().error_fg_color,
                format!("⚠ {name} could not be loaded"),
            );
            ui.label(why);
        });
    ui.add_space(4.0);
}
