//! `scim-preflight token`: the secret token on the command line.

use std::io::{self, IsTerminal, Read};
use std::process::ExitCode;
use std::time::Duration;

use clap::Args;
use zeroize::Zeroizing;

use super::EXIT_BAD_INPUT;
use super::input::NOT_UTF8_ADVICE;
use super::output::{print_data, say};
use crate::secret::SecretString;
use crate::secure_copy::{DEFAULT_CLEAR_AFTER_SECS, MAX_CLEAR_AFTER_SECS, MIN_CLEAR_AFTER_SECS};
use crate::token::{self, Field, Severity, TokenReport};

/// The longest API key or API secret accepted, in bytes of UTF-8 without the line ending. Real
/// keys and secrets are tens of characters and a finished token pasted by mistake (which the
/// checks recognise) a few hundred; 4 KiB is room for any of them, while a file piped in by
/// mistake is refused instead of being made into a token.
const MAX_FIELD_BYTES: usize = 4096;

/// How much is read from standard input at a time: more than standard input's own buffer
/// (8 KiB), so that it hands the bytes straight to [`LineReader`].
const CHUNK_BYTES: usize = 16 * 1024;

/// Options of `scim-preflight token`.
#[derive(Debug, Args)]
pub struct TokenArgs {
    /// Copy the token to the clipboard instead of printing it, and clear it again after the
    /// countdown (only if the clipboard still holds the token). Waits for the countdown.
    #[arg(long)]
    pub copy: bool,

    /// Seconds before the copied token is cleared from the clipboard.
    #[arg(
        long,
        value_name = "SECONDS",
        default_value_t = DEFAULT_CLEAR_AFTER_SECS,
        value_parser = clap::value_parser!(u64).range(MIN_CLEAR_AFTER_SECS..=MAX_CLEAR_AFTER_SECS)
    )]
    pub clear_after: u64,
}

/// Runs the command.
pub fn run(args: &TokenArgs) -> ExitCode {
    let (key, secret) = match read_key_and_secret() {
        Ok(Fields::Read { key, secret }) => (key, secret),
        Ok(Fields::Refused(problems)) => {
            for (field, problem) in problems {
                say!("error: {}: {}", field.label(), problem.message());
            }
            say!("No token was made: fix the above and run the command again.");
            return ExitCode::from(EXIT_BAD_INPUT);
        }
        Err(error) => {
            say!(
                "scim-preflight token: could not read the key and secret: {error}. Give them as \
                 the first two lines of standard input, or run the command on a terminal to be \
                 asked for them."
            );
            return ExitCode::from(EXIT_BAD_INPUT);
        }
    };
    let report = token::prepare(key.expose_secret(), secret.expose_secret());
    drop((key, secret));
    report_notices(&report);
    let Some(token) = report.token.as_ref() else {
        say!("No token was made: fix the above and run the command again.");
        return ExitCode::from(EXIT_BAD_INPUT);
    };
    if args.copy {
        copy_and_wait(token, Duration::from_secs(args.clear_after))
    } else {
        print_data("token", ExitCode::SUCCESS, |out| {
            out.write_all(token.expose_secret().as_bytes())?;
            out.write_all(b"\n")
        })
    }
}

/// The key and the secret as read, or why one of them cannot be used.
enum Fields {
    /// Both fields, as typed or piped (not yet cleaned or checked).
    Read {
        /// The API key.
        key: SecretString,
        /// The API secret.
        secret: SecretString,
    },
    /// The fields that could not be read as a key or a secret, with why.
    Refused(Vec<(Field, LineProblem)>),
}

/// Why a line cannot be a key or a secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LineProblem {
    /// Longer than [`MAX_FIELD_BYTES`].
    TooLong {
        /// The line's length in bytes, without its line ending.
        bytes: usize,
    },
    /// Not UTF-8.
    NotUtf8,
}

