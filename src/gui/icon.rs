//! The app icon for the window (the pixels come from [`crate::icon`]).

use eframe::egui::IconData;

/// The icon as egui wants it.
pub fn icon_data() -> IconData {
    let side = crate::icon::DESIGN;
    IconData {
        rgba: crate::icon::rgba(side),
        width: side,
        height: side,
    }
}
