//! Copies of one user (the same `objectId` in two files, or twice in one) merged into one user,
//! the same way whatever order the files were given in, with what they disagree on.
//!
//! The rule, attribute by attribute:
//! - a value only one copy has is taken;
//! - equal values merge silently;
//! - different values are a conflict: the value from the file whose name sorts last is kept
//!   (then by the file's folder, then by the value itself, so that the choice never depends on
//!   the order of loading). With dated exports (`users-2024-05.json`, `users-2024-06.json`) that
//!   is the newest. The conflict is reported per attribute, with how many users and a few
//!   examples naming both values and both files.
//!
//! Each attribute is decided on its own, so merging is associative and commutative: a third
//! copy, or files added later, give the same users as loading everything at once. That needs
//! the file each value came from; it is kept only for values that did not come
//! from their user's own file. `IsSoftDeleted` is computed again from the merged
//! `accountEnabled`, and `originalUserPrincipalName` follows the `userPrincipalName` kept.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use foldhash::{HashMap, HashSet};

use super::normalize::soft_deleted;
use super::record::{Text, User, UserValue, ValueRef};

/// How many users each attribute's conflict shows as examples.
pub const EXAMPLES: usize = 3;

/// Where values came from and where copies disagreed, while users are merged.
#[derive(Debug, Clone, Default)]
pub(crate) struct Merger {
    /// (user, attribute) → the file its value came from, when not the user's own.
    origin: HashMap<(u32, u32), u32>,
    /// (user, attribute) pairs whose copies disagree.
    conflicting: HashSet<(u32, u32)>,
    /// Per attribute: how many users disagree, and the examples.
    tracks: BTreeMap<u32, Track>,
}

/// The conflicts of one attribute.
#[derive(Debug, Clone, Default)]
struct Track {
    users: usize,
    /// The conflicting users with the smallest `objectId`s (at most [`EXAMPLES`]).
    examples: Vec<Example>,
}

/// One user's conflicting values of one attribute.
#[derive(Debug, Clone)]
struct Example {
    user: u32,
    id: Text,
    /// Each different value, with the best-ranked file that had it.
    values: Vec<(UserValue, u32)>,
}

/// The attributes merging treats specially, by index.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Special {
    pub upn: u32,
    pub original_upn: u32,
    pub soft_deleted: u32,
    pub account_enabled: u32,
    pub deleted: u32,
    /// The key path `accountEnabled`, for a computed `IsSoftDeleted`.
    pub key_enabled: u32,
}

/// The order of files when copies disagree: the greater wins.
pub(crate) trait Rank {
    /// Compares files `a` and `b` (by name, then folder).
    fn rank(&self, a: u32, b: u32) -> Ordering;
}

impl Merger {
    /// The file the value of `attr` of user `at` (whose own file is `own`) came from.
    pub fn origin(&self, at: u32, attr: u32, own: u32) -> u32 {
        if self.origin.is_empty() {
            return own;
        }
        self.origin.get(&(at, attr)).copied().unwrap_or(own)
    }

    fn set_origin(&mut self, at: u32, attr: u32, file: u32, own: u32) {
        if file == own {
            if !self.origin.is_empty() {
                self.origin.remove(&(at, attr));
            }
        } else {
            self.origin.insert((at, attr), file);
        }
    }

