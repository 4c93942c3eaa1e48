//! The app's files: the Open and Save dialogs (injectable, so tests answer them), the typed
//! path asked for when no dialog can be shown, and what every Open and Save does with the
//! file it gets (users into step 2, mapping files and schemas into step 3, comparisons and
//! exports from step 4).

use std::path::{Path, PathBuf};

use eframe::egui;

use super::{App, file_name};
use crate::gui::mappings_step::MappingsAction;
use crate::gui::preview_step::PreviewAction;
use crate::gui::status::{Status, Tone};
use crate::import::Input;
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

/// What a file dialog answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Picked {
    /// The files chosen (one for Save).
    Chosen(Vec<PathBuf>),
    /// The admin closed the dialog without choosing.
    Cancelled,
    /// No dialog could be shown, with why.
    Unavailable(String),
}

impl From<Option<Vec<PathBuf>>> for Picked {
    fn from(paths: Option<Vec<PathBuf>>) -> Self {
        match paths {
            Some(paths) if !paths.is_empty() => Picked::Chosen(paths),
            _ => Picked::Cancelled,
        }
    }
}

/// Asks the admin for files to open or where to save, starting in a folder (the native dialog;
/// tests inject one).
pub type FilePicker = Box<dyn FnMut(Pick<'_>, Option<&Path>) -> Picked>;

/// What a file is wanted for: what is done with it once there is one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// User exports for step 2; `append` adds them to the loaded users.
    Users {
        /// Add to the loaded users instead of replacing them.
        append: bool,
    },
    /// A mapping file or schema for step 3.
    Mappings,
    /// A mapping file or schema to compare the preview with.
    Compare,
    /// A file to save.
    Save(SaveWhat),
}

/// What is saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveWhat {
    /// The mappings, as a mapping file.
    MappingFile,
    /// The imported Azure schema with the edited mappings.
    Schema,
    /// The preview as CSV.
    PreviewCsv,
    /// The preview as JSON.
    PreviewJson {
        /// Personal values replaced by stable codes.
        redacted: bool,
    },
}

/// A path typed by the admin because no file dialog could be shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathPrompt {
    /// What the file is for.
    pub purpose: Purpose,
    /// The path as typed so far.
    pub text: String,
    /// Why the dialog could not be shown.
    pub why: String,
    /// What was wrong with the last path tried.
    pub error: Option<String>,
}

impl Purpose {
    /// The prompt's title.
    fn title(self) -> &'static str {
        match self {
            Purpose::Users { append: false } => "Open the users you exported",
            Purpose::Users { append: true } => "Add another file of users",
            Purpose::Mappings => "Open a mapping file or Azure schema",
            Purpose::Compare => "Compare with other mappings",
            Purpose::Save(SaveWhat::MappingFile) => "Save the mapping file",
            Purpose::Save(SaveWhat::Schema) => "Export the Azure schema",
            Purpose::Save(SaveWhat::PreviewCsv) => "Save the preview as CSV",
            Purpose::Save(SaveWhat::PreviewJson { redacted: false }) => "Save the preview as JSON",
            Purpose::Save(SaveWhat::PreviewJson { redacted: true }) => {
                "Save the redacted preview as JSON"
            }
        }
    }

    /// A file name such a file could have, for the typed path's hint.
    fn example(self) -> &'static str {
        match self {
            Purpose::Users { .. } => "users.json",
            Purpose::Mappings | Purpose::Compare => "schema.json",
            Purpose::Save(SaveWhat::MappingFile) => "mappings.json",
            Purpose::Save(SaveWhat::Schema) => "schema-edited.json",
            Purpose::Save(SaveWhat::PreviewCsv) => "preview.csv",
            Purpose::Save(SaveWhat::PreviewJson { .. }) => "preview.json",
        }
    }
}

/// The native Open and Save dialogs. On Linux rfd asks the desktop's file-chooser portal and
/// falls back to `zenity`; when both are missing it answers as if cancelled, and says so only
/// in its log, which [`super::dialog_log`] listens to.
pub(super) fn native_picker() -> FilePicker {
    super::dialog_log::listen();
    Box::new(|pick, folder| {
        let mut dialog = rfd::FileDialog::new();
        if let Some(folder) = folder {
            dialog = dialog.set_directory(folder);
        }
        let since = super::dialog_log::failures();
        let paths = match pick {
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
        };
        match (paths, super::dialog_log::failure_since(since)) {
            (None, Some(why)) => Picked::Unavailable(why),
            (paths, _) => paths.into(),
        }
    })
}

