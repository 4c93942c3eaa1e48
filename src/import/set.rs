//! The users loaded from one or more files, as one set: merged by `objectId` (Graph pages saved
//! separately, or the same user in two files; see [`merge`](super::merge) for how copies that
//! disagree are decided), with what each file was and what the set as a whole lacks.

use std::cmp::Ordering;

use foldhash::HashMap;
use rayon::prelude::*;

use super::by_id::{self, ById};
use super::coverage::{CoverageRow, Need, coverage};
use super::error::{ImportError, shorten};
use super::finding::Finding;
use super::load::{FileReport, Input, Loaded, Progress, load_file};
use super::merge::{Conflicts, Merger, Rank, Special};
use super::normalize::UserReader;
use super::record::{KeyPaths, User, ValueRef};
use super::warning::{AttrConflicts, CONFLICT_LINES, Conflict, Sourced, Warning};
use crate::expr::AttributeNames;

/// Users loaded from files, and what was found about them.
#[derive(Debug, Clone, Default)]
pub struct UserSet {
    /// The users, in the order of their files and of each file.
    pub users: Vec<User>,
    /// The names of the attributes the users' slots refer to.
    pub names: AttributeNames,
    /// The key paths the users' slots refer to.
    pub keys: KeyPaths,
    /// One report per file loaded.
    pub files: Vec<FileReport>,
    /// Users that appeared again (in another page, or twice) and were merged into the first.
    pub merged: usize,
    /// Where merged values came from, and where copies disagreed.
    merger: Merger,
    /// How many users have each attribute, counted once when first asked.
    counts: std::sync::OnceLock<Vec<usize>>,
    /// Users by `objectId` (the first, if several have it): made while loading, where it
    /// merges copies, and kept for the preview's manager lookups.
    by_id: std::sync::OnceLock<ById>,
    /// Who is assigned to the app (`appRoleAssignedTo` and group member lists), when loaded;
    /// without them every loaded user is taken as assigned.
    pub assignments: Option<std::sync::Arc<super::assignments::Assignments>>,
}

/// A file that could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileError {
    /// The file's name.
    pub name: String,
    /// Why.
    pub error: ImportError,
}

impl std::fmt::Display for FileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.name, self.error)
    }
}

impl UserSet {
    /// Loads `inputs` into a new set. Files that fail are reported and left out; the others
    /// load. A cancelled load returns only [`ImportError::Cancelled`].
    pub fn load(inputs: &[Input], progress: &Progress) -> (UserSet, Vec<FileError>) {
        let total: u64 = inputs.iter().filter_map(Input::size).sum();
        progress
            .total
            .store(total, std::sync::atomic::Ordering::Relaxed);
        let mut reader = UserReader::new();
        let mut set = UserSet::default();
        let mut errors = Vec::new();
        let mut by_id = ById::default();
        let fixed = Fixed::new(&mut reader.names, &mut reader.keys);
        for input in inputs {
            let index = set.files.len();
            match load_file(input, index, &mut reader, progress) {
                Ok(Loaded {
                    users,
                    id_hashes,
                    report,
                }) => {
                    // First: merging ranks the files by name.
                    set.files.push(report);
                    let hashes = id_hashes
                        .filter(|hashes| hashes.len() == users.len())
                        .unwrap_or_else(|| by_id::hashes(&users, fixed.object_id));
                    // The first file, when no two of its users have the same id: its users
                    // become the set's as they are (a million users are not copied again).
                    if set.users.is_empty()
                        && let Some(index) = ById::of_distinct(&users, &hashes, fixed.object_id)
                    {
                        set.users = users;
                        by_id = index;
                        continue;
                    }
                    by_id.reserve(users.len());
                    set.users.reserve(users.len());
                    for (user, hash) in users.into_iter().zip(hashes) {
                        set.add(user, hash, &fixed, &mut by_id, None);
                    }
                }
                Err(ImportError::Cancelled) => {
                    return (
                        UserSet::default(),
                        vec![FileError {
                            name: input.name(),
                            error: ImportError::Cancelled,
                        }],
                    );
                }
                Err(error) => errors.push(FileError {
                    name: input.name(),
                    error,
                }),
            }
        }
        set.names = reader.names;
        set.keys = reader.keys;
        set.users.shrink_to_fit();
        let _ = set.by_id.set(by_id);
        // Counted now, on the loading thread: coverage and the preview both need them.
        set.counts();
        (set, errors)
    }

