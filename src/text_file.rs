//! The text files an admin names (a mapping file, Azure's schema JSON, a batch of cases), read
//! in whatever encoding Windows tools save them: UTF-8 with or without a byte-order mark,
//! UTF-16 with a mark (Windows PowerShell 5.1's `>` and `Out-File`, Notepad's "Unicode") or
//! without, the ANSI code page; CRLF or LF line ends. One reader for the window and every
//! command, the importer's decoder underneath.

use std::fmt;
use std::io;
use std::path::Path;

use crate::import::decode::{DecodeError, decode};

/// Why a file could not be read as text.
#[derive(Debug)]
pub enum TextFileError {
    /// The file could not be opened or read.
    Unreadable {
        /// The file as the admin named it.
        name: String,
        /// What the system said.
        error: io::Error,
    },
    /// The file has no text.
    Empty {
        /// The file as the admin named it.
        name: String,
    },
    /// The file holds bytes that text never contains.
    NotText {
        /// The file as the admin named it.
        name: String,
        /// Where the first such byte is.
        offset: usize,
    },
}

impl fmt::Display for TextFileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TextFileError::Unreadable { name, error } => write!(
                f,
                "{name} could not be read ({error}). Check that it exists and that you may \
                 open it."
            ),
            TextFileError::Empty { name } => {
                write!(
                    f,
                    "{name} is empty. Save the file again and check its name."
                )
            }
            TextFileError::NotText { name, offset } => write!(
                f,
                "{name} is not a text file (binary data at byte {offset}). Choose the JSON \
                 file itself, not a spreadsheet or a zip file."
            ),
        }
    }
}

impl std::error::Error for TextFileError {}

/// The text of the file at `path`, in whatever encoding it was saved.
pub fn read(path: &Path) -> Result<String, TextFileError> {
    let name = path.display().to_string();
    match std::fs::read(path) {
        Ok(bytes) => decode_named(&name, &bytes),
        Err(error) => Err(TextFileError::Unreadable { name, error }),
    }
}

/// `bytes` (of the file called `name`) as text, in whatever encoding they were written.
pub fn decode_named(name: &str, bytes: &[u8]) -> Result<String, TextFileError> {
    decode(bytes)
        .map(|decoded| decoded.text)
        .map_err(|error| match error {
            DecodeError::Empty => TextFileError::Empty {
                name: name.to_owned(),
            },
            DecodeError::Binary { offset } => TextFileError::NotText {
                name: name.to_owned(),
                offset,
            },
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_encodings_give_the_same_text() {
        let text = "{\r\n  \"name\": \"Område\"\r\n}";
        let utf16_bom: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let utf8_bom: Vec<u8> = [0xEF, 0xBB, 0xBF].into_iter().chain(text.bytes()).collect();
        let ansi: Vec<u8> = text
            .chars()
            .map(|c| if c == 'å' { 0xE5 } else { c as u8 })
            .collect();
        for bytes in [utf16_bom, utf8_bom, ansi, text.as_bytes().to_vec()] {
            assert_eq!(decode_named("x.json", &bytes).unwrap(), text);
        }
        assert!(matches!(
            decode_named("x.json", b""),
            Err(TextFileError::Empty { .. })
        ));
        assert!(matches!(
            decode_named("x.json", b"PK\x03\x04\x00\x00\x00"),
            Err(TextFileError::NotText { .. })
        ));
    }
}
