//! What Azure would send for every loaded user under a mapping set, and what the SCIM app would
//! build from it.
//!
//! [`run`] evaluates every mapping for every user (once; the request bodies are built from the
//! values on demand by [`scim`]), decides who Azure would skip, and builds the organization
//! [`hierarchy`] and the [`diagnostics`].

pub mod diagnostics;
pub mod diff;
pub mod hierarchy;
pub mod redact;
pub mod scim;
pub mod target;

use std::sync::Arc;

use crate::expr::{EvalContext, Outcome};
use crate::import::UserSet;
use crate::import::record::UserValue;
use crate::mapping::MappingSet;
use crate::mapping::compiled::{CompiledMapping, Source, compile};
use diagnostics::Diagnostic;
use hierarchy::Node;
use target::Target;

/// Choices that change what Azure sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Options {
    /// The tenant URL has `?aadOptscim062020`: PATCH in the SCIM-compliant dialect (lowercase
    /// ops, JSON booleans, one path-less `replace`).
    pub aad_opt_scim_062020: bool,
}

/// One mapping's value for one user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    /// A Direct mapping's single value, shared with the user record (no copy).
    Shared(Arc<str>),
    /// Anything else: values, null, flow ignored, or the error.
    Outcome(Outcome),
}

impl Cell {
    /// The error, if evaluation failed.
    pub fn error(&self) -> Option<&crate::expr::EvalError> {
        match self {
            Cell::Outcome(Outcome::Error(e)) => Some(e),
            _ => None,
        }
    }
}

/// One user's preview.
#[derive(Debug, Clone, PartialEq)]
pub struct UserPreview {
    /// Index of the user in the set.
    pub index: usize,
    /// Why Azure would not create this user, if it would not.
    pub skipped: Option<String>,
    /// Per mapping (in the set's order): the evaluated value.
    pub values: Vec<Cell>,
    /// Mappings that failed for this user, as "target: message".
    pub errors: Vec<String>,
}

/// The preview of a whole set.
#[derive(Debug, Clone)]
pub struct Preview {
    /// The users previewed.
    pub set: Arc<UserSet>,
    /// The compiled mappings, in the set's order.
    pub mappings: Vec<CompiledMapping>,
    /// Where each mapping's target goes (`None` for a target Azure could not have).
    pub targets: Vec<Option<Target>>,
    /// One per loaded user, in the set's order.
    pub users: Vec<UserPreview>,
    /// organization > division > department, of the users Azure would create.
    pub hierarchy: Vec<Node>,
    /// Problems found, each with the users concerned.
    pub diagnostics: Vec<Diagnostic>,
    /// The options used.
    pub options: Options,
}