    /// Adds `user` (whose values came from its own file, or from `origins`: attribute → file),
    /// merging it into an earlier copy with the same `objectId`; `hash` is the hash of that id
    /// ([`by_id::hashes`]), `None` for a user without one. Returns where it went.
    fn add(
        &mut self,
        user: User,
        hash: Option<u64>,
        fixed: &Fixed,
        by_id: &mut ById,
        origins: Option<&HashMap<u32, u32>>,
    ) -> u32 {
        if let Some(hash) = hash {
            if let Some(first) = by_id.find_same(&self.users, fixed.object_id, &user, hash)
                && let Some(ValueRef::One(id)) = user.value_of(fixed.object_id)
            {
                let id = id.clone();
                let own = user.file;
                let from = |attr| origins.and_then(|o| o.get(&attr)).copied().unwrap_or(own);
                let at = saturate(first);
                let target = (at, &mut self.users[first], &id);
                let ranks = Files(&self.files);
                self.merger
                    .merge(target, &user, from, &ranks, fixed.special);
                self.merged += 1;
                return at;
            }
            by_id.insert(hash, self.users.len());
        }
        let at = saturate(self.users.len());
        if let Some(origins) = origins {
            self.merger.set_origins(at, user.file, origins);
        }
        self.users.push(user);
        at
    }

    /// Adds the users of `other` (loaded separately) to this set, merging by `objectId`: the
    /// same users as loading all the files at once.
    pub fn extend(&mut self, other: UserSet) {
        let UserSet {
            users,
            names,
            keys,
            files,
            merged,
            merger,
            ..
        } = other;
        let attrs: Vec<u32> = names
            .iter()
            .map(|name| saturate(self.names.intern(name)))
            .collect();
        let keys: Vec<u32> = keys.iter().map(|k| self.keys.intern(k)).collect();
        let fixed = Fixed::new(&mut self.names, &mut self.keys);
        self.user_by_object_id("");
        let mut by_id = self.by_id.take().unwrap_or_default();
        let offset = saturate(self.files.len());
        self.files.extend(files);
        let origins = merger.origins_by_user(&attrs, offset);
        let mut placed = Vec::with_capacity(users.len());
        let mut users = users;
        for user in &mut users {
            user.remap(&attrs, &keys);
            user.file = user.file.saturating_add(offset);
        }
        by_id.reserve(users.len());
        let hashes = by_id::hashes(&users, fixed.object_id);
        for (j, (user, hash)) in users.into_iter().zip(hashes).enumerate() {
            let origins = origins.get(&saturate(j));
            placed.push(self.add(user, hash, &fixed, &mut by_id, origins));
        }
        let ranks = Files(&self.files);
        self.merger
            .absorb(merger, (&attrs, offset, &placed), &ranks);
        self.merged += merged;
        self.counts = Default::default();
        let _ = self.by_id.set(by_id);
    }

    /// The user whose `objectId` is `id` (the first, if several have it).
    pub fn user_by_object_id(&self, id: &str) -> Option<usize> {
        let object_id = self.names.get("objectId")?;
        let index = self.by_id.get_or_init(|| ById::of(&self.users, object_id));
        index.find(&self.users, object_id, id, by_id::hash(id))
    }

    /// How many users have a value for attribute `attr`.
    pub fn users_with(&self, attr: usize) -> usize {
        self.counts().get(attr).copied().unwrap_or(0)
    }

