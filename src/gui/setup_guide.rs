//! Secure Practice's guide "Synchronize users and groups from Entra ID", in its order, each part
//! where the admin needs it: what comes before and after the token sits beside the token form
//! (step 1); the attribute mappings are steps 3 and 4 (`mappings_guide`); checking one user is
//! in step 4's user view (`preview_step/on_demand.rs`).
//!
//! Every step can be ticked off. The ticks are remembered with the settings ([`Ticks`], a list of
//! step names: nothing secret). Guide widgets anywhere in the window ask the app for what only it
//! can do (copy a value, remember a tick) with [`GuideRequest`]s collected during the frame
//! ([`begin_frame`], [`take_requests`]), so the steps that show them need no plumbing of their own.

use std::collections::BTreeSet;

use eframe::egui::{self, RichText};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Secure Practice's customer portal, where the API key is made.
pub const PORTAL_URL: &str = "https://manage.securepractice.co";

/// One step of the set-up, in the guide's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum GuideStep {
    /// Make an API key in Secure Practice's portal.
    ApiKey,
    /// Pick the enterprise app (the single sign-on one, or a second one for provisioning).
    ChooseApp,
    /// Assign the users and groups to synchronize: the scope.
    Assign,
    /// Get started, Automatic, Admin Credentials, Test Connection, Save.
    Connect,
    /// Provisioning Status On, scope "assigned", Save.
    TurnOn,
    /// A provisioning-only app: not visible, no sign-in.
    HideApp,
    /// Enter the mappings settled in steps 3 and 4 in Azure.
    EnterMappings,
    /// Restart provisioning, then check one user with Provision on demand.
    RestartAndCheck,
}

impl GuideStep {
    /// Every step, in the guide's order.
    pub const ALL: [GuideStep; 8] = [
        GuideStep::ApiKey,
        GuideStep::ChooseApp,
        GuideStep::Assign,
        GuideStep::Connect,
        GuideStep::TurnOn,
        GuideStep::HideApp,
        GuideStep::EnterMappings,
        GuideStep::RestartAndCheck,
    ];

    /// The steps step 1 shows around the token form.
    pub const TOKEN_PAGE: [GuideStep; 6] = [
        GuideStep::ApiKey,
        GuideStep::ChooseApp,
        GuideStep::Assign,
        GuideStep::Connect,
        GuideStep::TurnOn,
        GuideStep::HideApp,
    ];

    /// The steps step 4 shows.
    pub const PREVIEW_PAGE: [GuideStep; 2] = [GuideStep::EnterMappings, GuideStep::RestartAndCheck];

    /// Its name in the settings file.
    fn key(self) -> &'static str {
        match self {
            GuideStep::ApiKey => "api-key",
            GuideStep::ChooseApp => "choose-app",
            GuideStep::Assign => "assign",
            GuideStep::Connect => "connect",
            GuideStep::TurnOn => "turn-on",
            GuideStep::HideApp => "hide-app",
            GuideStep::EnterMappings => "enter-mappings",
            GuideStep::RestartAndCheck => "restart-and-check",
        }
    }

    fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|step| step.key() == key)
    }

    /// Its heading.
    pub fn title(self) -> &'static str {
        match self {
            GuideStep::ApiKey => "Create an API key in Secure Practice",
            GuideStep::ChooseApp => "Choose the enterprise app in Azure",
            GuideStep::Assign => "Assign the users and groups to synchronize",
            GuideStep::Connect => "Connect Azure to Secure Practice",
            GuideStep::TurnOn => "Turn provisioning on",
            GuideStep::HideApp => "Hide a provisioning-only app",
            GuideStep::EnterMappings => "Enter these mappings in Azure",
            GuideStep::RestartAndCheck => "Restart provisioning and check one user",
        }
    }

    /// The text of its tick box.
    pub fn done_label(self) -> &'static str {
        match self {
            GuideStep::ApiKey => "Done: I have the API key and secret",
            GuideStep::ChooseApp => "Done: I know which app to use",
            GuideStep::Assign => "Done: the users and groups are assigned",
            GuideStep::Connect => "Done: the connection test passed and is saved",
            GuideStep::TurnOn => "Done: provisioning is on",
            GuideStep::HideApp => "Done: hidden, or no second app was needed",
            GuideStep::EnterMappings => "Done: the mappings are saved in Azure",
            GuideStep::RestartAndCheck => "Done: restarted, and one user checked",
        }
    }
}

