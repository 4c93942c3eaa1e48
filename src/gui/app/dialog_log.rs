//! Tells a file dialog that could not be shown from one the admin cancelled. rfd answers both
//! with "no file"; it says why only in its log (no file-chooser portal, then no `zenity` to fall
//! back to). This logger keeps rfd's errors, so the app can say so and ask for a typed path.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// rfd's errors so far: how many, and the last one's text.
static FAILURES: AtomicUsize = AtomicUsize::new(0);
static LAST: Mutex<String> = Mutex::new(String::new());

struct DialogLog;

impl log::Log for DialogLog {
    fn enabled(&self, metadata: &log::Metadata<'_>) -> bool {
        metadata.level() <= log::Level::Error && metadata.target().starts_with("rfd")
    }

    fn log(&self, record: &log::Record<'_>) {
        if self.enabled(record.metadata()) {
            if let Ok(mut last) = LAST.lock() {
                *last = record.args().to_string();
            }
            FAILURES.fetch_add(1, Ordering::SeqCst);
        }
    }

    fn flush(&self) {}
}

static LOGGER: DialogLog = DialogLog;

/// Starts listening to rfd's log (unless another logger is installed: then failures read as
/// cancels, as before).
pub fn listen() {
    if log::set_logger(&LOGGER).is_ok() {
        log::set_max_level(log::LevelFilter::Error);
    }
}

/// How many failures there were so far: pass it to [`failure_since`] after the dialog.
pub fn failures() -> usize {
    FAILURES.load(Ordering::SeqCst)
}

/// Why the dialog could not be shown, if rfd reported a failure after `before` was read.
pub fn failure_since(before: usize) -> Option<String> {
    (failures() > before).then(|| {
        let last = LAST.lock().map(|l| l.clone()).unwrap_or_default();
        reason(&last)
    })
}

/// The admin's words for rfd's message.
fn reason(message: &str) -> String {
    if message.contains("zenity") {
        "the desktop has no file-chooser portal, and zenity is not installed".to_owned()
    } else if message.is_empty() {
        "the desktop did not answer".to_owned()
    } else {
        format!("the desktop said: {message}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_rfd_error_is_a_failure_and_other_logs_are_not() {
        listen();
        let before = failures();
        log::warn!(target: "rfd::backend", "Using zenity fallback");
        log::error!(target: "eframe", "something else");
        assert_eq!(failure_since(before), None);
        log::error!(target: "rfd::backend::xdg_desktop_portal", "Failed to pick file with zenity: No such file or directory (os error 2)");
        let why = failure_since(before).expect("reported");
        assert!(why.contains("zenity is not installed"), "{why}");
    }
}
