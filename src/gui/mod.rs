//! The window: everything that touches egui, eframe or the file dialog (the system clipboard is
//! [`crate::system_clipboard`], shared with `token --copy`).
//!
//! The core (`token`, `secure_copy`, `file_kind`, …) computes; this module only shows and asks.
//! One file per panel or widget:
//!
//! - [`app`]: the [`App`] (eframe entry point): layout, steps, drag-and-drop, persistence;
//!   `app/files.rs` has the Open and Save dialogs and what is opened and saved through them.
//! - `nav`: the left-hand list of the four steps and the settings button.
//! - `status`: the status bar.
//! - `token_step`: step 1, the secret token.
//! - `users_step`: step 2, loading exports (`loader` runs loads on a background thread;
//!   `users_table` is the virtualized table and the inspector).
//! - `mappings_step`: step 3, the mapping list, presets, path builder and files;
//!   `mapping_dialog` is the Edit Attribute dialog, `expression_editor` its expression box and
//!   `live_result` the result for one user and for all of them.
//! - `preview_step`: step 4, the problems, the comparison and the exports; `preview_step/tree.rs`
//!   the organization tree and a unit's users, `preview_step/user.rs` one user's values and
//!   requests.
//! - `jobs`: background work with cancel, for the preview and the live result.
//! - `settings`: the persisted, non-secret settings and their screen; `theme` the colours of
//!   its light and dark theme.
//! - `setup_guide`: Secure Practice's set-up guide as a checklist (step 1), its ticks and the
//!   Copy buttons; `mappings_guide` its mapping parts (steps 3 and 4); `personal_data` step 3's
//!   list of the personal data the mappings send.
//! - `secret_field`: a text field over a [`crate::secret::SecretString`].
//! - `icon`: the app icon, drawn in code.

pub mod app;
mod assignments_panel;
mod expression_editor;
mod icon;
mod jobs;
mod labels;
mod live_result;
mod loader;
mod logs_panel;
mod mapping_dialog;
mod mappings_guide;
pub mod mappings_step;
mod nav;
mod path_builder;
mod personal_data;
pub mod preview_step;
mod scope_editor;
mod scroll;
mod secret_field;
pub mod settings;
pub mod setup_guide;
mod status;
mod theme;
mod token_step;
pub mod users_step;
mod users_table;

pub use app::{App, FilePicker, Pick, Picked, Step, View};

/// The window title, and the name eframe derives the settings folder from (`scimpreflight`).
pub const APP_NAME: &str = "SCIM Preflight";

/// The renderers tried, in order, when the window cannot be opened with the one before: the
/// system's choice first, then OpenGL, then Vulkan (through wgpu's `WGPU_BACKEND`). Direct3D 12
/// fails on some machines (Windows in a virtual machine, a remote desktop, Wine: "Parent device
/// is lost") where OpenGL works.
const RENDERERS: [&str; 2] = ["gl", "vulkan"];

/// Set on a program started again with another renderer, to the renderer it was given.
const RENDERER_TRIED: &str = "SCIM_PREFLIGHT_RENDERER";

/// Opens the window (with `files` loaded, if any) and runs until it is closed. When the window
/// cannot be opened with the system's renderer, the program starts again with the next one of
/// [`RENDERERS`] (a window system can be started once per process), waits for it and exits
/// with its exit code.
pub fn run(files: Vec<std::path::PathBuf>) -> eframe::Result {
    let tried = std::env::var(RENDERER_TRIED).ok();
    let result = run_once(files);
    let Err(error) = result else {
        return result;
    };
    let next = match tried.as_deref() {
        None => RENDERERS.first(),
        Some(last) => RENDERERS
            .iter()
            .position(|r| *r == last)
            .and_then(|i| RENDERERS.get(i + 1)),
    };
    let Some(next) = next else {
        return Err(error);
    };
    eprintln!("scim-preflight: the window could not open ({error}); trying the {next} renderer");
    let started = std::env::current_exe().and_then(|exe| {
        std::process::Command::new(exe)
            .args(std::env::args_os().skip(1))
            .env(RENDERER_TRIED, next)
            .env("WGPU_BACKEND", next)
            .status()
    });
    match started {
        // The program started again has said whatever there was to say: its exit is ours.
        Ok(status) => std::process::exit(status.code().unwrap_or(1)),
        Err(_) => Err(error),
    }
}

/// Opens the window once, with the renderer the environment asks for.
fn run_once(files: Vec<std::path::PathBuf>) -> eframe::Result {
    let viewport = egui::ViewportBuilder::default()
        .with_title(APP_NAME)
        .with_app_id("scim-preflight")
        .with_inner_size([1100.0, 720.0])
        .with_min_inner_size([720.0, 480.0])
        .with_icon(icon::icon_data())
        .with_drag_and_drop(true);
    let options = eframe::NativeOptions {
        viewport,
        ..Default::default()
    };
    eframe::run_native(
        APP_NAME,
        options,
        Box::new(|cc| {
            let mut app = App::new(cc);
            if !files.is_empty() {
                app.open_paths(files);
            }
            Ok(Box::new(app))
        }),
    )
}

use eframe::egui;
