//! SCIM Preflight: make the secret token for Azure's provisioning wizard, load the users an admin
//! exported from Microsoft Entra ID, and preview what Azure would send to a SCIM app, offline.
//!
//! The crate is a pure core and two faces over it:
//!
//! - Core (no GUI, no clipboard, no file dialogs): [`secret`] (the zeroizing secret type),
//!   [`token`] (the token and the input checks), [`secure_copy`] (the clipboard countdown
//!   policy), [`file_kind`] (which step handles a file).
//! - [`cli`]: the command line.
//! - [`gui`]: the window (eframe/egui); [`system_clipboard`]: the real clipboard, for the window
//!   and `token --copy` (features `gui` and `clipboard`).

pub mod cli;
pub mod csv_cell;
pub mod expr;
pub mod file_kind;
#[cfg(feature = "gui")]
pub mod gui;
pub mod icon;
pub mod import;
pub mod mapping;
pub mod preview;
pub mod random;
pub mod secret;
pub mod secure_copy;
#[cfg(feature = "clipboard")]
pub mod system_clipboard;
pub mod text_file;
pub mod token;
