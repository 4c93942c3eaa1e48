//! What reading the users of a file found that the summary should report, counted per user
//! with the first user it was found in as an example.

use std::collections::BTreeMap;

use super::record::User;
use crate::expr::AttributeNames;

/// Something found while reading a user that the summary should report.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Finding {
    /// `ConvertTo-Json` replaced the object at this key with its type name: the export was cut
    /// off at its default depth.
    Truncated {
        /// The key path.
        key: String,
    },
    /// `accountEnabled` is not in the export, so every user is assumed enabled.
    NoAccountEnabled,
    /// The user has no `id` (`objectId`): the request's `$select` left it out.
    NoId,
    /// A key appears more than once in one object of a user (`{"department": "A",
    /// "department": "B"}`). The last one is kept, as JavaScript's `JSON.parse` and Python's
    /// `json` do: an earlier value of the key is forgotten, even when the last one is `null`.
    DuplicateKey {
        /// The key path.
        key: String,
    },
}

impl Finding {
    /// The message for the admin.
    pub fn message(&self) -> String {
        match self {
            Finding::Truncated { key } => format!(
                "\"{key}\" holds a type name instead of data: PowerShell's ConvertTo-Json stopped \
                 at its default depth. Export again with ConvertTo-Json -Depth 5."
            ),
            Finding::NoAccountEnabled => "The export has no accountEnabled, so every user is \
                 treated as enabled. Add accountEnabled to $select (or -Property) to see which \
                 users Azure would skip."
                .to_owned(),
            Finding::NoId => "The export has no id (objectId) for these users: the request's \
                 $select left it out. Without it, managers cannot be linked to their users \
                 (a manager is named by its id), copies of a user in several files cannot be \
                 merged, and a mapping or matching by objectId gets nothing. Add id to $select \
                 (or Id to -Property) and export again."
                .to_owned(),
            Finding::DuplicateKey { key } => format!(
                "\"{key}\" appears more than once in a user object: the last one was kept. The \
                 file was edited or put together by hand; check those users, or export again."
            ),
        }
    }
}

/// How many users a finding is about, and the first of them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    /// How many users.
    pub users: usize,
    /// The first of them in the file: its position and its name (see [`User::label`]).
    pub example: Option<(u32, String)>,
}

impl Tally {
    /// Counts `user` (named with `names`).
    pub fn add(&mut self, user: &User, names: &AttributeNames) {
        self.users += 1;
        if self
            .example
            .as_ref()
            .is_none_or(|(position, _)| user.position < *position)
        {
            self.example = Some((user.position, user.label(names)));
        }
    }

    /// Adds the counts of `other` (users of the same file counted elsewhere).
    pub fn merge(&mut self, other: Tally) {
        self.users += other.users;
        if let Some((position, label)) = other.example
            && self.example.as_ref().is_none_or(|(p, _)| position < *p)
        {
            self.example = Some((position, label));
        }
    }

    /// The example's name, if any.
    pub fn example(&self) -> Option<&str> {
        self.example.as_ref().map(|(_, label)| label.as_str())
    }
}

/// The findings of a file, with their tallies.
pub type Findings = BTreeMap<Finding, Tally>;

/// Counts `findings` of `user` into `all`.
pub(crate) fn count(
    all: &mut Findings,
    findings: Vec<Finding>,
    user: &User,
    names: &AttributeNames,
) {
    for finding in findings {
        all.entry(finding).or_default().add(user, names);
    }
}

/// Adds the findings counted elsewhere (the other parsing thread) to `all`.
pub(crate) fn merge(all: &mut Findings, other: Findings) {
    for (finding, tally) in other {
        all.entry(finding).or_default().merge(tally);
    }
}
