//! The app's files: the Open and Save dialogs (injectable, so tests answer them), opening
//! mapping files and schemas into step 3, saving mapping files, schemas and preview exports.

use std::path::{Path, PathBuf};

use eframe::egui;

use super::{App, file_name};
use crate::gui::mappings_step::MappingsAction;
use crate::gui::preview_step::PreviewAction;
use crate::gui::status::{Status, Tone};
use crate::preview::export;

/// What a file dialog is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick<'a> {
    /// Open user exports (several at once).
    Users,
    /// Open a mapping file or Azure's schema JSON.
    Mappings,
    /// Save a file, suggesting this name.
    Save(&'a str),
}

/// Asks the admin for files to open or where to save, starting in a folder (the native dialog;
/// tests inject one). Save answers with one path.
pub type FilePicker = Box<dyn FnMut(Pick<'_>, Option<&Path>) -> Option<Vec<PathBuf>>>;

/// The native Open and Save dialogs.
pub(super) fn native_picker() -> FilePicker {
    Box::new(|pick, folder| {
        let mut dialog = rfd::FileDialog::new();
        if let Some(folder) = folder {
            dialog = dialog.set_directory(folder);
        }
        match pick {
            Pick::Users => dialog
                .set_title("Open the users you exported from Entra")
                .add_filter(
                    "Entra user exports (JSON, CSV)",
                    &["json", "jsonl", "csv", "txt"],
                )
                .add_filter("All files", &["*"])
                .pick_files(),
            Pick::Mappings => dialog
                .set_title("Open a mapping file or the schema downloaded from Azure")
                .add_filter("Mappings and schemas (JSON)", &["json"])
                .add_filter("All files", &["*"])
                .pick_file()
                .map(|path| vec![path]),
            Pick::Save(name) => dialog
                .set_title("Save")
                .set_file_name(name)
                .save_file()
                .map(|path| vec![path]),
        }
    })
}

impl App {
    /// Opens a mapping file or schema into step 3 (the mappings stay if it cannot be read).
    pub(super) fn open_mappings(&mut self, path: &Path) {
        let name = file_name(path);
        let result = read_text(path).and_then(|text| self.mappings.open_text(&name, &text));
        self.status = match result {
            Ok(text) => Status {
                text,
                tone: Tone::Success,
            },
            Err(text) => {
                self.mappings.say(text.clone(), true);
                Status {
                    text,
                    tone: Tone::Warning,
                }
            }
        };
    }

    /// Asks where to save, then writes `contents` there.
    fn save_as(&mut self, name: &str, contents: impl FnOnce() -> Result<String, String>) {
        let folder = self.settings.last_folder.clone();
        let Some(path) = (self.pick_files)(Pick::Save(name), folder.as_deref())
            .and_then(|paths| paths.into_iter().next())
        else {
            return;
        };
        let result = contents().and_then(|text| {
            std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))
        });
        self.status = match result {
            Ok(()) => Status {
                text: format!("Saved {}.", path.display()),
                tone: Tone::Success,
            },
            Err(error) => Status {
                text: format!("Not saved: {error}"),
                tone: Tone::Warning,
            },
        };
    }

    pub(super) fn handle_mappings(&mut self, action: MappingsAction) {
        match action {
            MappingsAction::Open => {
                let folder = self.settings.last_folder.clone();
                if let Some(path) = (self.pick_files)(Pick::Mappings, folder.as_deref())
                    .and_then(|paths| paths.into_iter().next())
                {
                    self.open_mappings(&path);
                }
            }
            MappingsAction::Save => {
                let text = self.mappings.file_text();
                self.save_as("mappings.json", || Ok(text));
            }
            MappingsAction::ExportSchema => {
                let text = self.mappings.schema_text();
                let name = self
                    .mappings
                    .schema_name()
                    .map_or("schema.json".to_owned(), |n| format!("edited-{n}"));
                self.save_as(&name, || text);
            }
            MappingsAction::Copy(text) => self.copy_plain(&text, "Expression"),
        }
    }

    pub(super) fn handle_preview(&mut self, action: PreviewAction, ctx: &egui::Context) {
        let Some(preview) = self.preview.preview().cloned() else {
            return;
        };
        match action {
            PreviewAction::SaveCsv => {
                let mappings = self.mappings.set().clone();
                self.save_as("preview.csv", || {
                    Ok(export::to_csv(&preview.set, &mappings, &preview, false))
                });
            }
            PreviewAction::SaveJson { redacted } => {
                let name = if redacted {
                    "preview-redacted.json"
                } else {
                    "preview.json"
                };
                self.save_as(name, || {
                    Ok(export::json_text(&preview.set, &preview, redacted))
                });
            }
            PreviewAction::Compare => {
                let folder = self.settings.last_folder.clone();
                if let Some(path) = (self.pick_files)(Pick::Mappings, folder.as_deref())
                    .and_then(|paths| paths.into_iter().next())
                {
                    match read_text(&path) {
                        Ok(text) => self.preview.compare_with(ctx, file_name(&path), &text),
                        Err(error) => {
                            self.status = Status {
                                text: error,
                                tone: Tone::Warning,
                            }
                        }
                    }
                }
            }
            PreviewAction::CopyPost => {
                if let Some(u) = self.preview.selected_user() {
                    let body = crate::preview::scim::post_body(&preview, u);
                    let text = serde_json::to_string_pretty(&body).unwrap_or_default();
                    self.copy_plain(&text, "The POST body");
                }
            }
        }
    }
}

/// A text file in any encoding Windows tools save ([`crate::text_file`]).
fn read_text(path: &Path) -> Result<String, String> {
    crate::text_file::read(path).map_err(|e| e.to_string())
}
