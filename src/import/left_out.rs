//! Entries of a user list that are not users to provision: left out of the load, counted by
//! reason, and reported with the cause and the fix.

use std::collections::BTreeMap;

/// Why an entry of a list was left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LeftOut {
    /// Neither `id` nor `userPrincipalName`: Microsoft Graph's `{}` for a user who has none of
    /// the properties the request's `$select` names (or only ones Azure cannot provision from).
    NoIdOrName,
    /// A `/users/delta` entry marked `@removed`: the user was deleted, or moved to deleted items
    /// (`"reason": "deleted"` or `"changed"`). It is not a user to provision.
    Removed,
}

/// How many entries of a file were left out, by reason.
pub type LeftOuts = BTreeMap<LeftOut, usize>;

impl LeftOut {
    /// What `entries` entries left out for this reason were: "3 entries have no id and no
    /// userPrincipalName".
    pub fn what(self, entries: usize) -> String {
        let one = entries == 1;
        match self {
            LeftOut::NoIdOrName => format!(
                "{entries} {} no id and no userPrincipalName",
                if one { "entry has" } else { "entries have" }
            ),
            LeftOut::Removed => format!(
                "{entries} {} marked \"@removed\" ({} deleted or moved to deleted items, as a \
                 /users/delta page lists {})",
                if one { "entry is" } else { "entries are" },
                if one { "a user" } else { "users" },
                if one { "it" } else { "them" },
            ),
        }
    }

    /// Why such an entry is left out, and where it comes from, in the admin's words.
    pub fn why(self) -> &'static str {
        match self {
            LeftOut::NoIdOrName => {
                "Azure cannot provision a user without a userPrincipalName. Microsoft Graph \
                 writes such entries (often an empty {}) when the request's $select does not \
                 name id and userPrincipalName"
            }
            LeftOut::Removed => "removed users are not provisioned",
        }
    }

    /// What to do about it.
    pub fn fix(self) -> &'static str {
        match self {
            LeftOut::NoIdOrName => {
                "Add id and userPrincipalName to $select (or Id and UserPrincipalName to \
                 -Property) and export again."
            }
            LeftOut::Removed => {
                "A delta page that lists removed users holds only what changed since an earlier \
                 delta request, not every user: to preview them all, export \
                 GET https://graph.microsoft.com/v1.0/users instead."
            }
        }
    }

    /// The message for `entries` entries: what they are, that they were left out, why, and
    /// the fix.
    pub fn message(self, entries: usize) -> String {
        format!(
            "{}, so {} left out: {}. {}",
            self.what(entries),
            if entries == 1 { "it was" } else { "they were" },
            self.why(),
            self.fix()
        )
    }
}

/// The messages of `left_out`, for a file that has no users left.
pub fn all_left_out(left_out: &[(LeftOut, usize)]) -> String {
    left_out
        .iter()
        .map(|(reason, entries)| reason.message(*entries))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_count_and_name_the_fix() {
        assert_eq!(
            LeftOut::NoIdOrName.message(3),
            "3 entries have no id and no userPrincipalName, so they were left out: Azure cannot \
             provision a user without a userPrincipalName. Microsoft Graph writes such entries \
             (often an empty {}) when the request's $select does not name id and \
             userPrincipalName. Add id and userPrincipalName to $select (or Id and \
             UserPrincipalName to -Property) and export again."
        );
        assert_eq!(
            LeftOut::Removed.message(1),
            "1 entry is marked \"@removed\" (a user deleted or moved to deleted items, as a \
             /users/delta page lists it), so it was left out: removed users are not \
             provisioned. A delta page that lists removed users holds only what changed since \
             an earlier delta request, not every user: to preview them all, export \
             GET https://graph.microsoft.com/v1.0/users instead."
        );
        let both = all_left_out(&[(LeftOut::NoIdOrName, 1), (LeftOut::Removed, 2)]);
        assert!(
            both.starts_with("1 entry has no id and no userPrincipalName, so it was left out")
                && both.contains("export again. 2 entries are marked \"@removed\" (users deleted"),
            "{both}"
        );
    }
}
