//! The input-hygiene rules for the API key and API secret fields.
//!
//! Each rule produces a [`Notice`] with a plain-language message that the window shows right next
//! to the field and the `token` command prints on standard error. The rules, in the order the
//! admin sees them:
//!
//! | notice | severity | blocks the token |
//! |---|---|---|
//! | [`Notice::Empty`] | info | yes |
//! | [`Notice::MaybeInKeyField`] (secret empty, key holds `key:secret`) | error | yes |
//! | [`Notice::ContainsColon`] (key only) | error | yes |
//! | [`Notice::AlreadyAToken`] (`Bearer …`, or base64 of `x:y`) | warning | no, "use as is" is offered |
//! | [`Notice::InnerWhitespace`] | warning | no |
//! | [`Notice::InvisibleCharacters`] (zero-width space, BOM, text-direction marks… inside the text) | warning | no |
//! | [`Notice::ControlCharacters`] (NUL, ESC, DEL… anywhere in the text) | warning | no |
//! | [`Notice::NonAscii`] | warning | no |
//! | [`Notice::Trimmed`] (whitespace/invisible characters removed at the ends) | info | no |

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use zeroize::Zeroizing;

use super::CheckedField;
use crate::secret::SecretString;

/// Which of the two input fields a notice is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// "API key".
    Key,
    /// "API secret".
    Secret,
}

impl Field {
    /// The field's label, as the window shows it.
    pub fn label(self) -> &'static str {
        match self {
            Field::Key => "API key",
            Field::Secret => "API secret",
        }
    }
}

/// How a notice is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Neutral: something was done for the admin, or something is still to do.
    Info,
    /// Allowed, but worth a second look.
    Warning,
    /// Must be fixed before a token can be made.
    Error,
}

/// Something to tell the admin about one field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// The field is empty (or only whitespace).
    Empty,
    /// The secret field is empty while the key field holds `key:secret`.
    MaybeInKeyField,
    /// The API key contains `:`, which would make `key:secret` ambiguous.
    ContainsColon,
    /// The text is already a finished token: `Bearer …`, or base64 that decodes to `x:y`.
    AlreadyAToken {
        /// The token to use as is (without any `Bearer ` prefix).
        token: SecretString,
        /// True when the text started with `Bearer `, which Azure adds itself.
        had_bearer_prefix: bool,
    },
    /// A space, tab or line break in the middle of the text.
    InnerWhitespace,
    /// An invisible character (zero-width space, byte-order mark…) inside the text.
    InvisibleCharacters,
    /// A control character that is not a space or line break (NUL, ESC, DEL…), anywhere.
    ControlCharacters,
    /// Characters outside ASCII; allowed, encoded as UTF-8.
    NonAscii {
        /// How many such characters.
        count: usize,
    },
    /// Whitespace or invisible characters were removed from the start or end.
    Trimmed {
        /// Spaces, tabs and other blank characters removed.
        spaces: usize,
        /// Line breaks (`\n`, `\r\n`, `\r`) removed.
        line_breaks: usize,
        /// Invisible characters (zero-width space, byte-order mark…) removed.
        invisible: usize,
    },
}

impl Notice {
    /// How the notice is shown.
    pub fn severity(&self) -> Severity {
        match self {
            Notice::Empty | Notice::Trimmed { .. } => Severity::Info,
            Notice::MaybeInKeyField | Notice::ContainsColon => Severity::Error,
            Notice::AlreadyAToken { .. }
            | Notice::InnerWhitespace
            | Notice::InvisibleCharacters
            | Notice::ControlCharacters
            | Notice::NonAscii { .. } => Severity::Warning,
        }
    }

    /// True when no token can be made while this notice stands.
    pub fn blocks_token(&self) -> bool {
        matches!(
            self,
            Notice::Empty | Notice::MaybeInKeyField | Notice::ContainsColon
        )
    }

    /// The message for the admin, in plain words, saying what to do next.
    pub fn message(&self, field: Field) -> String {
        match self {
            Notice::Empty => match field {
                Field::Key => "Paste the API key you got from Secure Practice.".to_owned(),
                Field::Secret => "Paste the API secret that came with the key.".to_owned(),
            },
            Notice::MaybeInKeyField => {
                "Empty, but the API key field holds two values joined by “:”. \
                 Move the part after the “:” here."
                    .to_owned()
            }
            Notice::ContainsColon => {
                "The API key contains “:”. The token joins key and secret with “:”, \
                 so a colon in the key would make it ambiguous. Did you paste key and secret \
                 together? Keep only the key here."
                    .to_owned()
            }
            Notice::AlreadyAToken {
                had_bearer_prefix, ..
            } => {
                let mut text = String::from(
                    "This already looks like a finished secret token, not a key or secret. ",
                );
                if *had_bearer_prefix {
                    text.push_str("It starts with “Bearer ”, which Azure adds by itself. ");
                }
                text.push_str(
                    "If it is the token you were given, use it as is instead of making a new one.",
                );
                text
            }
            Notice::InnerWhitespace => {
                "Contains a space or line break in the middle. Keys and secrets \
                 normally don't: check that you copied exactly one value."
                    .to_owned()
            }
            Notice::InvisibleCharacters => {
                "Contains an invisible character (such as a zero-width space), \
                 usually picked up from a web page or document. Copy the value again from a \
                 plain-text source."
                    .to_owned()
            }
            Notice::ControlCharacters => {
                "Contains a control character (such as NUL, ESC or DEL), which no key or secret \
                 has: it comes from a binary or word-processor file, or from a terminal's \
                 colour codes. Copy the value again from a plain-text source."
                    .to_owned()
            }
            Notice::NonAscii { count } => format!(
                "Contains {count} character{} outside plain ASCII (such as letters with accents). \
                 That is allowed and encoded as UTF-8, but keys and secrets are usually plain \
                 ASCII: check the paste.",
                plural(*count)
            ),
            Notice::Trimmed {
                spaces,
                line_breaks,
                invisible,
            } => {
                let mut parts = Vec::new();
                if *line_breaks > 0 {
                    parts.push(format!("{line_breaks} line break{}", plural(*line_breaks)));
                }
                if *spaces > 0 {
                    parts.push(format!("{spaces} space{}", plural(*spaces)));
                }
                if *invisible > 0 {
                    parts.push(format!(
                        "{invisible} invisible character{}",
                        plural(*invisible)
                    ));
                }
                format!(
                    "Removed {} at the start or end; they come along when copying. \
                     The token is made without them.",
                    join_words(&parts)
                )
            }
        }
    }
}

