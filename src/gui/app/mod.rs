//! The [`App`]: the window's layout (navigation, status bar, the current step), the clipboard
//! countdown, drag-and-drop routing, theme and persistence.

use std::collections::HashMap;
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use eframe::egui;

mod clipboard;
mod dialog_log;
mod files;
mod guide;
mod saving;

use clipboard::open_clipboard;
pub use files::{FilePicker, Pick, Picked};
use files::{PathPrompt, Purpose, native_picker};

use super::mappings_step::MappingsStep;
use super::nav;
use super::preview_step::PreviewStep;
use super::settings::{Settings, ThemeChoice};
use super::status::{self, Status, Tone};
use super::token_step::{Action, TokenStep};
use super::users_step::{UsersAction, UsersStep};
use crate::file_kind::{self, Destination, SNIFF_BYTES};
use crate::import::Input;
use crate::preview::Options;
use crate::secure_copy::{ClipboardAccess, ClipboardError, SecureCopy};
use crate::system_clipboard::SystemClipboard;

/// Where the mappings are remembered between runs (eframe's storage, next to the settings).
const MAPPINGS_KEY: &str = "scim-preflight-mappings";

/// The mappings as remembered between runs.
#[derive(serde::Serialize, serde::Deserialize)]
struct RememberedMappings {
    set: crate::mapping::MappingSet,
    origin: String,
    /// The imported Azure schema (file name, text): Export Azure schema needs it, and it holds
    /// no secret (Azure's schema JSON has the mappings and attribute lists, no credentials).
    #[serde(default)]
    schema: Option<(String, String)>,
}

/// The four steps the admin walks through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Step {
    /// 1: make the secret token.
    Token,
    /// 2: load the exported users.
    Users,
    /// 3: the attribute mappings.
    Mappings,
    /// 4: preview what Azure would send.
    Preview,
}

impl Step {
    /// All steps in order.
    pub const ALL: [Step; 4] = [Step::Token, Step::Users, Step::Mappings, Step::Preview];

    /// 1 to 4.
    pub fn number(self) -> usize {
        self as usize + 1
    }

    /// The step's name in the navigation.
    pub fn title(self) -> &'static str {
        match self {
            Step::Token => "Secret token",
            Step::Users => "Users",
            Step::Mappings => "Mappings",
            Step::Preview => "Preview",
        }
    }

    /// What the step does, in one sentence.
    pub fn summary(self) -> &'static str {
        match self {
            Step::Token => {
                "Make the secret token Azure asks for, from your API key and secret, on this computer."
            }
            Step::Users => {
                "Load the users you exported from Entra (Graph JSON, PowerShell, az CLI or the \
                 portal's CSV) and see which attributes they have."
            }
            Step::Mappings => {
                "Set up the attribute mappings as in Azure (Direct, Constant, Expression), or \
                 import the schema Azure lets you download."
            }
            Step::Preview => {
                "See what Azure would send for every user, and the organization > division > \
                 department tree Secure Practice builds from it, with every problem pointed out."
            }
        }
    }

    fn for_destination(destination: Destination) -> Step {
        match destination {
            Destination::Users | Destination::Assignments => Step::Users,
            Destination::Mappings => Step::Mappings,
        }
    }
}

/// What the central area shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// One of the steps.
    Step(Step),
    /// The settings screen.
    Settings,
}

/// Opens the clipboard when it is first needed.
pub type ClipboardOpener = Box<dyn FnMut() -> Result<Box<dyn ClipboardAccess>, ClipboardError>>;

/// The app.
pub struct App {
    settings: Settings,
    view: View,
    token: TokenStep,
    clipboard: Option<Box<dyn ClipboardAccess>>,
    open_clipboard: ClipboardOpener,
    secure_copy: SecureCopy,
    status: Status,
    opened_files: HashMap<Step, Vec<PathBuf>>,
    applied_theme: Option<ThemeChoice>,
    users: UsersStep,
    mappings: MappingsStep,
    preview: PreviewStep,
    /// User exports opened (dropped, named on the command line) and not yet handed to step 2.
    pending_users: Vec<PathBuf>,
    pick_files: FilePicker,
    /// The path the admin is asked to type, when no file dialog could be shown.
    path_prompt: Option<PathPrompt>,
    /// The view shown last frame: a step opens at its top.
    shown: Option<View>,
    /// The preview being saved in the background.
    saving: Option<saving::Saving>,
}

