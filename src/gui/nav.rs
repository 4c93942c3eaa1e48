//! The left-hand navigation: the four steps, always visible, and the settings button.

use eframe::egui;

use super::app::{Step, View};

/// Shows the navigation and returns the view the admin picked, if any.
pub fn ui(ui: &mut egui::Ui, current: View) -> Option<View> {
    let mut picked = None;
    ui.add_space(10.0);
    ui.heading("SCIM Preflight");
    ui.weak("Check Entra provisioning before Azure runs it");
    ui.add_space(14.0);
    ui.separator();
    ui.add_space(6.0);
    ui.with_layout(egui::Layout::top_down_justified(egui::Align::LEFT), |ui| {
        for step in Step::ALL {
            let selected = current == View::Step(step);
            let text =
                egui::RichText::new(format!("{}  {}", step.number(), step.title())).size(16.0);
            let response = ui
                .add(egui::Button::selectable(selected, text).min_size(egui::vec2(0.0, 34.0)))
                .on_hover_text(step.summary());
            if response.clicked() {
                picked = Some(View::Step(step));
            }
            ui.add_space(2.0);
        }
    });
    ui.with_layout(egui::Layout::bottom_up(egui::Align::LEFT), |ui| {
        ui.add_space(8.0);
        let selected = current == View::Settings;
        let button = egui::Button::selectable(selected, "⚙  Settings")
            .min_size(egui::vec2(ui.available_width(), 30.0));
        if ui.add(button).clicked() {
            picked = Some(View::Settings);
        }
    });
    picked
}
