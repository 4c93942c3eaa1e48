//! Step 4's list of the users Azure would not create: the count per kind of reason (not
//! assigned, outside the scoping filters, disabled…), then under each the reasons in full with
//! the users, one click from the count and each a click away from its own view.

use eframe::egui;

use super::PreviewStep;
use crate::gui::labels::user_label;
use crate::preview::skip::KINDS;
use crate::preview::{Preview, SkipReason};

/// A reason in full and the users it concerns.
type Group = (String, Vec<usize>);

/// How many skipped users are listed before "… and N more".
const SHOWN: usize = 200;

impl PreviewStep {
    /// The skipped users (when the admin opened the list).
    pub(super) fn skipped_ui(&mut self, ui: &mut egui::Ui, preview: &Preview) {
        if !self.show_skipped {
            return;
        }
        // Grouped by kind of reason (in the order they are decided), then by the reason in
        // full: the reason once, then who.
        let mut kinds: Vec<(&'static str, Vec<Group>)> = Vec::new();
        for user in &preview.users {
            let Some(reason) = &user.skipped else {
                continue;
            };
            let kind = reason.kind();
            let at = match kinds.iter().position(|(k, _)| *k == kind) {
                Some(at) => at,
                None => {
                    kinds.push((kind, Vec::new()));
                    kinds.len() - 1
                }
            };
            let groups = &mut kinds[at].1;
            let reason = reason.to_string();
            match groups.iter_mut().find(|(r, _)| *r == reason) {
                Some((_, users)) => users.push(user.index),
                None => groups.push((reason, vec![user.index])),
            }
        }
        kinds.sort_by_key(|(kind, _)| KINDS.iter().position(|k| k == kind));
        let count =
            |groups: &[Group]| -> usize { groups.iter().map(|(_, users)| users.len()).sum() };
        let total: usize = kinds.iter().map(|(_, groups)| count(groups)).sum();
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
                for (kind, groups) in &kinds {
                    ui.add_space(6.0);
                    ui.strong(format!(
                        "{}: {}",
                        capitalized(SkipReason::kind_label(kind)),
                        crate::gui::labels::plural(count(groups), "user")
                    ));
                    for (reason, users) in groups {
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
                }
            });
        });
        if let Some(u) = jump {
            self.select_user(u);
        }
    }
}

/// The skipped users counted per kind of reason, for the line beside "Skipped (N)".
pub(super) fn counts(scope: &crate::preview::scoping::ScopeSummary) -> String {
    scope
        .skipped
        .iter()
        .map(|(kind, n)| format!("{}: {n}", capitalized(SkipReason::kind_label(kind))))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// `text` with its first letter in upper case, for a heading.
fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}
