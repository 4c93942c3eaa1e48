//! Scrolling: each step's page opens at its top, and a scroll of the page stays with the page.
//! Lists inside a page (the users table, the organization tree, a unit's users) scroll too;
//! like a browser, the wheel stays with whatever it started scrolling: while the page is being
//! scrolled, a list the pointer passes over does not take the wheel. After a short pause, the
//! wheel over a list scrolls the list.

use eframe::egui;

/// How long after the page last moved a list leaves the wheel to the page.
const LATCH_SECS: f64 = 0.5;

fn moved_at_id() -> egui::Id {
    egui::Id::unique("page_scrolled_at")
}

/// The step's page, scrolled to its top when `opened` (the step was just switched to).
pub fn page(ui: &mut egui::Ui, opened: bool, add_contents: impl FnOnce(&mut egui::Ui)) {
    let mut area = egui::ScrollArea::vertical()
        .id_salt("page")
        .auto_shrink(false);
    if opened {
        area = area.vertical_scroll_offset(0.0);
    }
    let before = egui::scroll_area::State::load(ui.ctx(), ui.make_persistent_id("page"))
        .map(|s| s.clamped_offset().y);
    let output = area.show(ui, add_contents);
    let moved = before.is_some_and(|y| (y - output.state.clamped_offset().y).abs() > 0.5);
    if moved && !opened {
        let now = ui.input(|i| i.time);
        ui.ctx().data_mut(|d| d.insert_temp(moved_at_id(), now));
    }
}

/// `area` (a list inside the page), leaving the mouse wheel to the page while it is being
/// scrolled.
pub fn inner(ui: &egui::Ui, area: egui::ScrollArea) -> egui::ScrollArea {
    let now = ui.input(|i| i.time);
    let moved_at: Option<f64> = ui.ctx().data(|d| d.get_temp(moved_at_id()));
    match moved_at {
        Some(at) if now - at < LATCH_SECS => {
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_secs_f64(LATCH_SECS));
            area.scroll_source(egui::scroll_area::ScrollSource {
                mouse_wheel: false,
                ..Default::default()
            })
        }
        _ => area,
    }
}
