//! The table of loaded users (virtualized: only the visible rows are laid out, so 500 000 users
//! scroll as smoothly as 50), its search box, and the inspector of the selected user.

use eframe::egui;

use crate::import::UserSet;
use crate::import::record::User;

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
    pub fn ui(&mut self, ui: &mut egui::Ui, set: &UserSet, generation: u64) {
        ui.horizontal(|ui| {
            let label = ui.label("Search");
            ui.add(
                egui::TextEdit::singleline(&mut self.search)
                    .hint_text("name, e-mail, company, department…")
                    .desired_width(320.0),
            )
            .labelled_by(label.id);
        });
        self.refresh(set, generation);
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
        egui::ScrollArea::vertical()
            .id_salt("users_table")
            .max_height(300.0)
            .auto_shrink([false, true])
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
    fn refresh(&mut self, set: &UserSet, generation: u64) {
        let key = (self.search.clone(), generation);
        if self.matched_for.as_ref() == Some(&key) {
            return;
        }
        let needle = self.search.trim().to_lowercase();
        let searched: Vec<usize> = [
            "displayName",
            "userPrincipalName",
            "mail",
            "department",
            "companyName",
        ]
        .iter()
        .filter_map(|name| set.names.get(name))
        .collect();
        self.matches = set
            .users
            .iter()
            .enumerate()
            .filter(|(_, user)| {
                needle.is_empty()
                    || searched.iter().any(|&attr| {
                        user.slot(attr).is_some_and(|slot| {
                            slot.value.display().to_lowercase().contains(&needle)
                        })
                    })
            })
            .map(|(i, _)| i)
            .collect();
        self.matched_for = Some(key);
    }
}

fn column_widths(width: f32) -> [f32; 6] {
    let shares = [0.17, 0.25, 0.16, 0.12, 0.22, 0.08];
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
        egui::Grid::new("inspector")
            .num_columns(3)
            .striped(true)
            .spacing([16.0, 4.0])
            .show(ui, |ui| {
                ui.label(egui::RichText::new("Source attribute").strong());
                ui.label(egui::RichText::new("Value").strong());
                ui.label(egui::RichText::new("Read from (key in the file)").strong());
                ui.end_row();
                for slot in user.slots() {
                    let attribute = set.names.name(slot.attr as usize).unwrap_or("?");
                    ui.monospace(attribute);
                    ui.label(slot.value.display());
                    ui.weak(set.keys.path(slot.key));
                    ui.end_row();
                }
            });
    });
}
