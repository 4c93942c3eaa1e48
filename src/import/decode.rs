//! Bytes to text, whatever the encoding Windows tools wrote.
//!
//! | the file starts with | read as |
//! |---|---|
//! | `EF BB BF` | UTF-8 (the byte-order mark `Out-File -Encoding utf8` writes) |
//! | `FF FE` / `FE FF` | UTF-16 little / big endian (Windows PowerShell 5.1's `>` and `Out-File`) |
//! | text with every other byte zero | UTF-16 without a byte-order mark |
//! | valid UTF-8 | UTF-8 |
//! | anything else that is text | Windows-1252, the ANSI code page of `Set-Content` (with a note) |
//!
//! A file with NUL bytes or other control characters that text never has is refused as binary.

use std::fmt;

use std::io::Read as _;

use super::text::{OpenError, TextReader};

/// The encoding a file was read with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8 without a byte-order mark.
    Utf8,
    /// UTF-8 with a byte-order mark.
    Utf8Bom,
    /// UTF-16 little endian (with or without a byte-order mark).
    Utf16Le,
    /// UTF-16 big endian (with or without a byte-order mark).
    Utf16Be,
    /// Windows-1252, because the bytes were not UTF-8.
    Windows1252,
}

impl Encoding {
    /// How the summary names it.
    pub fn label(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8 with BOM",
            Encoding::Utf16Le => "UTF-16 LE",
            Encoding::Utf16Be => "UTF-16 BE",
            Encoding::Windows1252 => "Windows-1252 (ANSI)",
        }
    }
}

/// A decoded file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, without a byte-order mark.
    pub text: String,
    /// How it was read.
    pub encoding: Encoding,
    /// Things the admin should know about the encoding.
    pub notes: Vec<String>,
}

/// Why a file is not text this app can read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// The file has no bytes (or only a byte-order mark and whitespace).
    Empty,
    /// Bytes that text never contains, at this offset.
    Binary {
        /// Where the first such byte is.
        offset: usize,
    },
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Empty => f.write_str(
                "The file is empty. Export the users again and check that the command wrote \
                 to this file.",
            ),
            DecodeError::Binary { offset } => write!(
                f,
                "This is not a text file (binary data at byte {offset}). Load the JSON or CSV \
                 file you exported from Entra, not a spreadsheet or a zip file."
            ),
        }
    }
}

impl std::error::Error for DecodeError {}

/// Reads `bytes` as text in whichever encoding they were written in (the whole-buffer face of
/// [`TextReader`], which the importer streams with).
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    let read = |ansi: bool| -> Result<Result<Decoded, DecodeError>, ()> {
        let (mut reader, opened) = match TextReader::open(bytes, ansi) {
            Ok(opened) => opened,
            Err(OpenError::Decode(e)) => return Ok(Err(e)),
            // Reading a slice cannot fail.
            Err(OpenError::Io(_)) => return Ok(Err(DecodeError::Empty)),
        };
        let mut text = String::new();
        // The only error a slice can give: not UTF-8 after all.
        reader.read_to_string(&mut text).map_err(|_| ())?;
        let mut notes = opened.notes;
        if reader.had_errors() || reader.cut_off() {
            notes.push(
                "Some characters in the file were damaged (an odd number of bytes or a lone \
                 surrogate): they show as \u{FFFD}, or were left out at the end."
                    .to_owned(),
            );
        }
        if let Some(offset) = binary_offset(&text) {
            return Ok(Err(DecodeError::Binary { offset }));
        }
        if text.trim().is_empty() {
            return Ok(Err(DecodeError::Empty));
        }
        Ok(Ok(Decoded {
            text,
            encoding: opened.encoding,
            notes,
        }))
    };
    read(false)
        .or_else(|()| read(true))
        .unwrap_or(Err(DecodeError::Empty))
}

/// UTF-16 without a byte-order mark: mostly-ASCII text where every other byte is zero.
pub(crate) fn utf16_without_bom(bytes: &[u8]) -> Option<Encoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 4 {
        return None;
    }
    let pairs = sample.len() / 2;
    let zero_even = sample.iter().step_by(2).filter(|b| **b == 0).count();
    let zero_odd = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|b| **b == 0)
        .count();
    if zero_odd * 10 >= pairs * 7 && zero_even * 10 < pairs {
        Some(Encoding::Utf16Le)
    } else if zero_even * 10 >= pairs * 7 && zero_odd * 10 < pairs {
        Some(Encoding::Utf16Be)
    } else {
        None
    }
}