    /// Users per attribute (by index), counted in one pass the first time.
    pub fn counts(&self) -> &[usize] {
        self.counts.get_or_init(|| {
            let attrs = self.names.len();
            // Counted on every core (reading each user's attributes is most of the work).
            self.users
                .par_chunks(8192)
                .map(|users| {
                    let mut counts = vec![0usize; attrs];
                    for slot in users.iter().flat_map(User::slots) {
                        if let Some(count) = counts.get_mut(slot.attr as usize) {
                            *count += 1;
                        }
                    }
                    counts
                })
                .reduce(
                    || vec![0usize; attrs],
                    |mut a, b| {
                        a.iter_mut().zip(b).for_each(|(a, b)| *a += b);
                        a
                    },
                )
        })
    }

    /// The coverage table of the whole set, the attributes of `needs` first (see
    /// `preview::needs::of`, which derives them from the mappings).
    pub fn coverage(&self, needs: &[Need]) -> Vec<CoverageRow> {
        // Only when every file is the admin center's CSV can an attribute be "not in the export".
        let columns: Option<Vec<String>> = self
            .files
            .iter()
            .map(|f| f.csv_columns.clone())
            .try_fold(Vec::new(), |mut all, columns| {
                all.extend(columns?);
                Some(all)
            });
        coverage(
            self.counts(),
            self.users.len(),
            &self.names,
            columns.as_deref().filter(|_| !self.files.is_empty()),
            needs,
        )
    }

    /// The attributes whose copies disagree (users that appear in several files, or twice),
    /// the most users first, each with the values kept and dropped of a few users.
    pub fn conflicts(&self) -> Vec<AttrConflicts> {
        let file = |f: u32| self.files.get(f as usize).map_or("?", |f| f.name.as_str());
        let mut all: Vec<AttrConflicts> = self
            .merger
            .conflicts()
            .map(
                |Conflicts {
                     attr,
                     users,
                     examples,
                 }| {
                    let examples = examples
                        .into_iter()
                        .filter_map(|(u, values)| {
                            let user = self.users.get(u as usize)?;
                            let kept = user.value_of(attr as usize)?;
                            let kept_file = self.merger.origin(u, attr, user.file);
                            let mut dropped: Vec<Sourced> = values
                                .iter()
                                .filter(|(value, _)| value.as_ref() != kept)
                                .map(|(value, f)| Sourced {
                                    value: shorten(&value.as_ref().display(), 80),
                                    file: file(*f).to_owned(),
                                })
                                .collect();
                            dropped.sort_by(|a, b| (&a.file, &a.value).cmp(&(&b.file, &b.value)));
                            Some(Conflict {
                                user: user.label(&self.names),
                                kept: Sourced {
                                    value: shorten(&kept.display(), 80),
                                    file: file(kept_file).to_owned(),
                                },
                                dropped,
                            })
                        })
                        .collect();
                    AttrConflicts {
                        attribute: self.names.name(attr as usize).unwrap_or("?").to_owned(),
                        users,
                        examples,
                    }
                },
            )
            .collect();
        all.sort_by(|a, b| b.users.cmp(&a.users).then(a.attribute.cmp(&b.attribute)));
        all
    }

