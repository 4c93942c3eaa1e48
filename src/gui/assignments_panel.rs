//! Step 2, beside the users: who is assigned to the app. What assignment and member files were
//! loaded, which assigned groups have no member list yet (with the commands that export it),
//! or, with none loaded, that the preview assumes every loaded user is assigned and how to
//! export the assignments.

use eframe::egui;

use super::labels::plural;
use crate::import::UserSet;
use crate::import::assignments::{assignment_commands, member_commands, not_loaded_message};
use crate::preview::scoping::ASSUMES_ASSIGNED;

/// Shows the assignments of `set` (of whom `not_loaded` users are not among the loaded users),
/// and the files of the last load that could not be read.
pub fn ui(ui: &mut egui::Ui, set: &UserSet, not_loaded: usize, errors: &[String]) {
    let loaded = set.assignments.as_deref().filter(|a| !a.files.is_empty());
    let missing = loaded.map_or(0, |a| a.groups_without_members().len());
    let title = match loaded {
        None => "Assignments: none loaded, so every loaded user is taken as assigned".to_owned(),
        Some(a) if !a.has_assignments() => {
            "Assignments: only member lists loaded, so every loaded user is taken as assigned"
                .to_owned()
        }
        Some(a) => format!(
            "Assignments: {} loaded{}",
            plural(a.files.len(), "file"),
            match missing {
                0 => String::new(),
                1 => ", 1 assigned group has no member list yet".to_owned(),
                n => format!(", {n} assigned groups have no member list yet"),
            }
        ),
    };
    egui::CollapsingHeader::new(title)
        // A new header (with its own default) when what is loaded changes kind.
        .id_salt(("assignments", loaded.is_some(), missing > 0))
        .default_open(!errors.is_empty() || missing > 0)
        .open((!errors.is_empty()).then_some(true))
        .show(ui, |ui| {
            for error in errors {
                ui.colored_label(ui.visuals().warn_fg_color, error);
            }
            let Some(assignments) = loaded else {
                ui.label(format!(
                    "{ASSUMES_ASSIGNED} Azure provisions only the users assigned to the app, \
                     directly or as immediate members of an assigned group. To see who that \
                     is, open the app's assignments and the member lists of its assigned \
                     groups here (Open export…, or drop them on the window). Export the \
                     assignments with:"
                ));
                commands_ui(ui, "assignments", &assignment_commands().map(str::to_owned));
                return;
            };
            for line in assignments.summary() {
                ui.label(format!("Loaded {line}"));
            }
            if not_loaded > 0 {
                ui.colored_label(ui.visuals().warn_fg_color, not_loaded_message(not_loaded));
            }
            if !assignments.has_assignments() {
                ui.label(
                    "Only member lists are loaded, not the app's assignments, so every loaded \
                     user is still taken as assigned. Export the assignments:",
                );
                commands_ui(ui, "assignments", &assignment_commands().map(str::to_owned));
            }
            for group in assignments.groups_without_members() {
                ui.add_space(4.0);
                ui.label(format!(
                    "The assigned group {} has no member list yet: its members count as not \
                     assigned until you load it. Export it:",
                    assignments.group_name(&group.principal_id)
                ));
                commands_ui(
                    ui,
                    &group.principal_id,
                    &member_commands(&group.principal_id),
                );
            }
        });
}

/// Two commands (az and PowerShell), each with Copy.
fn commands_ui(ui: &mut egui::Ui, salt: &str, commands: &[String; 2]) {
    for (title, command) in ["Azure CLI:", "Microsoft Graph PowerShell:"]
        .into_iter()
        .zip(commands)
    {
        ui.push_id((salt, title), |ui| {
            ui.label(title);
            ui.add(egui::Label::new(egui::RichText::new(command).monospace()).wrap());
            if ui.button("Copy command").clicked() {
                ui.ctx().copy_text(command.clone());
            }
        });
    }
}