impl App {
    /// The app with the system clipboard, restoring settings from eframe's storage.
    pub fn new(cc: &eframe::CreationContext<'_>) -> Self {
        Self::with_clipboard_opener(
            cc,
            Box::new(|| SystemClipboard::open().map(|c| Box::new(c) as Box<dyn ClipboardAccess>)),
        )
    }

    /// The app with a given clipboard (tests use [`crate::secure_copy::MemoryClipboard`]).
    pub fn with_clipboard(
        cc: &eframe::CreationContext<'_>,
        clipboard: Box<dyn ClipboardAccess>,
    ) -> Self {
        let mut app =
            Self::with_clipboard_opener(cc, Box::new(|| Err(ClipboardError("unused".into()))));
        app.clipboard = Some(clipboard);
        app
    }

    fn with_clipboard_opener(
        cc: &eframe::CreationContext<'_>,
        open_clipboard: ClipboardOpener,
    ) -> Self {
        super::theme::install(&cc.egui_ctx);
        let mut app = Self {
            settings: Settings::default(),
            view: View::Step(Step::Token),
            token: TokenStep::default(),
            clipboard: None,
            open_clipboard,
            secure_copy: SecureCopy::default(),
            status: Status::default(),
            opened_files: HashMap::new(),
            applied_theme: None,
            users: UsersStep::default(),
            mappings: MappingsStep::default(),
            preview: PreviewStep::default(),
            pending_users: Vec::new(),
            pick_files: native_picker(),
            path_prompt: None,
            shown: None,
            saving: None,
        };
        if let Some(storage) = cc.storage {
            app.restore(storage);
        }
        app
    }

    /// Restores what the last run remembered: the settings (with the set-up checklist's ticks)
    /// and the mappings (users are not remembered; they are loaded again from their files).
    pub fn restore(&mut self, storage: &dyn eframe::Storage) {
        if let Some(settings) = eframe::get_value::<Settings>(storage, eframe::APP_KEY) {
            self.settings = settings.sanitized();
        }
        if let Some(remembered) = eframe::get_value::<RememberedMappings>(storage, MAPPINGS_KEY) {
            self.mappings.replace(
                remembered.set,
                format!(
                    "{} (as you left it)",
                    remembered.origin.trim_end_matches(" (as you left it)")
                ),
            );
            self.mappings.restore_schema(remembered.schema);
        }
    }

    /// The persisted settings.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// Changes the settings (as the settings screen would).
    pub fn settings_mut(&mut self) -> &mut Settings {
        &mut self.settings
    }

    /// What the central area shows.
    pub fn view(&self) -> View {
        self.view
    }

    /// The status bar's message.
    pub fn status(&self) -> &Status {
        &self.status
    }

