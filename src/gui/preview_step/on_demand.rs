//! Step 4's "Check this user in Azure": how to run Provision on demand for the selected user
//! (with their principal name to copy) and which target attributes and values Azure's result
//! should show, to compare what Azure really sends with this preview.

use eframe::egui::{self, RichText};

use crate::gui::setup_guide::{numbered, value_to_copy};
use crate::preview::Preview;

/// The panel for user `u` of `preview`.
pub(super) fn ui(ui: &mut egui::Ui, preview: &Preview, u: usize) {
    let user = &preview.set.users[u];
    let principal = user
        .text(&preview.set.names, "userPrincipalName")
        .or_else(|| user.text(&preview.set.names, "mail"))
        .or_else(|| user.text(&preview.set.names, "displayName"));
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(RichText::new("Check this user in Azure").strong());
        numbered(
            ui,
            1,
            "In your enterprise app: Provisioning > Provision on demand.",
        );
        match principal {
            Some(principal) => {
                numbered(ui, 2, "Search for this user and select them:");
                ui.horizontal(|ui| {
                    ui.add_space(18.0);
                    value_to_copy(
                        ui,
                        "Copy this user's principal name",
                        principal,
                        "The user's principal name",
                    );
                });
            }
            None => numbered(
                ui,
                2,
                "Search for this user by name and select them (the export has no principal name \
                 for them).",
            ),
        }
        if let Some(reason) = &preview.users[u].skipped {
            numbered(
                ui,
                3,
                &format!("Click Provision. Azure should not create this user, as here: {reason}."),
            );
            return;
        }
        numbered(
            ui,
            3,
            "Click Provision. In the result, under Perform action, click View details: the \
             modified properties should show these target attributes with these values (for a \
             user Secure Practice already has, only the ones that change).",
        );
        let sent: Vec<(&str, &str)> = (0..preview.mappings.len())
            .filter_map(|m| {
                let value = preview.create_value(u, m)?;
                Some((preview.mappings[m].mapping.target.as_str(), value))
            })
            .collect();
        egui::CollapsingHeader::new(format!(
            "The {} target attribute{} and values to look for",
            sent.len(),
            if sent.len() == 1 { "" } else { "s" }
        ))
        .id_salt("on_demand_values")
        .show(ui, |ui| {
            egui::Grid::new(("on_demand", u))
                .striped(true)
                .num_columns(2)
                .spacing([12.0, 2.0])
                .show(ui, |ui| {
                    for (target, value) in &sent {
                        ui.monospace(*target);
                        ui.monospace(*value);
                        ui.end_row();
                    }
                });
        });
        ui.weak(
            "A value that differs means Azure's mappings are not the ones previewed here: check \
             Enter these mappings in Azure, above.",
        );
    });
}