impl LineProblem {
    /// What is wrong and what to do, without any of the line's content.
    fn message(self) -> String {
        match self {
            LineProblem::TooLong { bytes } => format!(
                "{bytes} bytes long; no key or secret is longer than {MAX_FIELD_BYTES} bytes. \
                 Check that the first line holds only the API key and the second only the API \
                 secret."
            ),
            LineProblem::NotUtf8 => NOT_UTF8_ADVICE.to_owned(),
        }
    }
}

/// Hidden prompts on a terminal; otherwise the first two lines of standard input.
fn read_key_and_secret() -> io::Result<Fields> {
    let (key, secret) = if io::stdin().is_terminal() {
        let key = from_prompt(rpassword::prompt_password("API key (hidden): "))?;
        let secret = from_prompt(rpassword::prompt_password("API secret (hidden): "))?;
        (key, secret)
    } else {
        let mut lines = LineReader::new(io::stdin().lock());
        let key = lines.read_line()?;
        let secret = lines.read_line()?;
        (key, secret)
    };
    Ok(match (key, secret) {
        (Ok(key), Ok(secret)) => Fields::Read { key, secret },
        (key, secret) => Fields::Refused(
            [(Field::Key, key.err()), (Field::Secret, secret.err())]
                .into_iter()
                .filter_map(|(field, problem)| Some((field, problem?)))
                .collect(),
        ),
    })
}

/// A line typed at a hidden prompt, held by a [`SecretString`] from the start.
fn from_prompt(typed: io::Result<String>) -> io::Result<Result<SecretString, LineProblem>> {
    match typed {
        Ok(text) => {
            let text = SecretString::from_string(text);
            Ok(match text.len() {
                bytes if bytes > MAX_FIELD_BYTES => Err(LineProblem::TooLong { bytes }),
                _ => Ok(text),
            })
        }
        Err(error) if error.kind() == io::ErrorKind::InvalidData => Ok(Err(LineProblem::NotUtf8)),
        Err(error) => Err(error),
    }
}

/// Reads lines into wiped buffers. It reads into its own buffer, larger than the one standard
/// input keeps, so that standard input passes the bytes straight through and no copy of the
/// secret is left in memory that is freed without being wiped.
struct LineReader<R> {
    input: R,
    chunk: Zeroizing<Vec<u8>>,
    start: usize,
    end: usize,
}

impl<R: Read> LineReader<R> {
    fn new(input: R) -> Self {
        Self {
            input,
            chunk: Zeroizing::new(vec![0; CHUNK_BYTES]),
            start: 0,
            end: 0,
        }
    }

    /// The next whole line without its line ending (`\n` or `\r\n`); empty at the end of input.
    /// A line longer than [`MAX_FIELD_BYTES`] is read to its end (so that its rest is never
    /// taken as the next line) and refused.
    fn read_line(&mut self) -> io::Result<Result<SecretString, LineProblem>> {
        // Room for the longest field and a `\r`, allocated once so it never moves.
        let mut line = Zeroizing::new(Vec::with_capacity(MAX_FIELD_BYTES + 1));
        let mut bytes = 0usize;
        let mut last = None;
        loop {
            if self.start == self.end {
                let read = loop {
                    match self.input.read(&mut self.chunk) {
                        Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
                        read => break read?,
                    }
                };
                if read == 0 {
                    break;
                }
                (self.start, self.end) = (0, read);
            }
            let available = &self.chunk[self.start..self.end];
            let newline = available.iter().position(|&b| b == b'\n');
            let part = &available[..newline.unwrap_or(available.len())];
            let room = line.capacity() - line.len();
            line.extend_from_slice(&part[..part.len().min(room)]);
            bytes += part.len();
            last = part.last().copied().or(last);
            self.start += part.len() + usize::from(newline.is_some());
            if newline.is_some() {
                break;
            }
        }
        if last == Some(b'\r') {
            bytes -= 1;
            let kept = bytes.min(line.len());
            line.truncate(kept);
        }
        if bytes > MAX_FIELD_BYTES {
            return Ok(Err(LineProblem::TooLong { bytes }));
        }
        Ok(match std::str::from_utf8(&line) {
            Ok(text) => Ok(SecretString::from_str_copy(text)),
            Err(_) => Err(LineProblem::NotUtf8),
        })
    }
}

