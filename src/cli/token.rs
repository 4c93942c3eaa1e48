//! `scim-preflight token`: the secret token on the command line.

use std::io::{self, BufRead, IsTerminal, Read, Write};
use std::process::ExitCode;
use std::time::Duration;

use clap::Args;
use zeroize::Zeroizing;

use super::{EXIT_BAD_INPUT, EXIT_FAILURE};
use crate::secret::SecretString;
use crate::secure_copy::{DEFAULT_CLEAR_AFTER_SECS, MAX_CLEAR_AFTER_SECS, MIN_CLEAR_AFTER_SECS};
use crate::token::{self, Severity, TokenReport};

/// A line longer than this is not a key or a secret.
const MAX_LINE_BYTES: u64 = 64 * 1024;

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
        Ok(pair) => pair,
        Err(error) => {
            eprintln!("scim-preflight token: could not read the key and secret: {error}");
            return ExitCode::from(EXIT_FAILURE);
        }
    };
    let report = token::prepare(key.expose_secret(), secret.expose_secret());
    drop((key, secret));
    report_notices(&report);
    let Some(token) = report.token.as_ref() else {
        eprintln!("No token was made: fix the above and run the command again.");
        return ExitCode::from(EXIT_BAD_INPUT);
    };
    if args.copy {
        copy_and_wait(token, Duration::from_secs(args.clear_after))
    } else {
        let mut out = io::stdout().lock();
        let written = out
            .write_all(token.expose_secret().as_bytes())
            .and_then(|()| out.write_all(b"\n"))
            .and_then(|()| out.flush());
        match written {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                eprintln!("scim-preflight token: could not write the token: {error}");
                ExitCode::from(EXIT_FAILURE)
            }
        }
    }
}

/// Hidden prompts on a terminal; otherwise the first two lines of standard input.
fn read_key_and_secret() -> io::Result<(SecretString, SecretString)> {
    if io::stdin().is_terminal() {
        let key = SecretString::from_string(rpassword::prompt_password("API key (hidden): ")?);
        let secret =
            SecretString::from_string(rpassword::prompt_password("API secret (hidden): ")?);
        return Ok((key, secret));
    }
    let mut stdin = io::stdin().lock();
    let key = read_line(&mut stdin)?;
    let secret = read_line(&mut stdin)?;
    Ok((key, secret))
}

/// One line without its line ending (`\n` or `\r\n`); empty at the end of input.
fn read_line(input: &mut impl BufRead) -> io::Result<SecretString> {
    let mut line = Zeroizing::new(String::with_capacity(256));
    input.take(MAX_LINE_BYTES).read_line(&mut line)?;
    let text = line.strip_suffix('\n').unwrap_or(&line);
    let text = text.strip_suffix('\r').unwrap_or(text);
    Ok(SecretString::from_str_copy(text))
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
            eprintln!("{label}: {name}: {}", notice.message(field.field));
        }
    }
}

/// `--copy`: only with the window's clipboard support (the `gui` feature).
#[cfg(feature = "gui")]
mod copy {
    use std::io::{self, IsTerminal};
    use std::process::ExitCode;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::time::{Duration, Instant};

    use super::super::EXIT_FAILURE;
    use crate::secret::SecretString;
    use crate::secure_copy::{ClearOutcome, SecureCopy};
    use crate::token;

    /// Copies the token, shows the countdown on standard error, clears the clipboard at the end (or
    /// on Ctrl+C) if it still holds the token. The clipboard stays owned by this process meanwhile,
    /// which on Linux is what keeps the token available to paste.
    pub(super) fn copy_and_wait(token: &SecretString, clear_after: Duration) -> ExitCode {
        let mut clipboard = match crate::gui::system_clipboard::SystemClipboard::open() {
            Ok(clipboard) => clipboard,
            Err(error) => {
                eprintln!("scim-preflight token: {error}. Run without --copy to print the token.");
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
            eprintln!("scim-preflight token: {error}. Run without --copy to print the token.");
            return ExitCode::from(EXIT_FAILURE);
        }
        eprintln!(
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
                        eprint!(
                            "\rThe clipboard will be cleared in {secs:>3} s (Ctrl+C clears it now). "
                        );
                        last_shown = Some(secs);
                    }
                    std::thread::sleep(Duration::from_millis(100));
                }
                done => break done,
            }
        };
        if on_terminal {
            eprintln!();
        }
        eprintln!("{}", outcome.message());
        match outcome {
            ClearOutcome::Failed(_) => ExitCode::from(EXIT_FAILURE),
            _ => ExitCode::SUCCESS,
        }
    }
}

#[cfg(not(feature = "gui"))]
mod copy {
    use std::process::ExitCode;
    use std::time::Duration;

    use super::super::EXIT_FAILURE;
    use crate::secret::SecretString;

    pub(super) fn copy_and_wait(_token: &SecretString, _clear_after: Duration) -> ExitCode {
        eprintln!(
            "scim-preflight token: this build has no clipboard support (built without the \
             `gui` feature). Run without --copy to print the token."
        );
        ExitCode::from(EXIT_FAILURE)
    }
}

use copy::copy_and_wait;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_lose_their_endings_but_nothing_else() {
        let mut input = io::Cursor::new(b"key \r\n\tsecret\nextra\n".to_vec());
        assert_eq!(read_line(&mut input).unwrap().expose_secret(), "key ");
        assert_eq!(read_line(&mut input).unwrap().expose_secret(), "\tsecret");
        assert_eq!(read_line(&mut input).unwrap().expose_secret(), "extra");
        assert_eq!(read_line(&mut input).unwrap().expose_secret(), "");
    }
}
