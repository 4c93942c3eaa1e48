//! Secure Practice's set-up guide in the window, walked like an admin would: step 1's checklist
//! in the guide's order, ticked off step by step (each tick opens the next step), its Copy
//! buttons, the ticks remembered across a restart with nothing secret saved; step 3's personal
//! data list and its one-click removal; step 4's rows to enter in Azure and "Check this user in
//! Azure".

use std::path::{Path, PathBuf};
use std::time::Duration;

use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use scim_preflight::gui::App;
use scim_preflight::gui::setup_guide::{GuideStep, PORTAL_URL};
use scim_preflight::secure_copy::MemoryClipboard;

mod window;
use window::{MemoryStorage, shows};

fn harness(clipboard: &MemoryClipboard, height: f32) -> Harness<'static, App> {
    let clipboard = clipboard.clone();
    Harness::builder()
        .with_size(egui::vec2(1100.0, height))
        .build_eframe(move |cc| App::with_clipboard(cc, Box::new(clipboard)))
}

fn click(h: &mut Harness<'_, App>, label: &str) {
    h.get_by_label(label).click();
    h.run();
}

#[test]
fn the_checklist_is_walked_in_order_its_values_copied_and_its_ticks_remembered() {
    let clipboard = MemoryClipboard::default();
    let mut h = harness(&clipboard, 900.0);
    h.run();
    assert!(shows(&h, "0 of 6 done"));

    // The guide's first step is open at launch, the ones after it closed.
    click(&mut h, "Copy the Secure Practice portal address");
    assert_eq!(clipboard.text().as_deref(), Some(PORTAL_URL));
    assert_eq!(PORTAL_URL, "https://manage.securepractice.co");
    assert!(!clipboard.last_write_was_hinted(), "not a secret");
    assert!(shows(&h, "The Secure Practice portal address copied."));
    assert!(h.query_by_label("Done: I know which app to use").is_none());

    // Each tick closes its step and opens the next one, in the guide's order.
    let walk = [
        (GuideStep::ApiKey, "Done: I have the API key and secret"),
        (GuideStep::ChooseApp, "Done: I know which app to use"),
        (GuideStep::Assign, "Done: the users and groups are assigned"),
        (
            GuideStep::Connect,
            "Done: the connection test passed and is saved",
        ),
        (GuideStep::TurnOn, "Done: provisioning is on"),
        (
            GuideStep::HideApp,
            "Done: hidden, or no second app was needed",
        ),
    ];
    for (n, (step, done)) in walk.into_iter().enumerate() {
        if step == GuideStep::Connect {
            click(&mut h, "Copy tenant URL");
            assert_eq!(
                clipboard.text().as_deref(),
                Some("https://api.securepractice.co/scim/v2/")
            );
        }
        click(&mut h, done);
        assert!(h.state().settings().guide.is_done(step), "{step:?}");
        assert!(shows(&h, &format!("✔ {}", step.title())));
        assert!(shows(&h, &format!("{} of 6 done", n + 1)));
        if let Some((_, next)) = walk.get(n + 1) {
            assert!(
                h.query_by_label(next).is_some(),
                "{next} is open after {done}"
            );
        }
        if step != GuideStep::Connect {
            assert!(
                h.query_by_label(done).is_none(),
                "{step:?} closed once ticked"
            );
        }
    }

    // Quit with a key and a secret typed: what is saved has the ticks and nothing secret.
    click(&mut h, "API key");
    h.get_by_label("API key").type_text("my-api-key");
    h.run();
    click(&mut h, "API secret");
    h.get_by_label("API secret").type_text("my-api-secret");
    h.run();
    let token = scim_preflight::token::encode("my-api-key", "my-api-secret");
    let mut storage = MemoryStorage::default();
    eframe::App::save(h.state_mut(), &mut storage);
    let egui_memory = h
        .ctx
        .memory(|m| ron::to_string(m).expect("memory serializes"));
    let everything = format!(
        "{}\n{egui_memory}",
        storage.0.values().cloned().collect::<Vec<_>>().join("\n")
    );
    assert!(everything.contains("\"turn-on\""), "{everything}");
    for secret in ["my-api-key", "my-api-secret", token.expose_secret()] {
        assert!(!everything.contains(secret), "{secret} was saved");
    }

    // The next run shows them ticked.
    let mut next = harness(&clipboard, 900.0);
    next.state_mut().restore(&storage);
    next.run();
    assert!(shows(&next, "6 of 6 done"));
    assert!(shows(&next, "✔ Turn provisioning on"));
    assert_eq!(next.state().settings().guide.count(&GuideStep::ALL), 6);

    // Settings can untick them all.
    click(&mut next, "⚙  Settings");
    assert!(shows(&next, "6 of 8 steps ticked"));
    click(&mut next, "Untick all");
    assert_eq!(next.state().settings().guide.count(&GuideStep::ALL), 0);
}

fn users_file() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/preview/users.json")
}

