//! A file as a stream of UTF-8 text, whatever encoding it was written in, without holding the
//! whole file in memory: a 500 MB export is decoded 64 KiB at a time. UTF-8, the common case,
//! is read straight into the reader's buffer and validated there, not copied on the way.
//!
//! [`TextReader::open`] looks at the first 64 KiB to choose the encoding (the same rules as
//! [`decode`](super::decode): byte-order marks, UTF-16 without one, UTF-8, else Windows-1252)
//! and to refuse empty and binary files. If a file that began as valid UTF-8 turns out not to be
//! further on, reading fails with [`NotUtf8`]; the loader then reads it again as Windows-1252.
//!
//! A UTF-16 file with an odd number of bytes was cut off in the middle of a character: the odd
//! byte is left out and [`TextReader::cut_off`] says so, for the loader to report the file as
//! cut off (a whole-buffer [`decode`](super::decode::decode) notes it as damaged instead).

use std::io::{self, Read};

use encoding_rs::{Decoder, UTF_16BE, UTF_16LE, WINDOWS_1252};

use super::decode::{DecodeError, Encoding, binary_offset, utf16_without_bom};

/// How much is read at a time, and how much is looked at to choose the encoding.
const CHUNK: usize = 64 * 1024;

/// The error (inside an [`io::Error`]) a UTF-8 reader gives for bytes that are not UTF-8.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotUtf8;

impl std::fmt::Display for NotUtf8 {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("not UTF-8")
    }
}

impl std::error::Error for NotUtf8 {}

impl NotUtf8 {
    /// True if `error` is this one.
    pub fn is(error: &io::Error) -> bool {
        error.get_ref().is_some_and(|e| e.is::<NotUtf8>())
    }

    fn io() -> io::Error {
        io::Error::new(io::ErrorKind::InvalidData, NotUtf8)
    }
}

/// Decodes a byte stream to UTF-8.
pub struct TextReader<R> {
    inner: R,
    decoder: Option<Decoder>,
    raw: Vec<u8>,
    raw_len: usize,
    raw_eof: bool,
    out: Vec<u8>,
    out_pos: usize,
    had_errors: bool,
    /// UTF-16 that ended with an odd byte: it was left out.
    cut_off: bool,
    /// Bytes given to the decoder so far.
    fed: u64,
    /// Bytes taken from `inner` so far (for progress).
    consumed: u64,
}

/// What [`TextReader::open`] found out about a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opened {
    /// The encoding chosen.
    pub encoding: Encoding,
    /// Things the admin should know about it.
    pub notes: Vec<String>,
}

impl<R: Read> TextReader<R> {
    /// Starts reading `inner`; with `ansi`, reads it as Windows-1252 whatever it looks like.
    pub fn open(mut inner: R, ansi: bool) -> Result<(Self, Opened), OpenError> {
        let mut head = vec![0; CHUNK];
        let mut len = 0;
        while len < head.len() {
            match inner.read(&mut head[len..]) {
                Ok(0) => break,
                Ok(n) => len += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(OpenError::Io(e)),
            }
        }
        let eof = len < head.len();
        head.truncate(len);
        let (encoding, skip) = if ansi {
            (Encoding::Windows1252, 0)
        } else {
            match head.as_slice() {
                [0xEF, 0xBB, 0xBF, ..] => (Encoding::Utf8Bom, 3),
                [0xFF, 0xFE, ..] => (Encoding::Utf16Le, 2),
                [0xFE, 0xFF, ..] => (Encoding::Utf16Be, 2),
                _ => match utf16_without_bom(&head) {
                    Some(encoding) => (encoding, 0),
                    None if utf8_prefix_ok(&head, eof) => (Encoding::Utf8, 0),
                    None => (Encoding::Windows1252, 0),
                },
            }
        };
        let mut notes = Vec::new();
        match encoding {
            Encoding::Utf16Le | Encoding::Utf16Be if skip == 0 => notes.push(format!(
                "The file has no byte-order mark; it was read as {} because of its zero bytes.",
                encoding.label()
            )),
            Encoding::Windows1252 => notes.push(ansi_note()),
            _ => {}
        }
        let decoder = match encoding {
            Encoding::Utf16Le => Some(UTF_16LE.new_decoder_without_bom_handling()),
            Encoding::Utf16Be => Some(UTF_16BE.new_decoder_without_bom_handling()),
            Encoding::Windows1252 => Some(WINDOWS_1252.new_decoder_without_bom_handling()),
            Encoding::Utf8 | Encoding::Utf8Bom => None,
        };
        head.drain(..skip);
        let raw_len = head.len();
        head.resize(CHUNK.max(raw_len), 0);
        let mut reader = Self {
            inner,
            decoder,
            raw: head,
            raw_len,
            raw_eof: eof,
            out: Vec::with_capacity(CHUNK * 3),
            out_pos: 0,
            had_errors: false,
            cut_off: false,
            fed: 0,
            consumed: (len - raw_len) as u64,
        };
        // Look at the decoded head: binary or empty?
        reader.decode_more().map_err(|e| {
            if NotUtf8::is(&e) {
                OpenError::Decode(DecodeError::Binary { offset: 0 })
            } else {
                OpenError::Io(e)
            }
        })?;
        let text = String::from_utf8_lossy(&reader.out);
        if let Some(offset) = binary_offset(&text) {
            return Err(OpenError::Decode(DecodeError::Binary { offset }));
        }
        if reader.raw_eof && reader.raw_len == 0 && text.trim().is_empty() {
            return Err(OpenError::Decode(DecodeError::Empty));
        }
        Ok((reader, Opened { encoding, notes }))
    }

