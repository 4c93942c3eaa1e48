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
use std::sync::atomic::{AtomicBool, Ordering};

use crate::expr::{AttributeNames, EvalContext, Note, NoteKind, Outcome};
use crate::import::UserSet;
use crate::import::record::User;
use crate::import::record::UserValue;
use crate::mapping::Mapping;
use crate::mapping::MappingSet;
use crate::mapping::compiled::compile_one;
use crate::mapping::compiled::{CompiledMapping, Source, compile};
use diagnostics::Diagnostic;
use diagnostics::Groups;
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
    /// What evaluation noted for this user (mapping index, note): assumptions where Azure may
    /// differ, quirks.
    pub notes: Vec<(u32, Note)>,
}

/// The preview of a whole set.
#[derive(Debug, Clone)]
pub struct Preview {
    /// The users previewed.
    pub set: Arc<UserSet>,
    /// The attribute names the mappings were compiled against.
    names: AttributeNames,
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
    /// The same, grouped by what they depend on.
    groups: Groups,
    /// The options used.
    pub options: Options,
}

/// Previews `set` under `mappings`.
pub fn run(set: Arc<UserSet>, mappings: &MappingSet, options: Options) -> Preview {
    let never = AtomicBool::new(false);
    run_cancellable(set, mappings, options, &never).unwrap_or_else(unreachable_preview)
}

/// Cannot happen: `run` never cancels. An empty preview is the harmless answer.
fn unreachable_preview() -> Preview {
    Preview {
        set: Arc::default(),
        names: AttributeNames::default(),
        mappings: Vec::new(),
        targets: Vec::new(),
        users: Vec::new(),
        hierarchy: Vec::new(),
        diagnostics: Vec::new(),
        groups: Groups::default(),
        options: Options::default(),
    }
}

/// [`run`], stopping early (returning `None`) once `cancel` is set: the window cancels a preview
/// that a newer edit made stale.
pub fn run_cancellable(
    set: Arc<UserSet>,
    mappings: &MappingSet,
    options: Options,
    cancel: &AtomicBool,
) -> Option<Preview> {
    let mut names = set.names.clone();
    let compiled = compile(mappings, &mut names);
    let targets: Vec<Option<Target>> = compiled
        .iter()
        .map(|c| Target::parse(&c.mapping.target))
        .collect();
    let ctx = EvalContext::default();
    let half = set.users.len().div_ceil(2);
    let chunk =
        |range: std::ops::Range<usize>| evaluate_range(&set, &compiled, range, &ctx, cancel);
    let users: Option<Vec<UserPreview>> = std::thread::scope(|scope| {
        let second = scope.spawn(|| chunk(half..set.users.len()));
        let mut users = chunk(0..half.min(set.users.len()))?;
        let rest = second
            .join()
            .unwrap_or_else(|_| chunk(half..set.users.len()))?;
        users.extend(rest);
        Some(users)
    });
    let mut preview = Preview {
        set: set.clone(),
        names,
        mappings: compiled,
        targets,
        users: users?,
        hierarchy: Vec::new(),
        diagnostics: Vec::new(),
        groups: Groups::default(),
        options,
    };
    if cancel.load(Ordering::Relaxed) {
        return None;
    }
    preview.hierarchy = hierarchy::build(&preview);
    preview.groups = diagnostics::find(&set, &preview);
    preview.diagnostics = preview.groups.all();
    Some(preview)
}

/// Remembers an expression's results by the values of the attributes it reads: users with the
/// same department get the same split of it, so 100 000 users with 300 departments cost 300
/// evaluations. Only for expressions whose result depends on nothing else (not `Guid`, `Now`,
/// directory lookups), and only while the distinct inputs stay few.
struct Memo<'s> {
    /// The attributes read, or `None` when results must not be remembered.
    attrs: Option<Vec<usize>>,
    results: foldhash::HashMap<Vec<Option<&'s str>>, (Outcome, Vec<Note>)>,
}

/// How many distinct inputs are remembered per mapping before remembering stops paying.
const MEMO_LIMIT: usize = 4096;

impl<'s> Memo<'s> {
    fn new(compiled: &CompiledMapping) -> Self {
        let attrs = match &compiled.source {
            Source::Expression(e) if !e.is_nondeterministic() && !e.depends_on_directory() => {
                let mut attrs: Vec<usize> = e.attributes().iter().map(|(_, i, _)| *i).collect();
                attrs.sort_unstable();
                attrs.dedup();
                Some(attrs)
            }
            _ => None,
        };
        Self {
            attrs,
            results: Default::default(),
        }
    }

