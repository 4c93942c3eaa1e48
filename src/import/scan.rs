//! A window onto a stream of JSON text: refilled 256 KiB at a time, able to find where the JSON
//! value starting at the cursor ends (so each user can be handed to `serde_json` as one slice),
//! and counting lines and columns so errors can say where they are.
//!
//! The window only ever holds the part of the file not consumed yet, so a 500 MB Graph page is
//! read with a buffer the size of its largest user.

use std::io::{self, Read};

use super::blocks::{self, Block, Scan};
use super::limits::{Limit, MAX_USER_BYTES, MAX_USER_KEYS};

/// How much is read at a time.
const CHUNK: usize = 256 * 1024;

/// Where a JSON value ends, as [`Window::value_end`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scanned {
    /// It ends before this index into [`Window::data`].
    End(usize),
    /// The stream ends (at this index) before the value does.
    Eof(usize),
    /// The value goes over this limit.
    Over(Limit),
}

/// The part of a stream being looked at.
pub(crate) struct Window<R> {
    reader: R,
    /// The bytes read are `buf[..len]`; the rest is room to read into, kept from one read to
    /// the next so it is not zeroed again.
    buf: Vec<u8>,
    len: usize,
    /// Everything before `pos` is consumed.
    pub pos: usize,
    eof: bool,
    /// Lines and columns are known up to `data[counted]`.
    counted: usize,
    line: u64,
    column: u64,
}

impl<R: Read> Window<R> {
    /// A window onto `reader`.
    pub fn new(reader: R) -> Self {
        Self {
            reader,
            buf: Vec::new(),
            len: 0,
            pos: 0,
            eof: false,
            counted: 0,
            line: 1,
            column: 0,
        }
    }

    /// What is left: the bytes read but not consumed, and the stream.
    pub fn into_parts(self) -> (Vec<u8>, R) {
        let mut data = self.buf;
        data.truncate(self.len);
        data.drain(..self.pos);
        (data, self.reader)
    }

    /// The stream.
    pub fn reader(&self) -> &R {
        &self.reader
    }

    /// The bytes from the cursor on (perhaps not all of the stream yet).
    pub fn data(&self) -> &[u8] {
        &self.buf[..self.len]
    }

    /// Drops what was consumed and reads more. False at the end of the stream.
    fn fill(&mut self) -> io::Result<bool> {
        if self.eof {
            return Ok(false);
        }
        if self.pos > 0 {
            self.count_to(self.pos);
            self.buf.copy_within(self.pos..self.len, 0);
            self.len -= self.pos;
            self.counted -= self.pos;
            self.pos = 0;
        }
        let old = self.len;
        let end = old + CHUNK;
        if self.buf.len() < end {
            self.buf.resize(end, 0);
        }
        let mut filled = old;
        while filled < end {
            match self.reader.read(&mut self.buf[filled..end]) {
                Ok(0) => {
                    self.eof = true;
                    break;
                }
                Ok(n) => filled += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => {
                    self.len = filled;
                    return Err(e);
                }
            }
        }
        self.len = filled;
        Ok(filled > old)
    }

    /// Makes sure `data[index]` is there, reading if needed. False if the stream ends first.
    /// `index` stays valid: reading moves the window, and the index moves with it.
    fn ensure(&mut self, index: &mut usize) -> io::Result<bool> {
        while *index >= self.len {
            let rel = *index - self.pos;
            if !self.fill()? {
                return Ok(false);
            }
            *index = self.pos + rel;
        }
        Ok(true)
    }

    /// Skips whitespace; the next byte, if any, without consuming it.
    pub fn peek(&mut self) -> io::Result<Option<u8>> {
        loop {
            let mut index = self.pos;
            if !self.ensure(&mut index)? {
                return Ok(None);
            }
            self.pos = index;
            match self.buf[self.pos] {
                b' ' | b'\t' | b'\r' | b'\n' => self.pos += 1,
                byte => return Ok(Some(byte)),
            }
        }
    }

    /// Consumes one byte.
    pub fn bump(&mut self) {
        self.pos = (self.pos + 1).min(self.len);
    }