    /// True if some bytes could not be decoded (they show as U+FFFD).
    pub fn had_errors(&self) -> bool {
        self.had_errors
    }

    /// True if the file is UTF-16 with an odd number of bytes: cut off in the middle of its
    /// last character (known once everything was read).
    pub fn cut_off(&self) -> bool {
        self.cut_off
    }

    /// Bytes of the file read so far.
    pub fn consumed(&self) -> u64 {
        self.consumed
    }

    /// Decodes what is in `raw` (reading more first if it is empty) into `out`.
    fn decode_more(&mut self) -> io::Result<()> {
        if !self.raw_eof && self.raw_len < CHUNK / 2 {
            self.fill_raw()?;
        }
        self.out.clear();
        self.out_pos = 0;
        let mut last = self.raw_eof;
        let utf16 = matches!(self.decoder.as_ref().map(Decoder::encoding),
            Some(e) if e == UTF_16LE || e == UTF_16BE);
        if last && utf16 && (self.fed + self.raw_len as u64) % 2 == 1 {
            // Half a code unit at the end: what is left of a character the file was cut off
            // in. Left out, not decoded to U+FFFD.
            self.cut_off = true;
            if self.raw_len > 0 {
                self.raw_len -= 1;
            } else {
                // The decoder holds it: not flushing it leaves it out.
                last = false;
            }
        }
        match &mut self.decoder {
            Some(decoder) => {
                let needed = decoder
                    .max_utf8_buffer_length(self.raw_len)
                    .unwrap_or(self.raw_len * 3 + 16);
                self.out.resize(needed, 0);
                let (_, read, written, errors) =
                    decoder.decode_to_utf8(&self.raw[..self.raw_len], &mut self.out, last);
                self.had_errors |= errors;
                self.fed += read as u64;
                self.out.truncate(written);
                self.raw.copy_within(read..self.raw_len, 0);
                self.raw_len -= read;
            }
            None => {
                let bytes = &self.raw[..self.raw_len];
                let valid = match simdutf8::compat::from_utf8(bytes) {
                    Ok(_) => bytes.len(),
                    Err(e) if e.error_len().is_none() && !last => e.valid_up_to(),
                    Err(_) => return Err(NotUtf8::io()),
                };
                self.out.extend_from_slice(&bytes[..valid]);
                self.raw.copy_within(valid..self.raw_len, 0);
                self.raw_len -= valid;
            }
        }
        Ok(())
    }

