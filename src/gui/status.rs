//! The status bar: the last thing that happened, the clipboard countdown, and the reminder that
//! everything stays on this computer.

use eframe::egui;

/// How a status message is coloured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// Plain.
    Info,
    /// Something went well.
    Success,
    /// Worth reading.
    Warning,
}

/// The message in the status bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    /// What to show.
    pub text: String,
    /// How to colour it.
    pub tone: Tone,
}

impl Default for Status {
    fn default() -> Self {
        Self {
            text: "Ready.".to_owned(),
            tone: Tone::Info,
        }
    }
}

/// Shows the bar. `countdown` is the clipboard message while a token is on the clipboard.
pub fn ui(ui: &mut egui::Ui, status: &Status, countdown: Option<&str>) {
    ui.horizontal(|ui| {
        let color = match status.tone {
            Tone::Info => ui.visuals().text_color(),
            // At least 4.5:1 against the panel in either theme.
            Tone::Success if ui.visuals().dark_mode => egui::Color32::from_rgb(0x3c, 0xb3, 0x71),
            Tone::Success => egui::Color32::from_rgb(0x1b, 0x74, 0x40),
            Tone::Warning => ui.visuals().warn_fg_color,
        };
        ui.colored_label(color, &status.text);
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            ui.weak("Offline: nothing leaves this computer");
            if let Some(countdown) = countdown {
                ui.separator();
                ui.label(format!("📋 {countdown}"));
            }
        });
    });
}