impl App {
    /// Asks for a file for `purpose` (the dialog, or the typed path when there is none) and
    /// does what the purpose says with it. The folder of a chosen file is remembered.
    pub(super) fn ask_for_file(&mut self, purpose: Purpose, ctx: &egui::Context) {
        let name = match purpose {
            Purpose::Save(what) => self.suggested_name(what),
            _ => String::new(),
        };
        let pick = match purpose {
            Purpose::Save(_) => Pick::Save(&name),
            Purpose::Users { .. } => Pick::Users,
            Purpose::Mappings | Purpose::Compare => Pick::Mappings,
        };
        let folder = self.settings.last_folder.clone();
        match (self.pick_files)(pick, folder.as_deref()) {
            Picked::Chosen(paths) => self.use_paths(purpose, paths, ctx),
            Picked::Cancelled => {}
            Picked::Unavailable(why) => {
                let text = match (purpose, &folder) {
                    (Purpose::Save(_), Some(folder)) => folder.join(&name).display().to_string(),
                    (Purpose::Save(_), None) => name,
                    _ => String::new(),
                };
                self.path_prompt = Some(PathPrompt {
                    purpose,
                    text,
                    why,
                    error: None,
                });
            }
        }
    }

    /// Does what `purpose` says with the files chosen or typed.
    fn use_paths(&mut self, purpose: Purpose, paths: Vec<PathBuf>, ctx: &egui::Context) {
        if let Some(folder) = paths
            .first()
            .and_then(|p| p.parent())
            .filter(|p| !p.as_os_str().is_empty())
        {
            self.settings.last_folder = Some(folder.to_path_buf());
        }
        let Some(first) = paths.first().cloned() else {
            return;
        };
        match purpose {
            Purpose::Users { append } => {
                let inputs = paths.into_iter().map(Input::Path).collect();
                self.users.load(inputs, append, ctx);
            }
            Purpose::Mappings => self.open_mappings(&first),
            Purpose::Compare => match read_text(&first) {
                Ok(text) => self.preview.compare_with(ctx, file_name(&first), &text),
                Err(error) => self.warn(error),
            },
            Purpose::Save(what) => self.save_to(what, &first, ctx),
        }
    }

    /// The typed path, checked: a file to open must exist; a file to save needs its folder.
    fn typed_path(prompt: &PathPrompt) -> Result<PathBuf, String> {
        let text = prompt.text.trim().trim_matches('"');
        if text.is_empty() {
            return Err("Type or paste the file's full path first.".into());
        }
        let path = PathBuf::from(text);
        match prompt.purpose {
            Purpose::Save(_) => {
                let folder = path.parent().filter(|p| !p.as_os_str().is_empty());
                match folder {
                    Some(folder) if !folder.is_dir() => {
                        Err(format!("There is no folder {}.", folder.display()))
                    }
                    _ if path.is_dir() => Err(format!(
                        "{} is a folder: add the file name to save as.",
                        path.display()
                    )),
                    _ => Ok(path),
                }
            }
            _ if path.is_dir() => Err(format!(
                "{} is a folder: add the file's name.",
                path.display()
            )),
            _ if !path.is_file() => Err(format!("There is no file {}.", path.display())),
            _ => Ok(path),
        }
    }

