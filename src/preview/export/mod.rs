//! The preview as text, JSON and CSV, optionally redacted: what `scim-preflight preview` prints
//! and what the window's Save buttons write. Every export is written as a stream, one user at a
//! time, straight into the file or standard output (never built whole in memory first); the
//! string forms below are the same writers into a buffer. The JSON object is a stable contract
//! (see the README): other tools read it.

mod file;
mod json;
mod table;
mod text;

use std::io;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use serde_json::Value;

pub use file::{SaveError, save_file};
pub use json::{JsonStyle, write_json};
pub use table::write_csv;
pub use text::write_tree;

use super::Preview;
use super::redact::Redaction;
use crate::import::UserSet;
use crate::mapping::MappingSet;

/// Watches an export as it is written: how many users are written so far, and a flag that stops
/// it. The default watches nothing and never stops.
#[derive(Debug, Clone, Copy, Default)]
pub struct Watch<'a> {
    /// Set to the number of users written.
    pub written: Option<&'a AtomicUsize>,
    /// Stops the export when set.
    pub cancel: Option<&'a AtomicBool>,
}

impl Watch<'_> {
    /// True once the export should stop.
    fn cancelled(&self) -> bool {
        self.cancel.is_some_and(|c| c.load(Ordering::Relaxed))
    }

    /// Records that `n` users are written; [`WriteError::Cancelled`] when the export should stop.
    fn wrote(&self, n: usize) -> Result<(), WriteError> {
        if let Some(written) = self.written {
            written.store(n, Ordering::Relaxed);
        }
        if self.cancelled() {
            return Err(WriteError::Cancelled);
        }
        Ok(())
    }
}

/// Why an export stopped before its end.
#[derive(Debug)]
pub enum WriteError {
    /// Its [`Watch`] asked it to stop.
    Cancelled,
    /// The file or the output could not be written (a full disk, a closed pipe).
    Io(io::Error),
}

impl From<io::Error> for WriteError {
    fn from(error: io::Error) -> Self {
        WriteError::Io(error)
    }
}

impl From<WriteError> for io::Error {
    fn from(error: WriteError) -> Self {
        match error {
            WriteError::Io(error) => error,
            WriteError::Cancelled => io::Error::new(io::ErrorKind::Interrupted, "cancelled"),
        }
    }
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WriteError::Cancelled => f.write_str("the save was cancelled"),
            WriteError::Io(error) => write!(f, "{error}"),
        }
    }
}

/// The JSON object as the window saves it (indented), redacted when `redacted`.
pub fn json_text(set: &UserSet, preview: &Preview, redacted: bool) -> String {
    let mut out = Vec::new();
    let style = JsonStyle {
        pretty: true,
        redacted,
    };
    let _ = write_json(&mut out, set, preview, style, Watch::default());
    String::from_utf8(out).unwrap_or_default()
}

/// The whole preview as the stable JSON object of `--format json`, read back from what
/// [`write_json`] writes (so it is exactly what other tools read).
pub fn to_json(set: &UserSet, preview: &Preview) -> Value {
    let mut out = Vec::new();
    let style = JsonStyle {
        pretty: false,
        redacted: false,
    };
    match write_json(&mut out, set, preview, style, Watch::default()) {
        Ok(()) => serde_json::from_slice(&out).unwrap_or(Value::Null),
        Err(_) => Value::Null,
    }
}

/// The tree and the diagnostics as text.
pub fn tree(set: &UserSet, preview: &Preview) -> String {
    tree_shown(set, preview, false)
}

/// The tree and the diagnostics as text, redacted when `redacted`.
pub fn tree_shown(set: &UserSet, preview: &Preview, redacted: bool) -> String {
    let mut out = Vec::new();
    let _ = write_tree(&mut out, set, preview, redacted);
    String::from_utf8(out).unwrap_or_default()
}

/// One row per user, personal values and ids hashed when `redacted`. Every cell a spreadsheet
/// would read as a formula is neutralized ([`crate::csv_cell`]).
pub fn to_csv(set: &UserSet, mappings: &MappingSet, preview: &Preview, redacted: bool) -> String {
    let mut out = Vec::new();
    let _ = write_csv(&mut out, set, mappings, preview, redacted, Watch::default());
    String::from_utf8(out).unwrap_or_default()
}

/// A user's id for output: the objectId, or the userPrincipalName, or the position.
pub fn user_id(set: &UserSet, u: usize) -> String {
    let user = &set.users[u];
    user.text(&set.names, "objectId")
        .or_else(|| user.text(&set.names, "userPrincipalName"))
        .map_or_else(|| format!("#{}", u + 1), str::to_owned)
}

/// How a user is named in a list of users: the principal name, else the id; hashed when
/// `redaction` is given.
fn user_name(set: &UserSet, u: usize, redaction: Option<&Redaction>) -> String {
    let name = set.users[u]
        .text(&set.names, "userPrincipalName")
        .map_or_else(|| user_id(set, u), str::to_owned);
    shown_id(&name, redaction)
}

/// An id as shown: hashed when `redaction` is given.
fn shown_id(id: &str, redaction: Option<&Redaction>) -> String {
    match redaction {
        Some(redaction) => redaction.id(id),
        None => id.to_owned(),
    }
}
