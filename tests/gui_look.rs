//! The window's colours in both themes, as the app installs them: every field and button border
//! stands out 3:1 or more from the panel or dialog it sits on (WCAG 2.2, 1.4.11 non-text
//! contrast), and text 4.5:1 or more from what is behind it (1.4.3). Two screens in the light
//! theme are snapshots (the dark ones are in gui_snapshots.rs).
//!
//! The pairs follow how egui 0.37 paints (`egui::theme::DefaultStyle`): a text field is filled
//! with `text_edit_bg_color()` and outlined with its state's `bg_stroke` (the selection stroke
//! while focused), its text is `inactive.fg_stroke` and its hint `weak_text_color()`; a button is
//! filled with its state's `weak_bg_fill`, outlined with its `bg_stroke` and written in its
//! `fg_stroke`; a selected one is `selection.stroke` on `selection.bg_fill`, as is the text of a
//! progress bar, over the bar or over `extreme_bg_color`.

use eframe::egui::{self, Color32, Theme, Visuals};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use scim_preflight::gui::App;
use scim_preflight::gui::settings::ThemeChoice;
use scim_preflight::secure_copy::MemoryClipboard;

fn harness() -> Harness<'static, App> {
    Harness::builder()
        .with_size(egui::vec2(1100.0, 760.0))
        .build_eframe(|cc| App::with_clipboard(cc, Box::new(MemoryClipboard::default())))
}

