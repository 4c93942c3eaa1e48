//! Evaluating mappings into columns: a thread's mappings for a block of users at a time, Direct
//! mappings read in one pass over a user's attributes, expression results remembered by their
//! inputs, and the value checks made as each value is made.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use super::target::Target;
use super::values::{Cell, Column, cell_value, create_value, is_unit};
use crate::expr::{Bound, EvalContext, Note, Outcome};
use crate::import::UserSet;
use crate::import::record::{Text, User, ValueRef};
use crate::mapping::Mapping;
use crate::mapping::compiled::compile_one;
use crate::mapping::compiled::{CompiledMapping, Source};

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
            match user.value_of(attr) {
                Some(ValueRef::One(text)) => key.push(Some(&**text)),
                Some(ValueRef::Many(_)) => return cell(compiled, user, ctx),
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
pub(crate) fn evaluate_columns<'s>(
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
        .map(|_| Column::with_capacity(range.len()))
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
                    columns[j].push(Cell::Null);
                }
                let user = &set.users[index];
                for slot in user.slots() {
                    let Some(js) = direct.get(slot.attr as usize) else {
                        continue;
                    };
                    for &j in js {
                        columns[j].replace_last(direct_cell(user.value(slot)));
                    }
                }
                for &j in &readers {
                    columns[j].check_last(index, jobs[j].0, jobs[j].1);
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
                let sent = create_value(cell_value(value.as_ref()), compiled);
                column
                    .found
                    .check(index, value.error().is_some(), sent, *unit);
                column.push(value);
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
fn direct_cell(value: ValueRef<'_>) -> Cell {
    match value {
        ValueRef::One(text) => Cell::Shared(text.clone()),
        ValueRef::Many([one]) => Cell::Shared(Text::from(one.as_str())),
        ValueRef::Many(values) => Cell::Outcome(Box::new(Outcome::Values(values.to_vec()))),
    }
}

/// One mapping's value for one user, with what evaluation noted. A single value is always a
/// [`Cell::Shared`], so equal values compare equal however they were made.
fn cell(compiled: &CompiledMapping, user: &User, ctx: &EvalContext<'_>) -> (Cell, Vec<Note>) {
    let shared = |outcome: Outcome| match outcome {
        Outcome::Values(mut values) if values.len() == 1 => {
            Cell::Shared(Text::from(values.pop().unwrap_or_default()))
        }
        Outcome::Null => Cell::Null,
        other => Cell::Outcome(Box::new(other)),
    };
    let value = match &compiled.source {
        Source::Attribute { index, .. } => user.value_of(*index).map_or(Cell::Null, direct_cell),
        Source::Expression(expression) => {
            let evaluation = expression.evaluate(user, ctx);
            return (shared(evaluation.outcome), evaluation.notes);
        }
        Source::Constant(text) => Cell::Shared(Text::from(text.as_str())),
        Source::Nothing => Cell::Null,
    };
    (value, Vec::new())
}
