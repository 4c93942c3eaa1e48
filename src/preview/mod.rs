//! What Azure would send for every loaded user under a mapping set, and what the SCIM app would
//! build from it.
//!
//! [`run`] evaluates every mapping for every user (once; the request bodies are built from the
//! values on demand by [`scim`]), decides who Azure would skip and why ([`skip`]), and builds
//! the organization [`hierarchy`] and the [`diagnostics`] (with the reporting lines a skipped
//! manager breaks: [`manager`]). Values are kept a [`Column`] per mapping, so that
//! [`Preview::change_mapping`] replaces one column; the mappings are dealt out to rayon's
//! threads. [`needs`] says which attributes the mappings read, for the coverage of step 2.

mod checks;
pub mod diagnostics;
pub mod diff;
pub mod export;
pub mod hierarchy;
pub mod manager;
pub mod needs;
pub mod personal;
pub mod redact;
pub mod results;
pub mod scim;
pub mod skip;
pub mod target;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::expr::{AttributeNames, Bound, EvalContext, Note, NoteKind, Outcome};
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
use skip::Scope;
pub use skip::SkipReason;
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
    /// A single value: a Direct mapping's is shared with the user record, an expression's with
    /// every user whose inputs are the same (no copies).
    Shared(Arc<str>),
    /// No value: Azure sends nothing for this attribute.
    Null,
    /// Anything else, kept out of line so a column stays small: several values, flow
    /// ignored, or the error.
    Outcome(Box<Outcome>),
}

impl Cell {
    /// The error, if evaluation failed.
    pub fn error(&self) -> Option<&crate::expr::EvalError> {
        match self {
            Cell::Outcome(outcome) => match &**outcome {
                Outcome::Error(e) => Some(e),
                _ => None,
            },
            _ => None,
        }
    }
}

/// One user's preview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserPreview {
    /// Index of the user in the set.
    pub index: usize,
    /// Why Azure would not create this user, if it would not.
    pub skipped: Option<SkipReason>,
}

/// One mapping's values for every user, and what evaluating it noted. The preview is stored a
/// mapping at a time, so that changing one mapping replaces one column.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// One per user, in the set's order.
    pub cells: Vec<Cell>,
    /// (user, note), users in order: assumptions where Azure may differ, quirks.
    pub notes: Vec<(u32, Note)>,
    /// What the value checks found, over all users (the diagnostics leave out skipped ones).
    found: diagnostics::Found,
}

impl Column {
    /// Adds the column of later users.
    fn append(&mut self, later: Column) {
        self.cells.extend(later.cells);
        self.notes.extend(later.notes);
        self.found.append(later.found);
    }
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
    /// Per mapping (in the set's order): its value for every user.
    pub columns: Vec<Column>,
    /// organization > division > department, of the users Azure would create.
    pub hierarchy: Vec<Node>,
    /// Problems found, each with the users concerned.
    pub diagnostics: Vec<Diagnostic>,
    /// The same, grouped by what they depend on.
    groups: Groups,
    /// The users who lose their reporting line ([`manager::problems`]): shown with the tree's
    /// problems, but kept apart so that a change to a level does not count them again.
    lost_lines: Vec<Diagnostic>,
    /// The options used.
    pub options: Options,
    /// Users by object id, made when first asked (for the manager requests).
    by_object_id: std::sync::OnceLock<foldhash::HashMap<Arc<str>, usize>>,
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
        columns: Vec::new(),
        hierarchy: Vec::new(),
        diagnostics: Vec::new(),
        groups: Groups::default(),
        lost_lines: Vec::new(),
        options: Options::default(),
        by_object_id: std::sync::OnceLock::new(),
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
    run_counted(set, mappings, options, cancel, &AtomicUsize::new(0))
}