    /// Reads more bytes into `raw`.
    fn fill_raw(&mut self) -> io::Result<()> {
        while self.raw_len < self.raw.len() {
            match self.inner.read(&mut self.raw[self.raw_len..]) {
                Ok(0) => {
                    self.raw_eof = true;
                    break;
                }
                Ok(n) => {
                    self.raw_len += n;
                    self.consumed += n as u64;
                    if self.raw_len >= CHUNK / 2 {
                        break;
                    }
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        Ok(())
    }
}

impl<R: Read> TextReader<R> {
    /// UTF-8 read straight into `buf` (validated there), without the copies through `raw` and
    /// `out`: the bytes kept in `raw` first, then one read of the stream. An incomplete
    /// character at the end waits in `raw` for the rest.
    fn read_utf8(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            let kept = self.raw_len.min(buf.len());
            buf[..kept].copy_from_slice(&self.raw[..kept]);
            self.raw.copy_within(kept..self.raw_len, 0);
            self.raw_len -= kept;
            let mut n = kept;
            while self.raw_len == 0 && !self.raw_eof && n < buf.len() {
                match self.inner.read(&mut buf[n..]) {
                    Ok(0) => self.raw_eof = true,
                    Ok(read) => {
                        n += read;
                        self.consumed += read as u64;
                        break;
                    }
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    Err(e) => {
                        // What was taken from `raw` goes back, so nothing is lost.
                        self.unread(&buf[..n]);
                        return Err(e);
                    }
                }
            }
            let last = self.raw_eof && self.raw_len == 0;
            let valid = match simdutf8::compat::from_utf8(&buf[..n]) {
                Ok(_) => n,
                Err(e) if e.error_len().is_none() && !last => e.valid_up_to(),
                Err(_) => return Err(NotUtf8::io()),
            };
            self.unread(&buf[valid..n]);
            if valid > 0 || n == 0 {
                return Ok(valid);
            }
        }
    }

    /// Puts `bytes` back in front of what `raw` holds.
    fn unread(&mut self, bytes: &[u8]) {
        let end = bytes.len() + self.raw_len;
        if self.raw.len() < end {
            self.raw.resize(end, 0);
        }
        self.raw.copy_within(..self.raw_len, bytes.len());
        self.raw[..bytes.len()].copy_from_slice(bytes);
        self.raw_len = end;
    }
}

impl<R: Read> Read for TextReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.decoder.is_none() && self.out_pos == self.out.len() && buf.len() >= 4 {
            return self.read_utf8(buf);
        }
        while self.out_pos == self.out.len() {
            if self.raw_eof && self.raw_len == 0 {
                return Ok(0);
            }
            self.decode_more()?;
            if self.out.is_empty() && self.raw_eof {
                // Nothing decodable is left (encoding_rs consumes everything when told it is
                // the end, so this only guards against looping).
                self.raw_len = 0;
            }
        }
        let n = buf.len().min(self.out.len() - self.out_pos);
        buf[..n].copy_from_slice(&self.out[self.out_pos..self.out_pos + n]);
        self.out_pos += n;
        Ok(n)
    }
}

/// Why a file could not be opened as text.
#[derive(Debug)]
pub enum OpenError {
    /// Reading failed.
    Io(io::Error),
    /// The bytes are not text.
    Decode(DecodeError),
}

/// Valid UTF-8, except perhaps for a sequence cut off at the end of the head.
fn utf8_prefix_ok(head: &[u8], eof: bool) -> bool {
    match std::str::from_utf8(head) {
        Ok(_) => true,
        Err(e) => !eof && e.error_len().is_none(),
    }
}