    /// Where the JSON value starting at the cursor ends (exclusive index into [`data`]), where
    /// the stream ends first, or which limit it goes over: larger than [`MAX_USER_BYTES`], or
    /// more than [`MAX_USER_KEYS`] keys. Only strings, brackets and colons are looked at; the
    /// value's grammar is left to `serde_json`.
    pub fn value_end(&mut self) -> io::Result<Scanned> {
        let mut i = self.pos;
        if !self.ensure(&mut i)? {
            return Ok(Scanned::Eof(i));
        }
        let mut depth = 0usize;
        let mut keys = 0usize;
        let mut in_string = false;
        let mut bytewise = 0usize;
        match self.buf[i] {
            b'{' | b'[' => {}
            b'"' => {
                in_string = true;
                i += 1;
            }
            _ => {
                // A number, true, false, null (or garbage serde_json will name).
                loop {
                    if i - self.pos > MAX_USER_BYTES {
                        return Ok(Scanned::Over(Limit::UserBytes));
                    }
                    if !self.ensure(&mut i)? {
                        return Ok(Scanned::End(i));
                    }
                    match self.buf[i] {
                        b',' | b']' | b'}' | b' ' | b'\t' | b'\r' | b'\n' | b'"' | b'{' | b'[' => {
                            return Ok(Scanned::End(i));
                        }
                        _ => i += 1,
                    }
                }
            }
        }
        loop {
            // The window holds the whole value: refuse before it holds more than the limit.
            if i - self.pos > MAX_USER_BYTES {
                return Ok(Scanned::Over(Limit::UserBytes));
            }
            if !self.ensure(&mut i)? {
                return Ok(Scanned::Eof(i));
            }
            // Scan what is in the window; read more only when it runs out.
            let data = self.data();
            while i < data.len() {
                // Inside an object or array, 64 bytes at a time; a block with a backslash in it
                // goes byte by byte (`bytewise` is where that block ends).
                if depth > 0
                    && i >= bytewise
                    && let Some(block) = data.get(i..i + 64).and_then(|b| b.try_into().ok())
                {
                    let mut scan = Scan {
                        depth,
                        keys,
                        in_string,
                    };
                    let block = blocks::scan_block(block, &mut scan);
                    if block != Block::Escapes && scan.keys > MAX_USER_KEYS {
                        return Ok(Scanned::Over(Limit::UserKeys));
                    }
                    match block {
                        Block::End(at) => return Ok(Scanned::End(i + at)),
                        Block::More => {
                            (depth, keys, in_string) = (scan.depth, scan.keys, scan.in_string);
                            i += 64;
                        }
                        Block::Escapes => bytewise = i + 64,
                    }
                    continue;
                }
                if in_string {
                    match memchr::memchr2(b'"', b'\\', &data[i..]) {
                        Some(k) if data[i + k] == b'\\' => i += k + 2,
                        Some(k) => {
                            i += k + 1;
                            in_string = false;
                            if depth == 0 {
                                return Ok(Scanned::End(i));
                            }
                        }
                        None => i = data.len(),
                    }
                    continue;
                }
                match data[i] {
                    b'"' => in_string = true,
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth = depth.saturating_sub(1);
                        if depth == 0 {
                            return Ok(Scanned::End(i + 1));
                        }
                    }
                    b':' => {
                        // Outside strings, every colon follows a key.
                        keys += 1;
                        if keys > MAX_USER_KEYS {
                            return Ok(Scanned::Over(Limit::UserKeys));
                        }
                    }
                    _ => {}
                }
                i += 1;
            }
        }
    }

    /// The raw text (escapes untouched) of the first key of the object at the cursor, without
    /// consuming anything; `None` if the object has no key.
    pub fn first_key(&mut self) -> io::Result<Option<Vec<u8>>> {
        let mut i = self.pos + 1;
        loop {
            if i - self.pos > MAX_USER_BYTES || !self.ensure(&mut i)? {
                return Ok(None);
            }
            match self.buf[i] {
                b' ' | b'\t' | b'\r' | b'\n' => i += 1,
                b'"' => break,
                _ => return Ok(None),
            }
        }
        // Offsets from the cursor: reading moves the window.
        let start = i + 1 - self.pos;
        let mut j = i + 1;
        loop {
            if j - self.pos > MAX_USER_BYTES || !self.ensure(&mut j)? {
                return Ok(None);
            }
            match self.buf[j] {
                b'"' => return Ok(Some(self.buf[self.pos + start..j].to_vec())),
                b'\\' => j += 2,
                _ => j += 1,
            }
        }
    }

    /// Reads to the end of the stream (to show serde_json a value the stream cut off).
    pub fn read_to_end(&mut self) -> io::Result<()> {
        let mut i = self.len;
        while self.ensure(&mut i)? {
            i = self.len;
        }
        Ok(())
    }

    /// Counts lines up to `data[index]`.
    fn count_to(&mut self, index: usize) {
        let index = index.min(self.len);
        if index <= self.counted {
            return;
        }
        let part = &self.buf[self.counted..index];
        let start = match memchr::memrchr(b'\n', part) {
            Some(last) => {
                self.line += memchr::memchr_iter(b'\n', part).count() as u64;
                self.column = 0;
                last + 1
            }
            None => 0,
        };
        // Characters, not bytes: continuation bytes of UTF-8 do not start one.
        self.column += part[start..]
            .iter()
            .filter(|b| (**b as i8) >= -0x40)
            .count() as u64;
        self.counted = index;
    }

    /// The 1-based line and column (in characters) of `data[index]`; `index` must not be
    /// before the last position asked about.
    pub fn line_column(&mut self, index: usize) -> (u64, u64) {
        self.count_to(index);
        (self.line, self.column + 1)
    }

    /// The index in `data` of the line-`line` (1-based), byte-column-`column` position of the
    /// slice `data[start..end]`, as `serde_json` reports positions in a slice.
    pub fn index_in(&self, start: usize, end: usize, line: usize, column: usize) -> usize {
        let slice = &self.buf[start..end.min(self.len)];
        let line_start = if line <= 1 {
            0
        } else {
            memchr::memchr_iter(b'\n', slice)
                .nth(line - 2)
                .map_or(slice.len(), |i| i + 1)
        };
        (start + line_start + column.saturating_sub(1)).min(self.len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reader that hands out a few bytes at a time, to cross every boundary.
    struct Trickle<'a>(&'a [u8], usize);

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = self.1.min(buf.len()).min(self.0.len());
            buf[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    fn values(text: &str, step: usize) -> Vec<String> {
        let mut window = Window::new(Trickle(text.as_bytes(), step));
        let mut out = Vec::new();
        while window.peek().unwrap().is_some() {
            let Scanned::End(end) = window.value_end().unwrap() else {
                panic!("a complete value")
            };
            out.push(String::from_utf8(window.data()[window.pos..end].to_vec()).unwrap());
            window.pos = end;
        }
        out
    }

    #[test]
    fn values_end_where_json_says_whatever_the_chunking() {
        let text = r#" {"a": "x}\"]", "b": [1, {"c": null}]} [1,2] "str\\" 12.5e3 true {}"#;
        for step in [1, 2, 3, 7, 1000] {
            assert_eq!(
                values(text, step),
                [
                    r#"{"a": "x}\"]", "b": [1, {"c": null}]}"#,
                    "[1,2]",
                    r#""str\\""#,
                    "12.5e3",
                    "true",
                    "{}"
                ],
                "step {step}"
            );
        }
    }

    #[test]
    fn long_values_end_where_json_says_with_escapes_and_brackets_in_strings() {
        // Values long enough for the 64-byte blocks, with strings holding quotes, backslashes,
        // brackets and colons, made and written by serde_json.
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let pieces = [
            "a", "\"", "\\", "{", "}", "[", "]", ":", ",", " ", "å", "\n", "x\\\"",
        ];
        let mut text_of = |n: u64| -> String {
            (0..n)
                .map(|_| pieces[(next() % pieces.len() as u64) as usize])
                .collect()
        };
        let mut expected = Vec::new();
        for round in 0..40u64 {
            let mut user = serde_json::Map::new();
            for k in 0..(round % 7 + 3) {
                let value = match k % 3 {
                    0 => serde_json::Value::String(text_of(round % 50 + 1)),
                    1 => serde_json::json!({ "inner": text_of(round % 30), "list": [text_of(5)] }),
                    _ => serde_json::json!([text_of(round % 20), null, true, 12.5]),
                };
                user.insert(format!("key{k}:{}", text_of(3)), value);
            }
            let value = serde_json::Value::Object(user);
            expected.push(if round % 2 == 0 {
                serde_json::to_string(&value).unwrap()
            } else {
                serde_json::to_string_pretty(&value).unwrap()
            });
        }
        let text = expected.join(" \n");
        for step in [1, 63, 64, 65, 4096] {
            assert_eq!(values(&text, step), expected, "step {step}");
        }
    }

    #[test]
    fn a_cut_off_value_reports_the_end() {
        let mut window = Window::new(Trickle(br#"{"a": [1, 2"#, 3));
        window.peek().unwrap();
        assert_eq!(window.value_end().unwrap(), Scanned::Eof(11));
    }

    #[test]
    fn lines_and_columns_count_characters() {
        let text = "[\n  {\"name\": \"Åse\"},\n  {\"x\": 1}]";
        let mut window = Window::new(Trickle(text.as_bytes(), 4));
        window.peek().unwrap();
        window.read_to_end().unwrap();
        let x = text.find("\"x\"").unwrap();
        assert_eq!(window.line_column(x), (3, 4));
        // Line 2's `}` comes after the two-byte Å: column 17 in characters.
        let mut window = Window::new(text.as_bytes());
        window.read_to_end().unwrap();
        let brace = text.find("},").unwrap();
        assert_eq!(window.line_column(brace), (2, 17));
        // serde_json's (line 2, byte column 3) of the slice starting at the `{` on line 2.
        let start = text.find('{').unwrap();
        assert_eq!(window.index_in(start, text.len(), 1, 1), start);
        assert_eq!(
            window.index_in(start, text.len(), 2, 3),
            text.find("{\"x").unwrap()
        );
    }
}