/// [`run_cancellable`], counting in `done` the values evaluated so far (users × mappings in
/// all), for a progress bar. Evaluation is most of the work; the tree and the diagnostics
/// follow it.
pub fn run_counted(
    set: Arc<UserSet>,
    mappings: &MappingSet,
    options: Options,
    cancel: &AtomicBool,
    done: &AtomicUsize,
) -> Option<Preview> {
    let mut names = set.names.clone();
    let compiled = compile(mappings, &mut names);
    let targets: Vec<Option<Target>> = compiled
        .iter()
        .map(|c| Target::parse(&c.mapping.target))
        .collect();
    let ctx = EvalContext::default();
    // The mappings are dealt out to the threads, each thread going through the users a block
    // at a time with all its mappings: a block's records stay in cache, and a shared value is
    // counted by one thread only (no two threads fight over its reference count).
    let threads = rayon::current_num_threads().clamp(1, compiled.len().max(1));
    let deals: Vec<Vec<usize>> = (0..threads)
        .map(|t| (t..compiled.len()).step_by(threads).collect())
        .collect();
    let dealt: Vec<Vec<(usize, Column)>> = deals
        .par_iter()
        .map(|deal| {
            let jobs: Vec<(&CompiledMapping, bool)> = deal
                .iter()
                .map(|&m| (&compiled[m], is_unit(&targets[m])))
                .collect();
            let columns =
                evaluate_columns(&set, &jobs, 0..set.users.len(), &ctx, cancel, Some(done))?;
            Some(deal.iter().copied().zip(columns).collect())
        })
        .collect::<Option<_>>()?;
    let mut dealt: Vec<(usize, Column)> = dealt.into_iter().flatten().collect();
    dealt.sort_by_key(|(m, _)| *m);
    let columns: Vec<Column> = dealt.into_iter().map(|(_, column)| column).collect();
    let scope = Scope::new(&set, &compiled);
    let users = (0..set.users.len())
        .into_par_iter()
        .map(|index| UserPreview {
            index,
            skipped: scope.skip_reason(&set.users[index], index, &columns, &compiled),
        })
        .collect();
    let mut preview = Preview {
        set: set.clone(),
        names,
        mappings: compiled,
        targets,
        users,
        columns,
        hierarchy: Vec::new(),
        diagnostics: Vec::new(),
        groups: Groups::default(),
        lost_lines: Vec::new(),
        options,
        by_object_id: std::sync::OnceLock::new(),
    };
    if cancel.load(Ordering::Relaxed) {
        return None;
    }
    let (tree, matching) = rayon::join(
        || hierarchy::build(&preview),
        || diagnostics::matching(&preview),
    );
    preview.hierarchy = tree;
    preview.lost_lines = manager::problems(&preview);
    preview.groups = Groups {
        set: diagnostics::set_problems(&preview),
        per_mapping: diagnostics::per_mapping(&set, &preview),
        matching,
        hierarchy: diagnostics::hierarchy(&preview),
    };
    preview.diagnostics = preview.groups.all();
    Some(preview)
}

/// True when `target` is organization, division or department.
fn is_unit(target: &Option<Target>) -> bool {
    target
        .as_ref()
        .and_then(Target::enterprise)
        .is_some_and(|a| hierarchy::LEVELS.contains(&a))
}

/// Remembers a mapping's results by the values of the attributes it reads: users with the
/// same department get the same split of it, so 100 000 users with 300 departments cost 300
/// evaluations, and share one copy of each result. Only for constants and expressions whose
/// result depends on nothing else (not `Guid`, `Now`, directory lookups), and only while the
/// distinct inputs stay few.
struct Memo<'s> {
    /// The attributes read, or `None` when results must not be remembered.
    attrs: Option<Vec<usize>>,
    results: foldhash::HashMap<Vec<Option<&'s str>>, (Cell, Vec<Note>)>,
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
            Source::Constant(_) | Source::Nothing => Some(Vec::new()),
            Source::Expression(_) | Source::Attribute { .. } => None,
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
        if let Some((value, notes)) = self.results.get(&key) {
            return (value.clone(), notes.clone());
        }
        let (value, notes) = cell(compiled, user, ctx);
        if self.results.len() < MEMO_LIMIT {
            self.results.insert(key, (value.clone(), notes.clone()));
        } else {
            self.attrs = None;
            self.results = Default::default();
        }
        (value, notes)
    }
}

