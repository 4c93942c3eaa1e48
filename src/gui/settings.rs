//! The settings that persist between runs (theme, clipboard countdown, tenant URL, last opened
//! folder, the set-up steps ticked off) and the screen that edits them. Nothing secret is ever part of [`Settings`]: it is
//! the only state the app hands to eframe's persistence.

use std::path::PathBuf;

use eframe::egui;
use serde::{Deserialize, Serialize};

use super::setup_guide::{GuideStep, Ticks};
use crate::secure_copy::{
    DEFAULT_CLEAR_AFTER_SECS, MAX_CLEAR_AFTER_SECS, MIN_CLEAR_AFTER_SECS, clamp_clear_after_secs,
};
use crate::token::SECURE_PRACTICE_TENANT_URL;

/// Light, dark, or whatever the system uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum ThemeChoice {
    /// Follow the system's light/dark setting.
    #[default]
    System,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

impl ThemeChoice {
    /// egui's name for it.
    pub fn preference(self) -> egui::ThemePreference {
        match self {
            ThemeChoice::System => egui::ThemePreference::System,
            ThemeChoice::Light => egui::ThemePreference::Light,
            ThemeChoice::Dark => egui::ThemePreference::Dark,
        }
    }
}

/// Everything the app remembers between runs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Light/dark theme.
    pub theme: ThemeChoice,
    /// Seconds before a copied token is cleared from the clipboard (10–300).
    pub clear_after_secs: u64,
    /// The SCIM app's tenant URL, for "Copy tenant URL".
    pub tenant_url: String,
    /// The folder a file was last opened from, for the file dialog.
    pub last_folder: Option<PathBuf>,
    /// The set-up steps ticked off.
    pub guide: Ticks,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            theme: ThemeChoice::System,
            clear_after_secs: DEFAULT_CLEAR_AFTER_SECS,
            tenant_url: SECURE_PRACTICE_TENANT_URL.to_owned(),
            last_folder: None,
            guide: Ticks::default(),
        }
    }
}

impl Settings {
    /// Brings values from an old or hand-edited settings file into range.
    pub fn sanitized(mut self) -> Self {
        self.clear_after_secs = clamp_clear_after_secs(self.clear_after_secs);
        if self.tenant_url.trim().is_empty() {
            self.tenant_url = SECURE_PRACTICE_TENANT_URL.to_owned();
        }
        self
    }

    /// The settings screen.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        ui.heading("Settings");
        ui.label("These are remembered on this computer. Keys, secrets and tokens never are.");
        ui.add_space(12.0);

        egui::Grid::new("settings_grid")
            .num_columns(2)
            .spacing([16.0, 14.0])
            .show(ui, |ui| {
                ui.label("Theme");
                ui.horizontal(|ui| {
                    ui.radio_value(&mut self.theme, ThemeChoice::System, "Follow the system");
                    ui.radio_value(&mut self.theme, ThemeChoice::Light, "Light");
                    ui.radio_value(&mut self.theme, ThemeChoice::Dark, "Dark");
                });
                ui.end_row();

                let label = ui.label("Clear the copied token after");
                ui.add(
                    egui::Slider::new(
                        &mut self.clear_after_secs,
                        MIN_CLEAR_AFTER_SECS..=MAX_CLEAR_AFTER_SECS,
                    )
                    .suffix(" s"),
                )
                .labelled_by(label.id);
                ui.end_row();

                let label = ui.label("Tenant URL");
                ui.vertical(|ui| {
                    ui.add(
                        egui::TextEdit::singleline(&mut self.tenant_url)
                            .desired_width(380.0)
                            .font(egui::TextStyle::Monospace),
                    )
                    .labelled_by(label.id);
                    if let Some(problem) = crate::token::tenant_url_problem(&self.tenant_url) {
                        ui.colored_label(ui.visuals().warn_fg_color, problem);
                    }
                    if self.tenant_url != SECURE_PRACTICE_TENANT_URL
                        && ui.button("Use Secure Practice's URL").clicked()
                    {
                        self.tenant_url = SECURE_PRACTICE_TENANT_URL.to_owned();
                    }
                });
                ui.end_row();

                ui.label("Last opened folder");
                ui.horizontal(|ui| match &self.last_folder {
                    Some(folder) => {
                        ui.monospace(folder.display().to_string());
                        if ui.button("Forget").clicked() {
                            self.last_folder = None;
                        }
                    }
                    None => {
                        ui.weak("none yet");
                    }
                });
                ui.end_row();

                ui.label("Set-up checklist");
                ui.horizontal(|ui| {
                    let done = self.guide.count(&GuideStep::ALL);
                    ui.label(format!("{done} of {} steps ticked", GuideStep::ALL.len()));
                    if done > 0 && ui.button("Untick all").clicked() {
                        self.guide.clear();
                    }
                });
                ui.end_row();
            });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_or_edited_files_are_brought_into_range() {
        let settings: Settings =
            serde_json::from_str(r#"{"clear_after_secs": 3, "tenant_url": " "}"#).unwrap();
        let settings = settings.sanitized();
        assert_eq!(settings.clear_after_secs, 10);
        assert_eq!(settings.tenant_url, SECURE_PRACTICE_TENANT_URL);
        assert_eq!(settings.theme, ThemeChoice::System);
        assert_eq!(settings.guide, Ticks::default());
    }
}
