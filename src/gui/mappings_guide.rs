//! The mapping parts of Secure Practice's set-up guide: where step 3's mappings live in Azure
//! (step 3), and in step 4 the rows to enter on Azure's Attribute Mapping page (the mappings
//! that differ from what the app in Azure has: the schema the admin imported, else Azure's
//! defaults for a new app, [`crate::mapping::portal`]) and the scoping filters, then restarting
//! provisioning and checking one user with Provision on demand.

use eframe::egui::{self, RichText};

use super::labels::{kind_label, plural};
use super::setup_guide::{GuideStep, Page, copy_button, numbered};
use crate::mapping::portal::{self, PortalEdit};
use crate::mapping::{Apply, Mapping, MappingKind, MappingSet};
use crate::preview::Preview;

/// Where Azure keeps the user mappings, from the app's Provisioning page.
pub(crate) const MAPPINGS_PATH: &str = "Provisioning > Edit attribute mappings > Mappings > \
     Provision Azure Active Directory Users (on newer tenants: Provision Microsoft Entra ID Users)";

/// Step 3's note: what these mappings are in Azure, and that step 4 lists what to enter.
pub(crate) fn step3_note(ui: &mut egui::Ui) {
    egui::CollapsingHeader::new("Where these are in Azure")
        .id_salt("step3_in_azure")
        .show(ui, |ui| {
            ui.label(format!("In your enterprise app: {MAPPINGS_PATH}."));
            ui.label(
                "Secure Practice builds its organization tree from three enterprise targets: \
                 organization and division, which Azure has no mapping for (each is an Add new \
                 mapping there), and department. When your department holds the whole path \
                 (Contoso > Sales > EMEA), each level needs the Expression mapping type: the \
                 Department path builder writes them.",
            );
            ui.label(
                "Settle the mappings here. Step 4 then lists exactly what to enter in Azure, \
                 with a Copy button for each value.",
            );
        });
}

/// Step 4's part of the guide, for the mappings `preview` was made from: who is in scope, the
/// rows to enter in Azure (against `azure_now`, the imported schema's name and mappings as
/// imported, else Azure's defaults), and restarting and checking one user.
pub(crate) fn preview_ui(
    ui: &mut egui::Ui,
    preview: &Preview,
    azure_now: Option<(&str, &MappingSet)>,
) {
    let scope = preview.scope_summary();
    if scope.assumes_all_assigned {
        ui.weak(format!(
            "Who is in scope: {} Load the app's assignments and its groups' member lists in \
             step 2 to see who Azure really provisions.",
            crate::preview::scoping::ASSUMES_ASSIGNED
        ));
    } else {
        ui.weak(format!(
            "Who is in scope: the users assigned to the app (directly or as immediate members \
             of an assigned group, from the files loaded in step 2) who pass the scoping \
             filters: {} of the {} loaded.",
            scope.in_scope,
            preview.users.len()
        ));
    }
    let set = MappingSet {
        name: String::new(),
        mappings: preview.mappings.iter().map(|c| c.mapping.clone()).collect(),
        scope: preview.scoping_filters().clone(),
    };
    let defaults;
    let (before, what) = match azure_now {
        Some((name, imported)) => (imported, format!("the schema you imported ({name})")),
        None => {
            defaults = crate::mapping::presets::azure_defaults();
            (&defaults, "Azure's defaults for a new app".to_owned())
        }
    };
    let edits = portal::edits_from(before, &set);
    let scope_changed = before.scope != set.scope;
    let mut page = Page::new(ui.ctx(), &GuideStep::PREVIEW_PAGE, false);
    let rows = match (edits.len(), scope_changed) {
        (0, false) => "nothing to change".to_owned(),
        (0, true) => "the scoping filters to change".to_owned(),
        (1, false) => "1 row to change".to_owned(),
        (n, false) => format!("{n} rows to change"),
        (n, true) => format!("{} and the scoping filters to change", plural(n, "row")),
    };
    page.section(ui, GuideStep::EnterMappings, false, &rows, |ui| {
        numbered(ui, 1, &format!("In your enterprise app: {MAPPINGS_PATH}."));
        if edits.is_empty() {
            ui.label(match azure_now {
                Some(_) => format!(
                    "These mappings are the ones in {what}: there is nothing to enter on the \
                     Attribute Mapping page."
                ),
                None => "These mappings are Azure's defaults for a new app: there is nothing \
                         to enter. (If your app's mappings were changed before, import its \
                         schema in step 3, or compare with what Azure lists.)"
                    .to_owned(),
            });
        } else {
            numbered(
                ui,
                2,
                &format!(
                    "Make these changes on the Attribute Mapping page, one by one, each with \
                     OK. They are what these mappings have and {what} does not{}.",
                    if azure_now.is_some() {
                        ""
                    } else {
                        "; if your app's mappings were changed before, import its schema in \
                         step 3, or compare with what Azure lists"
                    }
                ),
            );
            for edit in &edits {
                ui.add_space(4.0);
                edit_ui(ui, edit);
            }
            numbered(ui, 3, "Click Save at the top of the page, and confirm.");
        }
        if scope_changed {
            ui.add_space(6.0);
            ui.label(format!(
                "The scoping filters differ from {what}. On the same page, under Source \
                 Object Scope, make them these (Add scoping filter, then Add new scoping \
                 clause for each clause), and Save:"
            ));
            super::scope_editor::summary_ui(ui, &set.scope);
        }
    });
    page.section(ui, GuideStep::RestartAndCheck, false, "", |ui| {
        numbered(
            ui,
            1,
            "Saving changed mappings makes Azure start a new initial cycle that checks every \
             user again. If the app's Provisioning overview does not show one, click Restart \
             provisioning and confirm: until then, only users who change in Entra get the new \
             values.",
        );
        numbered(
            ui,
            2,
            "Check one user at once instead of waiting for the cycle: select a user in the tree \
             below and follow Check this user in Azure, in the user's view.",
        );
    });
}

