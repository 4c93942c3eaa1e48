//! Why a file could not be loaded, with a message for the admin that names the cause and the fix.

use std::fmt;

use super::decode::DecodeError;
use super::left_out::{LeftOut, all_left_out};
use super::limits::{Limit, in_io_error};
use super::text::NotUtf8;

/// Why one file could not be loaded. Files loaded before are kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    /// The file could not be read at all.
    Io(String),
    /// Not text: empty or binary.
    Decode(DecodeError),
    /// Not valid JSON at this place.
    Json {
        /// 1-based line.
        line: u64,
        /// 1-based column, in characters.
        column: u64,
        /// What `serde_json` or the importer expected there.
        message: String,
    },
    /// The file ends in the middle of the JSON.
    Truncated {
        /// 1-based line of the end.
        line: u64,
        /// How many users were complete before it.
        users: usize,
    },
    /// A UTF-16 file with an odd number of bytes: its last character was cut in half.
    HalfCharacter {
        /// 1-based line of the end.
        line: u64,
        /// How many users were read before it.
        users: usize,
    },
    /// Larger than any export Entra writes (one user, a header, the number of keys).
    TooLarge {
        /// Which limit.
        limit: Limit,
        /// 1-based line where the user, row or key that went over it starts (`None` when it is
        /// the file as a whole).
        line: Option<u64>,
    },
    /// A provisioning schema or a mapping file: step 3 reads those.
    Schema,
    /// A list of groups, not users.
    Groups,
    /// An error response from Microsoft Graph saved instead of the users.
    GraphError(String),
    /// JSON of some other kind.
    NotUsers(String),
    /// A list or page with no users in it.
    NoUsers(String),
    /// A list or page whose every entry was left out, with how many for each reason.
    AllLeftOut(Vec<(LeftOut, usize)>),
    /// Neither JSON nor a CSV with a users header.
    NotJsonOrCsv,
    /// A CSV whose header names no user attribute.
    CsvHeader(String),
    /// The admin cancelled loading.
    Cancelled,
    /// Not UTF-8 after a start that was: the loader reads the file again as Windows-1252, so
    /// the admin never sees this.
    NotUtf8,
}

impl ImportError {
    /// A short, stable name of the kind of error (for `--json` output and tests).
    pub fn kind(&self) -> &'static str {
        match self {
            ImportError::Io(_) | ImportError::NotUtf8 => "io",
            ImportError::Decode(DecodeError::Empty) => "empty",
            ImportError::Decode(DecodeError::Binary { .. }) => "binary",
            ImportError::Json { .. } => "json",
            ImportError::Truncated { .. } | ImportError::HalfCharacter { .. } => "truncated",
            ImportError::TooLarge { .. } => "too-large",
            ImportError::Schema => "schema",
            ImportError::Groups => "groups",
            ImportError::GraphError(_) => "graph-error",
            ImportError::NotUsers(_) => "not-users",
            ImportError::NoUsers(_) | ImportError::AllLeftOut(_) => "no-users",
            ImportError::NotJsonOrCsv => "not-json-or-csv",
            ImportError::CsvHeader(_) => "csv-header",
            ImportError::Cancelled => "cancelled",
        }
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::Io(e) => write!(
                f,
                "The file could not be read ({e}). Check that it exists and that you may open it."
            ),
            ImportError::Decode(e) => e.fmt(f),
            ImportError::Json {
                line,
                column,
                message,
            } => write!(
                f,
                "line {line}, column {column}: {message}. The file is not valid JSON there; if \
                 you edited it by hand, check that spot, otherwise export it again."
            ),
            ImportError::Truncated { line, users } => write!(
                f,
                "The file ends in the middle of the JSON (line {line}, after {users} complete \
                 user{}): it was cut off while saving, copying or downloading. Export it again.",
                if *users == 1 { "" } else { "s" }
            ),
            ImportError::HalfCharacter { line, users } => write!(
                f,
                "The file ends in the middle of a character (line {line}, after {users} \
                 user{}): UTF-16 text has an even number of bytes and this file has an odd \
                 number, so it was cut off while saving, copying or downloading. Export it \
                 again.",
                if *users == 1 { "" } else { "s" }
            ),
            ImportError::TooLarge { limit, line } => {
                if let Some(line) = line {
                    write!(f, "line {line}: ")?;
                }
                write!(
                    f,
                    "{}. This is not an export as Entra wrote it, or it was damaged. Export the \
                     users again and load that file unchanged.",
                    limit.what()
                )
            }
            ImportError::Schema => f.write_str(
                "This is a provisioning schema or mapping file, not a user export. Open it in \
                 step 3 (Mappings).",
            ),
            ImportError::Groups => f.write_str(
                "This is a list of groups, not users. Export users instead: \
                 GET https://graph.microsoft.com/v1.0/users, or Get-MgUser -All.",
            ),
            ImportError::GraphError(message) => write!(
                f,
                "This file holds an error from Microsoft Graph instead of users: \"{message}\". \
                 Fix the request (permissions, $select spelling) and export again."
            ),
            ImportError::NotUsers(what) => write!(
                f,
                "This JSON is not a list of users: {what}. Load the file your user export wrote."
            ),
            ImportError::NoUsers(detail) => write!(
                f,
                "The file has no users: {detail}. Export again and check that the command \
                 returned users (run it without filters first)."
            ),
            ImportError::AllLeftOut(left_out) => write!(
                f,
                "The file has no users to load: {}",
                all_left_out(left_out)
            ),
            ImportError::NotJsonOrCsv => f.write_str(
                "This is neither JSON nor CSV. Load the users you exported from Entra: Graph or \
                 PowerShell JSON, or the admin center's \"Download users\" CSV.",
            ),
            ImportError::CsvHeader(header) => write!(
                f,
                "This CSV's first line ({header}) names no user attribute. Load the admin \
                 center's \"Download users\" CSV unchanged, with its header line."
            ),
            ImportError::Cancelled => f.write_str("Loading was cancelled."),
            ImportError::NotUtf8 => f.write_str(
                "The file is not UTF-8 after its start. Save it as UTF-8 and load it again.",
            ),
        }
    }
}

impl std::error::Error for ImportError {}

/// A reading error as an import error: a limit or "not UTF-8" as such, else its message.
pub(crate) fn from_io(error: std::io::Error, line: Option<u64>) -> ImportError {
    if NotUtf8::is(&error) {
        ImportError::NotUtf8
    } else if let Some(limit) = in_io_error(&error) {
        ImportError::TooLarge { limit, line }
    } else {
        ImportError::Io(error.to_string())
    }
}

/// `text` cut to `max` characters (with `…`), for showing a value from a file in a message.
pub(crate) fn shorten(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        None => text.to_owned(),
        Some((at, _)) => format!("{}…", &text[..at]),
    }
}
