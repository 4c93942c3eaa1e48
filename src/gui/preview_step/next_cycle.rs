//! Step 4's next cycle, shown with a comparison: if Azure has the compared mappings now and the
//! admin saves the mappings of step 3, what Azure's next cycle sends to the users it already
//! created ([`crate::preview::next_cycle`]): the counts per attribute, the reminder of how the
//! change reaches everyone, and one user's requests, made when the user is picked.

use std::sync::Arc;

use eframe::egui;

use crate::gui::labels::{short_target, user_label};
use crate::preview::Preview;
use crate::preview::manager::Lookup;
use crate::preview::next_cycle::{self, NextCycle};

/// How many users are offered to pick from.
const SHOWN: usize = 20;

/// The next cycle between the compared mappings (before) and the current ones (after).
pub(crate) struct View {
    /// What was compared with.
    name: String,
    /// The preview under the compared mappings.
    before: Arc<Preview>,
    /// The preview shown.
    after: Arc<Preview>,
    /// The requests.
    pub(crate) next: NextCycle,
    /// The user picked (index into `next.users`) and their requests as JSON.
    picked: Option<(usize, String, Option<String>)>,
}

impl View {
    /// The next cycle from `before` (the compared mappings) to `after` (the preview shown).
    /// Runs over every user: called on the comparison's background thread.
    pub(crate) fn new(name: String, before: Arc<Preview>, after: Arc<Preview>) -> Self {
        let next = next_cycle::next_cycle(&before, &after);
        Self {
            name,
            before,
            after,
            next,
            picked: None,
        }
    }

    /// Picks the `i`-th user of the next cycle and makes their requests.
    pub(crate) fn pick(&mut self, i: usize) {
        let Some(update) = self.next.users.get(i) else {
            return;
        };
        let pretty = |v: &serde_json::Value| serde_json::to_string_pretty(v).unwrap_or_default();
        let patch = next_cycle::patch(&self.after, update);
        let patch = if patch.is_empty() {
            "(nothing: the only changes are values that become empty)".to_owned()
        } else {
            serde_json::to_value(&patch)
                .map(|v| pretty(&v))
                .unwrap_or_default()
        };
        let lookup = Lookup::new(&self.after);
        let manager = next_cycle::manager_patch(&self.after, update, &lookup).map(|m| pretty(&m));
        self.picked = Some((i, patch, manager));
    }

    /// The counts, the reminder, the users to pick and the picked user's requests.
    pub(crate) fn ui(&mut self, ui: &mut egui::Ui) {
        let mut pick = None;
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.strong(format!(
                "Next cycle, if Azure has {} now and you save the mappings of step 3",
                self.name
            ));
            ui.label(self.next.summary());
            for count in &self.next.counts {
                ui.label(format!("  {}", count_text(count)));
            }
            if self.next.sent().next().is_none() {
                return;
            }
            ui.colored_label(ui.visuals().warn_fg_color, self.next.reach.reminder());
            for choice in next_cycle::choices(&self.after) {
                ui.weak(format!("Azure may differ here: {}", choice.text()));
            }
            ui.label("A user's requests:");
            ui.horizontal_wrapped(|ui| {
                for (i, update) in self.next.users.iter().enumerate().take(SHOWN) {
                    let picked = self.picked.as_ref().is_some_and(|(p, _, _)| *p == i);
                    let changed: Vec<String> = update
                        .changes
                        .iter()
                        .map(|c| short_target(&c.target))
                        .collect();
                    let hover = if update.disable {
                        "disabled in Entra: Azure disables them".to_owned()
                    } else {
                        changed.join(", ")
                    };
                    if ui
                        .selectable_label(picked, user_label(&self.after.set, update.after))
                        .on_hover_text(hover)
                        .clicked()
                    {
                        pick = Some(i);
                    }
                }
                let more = self.next.users.len().saturating_sub(SHOWN);
                if more > 0 {
                    ui.weak(format!(
                        "and {more} more (scim-preflight diff --requests lists all)"
                    ));
                }
            });
            if let Some((i, patch, manager)) = &self.picked {
                let update = &self.next.users[*i];
                for change in &update.changes {
                    let show = |v: &Option<String>| {
                        v.as_ref()
                            .map_or_else(|| "(empty)".to_owned(), |v| format!("\"{v}\""))
                    };
                    ui.monospace(format!(
                        "{}: {} -> {}",
                        short_target(&change.target),
                        show(&change.old),
                        show(&change.new)
                    ));
                }
                ui.strong(format!(
                    "PATCH /Users/{{id}} of {}",
                    user_label(&self.before.set, update.before)
                ));
                json(ui, patch);
                if let Some(manager) = manager {
                    ui.strong("PATCH with the new manager");
                    json(ui, manager);
                }
            }
        });
        if let Some(i) = pick {
            self.pick(i);
        }
    }
}

fn json(ui: &mut egui::Ui, text: &str) {
    ui.add(egui::Label::new(egui::RichText::new(text).monospace()).selectable(true));
}

/// One attribute's counts, its target as the window names targets.
fn count_text(count: &next_cycle::AttributeCount) -> String {
    let sentence = count.sentence();
    match sentence.strip_prefix(&count.target) {
        Some(rest) => format!("{}{rest}", short_target(&count.target)),
        None => sentence,
    }
}