/// Evaluates one mapping for every user of `set`, on two threads; `None` once `cancel` is set.
/// The mapping comes back compiled (with its compile error, if any).
pub(crate) fn evaluate_mapping(
    set: &UserSet,
    mapping: &Mapping,
    cancel: &AtomicBool,
) -> Option<(CompiledMapping, Column)> {
    let mut names = set.names.clone();
    let compiled = compile_one(mapping, &mut names);
    let unit = is_unit(&Target::parse(&mapping.target));
    let ctx = EvalContext::default();
    let count = set.users.len();
    let half = count.div_ceil(2);
    let evaluate = |range| evaluate_columns(set, &[(&compiled, unit)], range, &ctx, cancel, None);
    let (first, second) = rayon::join(|| evaluate(0..half), || evaluate(half..count));
    let mut column = first?.pop()?;
    column.append(second?.pop()?);
    Some((compiled, column))
}

/// How many users are evaluated for all of a thread's mappings before the next ones.
const BLOCK: usize = 512;

/// Evaluates the mappings of `jobs` (each with whether it fills a level) for the users in
/// `range`, a block of users at a time, and checks the values; `None` once `cancel` is set.
fn evaluate_columns<'s>(
    set: &'s UserSet,
    jobs: &[(&CompiledMapping, bool)],
    range: std::ops::Range<usize>,
    ctx: &EvalContext<'_>,
    cancel: &AtomicBool,
    done: Option<&AtomicUsize>,
) -> Option<Vec<Column>> {
    let mut memos: Vec<Memo<'s>> = jobs.iter().map(|(c, _)| Memo::new(c)).collect();
    let mut columns: Vec<Column> = jobs
        .iter()
        .map(|_| Column {
            cells: Vec::with_capacity(range.len()),
            notes: Vec::new(),
            found: diagnostics::Found::default(),
        })
        .collect();
    // Direct mappings are read in one pass over each user's attributes (which are sorted),
    // instead of a search per mapping: attribute -> the jobs that read it.
    let mut direct: Vec<Vec<usize>> = Vec::new();
    let mut others: Vec<usize> = Vec::new();
    for (j, (compiled, _)) in jobs.iter().enumerate() {
        match &compiled.source {
            Source::Attribute { index, .. } => {
                if direct.len() <= *index {
                    direct.resize(index + 1, Vec::new());
                }
                direct[*index].push(j);
            }
            _ => others.push(j),
        }
    }
    let readers: Vec<usize> = direct.iter().flatten().copied().collect();
    // Per job: how many users its regular expression ran over the time bound for, and once
    // that is too many, the cell every later user gets without being evaluated.
    let mut slow = vec![0usize; jobs.len()];
    let mut given_up: Vec<Option<Cell>> = vec![None; jobs.len()];
    let mut start = range.start;
    while start < range.end {
        if cancel.load(Ordering::Relaxed) {
            return None;
        }
        let block = start..(start + BLOCK).min(range.end);
        if !readers.is_empty() {
            for index in block.clone() {
                for &j in &readers {
                    columns[j].cells.push(Cell::Null);
                }
                for slot in set.users[index].slots() {
                    let Some(js) = direct.get(slot.attr as usize) else {
                        continue;
                    };
                    for &j in js {
                        if let Some(last) = columns[j].cells.last_mut() {
                            *last = direct_cell(&slot.value);
                        }
                    }
                }
                for &j in &readers {
                    let column = &mut columns[j];
                    if let Some(last) = column.cells.last() {
                        column.found.check(index, last, jobs[j].0, jobs[j].1);
                    }
                }
            }
        }
        for &j in &others {
            let ((compiled, unit), memo, column) = (&jobs[j], &mut memos[j], &mut columns[j]);
            for index in block.clone() {
                let (value, noted) = match &given_up[j] {
                    Some(cell) => (cell.clone(), Vec::new()),
                    None => memo.cell(compiled, &set.users[index], ctx),
                };
                if given_up[j].is_none()
                    && let Some(error) = value.error()
                    && error.bound == Some(Bound::RegexTime)
                {
                    slow[j] += 1;
                    if slow[j] >= SLOW_REGEX_USERS {
                        given_up[j] = Some(not_evaluated(error.span));
                    }
                }
                column.found.check(index, &value, compiled, *unit);
                column.cells.push(value);
                column
                    .notes
                    .extend(noted.into_iter().map(|n| (index as u32, n)));
            }
        }
        if let Some(done) = done {
            done.fetch_add(block.len() * jobs.len(), Ordering::Relaxed);
        }
        start = block.end;
    }
    Some(columns)
}

