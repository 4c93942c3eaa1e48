//! Who Azure would not create, and why: the reason is typed ([`SkipReason`]), decided in one
//! place (`Scope`) and worded by one function ([`SkipReason::message`]) for every place that
//! shows it (the tree, JSON, CSV and the window).

use std::sync::Arc;

use crate::import::UserSet;
use crate::import::record::{User, UserValue};
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
}

impl SkipReason {
    /// The reason in plain words, as every output shows it.
    pub fn message(&self) -> String {
        match self {
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
    soft_deleted: Option<usize>,
    /// The matching mappings, lowest precedence number first.
    matching: Vec<usize>,
    /// Their targets, shared by every reason that names them.
    targets: Arc<[String]>,
}

impl Scope {
    /// The scope of `compiled` over `set`.
    pub(crate) fn new(set: &UserSet, compiled: &[CompiledMapping]) -> Self {
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
            soft_deleted: set.names.get("IsSoftDeleted"),
            matching,
            targets,
        }
    }

    /// Why Azure would not create `user`, whose value on create of mapping `m` is `sent(m)`.
    pub(crate) fn skip_reason<'a>(
        &self,
        user: &User,
        sent: impl Fn(usize) -> Option<&'a str>,
    ) -> Option<SkipReason> {
        let disabled = self.soft_deleted.and_then(|i| user.slot(i)).is_some_and(
            |s| matches!(&s.value, UserValue::One(v) if v.eq_ignore_ascii_case("true")),
        );
        if disabled {
            return Some(SkipReason::Disabled);
        }
        let unmatched =
            !self.matching.is_empty() && self.matching.iter().all(|&m| sent(m).is_none());
        unmatched.then(|| SkipReason::NoMatchingValue {
            targets: self.targets.clone(),
        })
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