    /// The value for `user`, from memory when its inputs were seen before.
    fn cell(
        &mut self,
        compiled: &CompiledMapping,
        user: &'s User,
        ctx: &EvalContext<'_>,
    ) -> (Cell, Vec<Note>) {
        let Some(attrs) = &self.attrs else {
            return cell(compiled, user, ctx);
        };
        let mut key = Vec::with_capacity(attrs.len());
        for &attr in attrs {
            match user.slot(attr).map(|s| &s.value) {
                Some(UserValue::One(text)) => key.push(Some(&**text)),
                Some(UserValue::Many(_)) => return cell(compiled, user, ctx),
                None => key.push(None),
            }
        }
        if let Some((outcome, notes)) = self.results.get(&key) {
            return (Cell::Outcome(outcome.clone()), notes.clone());
        }
        let (value, notes) = cell(compiled, user, ctx);
        if let Cell::Outcome(outcome) = &value {
            if self.results.len() < MEMO_LIMIT {
                self.results.insert(key, (outcome.clone(), notes.clone()));
            } else {
                self.attrs = None;
                self.results = Default::default();
            }
        }
        (value, notes)
    }
}

/// Evaluates every mapping for the users in `range`; `None` once `cancel` is set.
fn evaluate_range<'s>(
    set: &'s UserSet,
    compiled: &[CompiledMapping],
    range: std::ops::Range<usize>,
    ctx: &EvalContext<'_>,
    cancel: &AtomicBool,
) -> Option<Vec<UserPreview>> {
    let mut memos: Vec<Memo<'s>> = compiled.iter().map(Memo::new).collect();
    let scope = Scope::new(set, compiled);
    let mut out = Vec::with_capacity(range.len());
    for index in range {
        if index % 4096 == 0 && cancel.load(Ordering::Relaxed) {
            return None;
        }
        let user = &set.users[index];
        let mut notes = Vec::new();
        let values: Vec<Cell> = compiled
            .iter()
            .zip(memos.iter_mut())
            .enumerate()
            .map(|(m, (c, memo))| {
                let (value, noted) = memo.cell(c, user, ctx);
                notes.extend(noted.into_iter().map(|n| (m as u32, n)));
                value
            })
            .collect();
        out.push(UserPreview {
            index,
            skipped: scope.skip_reason(user, &values, compiled),
            values,
            notes,
        });
    }
    Some(out)
}

/// What decides whether Azure skips a user.
struct Scope {
    soft_deleted: Option<usize>,
    /// The matching mappings, lowest precedence number first.
    matching: Vec<usize>,
}

impl Scope {
    fn new(set: &UserSet, compiled: &[CompiledMapping]) -> Self {
        let mut matching: Vec<(u32, usize)> = compiled
            .iter()
            .enumerate()
            .filter(|(_, c)| c.mapping.matching > 0)
            .map(|(i, c)| (c.mapping.matching, i))
            .collect();
        matching.sort();
        Self {
            soft_deleted: set.names.get("IsSoftDeleted"),
            matching: matching.into_iter().map(|(_, i)| i).collect(),
        }
    }

    /// Why Azure would not create `user`, whose mapping values are `values`.
    fn skip_reason(
        &self,
        user: &User,
        values: &[Cell],
        compiled: &[CompiledMapping],
    ) -> Option<String> {
        let disabled = self.soft_deleted.and_then(|i| user.slot(i)).is_some_and(
            |s| matches!(&s.value, UserValue::One(v) if v.eq_ignore_ascii_case("true")),
        );
        if disabled {
            return Some(
                "disabled in Entra (IsSoftDeleted is True): Azure does not create disabled \
                 users; an already provisioned one gets active = false"
                    .to_owned(),
            );
        }
        let unmatched = !self.matching.is_empty()
            && self
                .matching
                .iter()
                .all(|&m| scim::create_value(scim::cell_value(&values[m]), &compiled[m]).is_none());
        unmatched.then(|| {
            let targets: Vec<&str> = self
                .matching
                .iter()
                .map(|&m| compiled[m].mapping.target.as_str())
                .collect();
            format!(
                "no value for the matching attribute ({}): Azure cannot match or create this \
                 user and reports an error",
                targets.join(", ")
            )
        })
    }
}