/// After this many users whose evaluation of one mapping ran over the regular-expression time
/// bound, the mapping is not evaluated for the rest: each would take as long, and a preview of
/// 100 000 users must still finish.
const SLOW_REGEX_USERS: usize = 3;

/// The value of a mapping given up on (see [`SLOW_REGEX_USERS`]).
fn not_evaluated(span: crate::expr::Span) -> Cell {
    Cell::Outcome(Box::new(Outcome::Error(crate::expr::EvalError::bound(
        span,
        Bound::RegexTime,
        format!(
            "Not evaluated: this mapping's regular expression ran over its time bound for \
             {SLOW_REGEX_USERS} users already, so the preview stops running it for the others. \
             Simplify the pattern (avoid nested repetitions such as (a+)+)."
        ),
    ))))
}

/// A Direct mapping's value: the attribute's.
fn direct_cell(value: &UserValue) -> Cell {
    match value {
        UserValue::One(text) => Cell::Shared(text.clone()),
        UserValue::Many(values) if values.len() == 1 => Cell::Shared(Arc::from(values[0].as_str())),
        UserValue::Many(values) => Cell::Outcome(Box::new(Outcome::Values(values.to_vec()))),
    }
}

/// One mapping's value for one user, with what evaluation noted. A single value is always a
/// [`Cell::Shared`], so equal values compare equal however they were made.
fn cell(compiled: &CompiledMapping, user: &User, ctx: &EvalContext<'_>) -> (Cell, Vec<Note>) {
    let shared = |outcome: Outcome| match outcome {
        Outcome::Values(mut values) if values.len() == 1 => {
            Cell::Shared(Arc::from(values.pop().unwrap_or_default()))
        }
        Outcome::Null => Cell::Null,
        other => Cell::Outcome(Box::new(other)),
    };
    let value = match &compiled.source {
        Source::Attribute { index, .. } => user
            .slot(*index)
            .map_or(Cell::Null, |s| direct_cell(&s.value)),
        Source::Expression(expression) => {
            let evaluation = expression.evaluate(user, ctx);
            return (shared(evaluation.outcome), evaluation.notes);
        }
        Source::Constant(text) => Cell::Shared(Arc::from(text.as_str())),
        Source::Nothing => Cell::Null,
    };
    (value, Vec::new())
}

impl Preview {
    /// The diagnostics grouped by what they concern: each mapping's own, matching, the tree.
    pub fn groups(&self) -> &Groups {
        &self.groups
    }

    /// Mapping `m`'s value for user `u`.
    pub fn cell(&self, u: usize, m: usize) -> &Cell {
        &self.columns[m].cells[u]
    }

    /// What the admin should know about user `u`'s values, as (target, kind, message): notes of
    /// the evaluation (where Azure may differ), a default value that only applies on create,
    /// an attribute left out of the flow.
    pub fn notes(&self, u: usize) -> Vec<(String, NoteKind, String)> {
        let mut notes: Vec<(String, NoteKind, String)> = Vec::new();
        for (m, (compiled, column)) in self.mappings.iter().zip(&self.columns).enumerate() {
            let target = &compiled.mapping.target;
            let first = column.notes.partition_point(|(of, _)| (*of as usize) < u);
            for (_, note) in column.notes[first..]
                .iter()
                .take_while(|(of, _)| *of as usize == u)
            {
                notes.push((target.clone(), note.kind, note.message.clone()));
            }
            if matches!(&column.cells[u], Cell::Outcome(o) if **o == Outcome::FlowIgnored) {
                notes.push((
                    target.clone(),
                    NoteKind::Quirk,
                    "IgnoreFlowIfNullOrEmpty: Azure leaves this attribute out entirely.".into(),
                ));
            } else if self.users[u].skipped.is_none()
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
        self.columns
            .iter()
            .zip(&self.mappings)
            .filter_map(|(column, c)| {
                column.cells[u]
                    .error()
                    .map(|e| format!("{}: {}", c.mapping.target, e.message))
            })
            .collect()
    }

    /// The users Azure would not create, in the set's order, each with why.
    pub fn skipped(&self) -> impl Iterator<Item = (usize, &SkipReason)> + '_ {
        self.users
            .iter()
            .enumerate()
            .filter_map(|(u, user)| Some((u, user.skipped.as_ref()?)))
    }