/// The steps ticked off. Saved as their names; a name this version does not know is dropped.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Ticks(BTreeSet<GuideStep>);

impl Ticks {
    /// True when `step` is ticked.
    pub fn is_done(&self, step: GuideStep) -> bool {
        self.0.contains(&step)
    }

    /// Ticks or unticks `step`.
    pub fn set(&mut self, step: GuideStep, done: bool) {
        if done {
            self.0.insert(step);
        } else {
            self.0.remove(&step);
        }
    }

    /// How many of `steps` are ticked.
    pub fn count(&self, steps: &[GuideStep]) -> usize {
        steps.iter().filter(|s| self.is_done(**s)).count()
    }

    /// Unticks everything.
    pub fn clear(&mut self) {
        self.0.clear();
    }
}

impl Serialize for Ticks {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(|step| step.key()))
    }
}

impl<'de> Deserialize<'de> for Ticks {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let keys = Vec::<String>::deserialize(deserializer)?;
        Ok(Ticks(
            keys.iter().filter_map(|k| GuideStep::from_key(k)).collect(),
        ))
    }
}

/// What a guide widget asks the app to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GuideRequest {
    /// Copy this (not secret) text; `what` names it in the status bar.
    Copy {
        /// The exact text.
        text: String,
        /// "The tenant URL", "The expression"…
        what: &'static str,
    },
    /// Tick or untick a step.
    Tick(GuideStep, bool),
}

/// This frame's ticks and requests, in egui's frame-scoped data.
#[derive(Clone, Default)]
struct Frame {
    ticks: Ticks,
    requests: Vec<GuideRequest>,
}

fn frame_id() -> egui::Id {
    egui::Id::unique("scim-preflight-setup-guide")
}

/// Starts a frame: the guide widgets see these ticks.
pub fn begin_frame(ctx: &egui::Context, ticks: &Ticks) {
    ctx.data_mut(|d| {
        d.insert_temp(
            frame_id(),
            Frame {
                ticks: ticks.clone(),
                requests: Vec::new(),
            },
        );
    });
}

/// What the guide widgets asked for during the frame.
pub fn take_requests(ctx: &egui::Context) -> Vec<GuideRequest> {
    ctx.data_mut(|d| {
        d.get_temp_mut_or_default::<Frame>(frame_id())
            .requests
            .drain(..)
            .collect()
    })
}

/// The ticks of this frame.
pub(crate) fn ticks(ctx: &egui::Context) -> Ticks {
    ctx.data(|d| d.get_temp::<Frame>(frame_id()))
        .map(|f| f.ticks)
        .unwrap_or_default()
}

fn request(ctx: &egui::Context, request: GuideRequest) {
    ctx.data_mut(|d| {
        d.get_temp_mut_or_default::<Frame>(frame_id())
            .requests
            .push(request);
    });
}

/// A small "📋 Copy" button that copies `text` (never a secret), named `name` for screen readers.
pub(crate) fn copy_button(
    ui: &mut egui::Ui,
    name: &str,
    text: &str,
    what: &'static str,
) -> egui::Response {
    let response = ui.small_button("📋 Copy").on_hover_text(name);
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, name));
    if response.clicked() {
        request(
            ui.ctx(),
            GuideRequest::Copy {
                text: text.to_owned(),
                what,
            },
        );
    }
    response
}

/// A value to paste, in monospace, with its Copy button.
pub(crate) fn value_to_copy(
    ui: &mut egui::Ui,
    name: &str,
    text: &str,
    what: &'static str,
) -> egui::Response {
    ui.horizontal_wrapped(|ui| {
        ui.add(egui::Label::new(RichText::new(text).monospace()).wrap());
        copy_button(ui, name, text, what)
    })
    .inner
}

/// A numbered line of a step.
pub(crate) fn numbered(ui: &mut egui::Ui, n: usize, text: &str) {
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(format!("{n}.")).strong());
        ui.label(text);
    });
}

/// Steps shown together, in order: after one is ticked, it closes and the next open one opens.
pub(crate) struct Page {
    steps: &'static [GuideStep],
    /// The next step to do is open at first.
    open_next_to_do: bool,
    ticks: Ticks,
    /// Opened this frame because the step before was just ticked.
    open_next: Option<GuideStep>,
}