/// One row to change, field by field as Azure's Edit Attribute dialog has them.
fn edit_ui(ui: &mut egui::Ui, edit: &PortalEdit) {
    egui::Frame::group(ui.style()).show(ui, |ui| match edit {
        PortalEdit::Add(mapping) => {
            ui.label(RichText::new("Add New Mapping").strong());
            fields_ui(ui, mapping);
        }
        PortalEdit::Edit { default, now } => {
            ui.label(
                RichText::new(format!(
                    "Click the row of {} (now {} from {}) and set:",
                    now.target,
                    kind_label(default.kind),
                    shown_source(default)
                ))
                .strong(),
            );
            fields_ui(ui, now);
        }
        PortalEdit::Delete(mapping) => {
            ui.label(
                RichText::new(format!(
                    "Delete the row of {} (from {}): click Delete on its line.",
                    mapping.target,
                    shown_source(mapping)
                ))
                .strong(),
            );
        }
    });
}

fn shown_source(mapping: &Mapping) -> String {
    match mapping.kind {
        MappingKind::Constant => format!("\"{}\"", mapping.source),
        MappingKind::None => "nothing".to_owned(),
        MappingKind::Direct | MappingKind::Expression => mapping.source.clone(),
    }
}

/// The fields of Azure's dialog that differ from an empty one, with Copy buttons.
fn fields_ui(ui: &mut egui::Ui, mapping: &Mapping) {
    let target = mapping.target.as_str();
    egui::Grid::new(("portal_fields", target))
        .num_columns(2)
        .spacing([12.0, 4.0])
        .show(ui, |ui| {
            ui.label("Mapping type");
            ui.label(kind_label(mapping.kind));
            ui.end_row();
            let source = match mapping.kind {
                MappingKind::Direct => Some(("Source attribute", "The source attribute")),
                MappingKind::Expression => Some(("Expression", "The expression")),
                MappingKind::Constant => Some(("Constant Value", "The constant value")),
                MappingKind::None => None,
            };
            if let Some((label, what)) = source {
                ui.label(label);
                copyable(
                    ui,
                    &format!("Copy the {} for {target}", label.to_lowercase()),
                    &mapping.source,
                    what,
                );
                ui.end_row();
            }
            if let Some(default) = &mapping.default_value {
                ui.label("Default value if null");
                copyable(
                    ui,
                    &format!("Copy the default value for {target}"),
                    default,
                    "The default value",
                );
                ui.end_row();
            }
            ui.label("Target attribute");
            copyable(
                ui,
                &format!("Copy the target attribute {target}"),
                target,
                "The target attribute",
            );
            ui.end_row();
            if mapping.matching > 0 {
                ui.label("Match objects using this attribute");
                ui.label(format!("Yes, matching precedence {}", mapping.matching));
                ui.end_row();
            }
            if mapping.apply == Apply::OnCreate {
                ui.label("Apply this mapping");
                ui.label("Only during object creation");
                ui.end_row();
            }
        });
}

fn copyable(ui: &mut egui::Ui, name: &str, text: &str, what: &'static str) {
    ui.horizontal_wrapped(|ui| {
        ui.add(egui::Label::new(RichText::new(text).monospace()).wrap());
        copy_button(ui, name, text, what);
    });
}
