//! Who Azure would not create, and why: the reason is typed ([`SkipReason`]), decided in one
//! place (`Scope`) and worded by one function ([`SkipReason::message`]) for every place that
//! shows it (the tree, JSON, CSV and the window). Who is assigned and who passes the scoping
//! filters is decided by [`super::scoping`].

use std::sync::Arc;

use super::assigned::NotAssigned;
use super::scope_filter::OutOfScope;
use super::scoping::ScopeRules;
use crate::import::UserSet;
use crate::import::record::{User, ValueRef};
use crate::mapping::compiled::CompiledMapping;

/// Why Azure would not create a user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SkipReason {
    /// Disabled in Entra: `IsSoftDeleted` is True (the export's `accountEnabled` is false).
    Disabled,
    /// No value for any of the matching attributes.
    NoMatchingValue {
        /// The matching targets, lowest precedence number first (shared by every such user).
        targets: Arc<[String]>,
    },
    /// Not assigned to the app ("Sync only assigned users and groups"), with the loaded
    /// assignment files.
    NotAssigned {
        /// Why: no assignment, a group that is not assigned, or a nested group.
        why: NotAssigned,
        /// Assigned groups whose member list is not loaded (the user may be in one).
        unlisted: Arc<[String]>,
    },
    /// Every scoping filter fails: the first filter's first failing clause.
    OutsideScopingFilter(Box<OutOfScope>),
    /// The expression of the matching attribute fails for this user, so Azure has no value to
    /// match or create them by.
    ExpressionError {
        /// The matching target.
        target: String,
        /// The expression's error.
        message: String,
    },
}

/// Every kind of reason, as [`SkipReason::kind`] names them, in the order they are decided.
pub const KINDS: [&str; 5] = [
    "notAssigned",
    "outsideScopingFilter",
    "disabled",
    "expressionError",
    "noMatchingValue",
];

impl SkipReason {
    /// The reason's kind, a stable name for JSON and counts (one of [`KINDS`]).
    pub fn kind(&self) -> &'static str {
        match self {
            SkipReason::NotAssigned { .. } => KINDS[0],
            SkipReason::OutsideScopingFilter(_) => KINDS[1],
            SkipReason::Disabled => KINDS[2],
            SkipReason::ExpressionError { .. } => KINDS[3],
            SkipReason::NoMatchingValue { .. } => KINDS[4],
        }
    }

    /// A kind in words, as the window and the tree count them ("not assigned to the app").
    pub fn kind_label(kind: &str) -> &'static str {
        match kind {
            "notAssigned" => "not assigned to the app",
            "outsideScopingFilter" => "outside the scoping filters",
            "disabled" => "disabled in Entra",
            "expressionError" => "the matching attribute's expression fails",
            _ => "no value for the matching attribute",
        }
    }

    /// The reason in plain words, as every output shows it.
    pub fn message(&self) -> String {
        self.message_shown(false)
    }

    /// The reason in plain words; with `redacted`, without the user's own values (the value a
    /// scoping clause compared, an expression error that may quote values).
    pub fn message_shown(&self, redacted: bool) -> String {
        match self {
            SkipReason::NotAssigned { why, unlisted } => {
                super::scoping::not_assigned_message(why, unlisted)
            }
            SkipReason::OutsideScopingFilter(out) => {
                super::scoping::out_of_scope_message(out, redacted)
            }
            SkipReason::ExpressionError { target, message } => format!(
                "the expression of the matching attribute ({target}) fails for this user{}: \
                 Azure cannot match or create this user, and reports an error",
                if redacted {
                    String::new()
                } else {
                    format!(" ({message})")
                }
            ),
            SkipReason::Disabled => "disabled in Entra (account enabled is No): Azure does not \
                 create disabled users; for one already in Secure Practice, it sets active to \
                 false"
                .to_owned(),
            SkipReason::NoMatchingValue { targets } => format!(
                "no value for the matching attribute{} ({}): Azure cannot match or create this \
                 user, and reports an error",
                if targets.len() == 1 { "" } else { "s" },
                targets.join(", ")
            ),
        }
    }
}

impl std::fmt::Display for SkipReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message())
    }
}

/// What decides whether Azure skips a user.
pub(crate) struct Scope {
    rules: Arc<ScopeRules>,
    soft_deleted: Option<usize>,
    /// The matching mappings, lowest precedence number first.
    matching: Vec<usize>,
    /// Their targets, shared by every reason that names them.
    targets: Arc<[String]>,
}

impl Scope {
    /// The scope of `compiled` over `set`, with the assignments and scoping filters of `rules`.
    pub(crate) fn new(
        set: &UserSet,
        compiled: &[CompiledMapping],
        rules: &Arc<ScopeRules>,
    ) -> Self {
        let mut matching: Vec<(u32, usize)> = compiled
            .iter()
            .enumerate()
            .filter(|(_, c)| c.mapping.matching > 0)
            .map(|(i, c)| (c.mapping.matching, i))
            .collect();
        matching.sort();
        let matching: Vec<usize> = matching.into_iter().map(|(_, i)| i).collect();
        let targets = matching
            .iter()
            .map(|&m| compiled[m].mapping.target.clone())
            .collect();
        Self {
            rules: rules.clone(),
            soft_deleted: set.names.get("IsSoftDeleted"),
            matching,
            targets,
        }
    }

    /// Why Azure would not create `user` of `set`, whose value on create of mapping `m` is
    /// `sent(m)` and whose error for it, if any, `error(m)`.
    pub(crate) fn skip_reason<'a>(
        &self,
        set: &UserSet,
        user: &User,
        sent: impl Fn(usize) -> Option<&'a str>,
        error: impl Fn(usize) -> Option<&'a str>,
    ) -> Option<SkipReason> {
        if let Some(reason) = self.rules.skip_reason(set, user) {
            return Some(reason);
        }
        let disabled = self
            .soft_deleted
            .and_then(|i| user.value_of(i))
            .is_some_and(|v| matches!(v, ValueRef::One(v) if v.eq_ignore_ascii_case("true")));
        if disabled {
            return Some(SkipReason::Disabled);
        }
        let unmatched =
            !self.matching.is_empty() && self.matching.iter().all(|&m| sent(m).is_none());
        if !unmatched {
            return None;
        }
        let failed = self
            .matching
            .iter()
            .zip(self.targets.iter())
            .find_map(|(&m, target)| {
                error(m).map(|message| SkipReason::ExpressionError {
                    target: target.clone(),
                    message: message.to_owned(),
                })
            });
        Some(failed.unwrap_or_else(|| SkipReason::NoMatchingValue {
            targets: self.targets.clone(),
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_are_worded_in_plain_words() {
        let disabled = SkipReason::Disabled.to_string();
        assert!(disabled.starts_with("disabled in Entra (account enabled is No)"));
        assert!(!disabled.contains("IsSoftDeleted"));
        let one = SkipReason::NoMatchingValue {
            targets: Arc::from(vec!["userName".to_owned()]),
        };
        assert!(
            one.message()
                .starts_with("no value for the matching attribute (userName)")
        );
        let two = SkipReason::NoMatchingValue {
            targets: Arc::from(vec!["userName".to_owned(), "externalId".to_owned()]),
        };
        assert!(
            two.message()
                .starts_with("no value for the matching attributes (userName, externalId)")
        );
    }
}