fn plural(count: usize) -> &'static str {
    if count == 1 { "" } else { "s" }
}

fn join_words(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// Characters that take no room on screen and are never part of a real key or secret: zero-width
/// spaces and joiners, the byte-order mark, the soft hyphen, and the marks, embeddings, overrides
/// and isolates that set the text's direction (picked up from right-to-left pages).
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
            | '\u{00AD}'
    )
}

/// Control characters that are not spaces or line breaks (those have their own notices): NUL,
/// ESC, DEL, the C1 controls…
fn is_control_character(c: char) -> bool {
    c.is_control() && !c.is_whitespace()
}

fn is_trimmable(c: char) -> bool {
    c.is_whitespace() || is_invisible(c)
}

/// Cleans one field and lists its notices, most serious first.
pub fn check_field(field: Field, input: &str) -> CheckedField {
    let cleaned_str = input.trim_matches(is_trimmable);
    let cleaned = SecretString::from_str_copy(cleaned_str);
    let mut notices = Vec::new();

    if cleaned_str.is_empty() {
        notices.push(Notice::Empty);
        return CheckedField {
            field,
            cleaned,
            notices,
        };
    }

    if field == Field::Key && cleaned_str.contains(':') {
        notices.push(Notice::ContainsColon);
    }
    if let Some((token, had_bearer_prefix)) = finished_token(cleaned_str) {
        notices.push(Notice::AlreadyAToken {
            token,
            had_bearer_prefix,
        });
    } else if cleaned_str.chars().any(char::is_whitespace) {
        notices.push(Notice::InnerWhitespace);
    }
    if cleaned_str.chars().any(is_invisible) {
        notices.push(Notice::InvisibleCharacters);
    }
    if cleaned_str.chars().any(is_control_character) {
        notices.push(Notice::ControlCharacters);
    }
    let non_ascii = cleaned_str
        .chars()
        .filter(|c| !c.is_ascii() && !is_invisible(*c) && !is_control_character(*c))
        .count();
    if non_ascii > 0 {
        notices.push(Notice::NonAscii { count: non_ascii });
    }
    if cleaned_str.len() != input.len() {
        notices.push(trimmed_notice(input, cleaned_str));
    }
    notices.sort_by_key(|n| std::cmp::Reverse(n.severity()));
    CheckedField {
        field,
        cleaned,
        notices,
    }
}

/// Counts what was removed around `kept`, which is a sub-slice of `input`.
fn trimmed_notice(input: &str, kept: &str) -> Notice {
    let start = input.len() - input.trim_start_matches(is_trimmable).len();
    let removed = input[..start]
        .chars()
        .chain(input[start + kept.len()..].chars());
    let (mut spaces, mut line_breaks, mut invisible) = (0, 0, 0);
    let mut previous = None;
    for c in removed {
        match c {
            // `\r\n` is one line break.
            '\n' if previous == Some('\r') => {}
            '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\u{0085}' => line_breaks += 1,
            c if is_invisible(c) => invisible += 1,
            _ => spaces += 1,
        }
        previous = Some(c);
    }
    Notice::Trimmed {
        spaces,
        line_breaks,
        invisible,
    }
}

/// If `text` is a finished token, the token (without `Bearer `) and whether it had that prefix.
fn finished_token(text: &str) -> Option<(SecretString, bool)> {
    if let Some(rest) = strip_bearer(text) {
        let rest = rest.trim_matches(is_trimmable);
        if !rest.is_empty() {
            return Some((SecretString::from_str_copy(rest), true));
        }
    }
    if is_base64_of_pair(text) {
        return Some((SecretString::from_str_copy(text), false));
    }
    None
}

/// `text` without a leading `Bearer ` (any case, any whitespace after it).
fn strip_bearer(text: &str) -> Option<&str> {
    let prefix = text.get(..6)?;
    if !prefix.eq_ignore_ascii_case("bearer") {
        return None;
    }
    let rest = &text[6..];
    rest.starts_with(char::is_whitespace).then_some(rest)
}

/// True when `text` is padded standard base64 of printable UTF-8 text `x:y` with both parts
/// non-empty: what this app makes, and what a token copied from elsewhere looks like.
fn is_base64_of_pair(text: &str) -> bool {
    if text.len() < 8 || !text.len().is_multiple_of(4) {
        return false;
    }
    let Ok(bytes) = STANDARD.decode(text).map(Zeroizing::new) else {
        return false;
    };
    let Ok(decoded) = std::str::from_utf8(&bytes) else {
        return false;
    };
    if decoded.chars().any(char::is_control) {
        return false;
    }
    matches!(decoded.split_once(':'), Some((k, s)) if !k.is_empty() && !s.is_empty())
}
