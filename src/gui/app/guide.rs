//! What the set-up guide's widgets ask of the app ([`GuideRequest`]): copying a value to paste
//! into Azure or Secure Practice, and remembering a tick.

use super::App;
use crate::gui::setup_guide::GuideRequest;

impl App {
    /// Does what a guide widget asked for during the frame.
    pub(super) fn handle_guide(&mut self, request: GuideRequest) {
        match request {
            GuideRequest::Copy { text, what } => self.copy_plain(&text, what),
            GuideRequest::Tick(step, done) => self.settings.guide.set(step, done),
        }
    }
}
