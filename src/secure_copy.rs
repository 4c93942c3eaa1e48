//! Putting a secret on the clipboard the way password managers do (KeePassXC's pattern).
//!
//! - The secret is written with every platform hint that keeps it out of clipboard history and
//!   cloud sync; the [`ClipboardAccess`] implementation decides which hints its platform has.
//! - A countdown runs; when it ends, the clipboard is cleared **only if it still holds our
//!   secret**. If the admin copied something else in the meantime, that is left alone.
//! - While it runs, the clipboard is read at most once every [`CHECK_EVERY`] (reading is costly
//!   on some systems): once it holds something else, the countdown ends and says so
//!   ([`ClearOutcome::Replaced`]), instead of claiming the token is still there.
//! - Quitting clears it the same way ([`SecureCopy::clear_if_ours`]).
//!
//! This module is the policy only, with time passed in, so it is tested without a display. The
//! real clipboard lives in `system_clipboard`; [`MemoryClipboard`] stands in for it in tests.

use std::fmt;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use zeroize::Zeroizing;

use crate::secret::SecretString;

/// Default seconds before a copied token is cleared.
pub const DEFAULT_CLEAR_AFTER_SECS: u64 = 30;
/// Shortest countdown the settings allow, in seconds.
pub const MIN_CLEAR_AFTER_SECS: u64 = 10;
/// Longest countdown the settings allow, in seconds.
pub const MAX_CLEAR_AFTER_SECS: u64 = 300;

/// How often a running countdown looks whether the clipboard still holds the secret.
pub const CHECK_EVERY: Duration = Duration::from_secs(1);

/// Brings a configured number of seconds into the allowed range.
pub fn clamp_clear_after_secs(secs: u64) -> u64 {
    secs.clamp(MIN_CLEAR_AFTER_SECS, MAX_CLEAR_AFTER_SECS)
}

/// Why the clipboard could not be used, in words the admin can act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClipboardError(pub String);

impl fmt::Display for ClipboardError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "The clipboard is not available: {}", self.0)
    }
}

impl std::error::Error for ClipboardError {}

/// What the policy needs from a clipboard.
pub trait ClipboardAccess {
    /// The clipboard's current text; empty when it holds no text.
    fn read_text(&mut self) -> Result<Zeroizing<String>, ClipboardError>;
    /// Writes a secret, with the platform's "keep out of history and cloud sync" hints.
    fn write_secret(&mut self, text: &str) -> Result<(), ClipboardError>;
    /// Writes ordinary text (no hints, no clearing).
    fn write_plain(&mut self, text: &str) -> Result<(), ClipboardError>;
    /// Empties the clipboard.
    fn clear(&mut self) -> Result<(), ClipboardError>;
}

/// What happened when the countdown was checked or a clear was asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClearOutcome {
    /// No secret of ours is pending.
    Idle,
    /// Still counting down.
    Pending {
        /// Time left before the clipboard is cleared.
        remaining: Duration,
    },
    /// The clipboard held our secret and is now empty.
    Cleared,
    /// The clipboard held something else by then, which was left alone.
    LeftAlone,
    /// While counting down: the clipboard holds something else now (the admin copied
    /// something), so the countdown ended with nothing to clear.
    Replaced,
    /// The clipboard could not be read or cleared.
    Failed(ClipboardError),
}

impl ClearOutcome {
    /// One sentence for the status bar.
    pub fn message(&self) -> String {
        match self {
            ClearOutcome::Idle => String::new(),
            ClearOutcome::Pending { remaining } => format!(
                "Token on the clipboard: it will be cleared in {} s.",
                remaining.as_secs() + u64::from(remaining.subsec_nanos() > 0)
            ),
            ClearOutcome::Cleared => "The token was cleared from the clipboard.".to_owned(),
            ClearOutcome::LeftAlone => "The clipboard holds something else now, so it was left \
                 as it is (the token was no longer on it)."
                .to_owned(),
            ClearOutcome::Replaced => "The token is no longer on the clipboard: something else \
                 was copied over it, so there is nothing to clear."
                .to_owned(),
            ClearOutcome::Failed(error) => {
                format!("{error}. Copy something else to overwrite the token.")
            }
        }
    }
}

