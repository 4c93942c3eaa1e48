//! The system clipboard (arboard), with the hints that keep a secret out of clipboard history,
//! clipboard monitors and cloud sync:
//!
//! - Windows: `ExcludeClipboardContentFromMonitorProcessing`, `CanIncludeInClipboardHistory` = 0,
//!   `CanUploadToCloudClipboard` = 0.
//! - macOS: `org.nspasteboard.ConcealedType`.
//! - Linux (X11 and Wayland): `x-kde-passwordManagerHint` = `secret`.
//!
//! On Linux the copying program serves the clipboard itself; the [`SystemClipboard`] must stay
//! alive while the token should be pasteable, which the app and the `token --copy` command do
//! for the whole countdown.

use arboard::Clipboard;
use zeroize::Zeroizing;

use crate::secure_copy::{ClipboardAccess, ClipboardError};

/// The system clipboard.
pub struct SystemClipboard {
    inner: Clipboard,
}

impl std::fmt::Debug for SystemClipboard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SystemClipboard")
    }
}

impl SystemClipboard {
    /// Connects to the system clipboard.
    pub fn open() -> Result<Self, ClipboardError> {
        Clipboard::new()
            .map(|inner| Self { inner })
            .map_err(|e| ClipboardError(e.to_string()))
    }
}

fn err(error: arboard::Error) -> ClipboardError {
    ClipboardError(error.to_string())
}

impl ClipboardAccess for SystemClipboard {
    fn read_text(&mut self) -> Result<Zeroizing<String>, ClipboardError> {
        match self.inner.get_text() {
            Ok(text) => Ok(Zeroizing::new(text)),
            // Empty, or something that is not text (an image, files): not our token.
            Err(arboard::Error::ContentNotAvailable) => Ok(Zeroizing::new(String::new())),
            Err(error) => Err(err(error)),
        }
    }

    fn write_secret(&mut self, text: &str) -> Result<(), ClipboardError> {
        let set = self.inner.set();
        #[cfg(windows)]
        let set = {
            use arboard::SetExtWindows as _;
            set.exclude_from_monitoring()
                .exclude_from_history()
                .exclude_from_cloud()
        };
        #[cfg(target_os = "macos")]
        let set = {
            use arboard::SetExtApple as _;
            set.exclude_from_history()
        };
        #[cfg(all(
            unix,
            not(any(target_os = "macos", target_os = "android", target_os = "emscripten"))
        ))]
        let set = {
            use arboard::SetExtLinux as _;
            set.exclude_from_history()
        };
        set.text(text).map_err(err)
    }

    fn write_plain(&mut self, text: &str) -> Result<(), ClipboardError> {
        self.inner.set_text(text).map_err(err)
    }

    fn clear(&mut self) -> Result<(), ClipboardError> {
        self.inner.clear().map_err(err)
    }
}
