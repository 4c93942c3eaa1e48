//! The colours of the light and the dark theme: egui's own, changed where they fall short of
//! WCAG 2.2's contrast minimums. Every field, button and checkbox border stands out 3:1 or more
//! from the panel or dialog it sits on (non-text contrast), and text, hints, warnings and links
//! 4.5:1 or more from the field, panel or button behind them (tests/gui_look.rs checks each pair).

use eframe::egui::{self, Color32, Stroke, Theme, Visuals};

/// Gives the window both themes; the Settings choice (or the system's) picks which one shows.
pub fn install(ctx: &egui::Context) {
    ctx.set_visuals_of(Theme::Light, light());
    ctx.set_visuals_of(Theme::Dark, dark());
}

/// The light theme: white fields on a light grey window, each with a mid-grey border (egui's
/// own light theme has white fields on near-white without one).
fn light() -> Visuals {
    let mut visuals = Visuals::light();
    let surface = Color32::from_gray(240);
    visuals.panel_fill = surface;
    visuals.window_fill = surface;
    visuals.window_stroke = Stroke::new(1.0, Color32::from_gray(160));
    visuals.extreme_bg_color = Color32::WHITE;
    visuals.warn_fg_color = Color32::from_rgb(166, 66, 0);
    visuals.error_fg_color = Color32::from_rgb(200, 0, 0);
    visuals.hyperlink_color = Color32::from_rgb(0, 90, 180);
    visuals.weak_text_color = Some(Color32::from_gray(100));

    let widgets = &mut visuals.widgets;
    widgets.noninteractive.bg_fill = surface;
    widgets.noninteractive.weak_bg_fill = surface;
    // Separators and group frames: visible, but quieter than the borders of what can be clicked.
    widgets.noninteractive.bg_stroke = Stroke::new(1.0, Color32::from_gray(175));
    widgets.noninteractive.fg_stroke = Stroke::new(1.0, Color32::from_gray(50));
    widgets.inactive.bg_stroke = Stroke::new(1.0, Color32::from_gray(128));
    widgets.open.bg_stroke = Stroke::new(1.0, Color32::from_gray(105));
    visuals
}

/// The dark theme: egui's own, with borders on fields and buttons and brighter text (egui's
/// hint text is 2.7:1 on its panels).
fn dark() -> Visuals {
    let mut visuals = Visuals::dark();
    visuals.error_fg_color = Color32::from_rgb(255, 90, 90);
    visuals.weak_text_color = Some(Color32::from_gray(140));

    let widgets = &mut visuals.widgets;
    widgets.noninteractive.fg_stroke = Stroke::new(1.0, Color32::from_gray(185));
    widgets.inactive.bg_stroke = Stroke::new(1.0, Color32::from_gray(115));
    widgets.open.bg_stroke = Stroke::new(1.0, Color32::from_gray(150));
    visuals
}