/// The secret we put on the clipboard, and when to take it off.
struct Pending {
    secret: SecretString,
    deadline: Instant,
    /// When the clipboard was last read to see whether it still holds the secret.
    checked: Instant,
}

/// The countdown-and-clear policy for one secret at a time.
#[derive(Default)]
pub struct SecureCopy {
    pending: Option<Pending>,
}

impl fmt::Debug for SecureCopy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SecureCopy")
            .field("pending", &self.pending.is_some())
            .finish()
    }
}

impl SecureCopy {
    /// Puts `secret` on the clipboard and starts a countdown of `clear_after`.
    /// A secret copied earlier is replaced (and its countdown with it).
    pub fn copy(
        &mut self,
        clipboard: &mut dyn ClipboardAccess,
        secret: &SecretString,
        clear_after: Duration,
        now: Instant,
    ) -> Result<(), ClipboardError> {
        clipboard.write_secret(secret.expose_secret())?;
        self.pending = Some(Pending {
            secret: secret.clone(),
            deadline: now + clear_after,
            checked: now,
        });
        Ok(())
    }

    /// True while a copied secret waits to be cleared.
    pub fn is_pending(&self) -> bool {
        self.pending.is_some()
    }

    /// Time left on the countdown, if one runs.
    pub fn remaining(&self, now: Instant) -> Option<Duration> {
        self.pending
            .as_ref()
            .map(|p| p.deadline.saturating_duration_since(now))
    }

    /// Checks the countdown: clears the clipboard when it has run out (only if it still holds
    /// our secret), otherwise reports the time left. At most once every [`CHECK_EVERY`] it reads
    /// the clipboard: when something else was copied over the secret, the countdown ends
    /// ([`ClearOutcome::Replaced`]). A clipboard that cannot be read keeps the countdown going.
    pub fn tick(&mut self, clipboard: &mut dyn ClipboardAccess, now: Instant) -> ClearOutcome {
        let Some(pending) = self.pending.as_mut() else {
            return ClearOutcome::Idle;
        };
        let remaining = pending.deadline.saturating_duration_since(now);
        if remaining.is_zero() {
            return self.clear_if_ours(clipboard);
        }
        if now.saturating_duration_since(pending.checked) >= CHECK_EVERY {
            pending.checked = now;
            let replaced = clipboard
                .read_text()
                .is_ok_and(|text| text.as_str() != pending.secret.expose_secret());
            if replaced {
                self.pending = None;
                return ClearOutcome::Replaced;
            }
        }
        ClearOutcome::Pending { remaining }
    }

    /// Ends the countdown now: clears the clipboard if it still holds our secret. Used for
    /// "Clear clipboard now", for "Clear", and on quit.
    pub fn clear_if_ours(&mut self, clipboard: &mut dyn ClipboardAccess) -> ClearOutcome {
        let Some(pending) = self.pending.take() else {
            return ClearOutcome::Idle;
        };
        let current = match clipboard.read_text() {
            Ok(text) => text,
            Err(error) => return ClearOutcome::Failed(error),
        };
        if current.as_str() != pending.secret.expose_secret() {
            return ClearOutcome::LeftAlone;
        }
        match clipboard.clear() {
            Ok(()) => ClearOutcome::Cleared,
            Err(error) => ClearOutcome::Failed(error),
        }
    }

    /// Forgets the pending secret without touching the clipboard.
    pub fn forget(&mut self) {
        self.pending = None;
    }
}

/// What a [`MemoryClipboard`] holds.
#[derive(Default)]
struct MemoryState {
    text: Option<String>,
    hinted: bool,
    writes: usize,
}

/// An in-memory clipboard for tests and for running without a display. Clones share one
/// clipboard, so a test can keep a handle while the app owns another.
#[derive(Clone, Default)]
pub struct MemoryClipboard {
    state: Arc<Mutex<MemoryState>>,
}

impl fmt::Debug for MemoryClipboard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("MemoryClipboard")
    }
}

impl MemoryClipboard {
    fn with<T>(&self, f: impl FnOnce(&mut MemoryState) -> T) -> T {
        f(&mut self.state.lock().unwrap_or_else(PoisonError::into_inner))
    }

    /// The text on the clipboard, if any.
    pub fn text(&self) -> Option<String> {
        self.with(|s| s.text.clone())
    }

