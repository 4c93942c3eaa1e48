//! The window's clipboard: plain copies, and the countdown that clears the token only if the
//! clipboard still holds it (the policy is `secure_copy`, in the core).

use std::time::{Duration, Instant};

use eframe::egui;

use super::{App, ClipboardOpener};
use crate::gui::status::{Status, Tone};
use crate::secure_copy::{ClearOutcome, ClipboardAccess, ClipboardError};

impl App {
    /// Copies plain (not secret) text.
    pub(super) fn copy_plain(&mut self, text: &str, what: &str) {
        let result = open_clipboard(&mut self.clipboard, &mut self.open_clipboard)
            .and_then(|c| c.write_plain(text));
        self.status = match result {
            Ok(()) => Status {
                text: format!("{what} copied."),
                tone: Tone::Success,
            },
            Err(error) => Status {
                text: error.to_string(),
                tone: Tone::Warning,
            },
        };
    }

    pub(super) fn clear_clipboard_if_ours(&mut self) {
        if !self.secure_copy.is_pending() {
            return;
        }
        let outcome = match self.clipboard.as_mut() {
            Some(clipboard) => self.secure_copy.clear_if_ours(clipboard.as_mut()),
            None => {
                self.secure_copy.forget();
                ClearOutcome::Idle
            }
        };
        self.show_outcome(outcome);
    }

    pub(super) fn show_outcome(&mut self, outcome: ClearOutcome) {
        let tone = match outcome {
            ClearOutcome::Idle | ClearOutcome::Pending { .. } => return,
            ClearOutcome::Cleared | ClearOutcome::LeftAlone | ClearOutcome::Replaced => Tone::Info,
            ClearOutcome::Failed(_) => Tone::Warning,
        };
        self.status = Status {
            text: outcome.message(),
            tone,
        };
    }

    /// Runs the clipboard countdown; returns the line to show while it runs.
    pub(super) fn tick_clipboard(&mut self, ctx: &egui::Context) -> Option<String> {
        let clipboard = self.clipboard.as_mut()?;
        let outcome = self.secure_copy.tick(clipboard.as_mut(), Instant::now());
        match outcome {
            ClearOutcome::Pending { remaining } => {
                // Repaint when the shown second changes.
                let until_next_second = Duration::from_nanos(u64::from(remaining.subsec_nanos()));
                ctx.request_repaint_after(until_next_second.max(Duration::from_millis(50)));
                Some(outcome.message())
            }
            other => {
                self.show_outcome(other);
                None
            }
        }
    }
}

/// The clipboard, opened on first use.
pub(super) fn open_clipboard<'a>(
    slot: &'a mut Option<Box<dyn ClipboardAccess>>,
    opener: &mut ClipboardOpener,
) -> Result<&'a mut dyn ClipboardAccess, ClipboardError> {
    if slot.is_none() {
        *slot = Some(opener()?);
    }
    match slot {
        Some(clipboard) => Ok(clipboard.as_mut()),
        None => Err(ClipboardError("could not be opened".into())),
    }
}
