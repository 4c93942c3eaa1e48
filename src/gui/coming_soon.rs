//! The placeholder for steps that a later version fills in: what the step will do, in the
//! admin's words, and the files already dropped for it.

use std::path::PathBuf;

use eframe::egui;

use super::app::Step;

/// Shows the placeholder for `step`, listing `files` dropped for it.
pub fn ui(ui: &mut egui::Ui, step: Step, files: &[PathBuf]) {
    ui.heading(format!("Step {}: {}", step.number(), step.title()));
    ui.add_space(6.0);
    ui.label(step.summary());
    ui.add_space(16.0);
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width().min(640.0));
        ui.label(egui::RichText::new("Coming soon").strong().size(16.0));
        ui.label(
            "This step is not in this version of SCIM Preflight yet. Steps 1 (the secret token) \
             and 2 (users) work already.",
        );
    });
    if !files.is_empty() {
        ui.add_space(16.0);
        ui.label("Files you dropped for this step (they will open here once the step is ready):");
        for file in files {
            ui.monospace(file.display().to_string());
        }
    }
}
