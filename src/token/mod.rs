//! The secret token for Azure's provisioning wizard, and the checks on what the admin typed.
//!
//! Secure Practice (like many SCIM apps) authenticates Azure with a bearer token that is the
//! standard base64 encoding, with padding, of the UTF-8 bytes of `API_KEY:API_SECRET`. The admin
//! pastes it into the "Secret Token" field under Provisioning → Admin Credentials, and Azure sends
//! it as `Authorization: Bearer <token>`.
//!
//! [`prepare`] takes the two fields as typed or pasted, cleans them the way a careful person would
//! (see [`checks`]), and returns the token together with every notice the admin should see next
//! to each field. The window and the `token` command both call it, so they agree on every rule.

pub mod checks;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

use crate::secret::SecretString;
pub use checks::{Field, Notice, Severity};

/// Where Secure Practice's SCIM API lives; what the admin pastes into "Tenant URL".
pub const SECURE_PRACTICE_TENANT_URL: &str = "https://api.securepractice.co/scim/v2/";

/// How many characters of the token the window shows as its fingerprint.
pub const FINGERPRINT_CHARS: usize = 4;

/// What is wrong with a tenant URL, in words the admin can act on; `None` when it looks right.
pub fn tenant_url_problem(url: &str) -> Option<&'static str> {
    let url = url.trim();
    if url.is_empty() {
        return Some(
            "Enter the SCIM address of your app (Secure Practice: https://api.securepractice.co/scim/v2/).",
        );
    }
    let Some(rest) = url.strip_prefix("https://") else {
        return Some("Azure connects only over HTTPS: the address must start with https://");
    };
    if rest.is_empty() || rest.starts_with('/') {
        return Some("The address needs a host name after https://");
    }
    if url.chars().any(char::is_whitespace) {
        return Some("The address contains a space; copy it again.");
    }
    None
}

/// The token for `key` and `secret`, exactly as given: base64 (standard alphabet, padded) of the
/// UTF-8 bytes of `key:secret`. No trimming or checking happens here; see [`prepare`] for that.
pub fn encode(key: &str, secret: &str) -> SecretString {
    // Build `key:secret` in a wiped buffer, then encode into another wiped buffer.
    let mut joined = SecretString::new();
    joined.set(key);
    joined.insert_at_char(usize::MAX, ":");
    joined.insert_at_char(usize::MAX, secret);
    let mut token = SecretString::new();
    let encoded_len = base64::encoded_len(joined.len(), true).unwrap_or(0);
    let mut buffer = String::with_capacity(encoded_len);
    STANDARD.encode_string(joined.expose_secret().as_bytes(), &mut buffer);
    token.set(&buffer);
    zeroize::Zeroize::zeroize(&mut buffer);
    token
}

/// The last [`FINGERPRINT_CHARS`] characters of a token: enough for the admin to compare what they
/// pasted with what was made, too little to be of use to anyone looking over their shoulder.
pub fn fingerprint(token: &SecretString) -> String {
    let text = token.expose_secret();
    let count = text.chars().count();
    text.chars()
        .skip(count.saturating_sub(FINGERPRINT_CHARS))
        .collect()
}

/// A token shown masked: one bullet per character (at most 24) followed by the fingerprint.
pub fn masked(token: &SecretString) -> String {
    let count = token.char_count();
    let hidden = count.saturating_sub(FINGERPRINT_CHARS).min(24);
    let mut out: String = "•".repeat(hidden);
    out.push_str(&fingerprint(token));
    out
}

/// One field after cleaning, with what the admin should be told about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedField {
    /// Which field this is.
    pub field: Field,
    /// The text the token is made from: the input without leading/trailing whitespace.
    pub cleaned: SecretString,
    /// Everything worth telling the admin about this field, most serious first.
    pub notices: Vec<Notice>,
}

impl CheckedField {
    /// True when a notice of this field stops the token from being made.
    pub fn blocks_token(&self) -> bool {
        self.notices.iter().any(Notice::blocks_token)
    }

    /// The finished token the admin seems to have pasted into this field, if any.
    pub fn pasted_token(&self) -> Option<&SecretString> {
        self.notices.iter().find_map(|n| match n {
            Notice::AlreadyAToken { token, .. } => Some(token),
            _ => None,
        })
    }
}

/// The result of checking both fields: the token, if one can be made, and the notices.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenReport {
    /// The API key, cleaned and checked.
    pub key: CheckedField,
    /// The API secret, cleaned and checked.
    pub secret: CheckedField,
    /// The token, or `None` while a field has an error (an empty field counts as one).
    pub token: Option<SecretString>,
}

impl TokenReport {
    /// A finished token the admin pasted into either field, to offer "use it as is".
    pub fn pasted_token(&self) -> Option<&SecretString> {
        self.key
            .pasted_token()
            .or_else(|| self.secret.pasted_token())
    }

    /// Every notice of both fields, key first.
    pub fn notices(&self) -> impl Iterator<Item = &Notice> {
        self.key.notices.iter().chain(self.secret.notices.iter())
    }
}

/// Cleans and checks the key and the secret as typed or pasted, and makes the token when nothing
/// stands in the way.
pub fn prepare(key_input: &str, secret_input: &str) -> TokenReport {
    let key = checks::check_field(Field::Key, key_input);
    let mut secret = checks::check_field(Field::Secret, secret_input);
    // A key pasted together with its secret (`key:secret`) while the secret field is empty is
    // the most common slip; say so on the secret field too, where the admin will look.
    if key.cleaned.expose_secret().contains(':') && secret.cleaned.is_empty() {
        secret.notices.retain(|n| !matches!(n, Notice::Empty));
        secret.notices.insert(0, Notice::MaybeInKeyField);
    }
    let token = if key.blocks_token() || secret.blocks_token() {
        None
    } else {
        Some(encode(
            key.cleaned.expose_secret(),
            secret.cleaned.expose_secret(),
        ))
    };
    TokenReport { key, secret, token }
}

#[cfg(test)]
mod tests;
