//! The one check of a unit of the organization tree: the tree's warning badges
//! ([`unit_problems`]) and the tree's diagnostics both come from [`check`].

use super::checks::{is_spaced, path_levels};
use super::diagnostics::fold;
use super::hierarchy::Node;

/// A problem of one unit of the tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum UnitProblem {
    /// The bucket of users without this level.
    Missing,
    /// The name has spaces before or after it.
    Spaced,
    /// A single user is in the unit (a typo of another unit's name?).
    SingleUser,
    /// The name holds a whole path of several levels.
    WholePath,
    /// Another name at the same level differs only by case, spaces or accents.
    NearDuplicate,
}

impl UnitProblem {
    /// The problem in plain words, for the tree's badge.
    pub fn words(self) -> &'static str {
        match self {
            UnitProblem::Missing => "users without this level",
            UnitProblem::Spaced => "spaces before or after the name",
            UnitProblem::SingleUser => "a single user (a typo?)",
            UnitProblem::WholePath => "holds a whole path",
            UnitProblem::NearDuplicate => {
                "another name at this level differs only by case, spaces or accents"
            }
        }
    }
}

/// The names of each level grouped by their folded form (case, spaces and accents ignored):
/// a group of more than one name is a set of near-duplicates.
pub(crate) struct Variants<'n>(foldhash::HashMap<(&'static str, String), Vec<&'n str>>);

impl<'n> Variants<'n> {
    /// The variants among all units of `nodes` and below.
    pub(crate) fn of(nodes: &'n [Node]) -> Self {
        let mut variants: foldhash::HashMap<(&'static str, String), Vec<&'n str>> =
            Default::default();
        let mut stack: Vec<&'n Node> = nodes.iter().collect();
        while let Some(node) = stack.pop() {
            if let Some(name) = &node.name {
                let names = variants.entry((node.level, fold(name))).or_default();
                if !names.contains(&name.as_str()) {
                    names.push(name);
                }
            }
            stack.extend(&node.children);
        }
        Self(variants)
    }
}

/// The problems of `node` (one unit, its children aside), in the order of [`UnitProblem`].
pub(crate) fn check(node: &Node, variants: &Variants<'_>) -> Vec<UnitProblem> {
    let mut problems = Vec::new();
    match &node.name {
        None => problems.push(UnitProblem::Missing),
        Some(name) => {
            if is_spaced(name) {
                problems.push(UnitProblem::Spaced);
            }
            if node.users == 1 {
                problems.push(UnitProblem::SingleUser);
            }
            if path_levels(name) > 1 {
                problems.push(UnitProblem::WholePath);
            }
            if variants
                .0
                .get(&(node.level, fold(name)))
                .is_some_and(|names| names.len() > 1)
            {
                problems.push(UnitProblem::NearDuplicate);
            }
        }
    }
    problems
}

/// The problems of each unit, for the tree's warning badges: (path of child indices from the
/// top, problems in plain words), for the units that have any, parents first.
pub fn unit_problems(nodes: &[Node]) -> Vec<(Vec<usize>, Vec<&'static str>)> {
    fn walk(
        nodes: &[Node],
        path: &mut Vec<usize>,
        variants: &Variants<'_>,
        out: &mut Vec<(Vec<usize>, Vec<&'static str>)>,
    ) {
        for (i, node) in nodes.iter().enumerate() {
            path.push(i);
            let problems = check(node, variants);
            if !problems.is_empty() {
                out.push((
                    path.clone(),
                    problems.into_iter().map(UnitProblem::words).collect(),
                ));
            }
            walk(&node.children, path, variants, out);
            path.pop();
        }
    }
    let variants = Variants::of(nodes);
    let mut out = Vec::new();
    walk(nodes, &mut Vec::new(), &variants, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::import::sample::{self, SampleShape};
    use crate::import::{Input, Progress, UserSet};
    use crate::mapping::presets;
    use crate::preview::{Options, run};

    /// The tree's problems name exactly the users of the units whose badge says so.
    #[test]
    fn the_badges_and_the_tree_problems_agree() {
        let mut bytes = Vec::new();
        sample::write(&mut bytes, SampleShape::Graph, 3000, 3).unwrap();
        let input = Input::Bytes {
            name: "sample".into(),
            bytes: bytes.into(),
        };
        let set = Arc::new(UserSet::load(&[input], &Progress::default()).0);
        let preview = run(set, &presets::secure_practice(), Options::default());
        let badged = |problem: UnitProblem| -> Vec<usize> {
            let mut users: Vec<usize> = unit_problems(&preview.hierarchy)
                .into_iter()
                .filter(|(_, words)| words.contains(&problem.words()))
                .filter_map(|(path, _)| super::super::hierarchy::node_at(&preview.hierarchy, &path))
                .flat_map(super::super::hierarchy::users_under)
                .collect();
            users.sort_unstable();
            users.dedup();
            users
        };
        let reported = |kind: &str| -> Vec<usize> {
            let mut users: Vec<usize> = preview
                .groups()
                .hierarchy
                .iter()
                .filter(|d| d.kind == kind)
                .flat_map(|d| d.users.iter().copied())
                .collect();
            users.sort_unstable();
            users.dedup();
            users
        };
        for (problem, kind) in [
            (UnitProblem::SingleUser, "single-user-unit"),
            (UnitProblem::Missing, "missing-level"),
            (UnitProblem::NearDuplicate, "near-duplicate-units"),
        ] {
            let users = badged(problem);
            assert!(!users.is_empty(), "the sample has {kind}");
            assert_eq!(users, reported(kind), "{kind}");
        }
    }
}
