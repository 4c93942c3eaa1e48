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
        // Grouped by reason, in the order the reasons first come up: the reason once, then who.
        let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
        for user in &preview.users {
            let Some(reason) = &user.skipped else {
                continue;
            };
            let reason = reason.to_string();
            match groups.iter_mut().find(|(r, _)| *r == reason) {
                Some((_, users)) => users.push(user.index),
                None => groups.push((reason, vec![user.index])),
            }
        }
        let total: usize = groups.iter().map(|(_, users)| users.len()).sum();
        let mut jump = None;
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.strong(format!(
                "Skipped: Azure would not create {}",
                match total {
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
                for (reason, users) in &groups {
                    ui.add_space(4.0);
                    ui.add(
                        egui::Label::new(format!(
                            "{} — {}:",
                            crate::gui::labels::plural(users.len(), "user"),
                            reason
                        ))
                        .wrap(),
                    );
                    ui.horizontal_wrapped(|ui| {
                        for &u in users.iter().take(SHOWN) {
                            if ui
                                .link(user_label(&preview.set, u))
                                .on_hover_text("Show this user's values and requests")
                                .clicked()
                            {
                                jump = Some(u);
                            }
                        }
                        if users.len() > SHOWN {
                            ui.weak(format!(
                                "… and {} more: Save CSV… lists every user with the reason.",
                                users.len() - SHOWN
                            ));
                        }
                    });
                }
            });
        });
        if let Some(u) = jump {
            self.select_user(u);
        }
    }
}