    /// Merges `incoming` (whose values came from the files `from` gives) into `target`, user
    /// number `at` with `objectId` `id`.
    pub fn merge(
        &mut self,
        (at, target, id): (u32, &mut User, &Text),
        incoming: &User,
        from: impl Fn(u32) -> u32,
        ranks: &impl Rank,
        special: Special,
    ) {
        let mut upn_taken = false;
        // The user counts as from the best-ranked copy's file: identical copies then need no
        // record of where each value came from, whichever copy came first.
        if ranks.rank(incoming.file, target.file).is_gt() {
            let theirs = incoming.slots();
            let mut j = 0;
            for i in 0..target.slots().len() {
                let slot = &target.slots()[i];
                let attr = slot.attr;
                if attr == special.soft_deleted || attr == special.original_upn {
                    continue; // computed below
                }
                // Both are sorted by attribute: walk them together.
                while theirs.get(j).is_some_and(|s| s.attr < attr) {
                    j += 1;
                }
                match theirs.get(j) {
                    Some(same)
                        if same.attr == attr
                            && incoming.value(same) == target.value(slot)
                            && from(attr) == incoming.file =>
                    {
                        // The better copy has it too: it is from there now.
                        if same.key != slot.key {
                            target.replace_at(i, same.key, incoming.value(same).to_owned());
                        }
                        if !self.origin.is_empty() {
                            self.origin.remove(&(at, attr));
                        }
                        upn_taken |= attr == special.upn;
                    }
                    _ => {
                        let file = self.origin(at, attr, target.file);
                        self.set_origin(at, attr, file, incoming.file);
                    }
                }
            }
            target.file = incoming.file;
            target.position = incoming.position;
        }
        for slot in incoming.slots() {
            let attr = slot.attr;
            if attr == special.soft_deleted || attr == special.original_upn {
                continue; // computed below
            }
            let file = from(attr);
            let Some(kept) = target.slot(attr as usize) else {
                target.set(attr as usize, slot.key, incoming.value(slot).to_owned());
                self.set_origin(at, attr, file, target.file);
                upn_taken |= attr == special.upn;
                continue;
            };
            let kept_file = self.origin(at, attr, target.file);
            let (kept, theirs) = (target.value(kept), incoming.value(slot));
            let wins = if kept == theirs {
                // Equal values: only where it came from may change.
                file != kept_file && ranks.rank(file, kept_file).is_gt()
            } else {
                let wins = ranks
                    .rank(file, kept_file)
                    .then_with(|| order(theirs, kept))
                    .is_gt();
                let values = [(kept.to_owned(), kept_file), (theirs.to_owned(), file)];
                self.conflict(at, attr, id, values, ranks);
                wins
            };
            if wins {
                target.set(attr as usize, slot.key, theirs.to_owned());
                self.set_origin(at, attr, file, target.file);
                upn_taken |= attr == special.upn;
            }
        }
        if upn_taken {
            match incoming.slot(special.original_upn as usize) {
                Some(s) => target.set(
                    special.original_upn as usize,
                    s.key,
                    incoming.value(s).to_owned(),
                ),
                None => target.remove(special.original_upn as usize),
            }
        }
        let enabled = target.value_of(special.account_enabled as usize);
        let deleted = target.slot(special.deleted as usize).is_some();
        if let Some(soft) = soft_deleted(enabled, deleted) {
            let text = if soft { "True" } else { "False" };
            let now = target.slot(special.soft_deleted as usize);
            let same = now.is_some_and(|s| {
                s.key == special.key_enabled
                    && matches!(target.value(s), ValueRef::One(v) if &**v == text)
            });
            if !same {
                let value = UserValue::One(Text::from(text));
                target.set(special.soft_deleted as usize, special.key_enabled, value);
            }
        }
    }

    /// Notes that user `at` had `values` (value, file) for `attr`.
    fn conflict(
        &mut self,
        at: u32,
        attr: u32,
        id: &Text,
        values: [(UserValue, u32); 2],
        ranks: &impl Rank,
    ) {
        let first = self.conflicting.insert((at, attr));
        let track = self.tracks.entry(attr).or_default();
        if first {
            track.users += 1;
        }
        if let Some(example) = track.examples.iter_mut().find(|e| e.user == at) {
            for value in values {
                example.note(value, ranks);
            }
            return;
        }
        // A user that disagreed before without being an example never becomes one: the
        // examples are the smallest ids, and more users only make that smaller.
        if first {
            let mut example = Example {
                user: at,
                id: id.clone(),
                values: Vec::new(),
            };
            for value in values {
                example.note(value, ranks);
            }
            track.offer(example);
        }
    }