impl Page {
    /// The page of `steps`, with the ticks of this frame; with `open_next_to_do`, the first
    /// step not ticked yet is open at first.
    pub(crate) fn new(
        ctx: &egui::Context,
        steps: &'static [GuideStep],
        open_next_to_do: bool,
    ) -> Self {
        Self {
            steps,
            open_next_to_do,
            ticks: ticks(ctx),
            open_next: None,
        }
    }

    /// How many of the page's steps are ticked, as "2 of 6 done".
    pub(crate) fn progress(&self) -> String {
        format!(
            "{} of {} done",
            self.ticks.count(self.steps),
            self.steps.len()
        )
    }

    /// The first step of the page not ticked yet.
    fn first_undone(&self) -> Option<GuideStep> {
        self.steps.iter().copied().find(|s| !self.ticks.is_done(*s))
    }

    /// One step: a collapsible section (open at first when `open_at_first`, or when it is the
    /// next to do on a page that opens it) whose body ends with its tick box. `extra` follows the title, in
    /// brackets, when not empty.
    pub(crate) fn section(
        &mut self,
        ui: &mut egui::Ui,
        step: GuideStep,
        open_at_first: bool,
        extra: &str,
        add_body: impl FnOnce(&mut egui::Ui),
    ) {
        let done = self.ticks.is_done(step);
        let mut title = if done {
            format!("✔ {}", step.title())
        } else {
            step.title().to_owned()
        };
        if !extra.is_empty() {
            title.push_str(&format!(" ({extra})"));
        }
        let mut header = egui::CollapsingHeader::new(RichText::new(title).strong())
            .id_salt(("guide", step.key()))
            .default_open(
                open_at_first || (self.open_next_to_do && self.first_undone() == Some(step)),
            );
        if self.open_next == Some(step) {
            header = header.open(Some(true));
            self.open_next = None;
        }
        let mut ticked = None;
        let response = header.show(ui, |ui| {
            add_body(ui);
            ui.add_space(2.0);
            let mut now = done;
            if ui.checkbox(&mut now, step.done_label()).changed() {
                request(ui.ctx(), GuideRequest::Tick(step, now));
                ticked = Some(now);
            }
        });
        if let Some(now) = ticked {
            self.ticks.set(step, now);
            if now {
                // Close it and open the next step still to do.
                let id = response.header_response.id;
                if let Some(mut state) =
                    egui::collapsing_header::CollapsingState::load(ui.ctx(), id)
                {
                    state.set_open(false);
                    state.store(ui.ctx());
                }
                let after = self.steps.iter().skip_while(|s| **s != step).skip(1);
                self.open_next = after.copied().find(|s| !self.ticks.is_done(*s));
            }
        }
    }
}

