//! Step 2's provisioning logs: files are told from user exports by their content
//! ([`file_kind::is_provisioning_log`]), loaded in the background ([`Job`]), and summed up
//! (files, shapes, records, notes, errors). Files opened later are added to those loaded (the
//! three CSV files of a download may come one at a time) until Remove. With no users loaded,
//! the users the logs' import steps read are loaded as the users.

use std::io::Read as _;
use std::sync::Arc;

use eframe::egui;

use super::jobs::{Job, Poll};
use super::labels::plural;
use crate::file_kind::{self, SNIFF_BYTES};
use crate::import::Input;
use crate::import::logs::users::import_steps_input;
use crate::import::logs::{LogFileError, LogSet};

/// What a load of logs gives: the logs, and the files that could not be read.
type Loaded = (LogSet, Vec<LogFileError>);

/// Loaded provisioning logs and a load in progress.
#[derive(Default)]
pub struct LogsPanel {
    logs: Option<Arc<LogSet>>,
    /// The files of the logs loaded (or loading).
    inputs: Vec<Input>,
    /// Changes whenever `logs` does.
    generation: u64,
    /// The running load, and whether the users should come from its import steps.
    job: Option<(Job<Loaded>, bool)>,
    errors: Vec<LogFileError>,
}

/// Splits `inputs` into provisioning logs and the rest (user exports), by their first bytes.
pub fn split(inputs: Vec<Input>) -> (Vec<Input>, Vec<Input>) {
    inputs.into_iter().partition(|input| match input {
        Input::Bytes { bytes, .. } | Input::LogImportSteps(bytes) => {
            file_kind::is_provisioning_log(&bytes[..bytes.len().min(SNIFF_BYTES)])
        }
        Input::Path(path) => {
            let mut head = Vec::new();
            std::fs::File::open(path)
                .and_then(|f| f.take(SNIFF_BYTES as u64).read_to_end(&mut head))
                .is_ok_and(|_| file_kind::is_provisioning_log(&head))
        }
    })
}

impl LogsPanel {
    /// The loaded logs, with their generation.
    pub fn shared(&self) -> Option<(Arc<LogSet>, u64)> {
        self.logs.as_ref().map(|l| (l.clone(), self.generation))
    }

    /// True while logs load.
    pub fn is_loading(&self) -> bool {
        self.job.is_some()
    }

    /// Loads `inputs` with the logs loaded before, in the background; `users_from_logs`: the
    /// users should then come from the logs' import steps.
    pub fn load(&mut self, inputs: Vec<Input>, users_from_logs: bool, ctx: &egui::Context) {
        for input in inputs {
            if !self.inputs.iter().any(|i| i.location() == input.location()) {
                self.inputs.push(input);
            }
        }
        let inputs = self.inputs.clone();
        let job = Job::start(ctx, move |_| Some(LogSet::load(&inputs)));
        self.job = Some((job, users_from_logs));
    }

    /// Takes a finished load: a status line, and the users of the import steps to load when
    /// they were asked for.
    pub fn poll(&mut self, ctx: &egui::Context) -> Option<(String, Option<Input>)> {
        let (job, users_from_logs) = self.job.as_ref()?;
        let users_from_logs = *users_from_logs;
        match job.poll() {
            Poll::Running => {
                ctx.request_repaint_after(std::time::Duration::from_millis(100));
                None
            }
            Poll::Gone => {
                self.job = None;
                None
            }
            Poll::Done((logs, errors), _) => {
                self.job = None;
                // Files that failed are not tried again with the next ones.
                self.inputs
                    .retain(|i| !errors.iter().any(|e| e.name == i.name()));
                self.errors = errors;
                if logs.files.is_empty() {
                    return Some((
                        format!(
                            "No provisioning logs were loaded: {} could not be read.",
                            plural(self.errors.len(), "file")
                        ),
                        None,
                    ));
                }
                let users = users_from_logs.then(|| import_steps_input(&logs)).flatten();
                let status = format!(
                    "Loaded {} of provisioning logs{}.",
                    plural(logs.records.len(), "record"),
                    if users.is_some() {
                        "; the users are the values Azure read in them"
                    } else {
                        ""
                    }
                );
                self.logs = Some(Arc::new(logs));
                self.generation += 1;
                Some((status, users))
            }
        }
    }

    /// The logs loaded: files, shapes, records, notes, errors, and Remove.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        if self.job.is_some() {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label("Loading the provisioning logs…");
            });
        }
        for error in &self.errors {
            super::users_step::file_error_ui(ui, &error.name, &error.error.to_string());
        }
        let Some(logs) = &self.logs else { return };
        let mut remove = false;
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal(|ui| {
                ui.strong(format!(
                    "Provisioning logs: {}",
                    plural(logs.records.len(), "record")
                ));
                remove = ui
                    .small_button("Remove the logs")
                    .on_hover_text("Step 4 then shows the preview alone")
                    .clicked();
            });
            for file in &logs.files {
                ui.label(file.summary());
                for note in &file.notes {
                    ui.colored_label(ui.visuals().warn_fg_color, format!("⚠ {note}"));
                }
            }
            for note in &logs.notes {
                ui.colored_label(ui.visuals().warn_fg_color, format!("⚠ {note}"));
            }
            ui.weak("Step 4 compares them with the preview, user by user.");
        });
        if remove {
            self.logs = None;
            self.inputs.clear();
            self.generation += 1;
            self.errors.clear();
        }
    }
}
