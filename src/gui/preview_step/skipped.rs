//! Step 4's list of the users Azure would not create, each with why, one click from the count
//! and each a click away from its own view.

use eframe::egui;

use super::PreviewStep;
use crate::gui::labels::user_label;
use crate::preview::Preview;

/// How many skipped users are listed before "… and N more".
const SHOWN: usize = 200;

impl PreviewStep {
    /// The skipped users (when the admin opened the list).
    pub(super) fn skipped_ui(&mut self, ui: &mut egui::Ui, preview: &Preview) {
        if !self.show_skipped {
            return;
        }
        let skipped: Vec<(usize, String)> = preview
            .users
            .iter()
            .filter_map(|u| Some((u.index, u.skipped.as_ref()?.to_string())))
            .collect();
        let mut jump = None;
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.strong(format!(
                "Skipped: Azure would not create {}",
                match skipped.len() {
                    1 => "this user".to_owned(),
                    n => format!("these {n} users"),
                }
            ));
            crate::gui::scroll::inner(
                ui,
                egui::ScrollArea::vertical()
                    .id_salt("skipped")
                    .max_height(240.0)
                    .auto_shrink([false, true]),
            )
            .show(ui, |ui| {
                for (u, reason) in skipped.iter().take(SHOWN) {
                    ui.horizontal_wrapped(|ui| {
                        if ui
                            .link(user_label(&preview.set, *u))
                            .on_hover_text("Show this user's values and requests")
                            .clicked()
                        {
                            jump = Some(*u);
                        }
                        ui.label(format!("— {reason}"));
                    });
                }
                if skipped.len() > SHOWN {
                    ui.weak(format!(
                        "… and {} more: Save CSV… lists every user with the reason.",
                        skipped.len() - SHOWN
                    ));
                }
            });
        });
        if let Some(u) = jump {
            self.select_user(u);
        }
    }
}
