//! Step 1: the secret token. The admin types or pastes the API key and secret; the token, its
//! fingerprint and every notice about the input update as they type; "Copy token" puts it on the
//! clipboard for a limited time. Beside it: what to do with it in Azure.

use eframe::egui::{self, RichText};

use super::secret_field;
use crate::secret::SecretString;
use crate::token::{self, CheckedField, Notice, Severity, TokenReport};

/// What the admin asked for that the app (which owns the clipboard) must do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Copy this token with the secret-clipboard rules.
    CopyToken(SecretString),
    /// Copy the tenant URL as plain text.
    CopyTenantUrl,
    /// Clear the clipboard now if it still holds the token.
    ClearClipboardNow,
    /// Everything was wiped; also take the token off the clipboard.
    ClearedAll,
}

/// The state of step 1. Nothing here is ever persisted.
pub struct TokenStep {
    key: SecretString,
    secret: SecretString,
    show_secret: bool,
    show_token: bool,
    /// The admin chose to use a finished token they pasted, as is.
    use_pasted: bool,
    report: TokenReport,
}

impl Default for TokenStep {
    fn default() -> Self {
        Self {
            key: SecretString::new(),
            secret: SecretString::new(),
            show_secret: false,
            show_token: false,
            use_pasted: false,
            report: token::prepare("", ""),
        }
    }
}

impl std::fmt::Debug for TokenStep {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenStep")
            .field("key", &self.key)
            .field("secret", &self.secret)
            .field("has_token", &self.token().is_some())
            .finish_non_exhaustive()
    }
}

impl TokenStep {
    /// The token that "Copy token" copies: the one made from key and secret, or the pasted one
    /// the admin chose to use as is.
    pub fn token(&self) -> Option<&SecretString> {
        if self.use_pasted {
            self.report.pasted_token()
        } else {
            self.report.token.as_ref()
        }
    }

    /// True when key, secret and token are all empty.
    pub fn is_empty(&self) -> bool {
        self.key.is_empty() && self.secret.is_empty() && self.token().is_none()
    }

    /// Wipes key, secret and token.
    pub fn clear(&mut self) {
        *self = Self::default();
    }

    fn recompute(&mut self) {
        self.report = token::prepare(self.key.expose_secret(), self.secret.expose_secret());
        if self.report.pasted_token().is_none() {
            self.use_pasted = false;
        }
    }