/// The byte offset of the first character that text files never contain: NUL and the C0
/// controls other than tab, line feed, carriage return and form feed.
pub(crate) fn binary_offset(text: &str) -> Option<usize> {
    text.char_indices()
        .find(|(_, c)| {
            c.is_control() && (*c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r' | '\u{0C}')
        })
        .map(|(i, _)| i)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// `text` in UTF-16, little or big endian, with or without a byte-order mark.
    pub(crate) fn utf16(text: &str, little: bool, bom: bool) -> Vec<u8> {
        let mut bytes = Vec::new();
        if bom {
            bytes.extend(if little { [0xFF, 0xFE] } else { [0xFE, 0xFF] });
        }
        for unit in text.encode_utf16() {
            bytes.extend(if little {
                unit.to_le_bytes()
            } else {
                unit.to_be_bytes()
            });
        }
        bytes
    }

    const JSON: &str = "[{\"displayName\": \"Åse Øvergård\", \"city\": \"Tromsø\"}]\r\n";

    #[test]
    fn every_windows_encoding_reads_the_same_text() {
        let mut utf8_bom = vec![0xEF, 0xBB, 0xBF];
        utf8_bom.extend(JSON.as_bytes());
        let cases = [
            (JSON.as_bytes().to_vec(), Encoding::Utf8, 0),
            (utf8_bom, Encoding::Utf8Bom, 0),
            (utf16(JSON, true, true), Encoding::Utf16Le, 0),
            (utf16(JSON, false, true), Encoding::Utf16Be, 0),
            (utf16(JSON, true, false), Encoding::Utf16Le, 1),
            (utf16(JSON, false, false), Encoding::Utf16Be, 1),
        ];
        for (bytes, encoding, notes) in cases {
            let decoded = decode(&bytes).unwrap();
            assert_eq!(decoded.text, JSON, "{encoding:?}");
            assert_eq!(decoded.encoding, encoding);
            assert_eq!(decoded.notes.len(), notes, "{:?}", decoded.notes);
        }
    }

    #[test]
    fn ansi_files_are_read_as_windows_1252_with_a_note() {
        // "Tromsø" as Set-Content writes it on a Western Windows: ø is 0xF8.
        let bytes = b"[{\"city\": \"Troms\xF8\"}]";
        let decoded = decode(bytes).unwrap();
        assert_eq!(decoded.text, "[{\"city\": \"Tromsø\"}]");
        assert_eq!(decoded.encoding, Encoding::Windows1252);
        assert!(decoded.notes[0].contains("Out-File -Encoding utf8"));
    }

    #[test]
    fn empty_and_binary_files_are_refused_with_the_fix() {
        assert_eq!(decode(b""), Err(DecodeError::Empty));
        assert_eq!(decode(b"\xEF\xBB\xBF \r\n"), Err(DecodeError::Empty));
        assert_eq!(decode(&[0xFF, 0xFE]), Err(DecodeError::Empty));
        // A zip file (an .xlsx) starts with PK\x03\x04.
        let zip = b"PK\x03\x04\x14\x00\x06\x00";
        assert_eq!(decode(zip), Err(DecodeError::Binary { offset: 2 }));
        assert!(
            DecodeError::Binary { offset: 2 }
                .to_string()
                .contains("not a spreadsheet")
        );
        let nul = b"{\"a\": 1}\x00\x00";
        assert_eq!(decode(nul), Err(DecodeError::Binary { offset: 8 }));
    }

    #[test]
    fn damaged_utf16_is_read_with_a_note() {
        let mut bytes = utf16("[]", true, true);
        bytes.push(0x41); // an odd trailing byte
        let decoded = decode(&bytes).unwrap();
        assert!(decoded.text.starts_with("[]"));
        assert!(decoded.notes.iter().any(|n| n.contains("damaged")));
    }

    #[test]
    fn no_input_panics() {
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        for length in 0..600 {
            let bytes: Vec<u8> = (0..length)
                .map(|_| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    (state >> 24) as u8
                })
                .collect();
            let _ = decode(&bytes);
        }
    }
}