/// The note for a file read as Windows-1252.
pub fn ansi_note() -> String {
    "The file is not UTF-8, so it was read as Windows-1252 (the ANSI code page Windows \
     PowerShell's Set-Content writes). Check names with accents; if they look wrong, export \
     again with Out-File -Encoding utf8."
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::decode::tests::utf16;

    fn read_all(bytes: &[u8], ansi: bool) -> Result<(String, Opened), String> {
        let (mut reader, opened) = TextReader::open(bytes, ansi).map_err(|e| match e {
            OpenError::Io(e) => e.to_string(),
            OpenError::Decode(e) => e.to_string(),
        })?;
        let mut text = String::new();
        reader
            .read_to_string(&mut text)
            .map_err(|e| e.to_string())?;
        Ok((text, opened))
    }

    #[test]
    fn large_files_decode_the_same_in_every_encoding() {
        // Several chunks long, with multi-byte characters across chunk boundaries.
        let text: String = (0..40_000)
            .map(|i| format!("{{\"n\":{i},\"city\":\"Tromsø 田中 😀\"}}\r\n"))
            .collect();
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend(text.as_bytes());
        for (bytes, encoding) in [
            (text.as_bytes().to_vec(), Encoding::Utf8),
            (bom, Encoding::Utf8Bom),
            (utf16(&text, true, true), Encoding::Utf16Le),
            (utf16(&text, false, true), Encoding::Utf16Be),
            (utf16(&text, true, false), Encoding::Utf16Le),
        ] {
            let (decoded, opened) = read_all(&bytes, false).unwrap();
            assert_eq!(opened.encoding, encoding);
            assert!(decoded == text, "{encoding:?}");
        }
    }

    /// Gives at most a few bytes per read (1 to 9, in turn).
    struct Trickle<'a>(&'a [u8], usize);

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            self.1 += 1;
            let n = buf.len().min(self.0.len()).min(1 + self.1 % 9);
            buf[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    /// Everything `reader` gives, asked for with buffers of sizes in a random order.
    fn drain(reader: &mut impl Read) -> io::Result<Vec<u8>> {
        let (mut all, mut buf, mut state) = (Vec::new(), vec![0u8; 70_000], 0x2545_f491u64);
        loop {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let size = [1, 2, 3, 4, 5, 7, 16, 300, 4096, 70_000][(state % 10) as usize];
            match reader.read(&mut buf[..size])? {
                0 => return Ok(all),
                n => all.extend_from_slice(&buf[..n]),
            }
        }
    }

    #[test]
    fn utf8_read_straight_into_the_buffer_keeps_characters_whole_across_reads() {
        // Past the 64 KiB head, so the direct reading is used; characters of 2, 3 and 4 bytes
        // fall across every kind of read boundary.
        let text: String = (0..9_000)
            .map(|i| format!("{i} Tromsø 田中 😀\n"))
            .collect();
        for trickle in [false, true] {
            let bytes = text.as_bytes();
            let read = if trickle {
                let (mut reader, _) = TextReader::open(Trickle(bytes, 0), false).ok().unwrap();
                drain(&mut reader).unwrap()
            } else {
                let (mut reader, _) = TextReader::open(bytes, false).ok().unwrap();
                drain(&mut reader).unwrap()
            };
            assert!(read == bytes, "trickle: {trickle}");
        }
        // A byte that is not UTF-8 after the head, and a character cut off at the end.
        let mut bad = text.as_bytes().to_vec();
        bad[100_000] = 0xFF;
        let mut cut = text.as_bytes().to_vec();
        cut.extend_from_slice(&"😀".as_bytes()[..2]);
        for bytes in [bad, cut] {
            let (mut reader, _) = TextReader::open(Trickle(&bytes, 0), false).ok().unwrap();
            let error = drain(&mut reader).unwrap_err();
            assert!(NotUtf8::is(&error), "{error}");
        }
    }

    #[test]
    fn ansi_is_chosen_from_the_head_and_forced_on_request() {
        let (text, opened) = read_all(b"[{\"city\": \"Troms\xF8\"}]", false).unwrap();
        assert_eq!(text, "[{\"city\": \"Tromsø\"}]");
        assert_eq!(opened.encoding, Encoding::Windows1252);
        assert!(opened.notes[0].contains("Out-File -Encoding utf8"));
        // Valid UTF-8 in the head, not further on: the reader says so.
        let mut bytes = vec![b' '; CHUNK * 2];
        bytes.extend(b"\"Troms\xF8\"");
        assert_eq!(read_all(&bytes, false).unwrap_err(), NotUtf8.to_string());
        let (text, opened) = read_all(&bytes, true).unwrap();
        assert!(text.ends_with("\"Tromsø\""));
        assert_eq!(opened.encoding, Encoding::Windows1252);
    }

    #[test]
    fn utf16_with_an_odd_byte_at_the_end_is_cut_off() {
        // Small: the odd byte is still unread at the end. Large (past the first 64 KiB, an odd
        // number of bytes decoded before the end is seen): the decoder holds it.
        for length in [10, 50_000] {
            let text: String = "[\"Åse\"]".chars().cycle().take(length).collect();
            let mut bytes = utf16(&text, true, true);
            bytes.pop();
            let (mut reader, _) = TextReader::open(bytes.as_slice(), false).unwrap();
            let mut decoded = String::new();
            reader.read_to_string(&mut decoded).unwrap();
            let whole: String = text.chars().take(length - 1).collect();
            assert!(decoded == whole, "{length}: the last character is left out");
            assert!(reader.cut_off() && !reader.had_errors(), "{length}");
            // An even number of bytes is not cut off.
            let bytes = utf16(&text, true, true);
            let (mut reader, _) = TextReader::open(bytes.as_slice(), false).unwrap();
            reader.read_to_string(&mut decoded).unwrap();
            assert!(!reader.cut_off(), "{length}");
        }
    }

    #[test]
    fn empty_and_binary_files_are_refused() {
        assert!(read_all(b"", false).unwrap_err().contains("empty"));
        assert!(
            read_all(b"\xEF\xBB\xBF \r\n", false)
                .unwrap_err()
                .contains("empty")
        );
        assert!(
            read_all(b"PK\x03\x04\x14\x00", false)
                .unwrap_err()
                .contains("not a text file")
        );
    }
}
