//! Who is in scope for provisioning before any mapping is looked at: assigned to the app
//! ([`assigned`](super::assigned)) and passing the scoping filters
//! ([`scope_filter`](super::scope_filter)); the words of those skip reasons; and the counts of
//! who is in scope and who is skipped, per reason, that every output shows.

use std::collections::BTreeMap;

use super::Preview;
use super::assigned::{AssignmentIndex, NotAssigned};
use super::scope_filter::{CompiledFilters, OutOfScope};
use super::skip::{KINDS, SkipReason};
use crate::import::UserSet;
use crate::import::record::User;
use crate::mapping::scope::ScopingFilters;

/// The assignment and scoping-filter rules of one preview.
#[derive(Debug, Default)]
pub struct ScopeRules {
    /// The scoping filters, compiled.
    pub filters: CompiledFilters,
    /// The assignments, when an assignment file is loaded.
    pub assigned: Option<AssignmentIndex>,
    /// The scoping filters as the mapping set has them.
    pub source: ScopingFilters,
}

impl ScopeRules {
    /// The rules for `set` (its assignments, if loaded) and the mapping set's `filters`.
    pub fn new(set: &UserSet, filters: &ScopingFilters) -> Self {
        Self {
            filters: CompiledFilters::new(filters, &set.names),
            source: filters.clone(),
            assigned: set.assignments.as_deref().and_then(AssignmentIndex::new),
        }
    }

    /// Why `user` is out of scope: not assigned, then outside the filters.
    pub fn skip_reason(&self, set: &UserSet, user: &User) -> Option<SkipReason> {
        if let Some(index) = &self.assigned
            && let Err(why) = index.status(set, user)
        {
            return Some(SkipReason::NotAssigned {
                why: why.clone(),
                unlisted: index.unlisted.clone(),
            });
        }
        self.filters
            .check(user)
            .map(|out| SkipReason::OutsideScopingFilter(Box::new(out)))
    }
}

/// The words of [`SkipReason::NotAssigned`].
pub(crate) fn not_assigned_message(why: &NotAssigned, unlisted: &[String]) -> String {
    let first = match why {
        NotAssigned::Nowhere => {
            "not assigned to the app: neither assigned directly nor a member of an assigned \
             group, and Azure provisions only assigned users and groups"
                .to_owned()
        }
        NotAssigned::UnassignedGroup(group) => format!(
            "not assigned to the app: a member of group {group}, which is not assigned to it"
        ),
        NotAssigned::Nested(group, parent) => format!(
            "not assigned to the app: a member of group {group}, which is nested in the \
             assigned group {parent}; Azure provisions only immediate members of an assigned \
             group, not members of nested groups (Microsoft documents this)"
        ),
    };
    match unlisted.len() {
        0 => first,
        1 => format!(
            "{first}; unless they are in the assigned group {}, whose member list is not \
             loaded",
            unlisted[0]
        ),
        n => format!(
            "{first}; unless they are in one of the {n} assigned groups whose member lists \
             are not loaded"
        ),
    }
}

/// The words of [`SkipReason::OutsideScopingFilter`]; with `redacted`, without the user's
/// value.
pub(crate) fn out_of_scope_message(out: &OutOfScope, redacted: bool) -> String {
    let title = if out.filter.is_empty() {
        "the scoping filter".to_owned()
    } else {
        format!("the scoping filter \"{}\"", out.filter)
    };
    let value = match (&out.value, redacted) {
        (_, true) => " (their value is left out)".to_owned(),
        (Some(value), false) if !value.is_empty() => {
            format!(" (their {} is \"{value}\")", out.attribute)
        }
        _ => format!(" (they have no {})", out.attribute),
    };
    let mut message = format!(
        "outside {title}: the clause {} does not hold{value}",
        out.clause
    );
    if let Some(quirk) = out.quirk {
        message.push_str("; ");
        message.push_str(quirk.message());
    }
    match out.others {
        0 => {}
        1 => message.push_str("; the other scoping filter does not hold either"),
        n => message.push_str(&format!("; none of the other {n} scoping filters holds")),
    }
    message
}

/// Who is in scope and who is skipped, per reason.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ScopeSummary {
    /// Users Azure would create.
    pub in_scope: usize,
    /// Skipped users per [`SkipReason::kind`], in [`KINDS`]' order, only kinds with users.
    pub skipped: Vec<(&'static str, usize)>,
    /// True when no assignment file is loaded: every loaded user is taken as assigned.
    pub assumes_all_assigned: bool,
}

/// What the preview says when no assignment file is loaded.
pub const ASSUMES_ASSIGNED: &str = "No assignments are loaded, so the preview assumes every \
     loaded user is assigned to the app.";

impl ScopeSummary {
    /// The counts of `preview`.
    pub fn of(preview: &Preview) -> Self {
        let mut counts: BTreeMap<&'static str, usize> = BTreeMap::new();
        let mut in_scope = 0;
        for user in &preview.users {
            match &user.skipped {
                None => in_scope += 1,
                Some(reason) => *counts.entry(reason.kind()).or_default() += 1,
            }
        }
        Self {
            in_scope,
            skipped: KINDS
                .iter()
                .filter_map(|kind| counts.get(kind).map(|&n| (*kind, n)))
                .collect(),
            assumes_all_assigned: preview
                .set
                .assignments
                .as_deref()
                .is_none_or(|a| !a.has_assignments()),
        }
    }
}