    /// Warnings about the set as a whole and each file, for the summary: conflicts between
    /// files first.
    pub fn typed_warnings(&self) -> Vec<Warning> {
        let mut warnings = Vec::new();
        let conflicts = self.conflicts();
        let more = conflicts.len().saturating_sub(CONFLICT_LINES);
        warnings.extend(
            conflicts
                .into_iter()
                .take(CONFLICT_LINES)
                .map(Warning::Conflict),
        );
        if more > 0 {
            warnings.push(Warning::MoreConflicts { attributes: more });
        }
        let several = self.files.len() > 1;
        for file in &self.files {
            let name = several.then(|| file.name.clone());
            for note in &file.notes {
                if file.more_pages && several && self.files.iter().any(|f| f.last_page) {
                    // Another loaded file is the last page: the pages are probably all here.
                    continue;
                }
                warnings.push(Warning::Note {
                    file: name.clone(),
                    text: note.clone(),
                });
            }
            for &(reason, entries) in &file.left_out {
                warnings.push(Warning::LeftOut {
                    file: name.clone(),
                    reason,
                    entries,
                });
            }
            let mut duplicates = Vec::new();
            for (finding, tally) in &file.findings {
                match finding {
                    Finding::DuplicateKey { key } => duplicates.push((key.clone(), tally.clone())),
                    finding => warnings.push(Warning::Finding {
                        file: name.clone(),
                        finding: finding.clone(),
                        tally: tally.clone(),
                        every_user: tally.users == file.users,
                    }),
                }
            }
            if !duplicates.is_empty() {
                duplicates.sort_by(|a, b| b.1.users.cmp(&a.1.users).then(a.0.cmp(&b.0)));
                warnings.push(Warning::DuplicateKeys {
                    file: name.clone(),
                    keys: duplicates,
                });
            }
            if let Some(columns) = &file.csv_columns {
                let missing: Vec<&'static str> = [
                    "companyName",
                    "employeeOrgData.division",
                    "manager",
                    "employeeId",
                    "extensionAttribute1",
                ]
                .into_iter()
                .filter(|c| !columns.iter().any(|have| have == c))
                .map(|c| match c {
                    "extensionAttribute1" => "extension attributes",
                    "employeeOrgData.division" => "employeeOrgData (division, cost center)",
                    other => other,
                })
                .collect();
                if !missing.is_empty() {
                    warnings.push(Warning::CsvColumns {
                        file: name.clone(),
                        missing,
                    });
                }
            }
        }
        if self.merged > 0 {
            warnings.push(Warning::Merged { users: self.merged });
        }
        warnings
    }

    /// The messages of [`typed_warnings`](Self::typed_warnings).
    pub fn warnings(&self) -> Vec<String> {
        self.typed_warnings().iter().map(Warning::message).collect()
    }
}

/// The attributes and key paths merging needs, by index in the set being merged into.
struct Fixed {
    object_id: usize,
    special: Special,
}

impl Fixed {
    fn new(names: &mut AttributeNames, keys: &mut KeyPaths) -> Self {
        let mut attr = |name: &str| saturate(names.intern(name));
        let special = Special {
            upn: attr("userPrincipalName"),
            original_upn: attr("originalUserPrincipalName"),
            soft_deleted: attr("IsSoftDeleted"),
            account_enabled: attr("accountEnabled"),
            deleted: attr("deletedDateTime"),
            key_enabled: keys.intern("accountEnabled"),
        };
        Self {
            object_id: names.intern("objectId"),
            special,
        }
    }
}

/// The loaded files, ranked by name and then folder when copies of a user disagree.
struct Files<'a>(&'a [FileReport]);

impl Rank for Files<'_> {
    fn rank(&self, a: u32, b: u32) -> Ordering {
        let key = |f: u32| {
            self.0
                .get(f as usize)
                .map(|f| (f.name.as_str(), f.location.as_str()))
        };
        key(a).cmp(&key(b))
    }
}

fn saturate(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    fn load(name: &str, json: &str) -> UserSet {
        let input = Input::Bytes {
            name: name.into(),
            bytes: Arc::from(json.as_bytes()),
        };
        let (set, errors) = UserSet::load(&[input], &Progress::default());
        assert!(errors.is_empty(), "{errors:?}");
        set
    }

    #[test]
    fn users_are_found_by_object_id_after_loading_and_after_adding_files() {
        let mut set = load(
            "a.json",
            r#"{"value": [{"id": "1", "userPrincipalName": "a@x"}, {"id": "2", "userPrincipalName": "b@x"}]}"#,
        );
        assert_eq!(set.user_by_object_id("2"), Some(1));
        assert_eq!(set.user_by_object_id("3"), None);
        // A copy of user 2 is merged into it; user 3 is new.
        set.extend(load(
            "b.json",
            r#"{"value": [{"id": "3", "userPrincipalName": "c@x"}, {"id": "2", "userPrincipalName": "b@x"}]}"#,
        ));
        assert_eq!(set.users.len(), 3);
        assert_eq!(set.user_by_object_id("1"), Some(0));
        assert_eq!(set.user_by_object_id("2"), Some(1));
        assert_eq!(set.user_by_object_id("3"), Some(2));
        assert_eq!(set.merged, 1);
    }
}
