//! The table of loaded users (virtualized: only the visible rows are laid out, so 500 000 users
//! scroll as smoothly as 50), its search box, and the inspector of the selected user.

use eframe::egui;

use crate::import::UserSet;
use crate::import::record::User;
use crate::import::search::SearchIndex;

/// The columns: (title, source attribute).
const COLUMNS: [(&str, &str); 6] = [
    ("Name", "displayName"),
    ("User principal name", "userPrincipalName"),
    ("Company", "companyName"),
    ("Division", "employeeOrgData.division"),
    ("Department", "department"),
    ("Active", "IsSoftDeleted"),
];

/// Search text, the users it matches, and the selected user.
#[derive(Default)]
pub struct UsersTable {
    search: String,
    /// Indices of the users the search matches, and for which (search, set generation).
    matches: Vec<usize>,
    matched_for: Option<(String, u64)>,
    selected: Option<usize>,
}

impl UsersTable {
    /// Forgets the selection (a new set was loaded).
    pub fn reset(&mut self) {
        *self = Self::default();
    }

    /// Shows the search box, the table and the inspector. `generation` changes whenever `set`
    /// does.
    pub fn ui(&mut self, ui: &mut egui::Ui, set: &UserSet, search: &SearchIndex, generation: u64) {
        ui.horizontal(|ui| {
            let label = ui.label("Search");
            ui.add(
                egui::TextEdit::singleline(&mut self.search)
                    .hint_text("name, e-mail, company, department…")
                    .desired_width(320.0),
            )
            .labelled_by(label.id);
        });
        self.refresh(search, generation);
        ui.label(format!(
            "{} of {} users",
            self.matches.len(),
            set.users.len()
        ));
        ui.add_space(4.0);

        let width = ui.available_width();
        let widths = column_widths(width);
        header(ui, &widths);
        let row_height = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
        let mut clicked = None;
        crate::gui::scroll::inner(
            ui,
            egui::ScrollArea::vertical()
                .id_salt("users_table")
                // Inside the page's own scroll area: keep 12 rows visible whatever the page height.
                .min_scrolled_height(12.0 * row_height)
                .max_height(12.0 * row_height)
                .auto_shrink([false, true]),
        )
        .show_rows(ui, row_height, self.matches.len(), |ui, rows| {
            for row in rows {
                let index = self.matches[row];
                let user = &set.users[index];
                let selected = self.selected == Some(index);
                ui.horizontal(|ui| {
                    for ((_, attribute), width) in COLUMNS.iter().zip(&widths) {
                        let text = cell(user, set, attribute);
                        let button = egui::Button::selectable(selected, text).truncate();
                        if ui.add_sized([*width, row_height], button).clicked() {
                            clicked = Some(index);
                        }
                    }
                });
            }
        });
        if let Some(index) = clicked {
            self.selected = Some(index);
        }
        ui.add_space(8.0);
        match self.selected.and_then(|i| set.users.get(i)) {
            Some(user) => inspector(ui, set, user),
            None => {
                ui.weak("Click a user to see all of their attributes and where each came from.");
            }
        }
    }

    /// Recomputes the matches when the search or the set changed.
    fn refresh(&mut self, search: &SearchIndex, generation: u64) {
        let key = (self.search.clone(), generation);
        if self.matched_for.as_ref() != Some(&key) {
            self.matches = search.matches(&self.search);
            self.matched_for = Some(key);
        }
    }
}

fn column_widths(width: f32) -> [f32; 6] {
    let shares = [0.16, 0.24, 0.16, 0.14, 0.22, 0.08];
    let usable = (width - 6.0 * 8.0).max(300.0);
    shares.map(|share| usable * share)
}

fn header(ui: &mut egui::Ui, widths: &[f32; 6]) {
    ui.horizontal(|ui| {
        for ((title, _), width) in COLUMNS.iter().zip(widths) {
            ui.add_sized(
                [*width, 18.0],
                egui::Label::new(egui::RichText::new(*title).strong()).truncate(),
            );
        }
    });
}

/// The text of one cell.
fn cell(user: &User, set: &UserSet, attribute: &str) -> String {
    let value = user.text(&set.names, attribute);
    if attribute == "IsSoftDeleted" {
        return match value {
            Some("True") => "no".to_owned(),
            _ => "yes".to_owned(),
        };
    }
    // A dash for "no value": an empty cell would be a button without a name.
    value.filter(|v| !v.is_empty()).unwrap_or("—").to_owned()
}

/// All attributes of one user: the value Azure's source attribute has, and the key it was read
/// from.
fn inspector(ui: &mut egui::Ui, set: &UserSet, user: &User) {
    let file = set
        .files
        .get(user.file as usize)
        .map_or("?", |f| f.name.as_str());
    let name = user
        .text(&set.names, "displayName")
        .or_else(|| user.text(&set.names, "userPrincipalName"))
        .unwrap_or("(no name)");
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(egui::RichText::new(name).strong().size(16.0));
        ui.weak(format!("User {} of {file}", user.position as u64 + 1));
        ui.add_space(4.0);
        ui.weak(
            "Each value as Azure's source attribute has it; where the file used another key, \
             that key is shown after the value.",
        );
        ui.add_space(4.0);
        let mut slots: Vec<_> = user
            .slots()
            .iter()
            .map(|slot| (set.names.name(slot.attr as usize).unwrap_or("?"), slot))
            .collect();
        slots.sort_by_key(|(name, _)| name.to_ascii_lowercase());
        let name_width = slots
            .iter()
            .map(|(name, _)| name.len())
            .max()
            .unwrap_or(10)
            .min(34) as f32
            * 7.5;
        egui::Grid::new("inspector")
            .num_columns(2)
            .striped(true)
            .spacing([16.0, 4.0])
            .min_col_width(name_width)
            .show(ui, |ui| {
                for (attribute, slot) in slots {
                    ui.monospace(attribute);
                    ui.horizontal_wrapped(|ui| {
                        ui.label(user.value(slot).display());
                        let key = set.keys.path(slot.key);
                        if key != attribute {
                            ui.weak(format!("(read from {key})"));
                        }
                    });
                    ui.end_row();
                }
            });
    });
}