    /// Decides again, for every user, whether Azure would skip them.
    fn decide_skips(&mut self) {
        let scope = Scope::new(&self.set, &self.mappings);
        let (set, columns, mappings) = (&self.set, &self.columns, &self.mappings);
        self.users.par_iter_mut().enumerate().for_each(|(u, user)| {
            user.skipped = scope.skip_reason(&set.users[u], u, columns, mappings);
        });
    }

    /// Changes mapping `m` and brings the preview up to date, re-evaluating only that mapping
    /// (and rebuilding the hierarchy or the skips only when the mapping feeds them).
    pub fn change_mapping(&mut self, m: usize, mapping: Mapping) {
        if m >= self.mappings.len() {
            return;
        }
        let was_level = self.is_level(m);
        let was_matching = self.mappings[m].mapping.matching > 0;
        let was_manager = manager::manager_mapping(self) == Some(m);
        self.mappings[m] = compile_one(&mapping, &mut self.names);
        self.targets[m] = Target::parse(&mapping.target);
        let ctx = EvalContext::default();
        let never = AtomicBool::new(false);
        let (set, compiled, unit) = (&*self.set, &self.mappings[m], self.is_level(m));
        let count = set.users.len();
        let half = count.div_ceil(2);
        let evaluate =
            |range| evaluate_columns(set, &[(compiled, unit)], range, &ctx, &never, None);
        let (first, second) = rayon::join(|| evaluate(0..half), || evaluate(half..count));
        if let (Some(mut column), Some(second)) = (
            first.and_then(|mut c| c.pop()),
            second.and_then(|mut c| c.pop()),
        ) {
            column.append(second);
            self.columns[m] = column;
        }
        let matching = was_matching || self.mappings[m].mapping.matching > 0;
        if matching {
            self.decide_skips();
            self.groups.matching = diagnostics::matching(self);
        }
        let tree = matching || was_level || self.is_level(m);
        if tree {
            self.hierarchy = hierarchy::build(self);
        }
        let lines = matching || was_manager || manager::manager_mapping(self) == Some(m);
        if lines {
            self.lost_lines = manager::problems(self);
        }
        // The tree's problems include the reporting lines a skipped manager breaks.
        if tree || lines {
            self.groups.hierarchy = diagnostics::hierarchy(self);
        }
        self.groups.set = diagnostics::set_problems(self);
        let set = self.set.clone();
        if matching {
            // Who is created changed: every mapping's value problems are counted anew.
            self.groups.per_mapping = diagnostics::per_mapping(&set, self);
        } else {
            self.groups.per_mapping[m] = diagnostics::for_mapping(&set, self, m);
        }
        self.diagnostics = self.groups.all();
    }

    /// True when mapping `m` fills organization, division or department.
    fn is_level(&self, m: usize) -> bool {
        is_unit(&self.targets[m])
    }

    /// The user whose `objectId` is `id` (the first, if several have it); the lookup is made
    /// once, on first use.
    pub fn user_by_object_id(&self, id: &str) -> Option<usize> {
        let index = self.by_object_id.get_or_init(|| {
            let mut index: foldhash::HashMap<Arc<str>, usize> = Default::default();
            if let Some(object_id) = self.set.names.get("objectId") {
                for (u, user) in self.set.users.iter().enumerate() {
                    if let Some(UserValue::One(id)) = user.slot(object_id).map(|s| &s.value) {
                        index.entry(id.clone()).or_insert(u);
                    }
                }
            }
            index
        });
        index.get(id).copied()
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
        scim::cell_value(&self.columns[m].cells[u])
    }

    /// Users who share the value of the first matching attribute with another created user
    /// (sorted), the values shared (sorted), and that mapping.
    pub fn duplicate_matching_values(&self) -> (Vec<usize>, Vec<String>, Option<usize>) {
        let Some(m) = self
            .mappings
            .iter()
            .enumerate()
            .filter(|(_, c)| c.mapping.matching > 0)
            .min_by_key(|(_, c)| c.mapping.matching)
            .map(|(i, _)| i)
        else {
            return (Vec::new(), Vec::new(), None);
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
        (users, values, Some(m))
    }
}