/// WCAG's relative luminance of an opaque sRGB colour.
fn luminance(color: Color32) -> f64 {
    let linear = |channel: u8| {
        let c = f64::from(channel) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * linear(color.r()) + 0.7152 * linear(color.g()) + 0.0722 * linear(color.b())
}

/// WCAG's contrast ratio of `fg` drawn over the opaque `bg` (1 to 21).
fn contrast(fg: Color32, bg: Color32) -> f64 {
    // A translucent colour is seen blended over what is behind it (Color32 is premultiplied).
    let seen = Color32::from_rgb(
        blend(fg.r(), fg.a(), bg.r()),
        blend(fg.g(), fg.a(), bg.g()),
        blend(fg.b(), fg.a(), bg.b()),
    );
    let (a, b) = (luminance(seen), luminance(bg));
    (a.max(b) + 0.05) / (a.min(b) + 0.05)
}

fn blend(premultiplied: u8, alpha: u8, behind: u8) -> u8 {
    let behind = u16::from(behind) * u16::from(255 - alpha) / 255;
    u8::try_from(u16::from(premultiplied) + behind).unwrap_or(u8::MAX)
}

#[test]
fn the_contrast_ratio_is_wcags() {
    assert!((contrast(Color32::BLACK, Color32::WHITE) - 21.0).abs() < 1e-9);
    assert!((contrast(Color32::WHITE, Color32::BLACK) - 21.0).abs() < 1e-9);
    assert!((contrast(Color32::RED, Color32::RED) - 1.0).abs() < 1e-9);
    // #767676 is the lightest grey that passes 4.5:1 on white; #777777 fails.
    assert!(contrast(Color32::from_gray(0x76), Color32::WHITE) >= 4.5);
    assert!(contrast(Color32::from_gray(0x77), Color32::WHITE) < 4.5);
    // Half-transparent black over white is seen as mid grey.
    let half_black = Color32::from_black_alpha(128);
    let seen = contrast(half_black, Color32::WHITE);
    let grey = contrast(Color32::from_gray(127), Color32::WHITE);
    assert!((seen - grey).abs() < 0.05, "{seen} vs {grey}");
}

/// Every pair of `visuals` below its minimum, named.
fn shortfalls(visuals: &Visuals) -> Vec<String> {
    let widgets = &visuals.widgets;
    let field = visuals.text_edit_bg_color();
    let surfaces = [
        ("the panel", visuals.panel_fill),
        ("a dialog", visuals.window_fill),
    ];
    let mut checks: Vec<(String, Color32, Color32, f64)> = Vec::new();
    let states = [
        ("inactive", &widgets.inactive),
        ("hovered", &widgets.hovered),
        ("pressed", &widgets.active),
        ("open", &widgets.open),
    ];
    for (surface, behind) in surfaces {
        for (state, widget) in states {
            checks.push((
                format!("{state} field and button border on {surface}"),
                widget.bg_stroke.color,
                behind,
                3.0,
            ));
        }
        let focused = visuals.selection.stroke.color;
        checks.push((
            format!("focused field border on {surface}"),
            focused,
            behind,
            3.0,
        ));
        let text = [
            ("text", visuals.text_color()),
            ("weak text", visuals.weak_text_color()),
            ("warning text", visuals.warn_fg_color),
            ("error text", visuals.error_fg_color),
            ("link", visuals.hyperlink_color),
        ];
        for (what, color) in text {
            checks.push((format!("{what} on {surface}"), color, behind, 4.5));
        }
    }
    let in_field = [
        ("typed text", widgets.inactive.fg_stroke.color),
        ("hint text", visuals.weak_text_color()),
        ("text", visuals.text_color()),
        ("warning text", visuals.warn_fg_color),
        ("error text", visuals.error_fg_color),
    ];
    for (what, color) in in_field {
        checks.push((format!("{what} in a field"), color, field, 4.5));
    }
    for (state, widget) in states {
        checks.push((
            format!("{state} button text"),
            widget.fg_stroke.color,
            widget.weak_bg_fill,
            4.5,
        ));
    }
    let selection = visuals.selection;
    checks.push((
        "selected button and progress bar text".to_owned(),
        selection.stroke.color,
        selection.bg_fill,
        4.5,
    ));
    checks.push((
        "progress bar text beside the bar".to_owned(),
        selection.stroke.color,
        visuals.extreme_bg_color,
        4.5,
    ));

    let mut short: Vec<String> = checks
        .into_iter()
        .filter_map(|(what, fg, bg, minimum)| {
            let ratio = contrast(fg, bg);
            (ratio < minimum).then(|| format!("{what}: {ratio:.2}:1, needs {minimum}:1"))
        })
        .collect();
    for (state, widget) in states {
        if widget.bg_stroke.width < 1.0 {
            short.push(format!("{state} field and button border is not drawn"));
        }
    }
    if contrast(field, visuals.panel_fill) < 1.1 {
        short.push("a field's fill looks the same as the panel's".to_owned());
    }
    short
}

#[test]
fn fields_buttons_and_text_stand_out_in_both_themes() {
    let h = harness();
    for theme in [Theme::Light, Theme::Dark] {
        let visuals = h.ctx.style_of(theme).visuals.clone();
        assert_eq!(visuals.dark_mode, theme == Theme::Dark);
        let short = shortfalls(&visuals);
        assert!(short.is_empty(), "{theme:?} theme:\n{}", short.join("\n"));
    }
}

#[test]
fn egui_s_own_themes_fall_short() {
    // What this file guards against: egui's light theme has borderless white fields on
    // near-white, and both themes have borderless buttons.
    for visuals in [Visuals::light(), Visuals::dark()] {
        let short = shortfalls(&visuals);
        assert!(
            short
                .iter()
                .any(|s| s.starts_with("inactive field and button border")),
            "{short:?}"
        );
    }
}

#[test]
fn the_settings_choice_shows_that_theme() {
    let mut h = harness();
    for (choice, theme) in [
        (ThemeChoice::Light, Theme::Light),
        (ThemeChoice::Dark, Theme::Dark),
    ] {
        h.state_mut().settings_mut().theme = choice;
        h.run();
        assert_eq!(h.ctx.theme(), theme);
        let shown = h.ctx.global_style().visuals.clone();
        assert_eq!(shown, h.ctx.style_of(theme).visuals);
        assert!(shortfalls(&shown).is_empty(), "{choice:?}");
    }
}

#[test]
fn light_theme_screens() {
    // The light theme's fields, buttons, radio buttons and slider, rendered like
    // tests/gui_snapshots.rs renders the dark one.
    let mut h = Harness::builder()
        .with_size(egui::vec2(1100.0, 900.0))
        .wgpu()
        .build_eframe(|cc| App::with_clipboard(cc, Box::new(MemoryClipboard::default())));
    h.state_mut().settings_mut().theme = ThemeChoice::Light;
    h.run();
    h.snapshot("step1-token-light");
    h.get_by_label("⚙  Settings").click();
    h.run();
    h.snapshot("settings-light");
}
