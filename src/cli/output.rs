//! How every command writes: its result to standard output through one helper (a reader that goes
//! away ends the command quietly, a full disk is an error, never a panic), its messages to
//! standard error without ever panicking, and text meant for people with the terminal's control
//! characters shown escaped.

use std::borrow::Cow;
use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use zeroize::Zeroizing;

use super::EXIT_FAILURE;

/// True for a character a terminal may act on instead of showing: C0 controls other than line
/// feed and tab (ESC starts colour, cursor and title sequences; carriage return overwrites the
/// line), DEL, C1 controls (U+009B is a one-character ESC `[`), and the bidirectional embeddings,
/// overrides and isolates (U+202A–U+202E, U+2066–U+2069), which reorder what is shown after them.
pub(crate) fn is_terminal_control(c: char) -> bool {
    match c {
        '\n' | '\t' => false,
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => true,
        c => c.is_control(),
    }
}

/// `text` with every [`is_terminal_control`] character written as Rust writes it, `\u{1b}`;
/// everything else, line feeds and tabs included, as it is.
pub(crate) fn escape_controls(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_terminal_control) {
        return Cow::Borrowed(text);
    }
    let mut escaped = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if is_terminal_control(c) {
            escaped.extend(c.escape_unicode());
        } else {
            escaped.push(c);
        }
    }
    Cow::Owned(escaped)
}

/// Writes `text`, meant for people, to standard output with control characters escaped (see
/// [`print_data`] for what the exit code is).
pub(crate) fn print_text(command: &str, text: &str, exit: ExitCode) -> ExitCode {
    print_data(command, exit, |out| {
        out.write_all(escape_controls(text).as_bytes())
    })
}

/// A writer for text meant for people: what is written to it goes on with control characters
/// escaped ([`escape_controls`]). Each write is expected to be whole characters, as `write!`
/// and `write_all` of a `str` give; bytes that are not UTF-8 go on as they are.
pub(crate) struct Escaped<'a>(pub &'a mut dyn Write);

impl Write for Escaped<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match std::str::from_utf8(buf) {
            Ok(text) => self.0.write_all(escape_controls(text).as_bytes())?,
            Err(_) => self.0.write_all(buf)?,
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

/// Writes a command's result to standard output, as `write` writes it, unchanged (JSON, CSV, the
/// token). Gives `exit` when it is written, and also when the reader went away before the end
/// (`| head`): that is not a failure. Any other write error (a full disk) is reported as
/// `could not write` with [`EXIT_FAILURE`]. The buffer is wiped afterwards, since it may have
/// held the token.
pub(crate) fn print_data(
    command: &str,
    exit: ExitCode,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> ExitCode {
    let mut out = BufWriter::new(io::stdout().lock());
    let written = write(&mut out).and_then(|()| out.flush());
    // Take the buffer back without another attempt to write it, and wipe it.
    let (_, buffer) = out.into_parts();
    drop(buffer.map(Zeroizing::new));
    match written {
        Ok(()) => exit,
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => exit,
        Err(error) => {
            say_line(&format!(
                "scim-preflight {command}: could not write: {error}. Check the disk or the \
                 program that reads the output, and run the command again."
            ));
            ExitCode::from(EXIT_FAILURE)
        }
    }
}

/// Writes one message line to standard error with control characters escaped. Standard error
/// that cannot be written to is ignored: there is nowhere left to report it.
pub(crate) fn say_line(text: &str) {
    let mut err = io::stderr().lock();
    let _ = err
        .write_all(escape_controls(text).as_bytes())
        .and_then(|()| err.write_all(b"\n"));
}

/// Writes `text` of the program's own making to standard error as it is (a countdown that
/// returns to the start of the line with `\r`), ignoring errors like [`say_line`].
#[cfg(feature = "gui")]
pub(crate) fn say_raw(text: &str) {
    let mut err = io::stderr().lock();
    let _ = err.write_all(text.as_bytes()).and_then(|()| err.flush());
}

/// `say!("…", args)`: [`say_line`] with `format!` arguments, in place of `eprintln!`.
macro_rules! say {
    ($($arg:tt)*) => {
        $crate::cli::output::say_line(&format!($($arg)*))
    };
}
pub(crate) use say;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_controls_are_escaped_and_layout_is_kept() {
        assert_eq!(
            escape_controls("a\u{1b}[2Jb\u{9b}31m\u{7f}\r\0\u{7}"),
            "a\\u{1b}[2Jb\\u{9b}31m\\u{7f}\\u{d}\\u{0}\\u{7}"
        );
        assert_eq!(
            escape_controls("x\u{202a}\u{202e}y\u{2066}\u{2069}z"),
            "x\\u{202a}\\u{202e}y\\u{2066}\\u{2069}z"
        );
        assert_eq!(escape_controls("line\n\tnext\n"), "line\n\tnext\n");
    }

    #[test]
    fn the_escaping_writer_escapes_what_passes_through() {
        let mut out = Vec::new();
        let unit = "Sales\u{202e}";
        writeln!(Escaped(&mut out), "unit \u{1b}[31m{unit}").unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "unit \\u{1b}[31mSales\\u{202e}\n"
        );
    }

    #[test]
    fn ordinary_text_is_borrowed_unchanged() {
        for text in [
            "",
            "Åse Øvergård > Sales \\ EMEA",
            "日本語 עברית \u{200b}",
            "a\u{202f}b",
        ] {
            assert!(
                matches!(escape_controls(text), Cow::Borrowed(t) if t == text),
                "{text:?}"
            );
        }
    }

    #[test]
    fn only_the_listed_characters_count_as_controls() {
        let controls: Vec<u32> = (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|c| is_terminal_control(*c))
            .map(u32::from)
            .collect();
        let expected: Vec<u32> = (0x00..=0x08)
            .chain(0x0B..=0x1F)
            .chain(0x7F..=0x9F)
            .chain(0x202A..=0x202E)
            .chain(0x2066..=0x2069)
            .collect();
        assert_eq!(controls, expected);
    }
}
