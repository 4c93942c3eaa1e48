//! What Azure would send for every loaded user under a mapping set, and what the SCIM app would
//! build from it.
//!
//! [`run`] evaluates every mapping for every user (once; the request bodies are built from the
//! values on demand by [`scim`]), decides who Azure would skip and why ([`skip`]), and builds
//! the organization [`hierarchy`] and the [`diagnostics`] (with the reporting lines a skipped
//! manager breaks: [`manager`]). Values ([`values`]) are kept a [`Column`] per mapping, shared,
//! so that [`Preview::change_mapping`] on a copy of a preview replaces one column and copies
//! none; the mappings are dealt out to rayon's threads (`evaluate`). [`needs`] says which attributes the mappings read, for the coverage of step 2.
//! [`compare_logs`] checks a preview against Entra's provisioning logs.

pub mod assigned;
mod checks;
pub mod compare_logs;
pub mod diagnostics;
pub mod diff;
mod evaluate;
pub mod export;
pub mod hierarchy;
pub mod manager;
pub mod needs;
pub mod next_cycle;
pub mod personal;
pub mod redact;
pub mod results;
pub mod scim;
pub mod scope_filter;
pub mod scoping;
pub mod skip;
pub mod target;
pub mod units;
pub mod values;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::expr::{AttributeNames, EvalContext, NoteKind, Outcome};
use crate::import::UserSet;
use crate::mapping::Mapping;
use crate::mapping::MappingSet;
use crate::mapping::compiled::compile_one;
use crate::mapping::compiled::{CompiledMapping, Source, compile};
use diagnostics::Diagnostic;
use diagnostics::Groups;
use evaluate::evaluate_columns;
pub(crate) use evaluate::evaluate_mapping;
use hierarchy::Node;
use scoping::ScopeRules;
use skip::Scope;
pub use skip::SkipReason;
use target::Target;
use values::is_unit;
pub use values::{Cell, CellRef, Column, UserPreview};

/// Choices that change what Azure sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Options {
    /// The tenant URL has `?aadOptscim062020`: PATCH in the SCIM-compliant dialect (lowercase
    /// ops, JSON booleans, one path-less `replace`).
    pub aad_opt_scim_062020: bool,
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
    /// Per mapping (in the set's order): its value for every user. Shared, so that a copy of
    /// the preview (to change one mapping of it in the background) costs no copy of the values.
    pub columns: Vec<Arc<Column>>,
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
    /// How this preview was made: a full run, or a run's copy with mappings changed since.
    pub made: Made,
    /// Who is assigned and who passes the scoping filters (decided before any mapping).
    scope_rules: Arc<ScopeRules>,
}

/// How a [`Preview`] came to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Made {
    /// [`run`] evaluated every mapping.
    #[default]
    Run,
    /// A run, then [`Preview::change_mapping`] this many times (the last on mapping `last`).
    Changed {
        /// How many mappings were changed since the run.
        changes: usize,
        /// The mapping changed last.
        last: usize,
    },
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
        made: Made::Run,
        scope_rules: Arc::default(),
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

/// The mappings dealt out to `threads` threads, each going to the thread with the least work so
/// far, the costliest first: an expression costs about as much as three Direct mappings (which
/// share one pass over each user's attributes). Each thread's mappings are in order.
fn deal(compiled: &[CompiledMapping], threads: usize) -> Vec<Vec<usize>> {
    let cost = |m: usize| match compiled[m].source {
        Source::Expression(_) => 3,
        _ => 1,
    };
    let mut order: Vec<usize> = (0..compiled.len()).collect();
    order.sort_by_key(|&m| std::cmp::Reverse(cost(m)));
    let mut deals: Vec<(usize, Vec<usize>)> = vec![(0, Vec::new()); threads.max(1)];
    for m in order {
        if let Some(lightest) = deals.iter_mut().min_by_key(|(load, _)| *load) {
            lightest.0 += cost(m);
            lightest.1.push(m);
        }
    }
    deals
        .into_iter()
        .map(|(_, mut deal)| {
            deal.sort_unstable();
            deal
        })
        .filter(|deal| !deal.is_empty())
        .collect()
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
    let deals = deal(&compiled, threads);
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
    let columns: Vec<Arc<Column>> = dealt
        .into_iter()
        .map(|(_, column)| Arc::new(column))
        .collect();
    let scope_rules = Arc::new(ScopeRules::new(&set, &mappings.scope));
    let scope = Scope::new(&set, &compiled, &scope_rules);
    let users = (0..set.users.len())
        .into_par_iter()
        .map(|index| UserPreview {
            index,
            skipped: scope
                .skip_reason(
                    &set,
                    &set.users[index],
                    |m| {
                        values::create_value(
                            values::cell_value(columns[m].cell(index)),
                            &compiled[m],
                        )
                    },
                    |m| columns[m].cell(index).error().map(|e| e.message.as_str()),
                )
                .map(Box::new),
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
        made: Made::Run,
        scope_rules,
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

impl Preview {
    /// The diagnostics grouped by what they concern: each mapping's own, matching, the tree.
    pub fn groups(&self) -> &Groups {
        &self.groups
    }

    /// Mapping `m`'s value for user `u`.
    pub fn cell(&self, u: usize, m: usize) -> CellRef<'_> {
        self.columns
            .get(m)
            .map_or(CellRef::Null, |column| column.cell(u))
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
            if column.cell(u) == CellRef::Outcome(&Outcome::FlowIgnored) {
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
                column
                    .cell(u)
                    .error()
                    .map(|e| format!("{}: {}", c.mapping.target, e.message))
            })
            .collect()
    }

    /// The scoping filters the preview was made with.
    pub fn scoping_filters(&self) -> &crate::mapping::scope::ScopingFilters {
        &self.scope_rules.source
    }

    /// Who is in scope and who is skipped, per reason.
    pub fn scope_summary(&self) -> scoping::ScopeSummary {
        scoping::ScopeSummary::of(self)
    }

    /// The users Azure would not create, in the set's order, each with why.
    pub fn skipped(&self) -> impl Iterator<Item = (usize, &SkipReason)> + '_ {
        self.users
            .iter()
            .enumerate()
            .filter_map(|(u, user)| Some((u, user.skipped.as_deref()?)))
    }

    /// Decides again, for every user, whether Azure would skip them.
    fn decide_skips(&mut self) {
        let scope = Scope::new(&self.set, &self.mappings, &self.scope_rules);
        let (set, columns, mappings) = (&self.set, &self.columns, &self.mappings);
        self.users.par_iter_mut().enumerate().for_each(|(u, user)| {
            user.skipped = scope
                .skip_reason(
                    set,
                    &set.users[u],
                    |m| values::create_value(values::cell_value(columns[m].cell(u)), &mappings[m]),
                    |m| columns[m].cell(u).error().map(|e| e.message.as_str()),
                )
                .map(Box::new);
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
            self.columns[m] = Arc::new(column);
        }
        self.made = match self.made {
            Made::Run => Made::Changed {
                changes: 1,
                last: m,
            },
            Made::Changed { changes, .. } => Made::Changed {
                changes: changes + 1,
                last: m,
            },
        };
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

    /// The user whose `objectId` is `id` (the first, if several have it); the lookup was made
    /// while loading.
    pub fn user_by_object_id(&self, id: &str) -> Option<usize> {
        self.set.user_by_object_id(id)
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
        scim::cell_value(self.cell(u, m))
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