    /// Replaces the Open and Save dialogs (tests answer them with fixture paths, or with
    /// [`Picked::Unavailable`]).
    pub fn set_file_picker<R: Into<Picked>>(
        &mut self,
        mut picker: impl FnMut(Pick<'_>, Option<&Path>) -> R + 'static,
    ) {
        self.pick_files = Box::new(move |pick, folder| picker(pick, folder).into());
    }

    /// True while the admin is asked to type a path (no file dialog could be shown).
    pub fn is_asking_for_path(&self) -> bool {
        self.path_prompt.is_some()
    }

    /// Step 2: the loaded users.
    pub fn users(&self) -> &UsersStep {
        &self.users
    }

    /// Step 3: the mappings.
    pub fn mappings(&self) -> &MappingsStep {
        &self.mappings
    }

    /// Step 3, to change (as the screen would).
    pub fn mappings_mut(&mut self) -> &mut MappingsStep {
        &mut self.mappings
    }

    /// Step 4: the preview.
    pub fn preview(&self) -> &PreviewStep {
        &self.preview
    }

    /// Step 4, to change (as the screen would).
    pub fn preview_mut(&mut self) -> &mut PreviewStep {
        &mut self.preview
    }

    /// Shows a step (as the navigation would).
    pub fn show(&mut self, view: View) {
        self.view = view;
    }

    /// The options of the preview: the PATCH dialect follows the tenant URL's flag.
    fn preview_options(&self) -> Options {
        Options {
            aad_opt_scim_062020: self.settings.tenant_url.contains("aadOptscim062020"),
        }
    }

    /// Files opened for `step` so far.
    pub fn opened_files(&self, step: Step) -> &[PathBuf] {
        self.opened_files.get(&step).map_or(&[], Vec::as_slice)
    }

    /// Opens files dropped on the window (or named on the command line): each goes to the step
    /// that handles it, and the window shows the step of the last one.
    pub fn open_paths(&mut self, paths: impl IntoIterator<Item = PathBuf>) {
        let mut last = None;
        let mut unreadable = Vec::new();
        for path in paths {
            match read_head(&path) {
                Ok(head) => {
                    let step = Step::for_destination(file_kind::destination(&path, &head));
                    if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                        self.settings.last_folder = Some(folder.to_path_buf());
                    }
                    let files = self.opened_files.entry(step).or_default();
                    if !files.contains(&path) {
                        files.push(path.clone());
                    }
                    if step == Step::Users {
                        self.pending_users.push(path.clone());
                    } else {
                        self.open_mappings(&path);
                    }
                    last = Some((step, path));
                }
                Err(error) => unreadable.push(format!("{}: {error}", file_name(&path))),
            }
        }
        if let Some((step, path)) = last {
            self.view = View::Step(step);
            if step == Step::Users {
                self.status = Status {
                    text: format!("Loading {}…", file_name(&path)),
                    tone: Tone::Info,
                };
            }
        }
        if !unreadable.is_empty() {
            self.status = Status {
                text: format!("Could not open {}", unreadable.join("; ")),
                tone: Tone::Warning,
            };
        }
    }

    fn handle(&mut self, action: Action) {
        match action {
            Action::CopyToken(token) => {
                let clear_after = Duration::from_secs(self.settings.clear_after_secs);
                let result = open_clipboard(&mut self.clipboard, &mut self.open_clipboard)
                    .and_then(|c| {
                        self.secure_copy
                            .copy(c, &token, clear_after, Instant::now())
                    });
                self.status = match result {
                    Ok(()) => Status {
                        text: format!(
                            "Token copied (ends in {}). Paste it into Azure's Secret Token field.",
                            crate::token::fingerprint(&token)
                        ),
                        tone: Tone::Success,
                    },
                    Err(error) => Status {
                        text: format!("{error}. Show the token and copy it by hand instead."),
                        tone: Tone::Warning,
                    },
                };
            }
            Action::CopyTenantUrl => {
                let url = self.settings.tenant_url.clone();
                let result = open_clipboard(&mut self.clipboard, &mut self.open_clipboard)
                    .and_then(|c| c.write_plain(&url));
                self.status = match result {
                    Ok(()) => Status {
                        text: format!("Tenant URL copied: {url}"),
                        tone: Tone::Success,
                    },
                    Err(error) => Status {
                        text: error.to_string(),
                        tone: Tone::Warning,
                    },
                };
            }
            Action::ClearClipboardNow => self.clear_clipboard_if_ours(),
            Action::ClearedAll => {
                self.clear_clipboard_if_ours();
                if !matches!(self.status.tone, Tone::Warning) {
                    self.status = Status {
                        text: "Key, secret and token were wiped.".to_owned(),
                        tone: Tone::Info,
                    };
                }
            }
        }
    }

    fn apply_theme(&mut self, ctx: &egui::Context) {
        if self.applied_theme != Some(self.settings.theme) {
            ctx.set_theme(self.settings.theme.preference());
            self.applied_theme = Some(self.settings.theme);
        }
    }

