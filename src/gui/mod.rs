//! The window: everything that touches egui, eframe, the file dialog or the system clipboard.
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
//! - `settings`: the persisted, non-secret settings and their screen.
//! - `secret_field`: a text field over a [`crate::secret::SecretString`].
//! - [`system_clipboard`]: the real clipboard, with "keep out of history" hints.
//! - `icon`: the app icon, drawn in code.

pub mod app;
mod expression_editor;
mod icon;
mod jobs;
mod live_result;
mod loader;
mod mapping_dialog;
pub mod mappings_step;
mod nav;
pub mod preview_step;
mod secret_field;
pub mod settings;
mod status;
pub mod system_clipboard;
mod token_step;
pub mod users_step;
mod users_table;

pub use app::{App, FilePicker, Pick, Step, View};

/// The window title, and the name eframe derives the settings folder from (`scimpreflight`).
pub const APP_NAME: &str = "SCIM Preflight";

/// Opens the window (with `files` loaded, if any) and runs until it is closed.
pub fn run(files: Vec<std::path::PathBuf>) -> eframe::Result {
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
