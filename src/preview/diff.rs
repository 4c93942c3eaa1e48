//! What changes for the same users between two mapping sets: per target attribute, how many
//! users get a different value and the most common before → after pairs; and who moves in the
//! organization hierarchy.

use std::collections::HashMap;

use serde::Serialize;

use super::Preview;
use super::hierarchy::LEVELS;

/// The change of one target attribute.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TargetChange {
    /// The target attribute.
    pub target: String,
    /// Users whose value changes (created in both previews).
    pub users: usize,
    /// The most common (before, after) pairs with their counts; `None` is "not sent".
    pub pairs: Vec<(Option<String>, Option<String>, usize)>,
}

/// A user's (organization, division, department), `None` where not sent.
pub type Unit = [Option<String>; 3];

/// The difference between two previews of the same users.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diff {
    /// Per target whose value changes for at least one user.
    pub targets: Vec<TargetChange>,
    /// Users whose (organization, division, department) changes, as (user, before, after).
    pub moved: Vec<(usize, Unit, Unit)>,
    /// Users created in one preview and skipped in the other.
    pub scope_changed: Vec<usize>,
}

/// How many pairs are kept per target.
pub const TOP_PAIRS: usize = 5;

/// Compares `before` and `after`, two previews of the same user set.
pub fn diff(before: &Preview, after: &Preview) -> Diff {
    let index = |p: &Preview| -> HashMap<String, usize> {
        p.mappings
            .iter()
            .enumerate()
            .map(|(m, c)| (c.mapping.target.clone(), m))
            .collect()
    };
    let (a, b) = (index(before), index(after));
    let mut targets: Vec<String> = a.keys().chain(b.keys()).cloned().collect();
    targets.sort();
    targets.dedup();
    let users = before.users.len().min(after.users.len());
    let both = |u: usize| before.users[u].skipped.is_none() && after.users[u].skipped.is_none();
    let mut changes = Vec::new();
    for target in targets {
        let mut pairs: HashMap<(Option<&str>, Option<&str>), usize> = HashMap::new();
        let mut changed = 0;
        for u in (0..users).filter(|&u| both(u)) {
            let old = a.get(&target).and_then(|&m| before.create_value(u, m));
            let new = b.get(&target).and_then(|&m| after.create_value(u, m));
            if old != new {
                changed += 1;
                *pairs.entry((old, new)).or_default() += 1;
            }
        }
        if changed == 0 {
            continue;
        }
        let mut pairs: Vec<(Option<String>, Option<String>, usize)> = pairs
            .into_iter()
            .map(|((o, n), count)| (o.map(str::to_owned), n.map(str::to_owned), count))
            .collect();
        pairs.sort_by(|x, y| y.2.cmp(&x.2).then_with(|| (&x.0, &x.1).cmp(&(&y.0, &y.1))));
        pairs.truncate(TOP_PAIRS);
        changes.push(TargetChange {
            target,
            users: changed,
            pairs,
        });
    }
    let unit = |p: &Preview, u: usize| -> Unit {
        LEVELS.map(|level| {
            p.enterprise_mapping(level)
                .and_then(|m| p.create_value(u, m))
                .map(str::to_owned)
        })
    };
    let moved = (0..users)
        .filter(|&u| both(u))
        .filter_map(|u| {
            let (old, new) = (unit(before, u), unit(after, u));
            (old != new).then_some((u, old, new))
        })
        .collect();
    let scope_changed = (0..users)
        .filter(|&u| before.users[u].skipped.is_some() != after.users[u].skipped.is_some())
        .collect();
    Diff {
        targets: changes,
        moved,
        scope_changed,
    }
}

/// The diff as text.
pub fn to_text(diff: &Diff) -> String {
    let show = |v: &Option<String>| match v {
        Some(v) => format!("\"{v}\""),
        None => "(not sent)".to_owned(),
    };
    let mut out = String::new();
    if diff.targets.is_empty() {
        out.push_str("No user gets a different value.\n");
    }
    for change in &diff.targets {
        out.push_str(&format!(
            "{}: {} user{} change\n",
            change.target,
            change.users,
            if change.users == 1 { "" } else { "s" }
        ));
        for (old, new, count) in &change.pairs {
            out.push_str(&format!("  {} -> {}  ({count})\n", show(old), show(new)));
        }
    }
    out.push_str(&format!(
        "\n{} user{} move in the hierarchy.\n",
        diff.moved.len(),
        if diff.moved.len() == 1 { "" } else { "s" }
    ));
    if !diff.scope_changed.is_empty() {
        out.push_str(&format!(
            "{} user{} created under one mapping set and skipped under the other.\n",
            diff.scope_changed.len(),
            if diff.scope_changed.len() == 1 {
                " is"
            } else {
                "s are"
            }
        ));
    }
    out
}