    fn take_dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input_mut(|i| {
            std::mem::take(&mut i.raw.dropped_files)
                .into_iter()
                .map(|file| file.path().to_path_buf())
                .collect()
        });
        if !dropped.is_empty() {
            self.open_paths(dropped);
        }
    }

    fn paint_drop_overlay(ctx: &egui::Context) {
        let hovering = ctx.input(|i| !i.raw.hovered_files.is_empty());
        if !hovering {
            return;
        }
        let painter = ctx.layer_painter(egui::LayerId::new(
            egui::Order::Foreground,
            egui::Id::unique("drop_overlay"),
        ));
        let rect = ctx.content_rect();
        painter.rect_filled(rect, 0.0, egui::Color32::from_black_alpha(170));
        painter.text(
            rect.center(),
            egui::Align2::CENTER_CENTER,
            "Drop to open: user exports go to step 2, mappings and schemas to step 3",
            egui::FontId::proportional(20.0),
            egui::Color32::WHITE,
        );
    }
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// The first bytes of a file, enough to tell what it is.
fn read_head(path: &Path) -> std::io::Result<Vec<u8>> {
    let mut head = Vec::with_capacity(SNIFF_BYTES);
    std::fs::File::open(path)?
        .take(SNIFF_BYTES as u64)
        .read_to_end(&mut head)?;
    Ok(head)
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        self.apply_theme(&ctx);
        super::setup_guide::begin_frame(&ctx, &self.settings.guide);
        self.take_dropped_files(&ctx);
        let countdown = self.tick_clipboard(&ctx);
        if !self.pending_users.is_empty() {
            let inputs = std::mem::take(&mut self.pending_users)
                .into_iter()
                .map(Input::Path)
                .collect();
            self.users.load(inputs, false, &ctx);
        }
        if let Some(outcome) = self.users.poll(&ctx) {
            self.status = Status {
                text: outcome,
                tone: Tone::Info,
            };
        }
        let options = self.preview_options();
        self.preview.refresh(
            &ctx,
            self.users.shared_set(),
            self.mappings.set(),
            self.mappings.revision(),
            self.mappings.edit(),
            options,
        );
        self.preview.refresh_logs(&ctx, self.users.logs());

        egui::Panel::bottom("status_bar").show(ui, |ui| {
            ui.add_space(2.0);
            if !self.saving_ui(ui) {
                status::ui(ui, &self.status, countdown.as_deref());
            }
            ui.add_space(2.0);
        });
        egui::Panel::left("navigation")
            .resizable(false)
            .exact_size(220.0)
            .show(ui, |ui| {
                if let Some(view) = nav::ui(ui, self.view) {
                    self.view = view;
                }
            });
        let mut action = None;
        let mut mappings_action = None;
        let mut preview_action = None;
        let mut users_action = None;
        let opened = self.shown != Some(self.view);
        self.shown = Some(self.view);
        egui::CentralPanel::default().show(ui, |ui| {
            super::scroll::page(ui, opened, |ui| {
                ui.add_space(8.0);
                match self.view {
                    View::Step(Step::Token) => {
                        action = self.token.ui(
                            ui,
                            &self.settings.tenant_url,
                            self.settings.clear_after_secs,
                            countdown.as_deref(),
                        );
                    }
                    View::Step(Step::Users) => {
                        let (mappings, revision) = (self.mappings.set(), self.mappings.revision());
                        if let Some(UsersAction::Open { append }) =
                            self.users.ui(ui, mappings, revision)
                        {
                            users_action = Some(Purpose::Users { append });
                        }
                    }
                    View::Step(Step::Mappings) => {
                        let users = self.users.shared_set().map(|(set, _)| set);
                        let preview = self.preview.preview();
                        mappings_action = self.mappings.ui(ui, users.as_ref(), preview);
                    }
                    View::Step(Step::Preview) => {
                        let has_users = self.users.set().is_some();
                        let azure_now = self.mappings.azure_now();
                        preview_action = self.preview.ui(ui, has_users, azure_now);
                    }
                    View::Settings => self.settings.ui(ui),
                }
            });
        });
        for request in super::setup_guide::take_requests(&ctx) {
            self.handle_guide(request);
        }
        if let Some(action) = action {
            self.handle(action);
        }
        if let Some(purpose) = users_action {
            self.ask_for_file(purpose, &ctx);
        }
        if let Some(action) = mappings_action {
            self.handle_mappings(action, &ctx);
        }
        if let Some(action) = preview_action {
            self.handle_preview(action, &ctx);
        }
        self.path_prompt_ui(&ctx);
        Self::paint_drop_overlay(&ctx);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        // The settings and the mappings: the token step is not serializable at all, and the
        // users stay in their files.
        eframe::set_value(storage, eframe::APP_KEY, &self.settings);
        let remembered = RememberedMappings {
            set: self.mappings.set().clone(),
            origin: self.mappings.origin().to_owned(),
            schema: self.mappings.schema().cloned(),
        };
        eframe::set_value(storage, MAPPINGS_KEY, &remembered);
    }

    fn on_exit(&mut self) {
        self.clear_clipboard_if_ours();
    }
}