    /// True when the last write carried the "secret, keep out of history" hints.
    pub fn last_write_was_hinted(&self) -> bool {
        self.with(|s| s.hinted)
    }

    /// How many writes there have been.
    pub fn writes(&self) -> usize {
        self.with(|s| s.writes)
    }

    /// Another program copies `text`.
    pub fn copy_from_elsewhere(&self, text: &str) {
        self.with(|s| {
            s.text = Some(text.to_owned());
            s.hinted = false;
        });
    }
}

impl ClipboardAccess for MemoryClipboard {
    fn read_text(&mut self) -> Result<Zeroizing<String>, ClipboardError> {
        Ok(Zeroizing::new(self.text().unwrap_or_default()))
    }

    fn write_secret(&mut self, text: &str) -> Result<(), ClipboardError> {
        self.with(|s| {
            s.text = Some(text.to_owned());
            s.hinted = true;
            s.writes += 1;
        });
        Ok(())
    }

    fn write_plain(&mut self, text: &str) -> Result<(), ClipboardError> {
        self.with(|s| {
            s.text = Some(text.to_owned());
            s.hinted = false;
            s.writes += 1;
        });
        Ok(())
    }

    fn clear(&mut self) -> Result<(), ClipboardError> {
        self.with(|s| s.text = None);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secret() -> SecretString {
        SecretString::from_str_copy("YWJjOmRlZg==")
    }

    #[test]
    fn counts_down_then_clears_our_token() {
        let mut clipboard = MemoryClipboard::default();
        let mut copy = SecureCopy::default();
        let start = Instant::now();
        copy.copy(&mut clipboard, &secret(), Duration::from_secs(30), start)
            .unwrap();
        assert_eq!(clipboard.text().as_deref(), Some("YWJjOmRlZg=="));
        assert!(clipboard.last_write_was_hinted());

        let outcome = copy.tick(&mut clipboard, start + Duration::from_millis(500));
        assert_eq!(
            outcome,
            ClearOutcome::Pending {
                remaining: Duration::from_millis(29_500)
            }
        );
        assert_eq!(
            outcome.message(),
            "Token on the clipboard: it will be cleared in 30 s."
        );
        assert_eq!(clipboard.text().as_deref(), Some("YWJjOmRlZg=="));

        let outcome = copy.tick(&mut clipboard, start + Duration::from_secs(30));
        assert_eq!(outcome, ClearOutcome::Cleared);
        assert_eq!(clipboard.text(), None);
        assert!(!copy.is_pending());
        assert_eq!(
            copy.tick(&mut clipboard, start + Duration::from_secs(31)),
            ClearOutcome::Idle
        );
    }

    #[test]
    fn leaves_something_else_alone() {
        let mut clipboard = MemoryClipboard::default();
        let mut copy = SecureCopy::default();
        let start = Instant::now();
        copy.copy(&mut clipboard, &secret(), Duration::from_secs(10), start)
            .unwrap();
        clipboard.copy_from_elsewhere("meeting notes");
        let outcome = copy.tick(&mut clipboard, start + Duration::from_secs(11));
        assert_eq!(outcome, ClearOutcome::LeftAlone);
        assert_eq!(clipboard.text().as_deref(), Some("meeting notes"));
    }

    #[test]
    fn copying_something_else_ends_the_countdown_reading_at_most_once_a_second() {
        let mut clipboard = CountingReads::default();
        let mut copy = SecureCopy::default();
        let start = Instant::now();
        copy.copy(&mut clipboard, &secret(), Duration::from_secs(30), start)
            .unwrap();
        clipboard.inner.copy_from_elsewhere("meeting notes");
        // Within the first second: no read, still counting.
        for ms in [0, 16, 500, 999] {
            assert!(matches!(
                copy.tick(&mut clipboard, start + Duration::from_millis(ms)),
                ClearOutcome::Pending { .. }
            ));
        }
        assert_eq!(clipboard.reads, 0);
        let outcome = copy.tick(&mut clipboard, start + Duration::from_secs(1));
        assert_eq!(outcome, ClearOutcome::Replaced);
        assert_eq!(clipboard.reads, 1);
        assert!(!copy.is_pending());
        assert_eq!(clipboard.inner.text().as_deref(), Some("meeting notes"));
        assert_eq!(
            outcome.message(),
            "The token is no longer on the clipboard: something else was copied over it, so \
             there is nothing to clear."
        );
        assert_eq!(
            copy.tick(&mut clipboard, start + Duration::from_secs(2)),
            ClearOutcome::Idle
        );
    }

    #[test]
    fn while_the_token_stays_the_clipboard_is_read_once_a_second() {
        let mut clipboard = CountingReads::default();
        let mut copy = SecureCopy::default();
        let start = Instant::now();
        copy.copy(&mut clipboard, &secret(), Duration::from_secs(10), start)
            .unwrap();
        // Sixty frames a second for five seconds.
        for frame in 0..300 {
            let outcome = copy.tick(
                &mut clipboard,
                start + Duration::from_millis(frame * 1000 / 60),
            );
            assert!(matches!(outcome, ClearOutcome::Pending { .. }));
        }
        assert!(
            (4..=5).contains(&clipboard.reads),
            "{} reads",
            clipboard.reads
        );
    }

    /// A memory clipboard that counts reads.
    #[derive(Default)]
    struct CountingReads {
        inner: MemoryClipboard,
        reads: usize,
    }

    impl ClipboardAccess for CountingReads {
        fn read_text(&mut self) -> Result<Zeroizing<String>, ClipboardError> {
            self.reads += 1;
            self.inner.read_text()
        }
        fn write_secret(&mut self, text: &str) -> Result<(), ClipboardError> {
            self.inner.write_secret(text)
        }
        fn write_plain(&mut self, text: &str) -> Result<(), ClipboardError> {
            self.inner.write_plain(text)
        }
        fn clear(&mut self) -> Result<(), ClipboardError> {
            self.inner.clear()
        }
    }

    #[test]
    fn clear_now_and_on_quit_only_if_ours() {
        let mut clipboard = MemoryClipboard::default();
        let mut copy = SecureCopy::default();
        assert_eq!(copy.clear_if_ours(&mut clipboard), ClearOutcome::Idle);
        copy.copy(
            &mut clipboard,
            &secret(),
            Duration::from_secs(10),
            Instant::now(),
        )
        .unwrap();
        assert_eq!(copy.clear_if_ours(&mut clipboard), ClearOutcome::Cleared);
        assert_eq!(clipboard.text(), None);
    }

    #[test]
    fn a_second_copy_restarts_the_countdown() {
        let mut clipboard = MemoryClipboard::default();
        let mut copy = SecureCopy::default();
        let start = Instant::now();
        copy.copy(&mut clipboard, &secret(), Duration::from_secs(10), start)
            .unwrap();
        copy.copy(
            &mut clipboard,
            &secret(),
            Duration::from_secs(10),
            start + Duration::from_secs(8),
        )
        .unwrap();
        assert!(matches!(
            copy.tick(&mut clipboard, start + Duration::from_secs(12)),
            ClearOutcome::Pending { .. }
        ));
        assert_eq!(clipboard.writes(), 2);
    }

    #[test]
    fn failures_are_reported_not_panicked() {
        struct Broken;
        impl ClipboardAccess for Broken {
            fn read_text(&mut self) -> Result<Zeroizing<String>, ClipboardError> {
                Err(ClipboardError("no display".into()))
            }
            fn write_secret(&mut self, _: &str) -> Result<(), ClipboardError> {
                Ok(())
            }
            fn write_plain(&mut self, _: &str) -> Result<(), ClipboardError> {
                Ok(())
            }
            fn clear(&mut self) -> Result<(), ClipboardError> {
                Ok(())
            }
        }
        let mut copy = SecureCopy::default();
        copy.copy(&mut Broken, &secret(), Duration::ZERO, Instant::now())
            .unwrap();
        let outcome = copy.tick(&mut Broken, Instant::now());
        assert!(matches!(outcome, ClearOutcome::Failed(_)));
        assert!(outcome.message().contains("no display"));
    }

    #[test]
    fn timeout_setting_is_clamped() {
        assert_eq!(clamp_clear_after_secs(0), 10);
        assert_eq!(clamp_clear_after_secs(45), 45);
        assert_eq!(clamp_clear_after_secs(10_000), 300);
    }
}
