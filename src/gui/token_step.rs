//! Step 1: the secret token. The admin types or pastes the API key and secret; the token, its
//! fingerprint and every notice about the input update as they type; "Copy token" (or Enter in
//! the secret field) puts it on the clipboard for a limited time. The key field has the keyboard
//! at launch: paste, Tab, paste, Enter. Beside the form: the set-up checklist
//! (`setup_guide`), from making the key to turning provisioning on.

use eframe::egui::{self, RichText};

use super::{secret_field, setup_guide};
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
    /// Give the key field the keyboard on the next frame (at launch, and after Clear).
    focus_key: bool,
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
            focus_key: true,
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

    /// Shows step 1: the token form, and beside it the set-up checklist. `clear_after_secs` and
    /// `countdown` are for the copy hint and the countdown line; `tenant_url` is what "Copy
    /// tenant URL" copies.
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
        let checklist = |ui: &mut egui::Ui| {
            egui::Frame::group(ui.style())
                .inner_margin(12.0)
                .show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    setup_guide::token_page_ui(ui, tenant_url)
                })
                .inner
        };
        let copy_tenant_url = if wide {
            // The form on the left, a little narrower than the checklist beside it.
            // (The vertical scroll bar is drawn over the right edge: keep clear of it.)
            let spacing = ui.spacing().item_spacing.x;
            let gap = spacing * 2.0;
            let width = ui.available_width() - 8.0;
            let left = ((width - gap) * 0.44).max(380.0);
            let right = width - gap - left;
            ui.horizontal_top(|ui| {
                ui.spacing_mut().item_spacing.x = gap;
                let column = egui::Layout::top_down(egui::Align::Min);
                ui.allocate_ui_with_layout(egui::vec2(left, 0.0), column, |ui| {
                    ui.spacing_mut().item_spacing.x = spacing;
                    ui.set_width(left);
                    action = self.credentials_ui(ui, clear_after_secs, countdown);
                });
                ui.allocate_ui_with_layout(egui::vec2(right, 0.0), column, |ui| {
                    ui.spacing_mut().item_spacing.x = spacing;
                    ui.set_width(right);
                    checklist(ui)
                })
                .inner
            })
            .inner
        } else {
            action = self.credentials_ui(ui, clear_after_secs, countdown);
            ui.add_space(12.0);
            checklist(ui)
        };
        if copy_tenant_url {
            action = Some(Action::CopyTenantUrl);
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
                let key = secret_field::show(
                    ui,
                    "api_key",
                    &mut self.key,
                    false,
                    "Paste the API key",
                    label.id,
                );
                if std::mem::take(&mut self.focus_key) {
                    key.request_focus();
                }
                let mut changed = key.changed();
                ui.add_space(10.0);

                let label = ui.label("API secret");
                let secret = ui
                    .horizontal(|ui| {
                        let field_width = ui.available_width() - 110.0;
                        let secret = ui
                            .scope(|ui| {
                                ui.set_width(field_width.max(120.0));
                                secret_field::show(
                                    ui,
                                    "api_secret",
                                    &mut self.secret,
                                    !self.show_secret,
                                    "Paste the API secret",
                                    label.id,
                                )
                            })
                            .inner;
                        let eye = if self.show_secret {
                            "🙈 Hide secret"
                        } else {
                            "👁 Show secret"
                        };
                        ui.toggle_value(&mut self.show_secret, eye);
                        secret
                    })
                    .inner;
                changed |= secret.changed();
                let enter = |response: &egui::Response| {
                    response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter))
                };
                // Enter in the key goes on to the secret; Enter in the secret copies the token.
                if enter(&key) {
                    secret.request_focus();
                }
                let copy_on_enter = enter(&secret);

                if changed {
                    self.recompute();
                }
                self.notices_ui(ui);

                ui.separator();
                ui.add_space(8.0);
                action = self.token_ui(ui, clear_after_secs, countdown);
                if copy_on_enter && let Some(token) = self.token() {
                    action = Some(Action::CopyToken(token.clone()));
                }
            });
        action
    }

    /// The notices of both fields, under both, so that the secret field never moves as notices
    /// come and go; the space of a few lines is kept for them, so the token below moves as
    /// little. A "use it as is" offer follows the warning that explains it.
    fn notices_ui(&mut self, ui: &mut egui::Ui) {
        const RESERVED: f32 = 64.0;
        ui.add_space(6.0);
        let top = ui.cursor().top();
        for field in [self.report.key.clone(), self.report.secret.clone()] {
            for notice in &field.notices {
                notice_ui(ui, &field, notice);
                if matches!(notice, Notice::AlreadyAToken { .. }) {
                    self.offer_pasted_token(ui, &field);
                }
            }
        }
        let used = ui.cursor().top() - top;
        ui.add_space((RESERVED - used).max(0.0) + 6.0);
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

/// One notice, named by its field.
fn notice_ui(ui: &mut egui::Ui, field: &CheckedField, notice: &Notice) {
    let (icon, color) = match notice.severity() {
        Severity::Info => ("ℹ", ui.visuals().weak_text_color()),
        Severity::Warning => ("⚠", ui.visuals().warn_fg_color),
        Severity::Error => ("⛔", ui.visuals().error_fg_color),
    };
    // An empty field only gets its hint while the other notices are quiet.
    if matches!(notice, Notice::Empty) && field.notices.len() > 1 {
        return;
    }
    ui.add(
        egui::Label::new(
            RichText::new(format!(
                "{icon} {}: {}",
                field.field.label(),
                notice.message(field.field)
            ))
            .color(color),
        )
        .wrap(),
    );
}