    /// Shows step 1. `clear_after_secs` and `countdown` are for the copy hint and the countdown
    /// line; `tenant_url` is what "Copy tenant URL" copies.
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        tenant_url: &str,
        clear_after_secs: u64,
        countdown: Option<&str>,
    ) -> Option<Action> {
        let mut action = None;
        ui.heading("Step 1: Secret token");
        ui.add_space(4.0);
        ui.label(
            "Azure needs a secret token to connect to Secure Practice. It is made here, on this \
             computer, from the API key and API secret that Secure Practice gave you. Nothing is \
             saved or sent anywhere.",
        );
        ui.add_space(12.0);

        let wide = ui.available_width() >= 860.0;
        if wide {
            ui.columns(2, |columns| {
                action = self.credentials_ui(&mut columns[0], clear_after_secs, countdown);
                if let Some(a) = azure_steps_ui(&mut columns[1], tenant_url) {
                    action = Some(a);
                }
            });
        } else {
            action = self.credentials_ui(ui, clear_after_secs, countdown);
            ui.add_space(12.0);
            if let Some(a) = azure_steps_ui(ui, tenant_url) {
                action = Some(a);
            }
        }
        action
    }

    fn credentials_ui(
        &mut self,
        ui: &mut egui::Ui,
        clear_after_secs: u64,
        countdown: Option<&str>,
    ) -> Option<Action> {
        let mut action = None;
        egui::Frame::group(ui.style())
            .inner_margin(12.0)
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.label(RichText::new("Your API credentials").strong().size(16.0));
                ui.add_space(8.0);

                let label = ui.label("API key");
                let response =
                    secret_field::show(ui, &mut self.key, false, "Paste the API key", label.id);
                let mut changed = response.changed();
                self.offer_pasted_token(ui, &self.report.key.clone());
                notices_ui(ui, &self.report.key);
                ui.add_space(10.0);

                let label = ui.label("API secret");
                ui.horizontal(|ui| {
                    let field_width = ui.available_width() - 110.0;
                    ui.scope(|ui| {
                        ui.set_width(field_width.max(120.0));
                        let response = secret_field::show(
                            ui,
                            &mut self.secret,
                            !self.show_secret,
                            "Paste the API secret",
                            label.id,
                        );
                        changed |= response.changed();
                    });
                    let eye = if self.show_secret {
                        "🙈 Hide secret"
                    } else {
                        "👁 Show secret"
                    };
                    if ui.toggle_value(&mut self.show_secret, eye).changed() {
                        // Nothing else to do: the field re-renders masked or not.
                    }
                });
                self.offer_pasted_token(ui, &self.report.secret.clone());
                notices_ui(ui, &self.report.secret);

                if changed {
                    self.recompute();
                }

                ui.add_space(12.0);
                ui.separator();
                ui.add_space(8.0);
                action = self.token_ui(ui, clear_after_secs, countdown);
            });
        action
    }

    /// "This is already a token: use it as is" for one field.
    fn offer_pasted_token(&mut self, ui: &mut egui::Ui, field: &CheckedField) {
        if self.use_pasted || field.pasted_token().is_none() {
            return;
        }
        let button = ui.button(format!(
            "Use the {} as the token, as is",
            field.field.label()
        ));
        if button
            .on_hover_text(
                "Copies exactly what you pasted (without “Bearer ”), instead of making a new token",
            )
            .clicked()
        {
            self.use_pasted = true;
        }
    }

    fn token_ui(
        &mut self,
        ui: &mut egui::Ui,
        clear_after_secs: u64,
        countdown: Option<&str>,
    ) -> Option<Action> {
        let mut action = None;
        let token = self.token().cloned();
        ui.horizontal(|ui| {
            ui.label(RichText::new("Secret token").strong().size(16.0));
            if token.is_some() {
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    let eye = if self.show_token {
                        "🙈 Hide token"
                    } else {
                        "👁 Show token"
                    };
                    ui.toggle_value(&mut self.show_token, eye);
                });
            }
        });
        ui.add_space(4.0);
        match &token {
            Some(token) => {
                let text = if self.show_token {
                    token.expose_secret().to_owned()
                } else {
                    token::masked(token)
                };
                egui::Frame::canvas(ui.style())
                    .inner_margin(egui::Margin::symmetric(8, 6))
                    .show(ui, |ui| {
                        ui.set_width(ui.available_width());
                        ui.add(
                            egui::Label::new(RichText::new(text).monospace())
                                .wrap_mode(egui::TextWrapMode::Wrap),
                        );
                    });
                let source = if self.use_pasted {
                    "the token you pasted, used as is"
                } else {
                    "made from your key and secret"
                };
                ui.label(format!(
                    "Ends in {} · {} characters · {source}",
                    token::fingerprint(token),
                    token.char_count()
                ));
                ui.weak("Compare the ending with what you paste into Azure.");
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    let copy = ui
                        .add(
                            egui::Button::new(
                                RichText::new("📋 Copy token")
                                    .strong()
                                    .color(ui.visuals().selection.stroke.color),
                            )
                            .fill(ui.visuals().selection.bg_fill)
                            .min_size(egui::vec2(120.0, 28.0)),
                        )
                        .on_hover_text(format!(
                            "Copies the token and clears the clipboard again after {clear_after_secs} s"
                        ));
                    if copy.clicked() {
                        action = Some(Action::CopyToken(token.clone()));
                    }
                    if self.use_pasted && ui.button("Make a new token instead").clicked() {
                        self.use_pasted = false;
                    }
                    if ui.button("Clear").on_hover_text("Wipes key, secret and token").clicked() {
                        self.clear();
                        action = Some(Action::ClearedAll);
                    }
                });
            }
            None => {
                ui.weak("The token appears here as soon as both fields are filled in correctly.");
                ui.add_space(8.0);
                if !self.is_empty() {
                    ui.horizontal(|ui| {
                        if ui
                            .button("Clear")
                            .on_hover_text("Wipes key, secret and token")
                            .clicked()
                        {
                            self.clear();
                            action = Some(Action::ClearedAll);
                        }
                    });
                }
            }
        }
        if let Some(countdown) = countdown {
            ui.add_space(6.0);
            ui.horizontal_wrapped(|ui| {
                ui.label(countdown);
                if ui.button("Clear clipboard now").clicked() {
                    action = Some(Action::ClearClipboardNow);
                }
            });
        }
        action
    }
}

/// The notices of one field, right below it.
fn notices_ui(ui: &mut egui::Ui, field: &CheckedField) {
    for notice in &field.notices {
        let (icon, color) = match notice.severity() {
            Severity::Info => ("ℹ", ui.visuals().weak_text_color()),
            Severity::Warning => ("⚠", ui.visuals().warn_fg_color),
            Severity::Error => ("⛔", ui.visuals().error_fg_color),
        };
        // An empty field only gets its hint while the other notices are quiet.
        if matches!(notice, Notice::Empty) && field.notices.len() > 1 {
            continue;
        }
        ui.add(
            egui::Label::new(
                RichText::new(format!("{icon} {}", notice.message(field.field))).color(color),
            )
            .wrap(),
        );
    }
}

/// The steps in Azure, in the admin's words, with the tenant URL to copy.
fn azure_steps_ui(ui: &mut egui::Ui, tenant_url: &str) -> Option<Action> {
    let mut action = None;
    egui::Frame::group(ui.style())
        .inner_margin(12.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(
                RichText::new("Then, in the Azure portal")
                    .strong()
                    .size(16.0),
            );
            ui.add_space(8.0);
            let steps = [
                "Open Microsoft Entra ID > Enterprise applications > your Secure Practice app.",
                "Open Provisioning and set Provisioning Mode to Automatic.",
                "Under Admin Credentials, paste the Tenant URL:",
                "Copy the token here, click into Secret Token and paste it (Ctrl+V).",
                "Click Test Connection. Azure should say the credentials are authorized.",
                "Click Save.",
            ];
            for (i, text) in steps.iter().enumerate() {
                ui.horizontal_wrapped(|ui| {
                    ui.label(RichText::new(format!("{}.", i + 1)).strong());
                    ui.label(*text);
                });
                if i == 2 {
                    ui.horizontal_wrapped(|ui| {
                        ui.add_space(18.0);
                        ui.monospace(tenant_url);
                        if ui.button("Copy tenant URL").clicked() {
                            action = Some(Action::CopyTenantUrl);
                        }
                    });
                }
                ui.add_space(4.0);
            }
            ui.add_space(6.0);
            ui.weak(
                "The copied token is cleared from the clipboard after a short time, so paste it \
                 soon, or copy it again.",
            );
        });
    action
}