    /// Takes over the records of `other`, whose users were added to this set: its attribute
    /// `a` is `attrs[a]` here, its file `f` is `f + offset`, its user `u` is `users[u]`.
    pub fn absorb(
        &mut self,
        other: Merger,
        (attrs, offset, users): (&[u32], u32, &[u32]),
        ranks: &impl Rank,
    ) {
        let user = |u: u32| users.get(u as usize).copied().unwrap_or(u32::MAX);
        let attr = |a: u32| attrs.get(a as usize).copied().unwrap_or(u32::MAX);
        let mut new = HashSet::default();
        for (u, a) in other.conflicting {
            let pair = (user(u), attr(a));
            if self.conflicting.insert(pair) {
                self.tracks.entry(pair.1).or_default().users += 1;
                new.insert(pair);
            }
        }
        for (a, track) in other.tracks {
            let a = attr(a);
            for mut example in track.examples {
                example.user = user(example.user);
                for value in &mut example.values {
                    value.1 = value.1.saturating_add(offset);
                }
                let mine = self.tracks.entry(a).or_default();
                if let Some(have) = mine.examples.iter_mut().find(|e| e.user == example.user) {
                    for value in example.values {
                        have.note(value, ranks);
                    }
                } else if new.contains(&(example.user, a)) {
                    mine.offer(example);
                }
            }
        }
    }

    /// The files of the values of each user of this (another) set that did not come from the
    /// user's own file, renumbered for the set it joins: user → attribute → file.
    pub fn origins_by_user(&self, attrs: &[u32], offset: u32) -> HashMap<u32, HashMap<u32, u32>> {
        let mut by_user: HashMap<u32, HashMap<u32, u32>> = HashMap::default();
        for (&(user, attr), &file) in &self.origin {
            if let Some(&attr) = attrs.get(attr as usize) {
                by_user
                    .entry(user)
                    .or_default()
                    .insert(attr, file.saturating_add(offset));
            }
        }
        by_user
    }

    /// Records where the values of user `at` (own file `own`) came from.
    pub fn set_origins(&mut self, at: u32, own: u32, origins: &HashMap<u32, u32>) {
        for (&attr, &file) in origins {
            self.set_origin(at, attr, file, own);
        }
    }

    /// The conflicts, per attribute.
    pub fn conflicts(&self) -> impl Iterator<Item = Conflicts<'_>> {
        self.tracks.iter().map(|(attr, track)| Conflicts {
            attr: *attr,
            users: track.users,
            examples: track
                .examples
                .iter()
                .map(|e| (e.user, e.values.as_slice()))
                .collect(),
        })
    }
}

/// The conflicts of one attribute, by index.
pub(crate) struct Conflicts<'a> {
    /// The attribute.
    pub attr: u32,
    /// How many users disagree.
    pub users: usize,
    /// A few of them: the user, and each different value with the best-ranked file that had it.
    pub examples: Vec<(u32, &'a [(UserValue, u32)])>,
}

impl Track {
    /// Keeps `example` if its id is among the [`EXAMPLES`] smallest.
    fn offer(&mut self, example: Example) {
        let at = self
            .examples
            .iter()
            .position(|e| example.id < e.id)
            .unwrap_or(self.examples.len());
        if at < EXAMPLES {
            self.examples.insert(at, example);
            self.examples.truncate(EXAMPLES);
        }
    }
}

impl Example {
    /// Adds a value (with the better-ranked file, if it was seen before).
    fn note(&mut self, (value, file): (UserValue, u32), ranks: &impl Rank) {
        match self.values.iter_mut().find(|(v, _)| *v == value) {
            Some((_, have)) => {
                if ranks.rank(file, *have).is_gt() {
                    *have = file;
                }
            }
            None => self.values.push((value, file)),
        }
    }
}

/// A total order of values, for a conflict between files that rank the same.
fn order(a: ValueRef<'_>, b: ValueRef<'_>) -> Ordering {
    match (a, b) {
        (ValueRef::One(a), ValueRef::One(b)) => a.cmp(b),
        (ValueRef::Many(a), ValueRef::Many(b)) => a.cmp(b),
        (ValueRef::One(_), ValueRef::Many(_)) => Ordering::Less,
        (ValueRef::Many(_), ValueRef::One(_)) => Ordering::Greater,
    }
}