/// The window with the fixture users loaded (ten users of Vindel AS), tall enough for step 4.
fn with_users(clipboard: &MemoryClipboard) -> Harness<'static, App> {
    let mut h = harness(clipboard, 3000.0);
    h.state_mut().open_paths([users_file()]);
    settle(&mut h);
    h
}

/// Runs frames until the users are loaded and the preview is made.
fn settle(h: &mut Harness<'_, App>) {
    for _ in 0..2000 {
        h.step();
        let app = h.state();
        let done = app.users().set().is_some()
            && !app.users().is_loading()
            && !app.preview().is_running()
            && app.preview().preview().is_some();
        if done {
            h.run_steps(3);
            return;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    panic!("the background work did not finish");
}

const MOBILE: &str = r#"phoneNumbers[type eq "mobile"].value"#;
const ORGANIZATION: &str =
    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:organization";

#[test]
fn step_3_lists_the_personal_data_sent_and_removes_one_in_one_click() {
    let clipboard = MemoryClipboard::default();
    let mut h = with_users(&clipboard);
    h.get_by_label("3  Mappings").click();
    h.run_steps(3);

    h.get_by_label("Where these are in Azure").click();
    h.run_steps(3);
    assert!(shows(
        &h,
        "Provisioning > Edit attribute mappings > Mappings > Provision Azure Active Directory \
         Users (on newer tenants: Provision Microsoft Entra ID Users)"
    ));

    h.get_by_label_contains("Personal data these mappings send")
        .click();
    h.run_steps(3);
    assert!(shows(&h, "Counted over the 7 users Azure would create."));
    assert!(shows(
        &h,
        "needed: Azure finds users in Secure Practice by it"
    ));
    assert!(shows(&h, MOBILE));
    assert!(shows(&h, " of 7"), "counts are shown");

    h.get_by_label(&format!("Remove the mapping to {MOBILE}"))
        .click();
    h.run_steps(3);
    assert!(
        h.state().mappings().set().get(MOBILE).is_none(),
        "the mapping is gone"
    );
    assert!(shows(&h, &format!("Deleted the mapping to {MOBILE}.")));

    // Step 4 then lists it to delete in Azure, with the hierarchy preset's additions.
    h.get_by_label("4  Preview").click();
    settle(&mut h);
    h.get_by_label_contains("Enter these mappings in Azure (4 rows to change)")
        .click();
    h.run_steps(3);
    assert!(shows(
        &h,
        &format!("Delete the row of {MOBILE} (from mobile)")
    ));
    h.get_by_label(&format!("Copy the source attribute for {ORGANIZATION}"))
        .click();
    h.run_steps(3);
    assert_eq!(clipboard.text().as_deref(), Some("companyName"));
    assert!(shows(&h, "The source attribute copied."));
    h.get_by_label(&format!("Copy the target attribute {ORGANIZATION}"))
        .click();
    h.run_steps(3);
    assert_eq!(clipboard.text().as_deref(), Some(ORGANIZATION));

    h.get_by_label("Done: the mappings are saved in Azure")
        .click();
    h.run_steps(3);
    assert!(h.state().settings().guide.is_done(GuideStep::EnterMappings));
    assert!(
        h.query_by_label("Done: restarted, and one user checked")
            .is_some(),
        "the next step opens"
    );
    assert!(shows(&h, "click Restart provisioning"));
}

#[test]
fn check_this_user_in_azure_gives_the_name_to_search_and_the_values_to_look_for() {
    let clipboard = MemoryClipboard::default();
    let mut h = with_users(&clipboard);
    h.get_by_label("4  Preview").click();
    h.run_steps(3);
    let preview = h.state().preview().preview().unwrap().clone();
    let ingrid = (0..preview.users.len())
        .find(|&u| {
            preview.set.users[u].text(&preview.set.names, "userPrincipalName")
                == Some("ingrid@vindel.example")
        })
        .unwrap();
    h.state_mut().preview_mut().select_user(ingrid);
    h.run_steps(3);
    assert!(shows(&h, "Check this user in Azure"));
    assert!(shows(
        &h,
        "In your enterprise app: Provisioning > Provision on demand."
    ));
    h.get_by_label("Copy this user's principal name").click();
    h.run_steps(3);
    assert_eq!(clipboard.text().as_deref(), Some("ingrid@vindel.example"));
    assert!(shows(&h, "The user's principal name copied."));
    // Azure's names for the targets, with this user's values.
    assert!(
        h.query_by_label(ORGANIZATION).is_none(),
        "the list is closed"
    );
    let divisions = h.query_all_by_label("Corporate").count();
    h.get_by_label_contains("target attributes and values to look for")
        .click();
    h.run_steps(3);
    assert!(h.query_by_label(ORGANIZATION).is_some());
    assert!(
        h.query_by_label("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:division")
            .is_some()
    );
    assert_eq!(
        h.query_all_by_label("Corporate").count(),
        divisions + 1,
        "her division is listed with its target"
    );
}
