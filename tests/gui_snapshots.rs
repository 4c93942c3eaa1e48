//! Snapshot tests: each screen with the sample data, rendered by wgpu (software rendering:
//! Mesa's lavapipe on Linux) and compared with the images in `tests/snapshots/`. A change in
//! how a screen looks fails here until the new image is looked at and accepted
//! (`UPDATE_SNAPSHOTS=1 cargo test --test gui_snapshots`, then review the PNGs in git).

use std::time::Duration;

use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use scim_preflight::gui::App;
use scim_preflight::secure_copy::MemoryClipboard;

/// The window, 1100 × 900 like the real one.
fn harness() -> Harness<'static, App> {
    let h = Harness::builder()
        .with_size(egui::vec2(1100.0, 900.0))
        .wgpu()
        .build_eframe(|cc| App::with_clipboard(cc, Box::new(MemoryClipboard::default())));
    // The sample data has CJK names; no system fonts here (see gui_users.rs).
    h.ctx
        .set_missing_glyph_policy(egui::MissingGlyphPolicy::Tofu);
    h
}

/// Runs frames until `done` holds and nothing animates any more.
fn settle(h: &mut Harness<'_, App>, done: impl Fn(&App) -> bool) {
    for _ in 0..2000 {
        h.step();
        if done(h.state()) {
            h.run_steps(30);
            return;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    panic!("the background work did not finish");
}

fn idle(app: &App) -> bool {
    !app.users().is_loading() && !app.preview().is_running()
}

#[test]
fn every_screen_with_the_sample_data() {
    let mut h = harness();
    h.run();
    h.snapshot("step1-token");

    h.get_by_label("2  Users").click();
    h.run();
    h.get_by_label("Try with sample data").click();
    settle(&mut h, |app| idle(app) && app.users().set().is_some());
    h.snapshot("step2-users");

    h.get_by_label("3  Mappings").click();
    settle(&mut h, idle);
    h.snapshot("step3-mappings");

    h.get_by_label("Edit the mapping to name.formatted").click();
    settle(&mut h, idle);
    // The live result over all users comes from a thread: wait for its line.
    for _ in 0..400 {
        h.step();
        if h.query_all_by_label_contains("All 500 users")
            .next()
            .is_some()
        {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    h.run_steps(30);
    h.snapshot("step3-edit");
    h.key_press(egui::Key::Escape);
    h.run_steps(30);

    h.get_by_label("4  Preview").click();
    settle(&mut h, |app| idle(app) && app.preview().preview().is_some());
    h.snapshot("step4-preview");

    // The first user of the first organization, as "Show" on a problem would select it.
    let tree = &h.state().preview().preview().unwrap().hierarchy;
    let first_user = scim_preflight::preview::hierarchy::users_under(&tree[0])[0];
    h.state_mut().preview_mut().select_user(first_user);
    h.run_steps(30);
    h.snapshot("step4-user");
}