/// One mapping's value for one user, with what evaluation noted.
fn cell(compiled: &CompiledMapping, user: &User, ctx: &EvalContext<'_>) -> (Cell, Vec<Note>) {
    let value = match &compiled.source {
        Source::Attribute { index, .. } => match user.slot(*index).map(|s| &s.value) {
            Some(UserValue::One(text)) => Cell::Shared(text.clone()),
            Some(UserValue::Many(values)) => Cell::Outcome(Outcome::Values(values.to_vec())),
            None => Cell::Outcome(Outcome::Null),
        },
        Source::Expression(expression) => {
            let evaluation = expression.evaluate(user, ctx);
            return (Cell::Outcome(evaluation.outcome), evaluation.notes);
        }
        Source::Constant(text) => Cell::Outcome(Outcome::Values(vec![text.clone()])),
        Source::Nothing => Cell::Outcome(Outcome::Null),
    };
    (value, Vec::new())
}

impl Preview {
    /// What the admin should know about user `u`'s values, as (target, kind, message): notes of
    /// the evaluation (where Azure may differ), a default value that only applies on create,
    /// an attribute left out of the flow.
    pub fn notes(&self, u: usize) -> Vec<(String, NoteKind, String)> {
        let user = &self.users[u];
        let mut notes: Vec<(String, NoteKind, String)> = user
            .notes
            .iter()
            .map(|(m, note)| {
                let target = self.mappings[*m as usize].mapping.target.clone();
                (target, note.kind, note.message.clone())
            })
            .collect();
        for (m, compiled) in self.mappings.iter().enumerate() {
            let target = &compiled.mapping.target;
            if matches!(user.values[m], Cell::Outcome(Outcome::FlowIgnored)) {
                notes.push((
                    target.clone(),
                    NoteKind::Quirk,
                    "IgnoreFlowIfNullOrEmpty: Azure leaves this attribute out entirely.".into(),
                ));
            } else if user.skipped.is_none()
                && self.update_value(u, m).is_none()
                && let Some(default) = self.create_value(u, m)
            {
                notes.push((
                    target.clone(),
                    NoteKind::Quirk,
                    format!(
                        "The default value \"{default}\" is sent only when Azure creates the \
                         user; on later updates nothing is sent for this attribute."
                    ),
                ));
            }
        }
        notes.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.2.cmp(&b.2)));
        notes.dedup();
        notes
    }

    /// Mappings that failed for user `u`, as "target: message".
    pub fn errors(&self, u: usize) -> Vec<String> {
        self.users[u]
            .values
            .iter()
            .zip(&self.mappings)
            .filter_map(|(v, c)| {
                v.error()
                    .map(|e| format!("{}: {}", c.mapping.target, e.message))
            })
            .collect()
    }

    /// Decides again, for every user, whether Azure would skip them.
    fn decide_skips(&mut self) {
        let scope = Scope::new(&self.set, &self.mappings);
        for user in &mut self.users {
            user.skipped =
                scope.skip_reason(&self.set.users[user.index], &user.values, &self.mappings);
        }
    }

    /// Changes mapping `m` and brings the preview up to date, re-evaluating only that mapping
    /// (and rebuilding the hierarchy or the skips only when the mapping feeds them).
    pub fn change_mapping(&mut self, m: usize, mapping: Mapping) {
        if m >= self.mappings.len() {
            return;
        }
        let was_level = self.is_level(m);
        let was_matching = self.mappings[m].mapping.matching > 0;
        self.mappings[m] = compile_one(&mapping, &mut self.names);
        self.targets[m] = Target::parse(&mapping.target);
        let ctx = EvalContext::default();
        let (set, compiled) = (&self.set, &self.mappings[m]);
        let half = self.users.len().div_ceil(2);
        let (first, second) = self.users.split_at_mut(half);
        std::thread::scope(|scope| {
            let work = |users: &mut [UserPreview]| {
                let mut memo = Memo::new(compiled);
                for user in users {
                    let (value, noted) = memo.cell(compiled, &set.users[user.index], &ctx);
                    user.values[m] = value;
                    user.notes.retain(|(of, _)| *of as usize != m);
                    user.notes.extend(noted.into_iter().map(|n| (m as u32, n)));
                }
            };
            scope.spawn(move || work(second));
            work(first);
        });
        let matching = was_matching || self.mappings[m].mapping.matching > 0;
        if matching {
            self.decide_skips();
            self.groups.matching = diagnostics::matching(self);
        }
        if matching || was_level || self.is_level(m) {
            self.hierarchy = hierarchy::build(self);
            self.groups.hierarchy = diagnostics::hierarchy(self);
        }
        let set = self.set.clone();
        self.groups.per_mapping[m] = diagnostics::for_mapping(&set, self, m);
        self.diagnostics = self.groups.all();
    }

    /// True when mapping `m` fills organization, division or department.
    fn is_level(&self, m: usize) -> bool {
        self.targets[m]
            .as_ref()
            .and_then(Target::enterprise)
            .is_some_and(|a| hierarchy::LEVELS.contains(&a))
    }

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