/// Previews `set` under `mappings`.
pub fn run(set: Arc<UserSet>, mappings: &MappingSet, options: Options) -> Preview {
    let mut names = set.names.clone();
    let compiled = compile(mappings, &mut names);
    let targets: Vec<Option<Target>> = compiled
        .iter()
        .map(|c| Target::parse(&c.mapping.target))
        .collect();
    let ctx = EvalContext::default();
    let soft_deleted = set.names.get("IsSoftDeleted");
    let matching: Vec<usize> = {
        let mut order: Vec<(u32, usize)> = compiled
            .iter()
            .enumerate()
            .filter(|(_, c)| c.mapping.matching > 0)
            .map(|(i, c)| (c.mapping.matching, i))
            .collect();
        order.sort();
        order.into_iter().map(|(_, i)| i).collect()
    };
    let evaluate = |index: usize| {
        let user = &set.users[index];
        let values: Vec<Cell> = compiled
            .iter()
            .map(|c| match &c.source {
                Source::Attribute { index, .. } => match user.slot(*index).map(|s| &s.value) {
                    Some(UserValue::One(text)) => Cell::Shared(text.clone()),
                    Some(UserValue::Many(values)) => {
                        Cell::Outcome(Outcome::Values(values.to_vec()))
                    }
                    None => Cell::Outcome(Outcome::Null),
                },
                Source::Expression(expression) => {
                    Cell::Outcome(expression.evaluate(user, &ctx).outcome)
                }
                Source::Constant(text) => Cell::Outcome(Outcome::Values(vec![text.clone()])),
                Source::Nothing => Cell::Outcome(Outcome::Null),
            })
            .collect();
        let errors: Vec<String> = values
            .iter()
            .zip(&compiled)
            .filter_map(|(v, c)| {
                v.error()
                    .map(|e| format!("{}: {}", c.mapping.target, e.message))
            })
            .collect();
        let disabled = soft_deleted.and_then(|i| user.slot(i)).is_some_and(
            |s| matches!(&s.value, UserValue::One(v) if v.eq_ignore_ascii_case("true")),
        );
        let skipped = if disabled {
            Some(
                "disabled in Entra (IsSoftDeleted is True): Azure does not create disabled \
                     users; an already provisioned one gets active = false"
                    .to_owned(),
            )
        } else if !matching.is_empty()
            && matching
                .iter()
                .all(|&m| scim::create_value(scim::cell_value(&values[m]), &compiled[m]).is_none())
        {
            let targets: Vec<&str> = matching
                .iter()
                .map(|&m| compiled[m].mapping.target.as_str())
                .collect();
            Some(format!(
                "no value for the matching attribute ({}): Azure cannot match or create \
                     this user and reports an error",
                targets.join(", ")
            ))
        } else {
            None
        };
        UserPreview {
            index,
            skipped,
            values,
            errors,
        }
    };
    // Two threads, each evaluating a contiguous half of the users.
    let half = set.users.len().div_ceil(2);
    let users: Vec<UserPreview> = std::thread::scope(|scope| {
        let second = scope.spawn(|| (half..set.users.len()).map(evaluate).collect::<Vec<_>>());
        let mut users: Vec<UserPreview> = (0..half.min(set.users.len())).map(evaluate).collect();
        match second.join() {
            Ok(rest) => users.extend(rest),
            Err(_) => users.extend((half..set.users.len()).map(evaluate)),
        }
        users
    });
    let mut preview = Preview {
        set: set.clone(),
        mappings: compiled,
        targets,
        users,
        hierarchy: Vec::new(),
        diagnostics: Vec::new(),
        options,
    };
    preview.hierarchy = hierarchy::build(&preview);
    preview.diagnostics = diagnostics::find(&set, &preview);
    preview
}

impl Preview {
    /// The mapping index whose target is the enterprise attribute `attr`.
    pub fn enterprise_mapping(&self, attr: &str) -> Option<usize> {
        self.targets
            .iter()
            .position(|t| t.as_ref().and_then(Target::enterprise) == Some(attr))
    }

    /// The value Azure would send on create for mapping `m` of user `u`.
    pub fn create_value(&self, u: usize, m: usize) -> Option<&str> {
        scim::create_value(self.update_value(u, m), &self.mappings[m])
    }

    /// The value Azure sends on update for mapping `m` of user `u` (no default value).
    pub fn update_value(&self, u: usize, m: usize) -> Option<&str> {
        scim::cell_value(&self.users[u].values[m])
    }

    /// Users who share the value of the first matching attribute with another created user
    /// (sorted), and the values shared (sorted).
    pub fn duplicate_matching_values(&self) -> (Vec<usize>, Vec<String>) {
        let Some(m) = self
            .mappings
            .iter()
            .enumerate()
            .filter(|(_, c)| c.mapping.matching > 0)
            .min_by_key(|(_, c)| c.mapping.matching)
            .map(|(i, _)| i)
        else {
            return (Vec::new(), Vec::new());
        };
        let mut first: foldhash::HashMap<&str, usize> = Default::default();
        first.reserve(self.users.len());
        let mut users = Vec::new();
        let mut values = Vec::new();
        for (u, user) in self.users.iter().enumerate() {
            if user.skipped.is_some() {
                continue;
            }
            let Some(value) = self.create_value(u, m) else {
                continue;
            };
            match first.entry(value) {
                std::collections::hash_map::Entry::Vacant(slot) => {
                    slot.insert(u);
                }
                std::collections::hash_map::Entry::Occupied(seen) => {
                    users.push(*seen.get());
                    users.push(u);
                    values.push(value.to_owned());
                }
            }
        }
        users.sort_unstable();
        users.dedup();
        values.sort();
        values.dedup();
        (users, values)
    }
}
