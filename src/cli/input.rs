//! Reading the text files the admin names on the command line (a batch of cases, a mapping file,
//! Azure's schema JSON) or pipes in, with the failures as typed errors that say what to do. Every
//! one of them is bad input (exit 2): the admin can fix it.

use std::fmt;
use std::io::{self, Read};
use std::path::Path;

/// Why an input file could not be used as text.
#[derive(Debug)]
pub(crate) enum InputError {
    /// The file could not be opened or read.
    Unreadable {
        /// The file as the admin named it.
        name: String,
        /// What the system said.
        error: io::Error,
    },
    /// The bytes are not UTF-8.
    NotUtf8 {
        /// The file as the admin named it, or "standard input".
        name: String,
    },
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputError::Unreadable { name, error } => write!(
                f,
                "{name} could not be read ({error}). Check that it exists and that you may \
                 open it."
            ),
            InputError::NotUtf8 { name } => write!(f, "{name}: {}", NOT_UTF8_ADVICE),
        }
    }
}

/// What to do about input that is not UTF-8; `token` says the same.
pub(crate) const NOT_UTF8_ADVICE: &str = "the text is not UTF-8. Save the file as UTF-8 (in \
     Notepad: Save as, Encoding UTF-8; in PowerShell: Out-File -Encoding utf8) and run the \
     command again.";

/// The text of the file at `path`, or of standard input when `path` is `-`, without a leading
/// byte-order mark.
pub(crate) fn read_text(path: &Path) -> Result<String, InputError> {
    let from_stdin = path == Path::new("-");
    let name = if from_stdin {
        "standard input".to_owned()
    } else {
        path.display().to_string()
    };
    let read = if from_stdin {
        let mut bytes = Vec::new();
        io::stdin().read_to_end(&mut bytes).map(|_| bytes)
    } else {
        std::fs::read(path)
    };
    let bytes = match read {
        Ok(bytes) => bytes,
        Err(error) => return Err(InputError::Unreadable { name, error }),
    };
    let mut text = String::from_utf8(bytes).map_err(|_| InputError::NotUtf8 { name })?;
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    Ok(text)
}