/// Step 1's checklist: the guide's steps before the token (the key, the app, the scope), the
/// token's own (the connection), and after it (on, hidden). True when "Copy tenant URL" was
/// clicked.
pub(crate) fn token_page_ui(ui: &mut egui::Ui, tenant_url: &str) -> bool {
    let mut copy_tenant_url = false;
    let mut page = Page::new(ui.ctx(), &GuideStep::TOKEN_PAGE, true);
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("Set-up checklist").strong().size(16.0));
        ui.weak(page.progress());
    });
    ui.weak(
        "Secure Practice's guide, in order. Tick each step when it is done: the ticks are \
         remembered on this computer.",
    );
    ui.add_space(6.0);

    page.section(ui, GuideStep::ApiKey, false, "", |ui| {
        ui.label("Open the Secure Practice customer portal:");
        value_to_copy(
            ui,
            "Copy the Secure Practice portal address",
            PORTAL_URL,
            "The Secure Practice portal address",
        );
        numbered(
            ui,
            1,
            "Click Settings (top right), open the SECURITY tab, and under API access click \
             Create API key.",
        );
        numbered(
            ui,
            2,
            "Paste the key and the secret it shows into the two fields of this page.",
        );
        ui.weak(
            "Secure Practice suggests making the key as an admin user kept for this, so the \
             connection does not depend on one person's account.",
        );
    });

    page.section(ui, GuideStep::ChooseApp, false, "", |ui| {
        ui.label(
            "In the Entra admin center, open Enterprise applications and the Secure Practice \
             app you made when you set up single sign-on.",
        );
        ui.label(
            "If Azure will not start provisioning for that app (a permission issue with its \
             service principal), make a second enterprise app only for provisioning: New \
             application > Create your own application > a name such as Secure Practice \
             provisioning > Integrate any other application you don't find in the gallery \
             (Non-gallery) > Create. Users never see it (see the last step here).",
        );
    });

    page.section(ui, GuideStep::Assign, false, "", |ui| {
        numbered(
            ui,
            1,
            "In the app, open Users and groups and click Add user/group.",
        );
        numbered(
            ui,
            2,
            "Pick the users and groups Secure Practice should get, and click Assign.",
        );
        ui.label(
            "This is the scope: only what is assigned here is synchronized. You can change it \
             at any time.",
        );
        ui.weak(
            "The preview (step 4) cannot read these assignments yet: it assumes every enabled \
             user you load in step 2 is assigned. Load an export of the assigned users to match.",
        );
    });

    page.section(ui, GuideStep::Connect, true, "", |ui| {
        numbered(
            ui,
            1,
            "In the app, open Provisioning, click Get started and set Provisioning Mode to \
             Automatic.",
        );
        numbered(ui, 2, "Under Admin Credentials, paste the Tenant URL:");
        ui.horizontal_wrapped(|ui| {
            ui.monospace(tenant_url);
            if ui.button("Copy tenant URL").clicked() {
                copy_tenant_url = true;
            }
        });
        numbered(
            ui,
            3,
            "Copy the token (Copy token, or Enter in the API secret field), click into Secret \
             Token and paste it (Ctrl+V). Paste it soon: the clipboard is cleared after a while.",
        );
        numbered(
            ui,
            4,
            "Click Test Connection: Azure should say the credentials are authorized. Then \
             click Save.",
        );
    });

    page.section(ui, GuideStep::TurnOn, false, "", |ui| {
        ui.label(
            "Changing the mappings (organization, division, phone numbers…)? Do that first: \
             steps 2 to 4 of this app, then Enter these mappings in Azure in step 4. The first \
             cycle sends whatever the mappings are then.",
        );
        numbered(
            ui,
            1,
            "On the Provisioning page, set Provisioning Status to On.",
        );
        numbered(
            ui,
            2,
            "Under Settings, set Scope to Sync only assigned users and groups (the users and \
             groups you assigned).",
        );
        numbered(ui, 3, "Click Save.");
        ui.weak(
            "Azure does not synchronize at once: it runs in cycles, several times a day, and the \
             first one takes longest.",
        );
    });

    page.section(ui, GuideStep::HideApp, false, "", |ui| {
        ui.label("Only if you made a second app for provisioning:");
        numbered(ui, 1, "Open that app's Properties.");
        numbered(
            ui,
            2,
            "Set Enabled for users to sign-in? to No and Visible to users? to No.",
        );
        numbered(ui, 3, "Click Save.");
        ui.weak("Leave the single sign-on app as it is: your users sign in with it.");
    });

    ui.add_space(6.0);
    ui.weak(
        "Then load the users (step 2) and check the mappings (step 3) and what Azure would send \
         (step 4). Step 4 also lists the mappings to enter in Azure and how to check one user.",
    );
    copy_tenant_url
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_saved_as_names_and_unknown_names_are_dropped() {
        let mut ticks = Ticks::default();
        ticks.set(GuideStep::Connect, true);
        ticks.set(GuideStep::ApiKey, true);
        assert_eq!(
            serde_json::to_string(&ticks).unwrap(),
            r#"["api-key","connect"]"#
        );
        let read: Ticks =
            serde_json::from_str(r#"["connect","a-step-from-a-newer-version"]"#).unwrap();
        assert!(read.is_done(GuideStep::Connect));
        assert_eq!(read.count(&GuideStep::ALL), 1);
    }

    #[test]
    fn every_step_has_its_own_name() {
        for step in GuideStep::ALL {
            assert_eq!(GuideStep::from_key(step.key()), Some(step));
        }
        let labels: BTreeSet<&str> = GuideStep::ALL.iter().map(|s| s.done_label()).collect();
        assert_eq!(labels.len(), GuideStep::ALL.len());
    }
}
