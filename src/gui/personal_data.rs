//! Step 3's list of the personal data the mappings send ([`crate::preview::personal`]), with how
//! many users have each, and one click to stop sending one (it deletes the mapping, as the
//! list's Delete does; step 4 then lists the row to delete in Azure).

use std::sync::{Arc, Weak};

use eframe::egui;

use super::labels::{short_target, shorten, source_text};
use super::mappings_step::MappingsStep;
use crate::preview::Preview;
use crate::preview::personal::{PersonalData, personal_data};

/// The list, worked out once per preview and mappings revision.
#[derive(Clone)]
struct Cached {
    preview: Option<Weak<Preview>>,
    revision: u64,
    data: Arc<PersonalData>,
}

impl Cached {
    fn is_for(&self, preview: Option<&Arc<Preview>>, revision: u64) -> bool {
        let same_preview = match (&self.preview, preview) {
            (None, None) => true,
            (Some(weak), Some(arc)) => Weak::ptr_eq(weak, &Arc::downgrade(arc)),
            _ => false,
        };
        same_preview && self.revision == revision
    }
}

/// Shows the list under step 3's buttons; "Remove" deletes the mapping from `step`.
pub(crate) fn ui(ui: &mut egui::Ui, step: &mut MappingsStep, preview: Option<&Arc<Preview>>) {
    let id = egui::Id::unique("scim-preflight-personal-data");
    let revision = step.revision();
    let cached = ui
        .ctx()
        .data(|d| d.get_temp::<Cached>(id))
        .filter(|c| c.is_for(preview, revision));
    let data = match cached {
        Some(cached) => cached.data,
        None => {
            let data = Arc::new(personal_data(step.set(), preview.map(|p| &**p)));
            let cached = Cached {
                preview: preview.map(Arc::downgrade),
                revision,
                data: data.clone(),
            };
            ui.ctx().data_mut(|d| d.insert_temp(id, cached));
            data
        }
    };
    let title = match data.sends.len() {
        0 => "Personal data these mappings send: none".to_owned(),
        1 => "Personal data these mappings send: 1 mapping".to_owned(),
        n => format!("Personal data these mappings send: {n} mappings"),
    };
    let mut remove = None;
    egui::CollapsingHeader::new(title)
        .id_salt("personal_data")
        .show(ui, |ui| {
            ui.label(
                "Names, e-mail addresses, phone numbers and the like that Azure would send to \
                 Secure Practice. Leave out what it does not need (mobile phone numbers, say): \
                 Remove deletes the mapping here, and step 4 then lists it to delete in Azure.",
            );
            match data.created {
                Some(created) => ui.weak(format!(
                    "Counted over the {created} user{} Azure would create.",
                    if created == 1 { "" } else { "s" }
                )),
                None => ui.weak("Load users in step 2 to see how many users have each."),
            };
            egui::Grid::new("personal_data_grid")
                .striped(true)
                .num_columns(4)
                .spacing([12.0, 4.0])
                .show(ui, |ui| {
                    for title in ["Target attribute", "From", "Users with a value", ""] {
                        ui.strong(title);
                    }
                    ui.end_row();
                    for send in &data.sends {
                        let Some(mapping) = step.set().mappings.get(send.mapping) else {
                            continue;
                        };
                        let target = short_target(&mapping.target);
                        ui.label(&target);
                        let source = source_text(mapping);
                        ui.monospace(shorten(&source, 40)).on_hover_text(&source);
                        match (send.users, data.created) {
                            (Some(users), Some(created)) => {
                                ui.label(format!("{users} of {created}"));
                            }
                            (None, Some(_)) => {
                                ui.weak("counting…");
                            }
                            _ => {
                                ui.weak("—");
                            }
                        }
                        match send.keep {
                            Some(keep) => {
                                ui.weak(format!("needed: {}", keep.reason()));
                            }
                            None => {
                                let button = ui.small_button("Remove").on_hover_text(
                                    "Stop sending it: deletes this mapping (Add new mapping \
                                     brings it back)",
                                );
                                let name = format!("Remove the mapping to {target}");
                                button.widget_info(|| {
                                    egui::WidgetInfo::labeled(egui::Role::Button, true, &name)
                                });
                                if button.clicked() {
                                    remove = Some(send.mapping);
                                }
                            }
                        }
                        ui.end_row();
                    }
                });
        });
    if let Some(m) = remove {
        step.delete(m);
    }
}