    /// The typed-path prompt, while there is one.
    pub(super) fn path_prompt_ui(&mut self, ctx: &egui::Context) {
        let Some(prompt) = &mut self.path_prompt else {
            return;
        };
        let save = matches!(prompt.purpose, Purpose::Save(_));
        let mut done = None;
        let mut cancel = false;
        egui::Modal::new(egui::Id::unique("path_prompt")).show(ctx, |ui| {
            ui.set_width(560.0f32.min(ctx.content_rect().width() - 60.0));
            ui.heading(prompt.purpose.title());
            ui.add_space(4.0);
            ui.add(
                egui::Label::new(format!(
                    "No file dialog could be opened on this computer ({}).",
                    prompt.why
                ))
                .wrap(),
            );
            ui.add(
                egui::Label::new(if save {
                    "Type or paste the full path to save to, including the file name."
                } else {
                    "Type or paste the file's full path. You can also drop files on this window \
                     from your file manager."
                })
                .wrap(),
            );
            ui.add_space(6.0);
            let label = ui.label("Path");
            let field = ui
                .add(
                    egui::TextEdit::singleline(&mut prompt.text)
                        .desired_width(f32::INFINITY)
                        .hint_text(if cfg!(windows) {
                            format!(r"C:\Users\you\Downloads\{}", prompt.purpose.example())
                        } else {
                            format!("/home/you/Downloads/{}", prompt.purpose.example())
                        }),
                )
                .labelled_by(label.id);
            if !field.has_focus() && prompt.error.is_none() && prompt.text.is_empty() {
                field.request_focus();
            }
            let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            if let Some(error) = &prompt.error {
                ui.colored_label(ui.visuals().warn_fg_color, error);
            }
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                let verb = if save { "Save" } else { "Open" };
                if ui.button(verb).clicked() || entered {
                    done = Some(Self::typed_path(prompt));
                }
                if ui.button("Cancel").clicked() {
                    cancel = true;
                }
            });
        });
        if ctx.input(|i| i.key_pressed(egui::Key::Escape)) {
            cancel = true;
        }
        match done {
            Some(Ok(path)) => {
                let purpose = prompt.purpose;
                self.path_prompt = None;
                self.use_paths(purpose, vec![path], ctx);
            }
            Some(Err(error)) => prompt.error = Some(error),
            None if cancel => self.path_prompt = None,
            None => {}
        }
    }

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

    /// The name a Save dialog suggests.
    fn suggested_name(&self, what: SaveWhat) -> String {
        match what {
            SaveWhat::MappingFile => "mappings.json".into(),
            SaveWhat::Schema => self
                .mappings
                .schema_name()
                .map_or("schema.json".to_owned(), |n| format!("edited-{n}")),
            SaveWhat::PreviewCsv => "preview.csv".into(),
            SaveWhat::PreviewJson { redacted: false } => "preview.json".into(),
            SaveWhat::PreviewJson { redacted: true } => "preview-redacted.json".into(),
        }
    }

    /// Writes `what` to `path`: the preview in the background ([`App::start_save`]), the
    /// small mapping file and schema at once; either way all or nothing.
    fn save_to(&mut self, what: SaveWhat, path: &Path, ctx: &egui::Context) {
        let text = match what {
            SaveWhat::PreviewCsv | SaveWhat::PreviewJson { .. } => {
                return self.start_save(what, path, ctx);
            }
            SaveWhat::MappingFile => Ok(self.mappings.file_text()),
            SaveWhat::Schema => self.mappings.schema_text(),
        };
        let result = text.and_then(|text| {
            export::save_file(path, |out| Ok(out.write_all(text.as_bytes())?))
                .map_err(|e| format!("{}: {e}", path.display()))
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

    fn warn(&mut self, text: String) {
        self.status = Status {
            text,
            tone: Tone::Warning,
        };
    }

    pub(super) fn handle_mappings(&mut self, action: MappingsAction, ctx: &egui::Context) {
        match action {
            MappingsAction::Open => self.ask_for_file(Purpose::Mappings, ctx),
            MappingsAction::Save => {
                self.ask_for_file(Purpose::Save(SaveWhat::MappingFile), ctx);
            }
            MappingsAction::ExportSchema => self.ask_for_file(Purpose::Save(SaveWhat::Schema), ctx),
            MappingsAction::Copy(text) => self.copy_plain(&text, "Expression"),
        }
    }

    pub(super) fn handle_preview(&mut self, action: PreviewAction, ctx: &egui::Context) {
        let Some(preview) = self.preview.preview().cloned() else {
            return;
        };
        match action {
            PreviewAction::SaveCsv => self.ask_for_file(Purpose::Save(SaveWhat::PreviewCsv), ctx),
            PreviewAction::SaveJson { redacted } => {
                self.ask_for_file(Purpose::Save(SaveWhat::PreviewJson { redacted }), ctx);
            }
            PreviewAction::Compare => self.ask_for_file(Purpose::Compare, ctx),
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