/// Every notice on standard error, as `API key: message`.
fn report_notices(report: &TokenReport) {
    for field in [&report.key, &report.secret] {
        for notice in &field.notices {
            let label = match notice.severity() {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "note",
            };
            let name = field.field.label();
            say!("{label}: {name}: {}", notice.message(field.field));
        }
    }
}

/// `--copy`: only with the window's clipboard support (the `gui` feature).
#[cfg(feature = "clipboard")]
mod copy {
    use std::io::{self, IsTerminal};
    use std::process::ExitCode;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::time::{Duration, Instant};

    use super::super::EXIT_FAILURE;
    use super::super::output::{say, say_raw};
    use crate::secret::SecretString;
    use crate::secure_copy::{ClearOutcome, SecureCopy};
    use crate::token;

    /// Copies the token, shows the countdown on standard error, clears the clipboard at the end (or
    /// on Ctrl+C) if it still holds the token. The clipboard stays owned by this process meanwhile,
    /// which on Linux is what keeps the token available to paste.
    pub(super) fn copy_and_wait(token: &SecretString, clear_after: Duration) -> ExitCode {
        let mut clipboard = match crate::system_clipboard::SystemClipboard::open() {
            Ok(clipboard) => clipboard,
            Err(error) => {
                say!("scim-preflight token: {error}. Run without --copy to print the token.");
                return ExitCode::from(EXIT_FAILURE);
            }
        };
        let interrupted = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&interrupted);
        // If the handler cannot be set (one is already set), Ctrl+C ends the process as usual; on
        // X11 the token then disappears with the process.
        let _ = ctrlc::set_handler(move || flag.store(true, Ordering::SeqCst));

        let mut copy = SecureCopy::default();
        if let Err(error) = copy.copy(&mut clipboard, token, clear_after, Instant::now()) {
            say!("scim-preflight token: {error}. Run without --copy to print the token.");
            return ExitCode::from(EXIT_FAILURE);
        }
        say!(
            "The token (ending in {}) is on the clipboard. Paste it into Azure's Secret Token field.",
            token::fingerprint(token)
        );
        let on_terminal = io::stderr().is_terminal();
        let mut last_shown = None;
        let outcome = loop {
            if interrupted.load(Ordering::SeqCst) {
                break copy.clear_if_ours(&mut clipboard);
            }
            match copy.tick(&mut clipboard, Instant::now()) {
                ClearOutcome::Pending { remaining } => {
                    let secs = remaining.as_secs_f64().ceil() as u64;
                    if on_terminal && last_shown != Some(secs) {
                        say_raw(&format!(
                            "\rThe clipboard will be cleared in {secs:>3} s (Ctrl+C clears it now). "
                        ));
                        last_shown = Some(secs);
                    }
                    std::thread::sleep(Duration::from_millis(100));
                }
                done => break done,
            }
        };
        if on_terminal {
            say!("");
        }
        say!("{}", outcome.message());
        match outcome {
            ClearOutcome::Failed(_) => ExitCode::from(EXIT_FAILURE),
            _ => ExitCode::SUCCESS,
        }
    }
}

#[cfg(not(feature = "clipboard"))]
mod copy {
    use std::process::ExitCode;
    use std::time::Duration;

    use super::super::EXIT_FAILURE;
    use super::super::output::say;
    use crate::secret::SecretString;

    pub(super) fn copy_and_wait(_token: &SecretString, _clear_after: Duration) -> ExitCode {
        say!(
            "scim-preflight token: this build has no clipboard support (built without the \
             `clipboard` feature). Run without --copy to print the token."
        );
        ExitCode::from(EXIT_FAILURE)
    }
}

use copy::copy_and_wait;

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(input: impl Read) -> Vec<Result<String, LineProblem>> {
        let mut reader = LineReader::new(input);
        (0..4)
            .map(|_| {
                reader
                    .read_line()
                    .unwrap()
                    .map(|line| line.expose_secret().to_owned())
            })
            .collect()
    }

    /// Gives one byte per read, as a slow pipe may.
    struct ByteByByte(io::Cursor<Vec<u8>>);

    impl Read for ByteByByte {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let end = buf.len().min(1);
            self.0.read(&mut buf[..end])
        }
    }

    #[test]
    fn lines_lose_their_endings_but_nothing_else() {
        let input = b"key \r\n\tsecret\nextra\n".to_vec();
        let expected = [Ok("key ".to_owned()), Ok("\tsecret".to_owned())];
        for found in [
            lines(io::Cursor::new(input.clone())),
            lines(ByteByByte(io::Cursor::new(input))),
        ] {
            assert_eq!(found[..2], expected);
            assert_eq!(found[2..], [Ok("extra".to_owned()), Ok(String::new())]);
        }
    }

    #[test]
    fn a_character_split_between_reads_is_whole() {
        let found = lines(ByteByByte(io::Cursor::new(
            "ключ\nпароль€".as_bytes().to_vec(),
        )));
        assert_eq!(
            found[..2],
            [Ok("ключ".to_owned()), Ok("пароль€".to_owned())]
        );
    }

    #[test]
    fn a_too_long_line_is_refused_and_read_to_its_end() {
        let mut input = "k".repeat(MAX_FIELD_BYTES + 1).into_bytes();
        input.extend_from_slice(b"\nsecret\n");
        let found = lines(io::Cursor::new(input));
        let bytes = MAX_FIELD_BYTES + 1;
        assert_eq!(
            found[..2],
            [Err(LineProblem::TooLong { bytes }), Ok("secret".to_owned())]
        );

        // Longer than a read, and split across reads.
        let mut input = "k".repeat(3 * CHUNK_BYTES + 5).into_bytes();
        input.extend_from_slice(b"\r\nsecret");
        let bytes = 3 * CHUNK_BYTES + 5;
        for found in [
            lines(io::Cursor::new(input.clone())),
            lines(ByteByByte(io::Cursor::new(input))),
        ] {
            assert_eq!(
                found[..2],
                [Err(LineProblem::TooLong { bytes }), Ok("secret".to_owned())]
            );
        }
    }

    #[test]
    fn the_limit_counts_bytes_without_the_line_ending() {
        let longest = "s".repeat(MAX_FIELD_BYTES);
        let found = lines(io::Cursor::new(format!("{longest}\r\n{longest}\n")));
        assert_eq!(found[..2], [Ok(longest.clone()), Ok(longest)]);
        // A two-byte character that ends one byte past the limit makes the line too long; it is
        // not taken as broken UTF-8.
        let straddling = format!("{}é\nx\n", "s".repeat(MAX_FIELD_BYTES - 1));
        let found = lines(io::Cursor::new(straddling));
        let bytes = MAX_FIELD_BYTES + 1;
        assert_eq!(
            found[..2],
            [Err(LineProblem::TooLong { bytes }), Ok("x".to_owned())]
        );
    }

    #[test]
    fn bytes_that_are_not_utf8_are_refused() {
        let found = lines(io::Cursor::new(b"p\xe4ssword\nkey\n".to_vec()));
        assert_eq!(
            found[..2],
            [Err(LineProblem::NotUtf8), Ok("key".to_owned())]
        );
        let message = LineProblem::NotUtf8.message();
        assert!(message.contains("Save the file as UTF-8"), "{message}");
    }
}
