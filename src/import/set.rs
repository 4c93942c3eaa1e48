//! The users loaded from one or more files, as one set: merged by `objectId` (Graph pages saved
//! separately, or the same user in two files), with what each file was and what the set as a
//! whole lacks.

use std::sync::Arc;
use std::sync::atomic::Ordering;

use super::coverage::{CoverageRow, coverage};
use super::error::ImportError;
use super::load::{FileReport, Input, Progress, load_file};
use super::normalize::UserReader;
use super::record::{KeyPaths, User, UserValue};
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
    /// How many users have each attribute, counted once when first asked.
    counts: std::sync::OnceLock<Vec<usize>>,
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
        progress.total.store(total, Ordering::Relaxed);
        let mut reader = UserReader::new();
        let mut set = UserSet::default();
        let mut errors = Vec::new();
        let mut by_id: foldhash::HashMap<Arc<str>, usize> = Default::default();
        let object_id = reader.names.intern("objectId");
        for input in inputs {
            let index = set.files.len();
            match load_file(input, index, &mut reader, progress) {
                Ok((users, report)) => {
                    for user in users {
                        set.add(user, object_id, &mut by_id);
                    }
                    set.files.push(report);
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
        // Counted now, on the loading thread: coverage and the preview both need them.
        set.counts();
        (set, errors)
    }

    fn add(
        &mut self,
        user: User,
        object_id: usize,
        by_id: &mut foldhash::HashMap<Arc<str>, usize>,
    ) {
        let id = match user.slot(object_id).map(|s| &s.value) {
            Some(UserValue::One(id)) => Some(id.clone()),
            _ => None,
        };
        if let Some(id) = id {
            if let Some(&first) = by_id.get(&id) {
                self.users[first].fill_from(&user);
                self.merged += 1;
                return;
            }
            by_id.insert(id, self.users.len());
        }
        self.users.push(user);
    }

    /// Adds the users of `other` (loaded separately) to this set, merging by `objectId`.
    pub fn extend(&mut self, other: UserSet) {
        let attrs: Vec<u32> = other
            .names
            .iter()
            .map(|name| u32::try_from(self.names.intern(name)).unwrap_or(u32::MAX))
            .collect();
        let keys: Vec<u32> = other.keys.iter().map(|k| self.keys.intern(k)).collect();
        let object_id = self.names.intern("objectId");
        let mut by_id: foldhash::HashMap<Arc<str>, usize> = Default::default();
        for (i, user) in self.users.iter().enumerate() {
            if let Some(UserValue::One(id)) = user.slot(object_id).map(|s| &s.value) {
                by_id.entry(id.clone()).or_insert(i);
            }
        }
        let offset = u32::try_from(self.files.len()).unwrap_or(u32::MAX);
        for mut user in other.users {
            user.remap(&attrs, &keys);
            user.file = user.file.saturating_add(offset);
            self.add(user, object_id, &mut by_id);
        }
        self.files.extend(other.files);
        self.merged += other.merged;
        self.counts = Default::default();
    }

    /// How many users have a value for attribute `attr`.
    pub fn users_with(&self, attr: usize) -> usize {
        self.counts().get(attr).copied().unwrap_or(0)
    }

    /// Users per attribute (by index), counted in one pass the first time.
    pub fn counts(&self) -> &[usize] {
        self.counts.get_or_init(|| {
            let mut counts = vec![0usize; self.names.len()];
            for user in &self.users {
                for slot in user.slots() {
                    if let Some(count) = counts.get_mut(slot.attr as usize) {
                        *count += 1;
                    }
                }
            }
            counts
        })
    }

    /// The coverage table of the whole set.
    pub fn coverage(&self) -> Vec<CoverageRow> {
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
        )
    }

    /// Warnings about the set as a whole and each file, for the summary.
    pub fn warnings(&self) -> Vec<String> {
        let mut warnings = Vec::new();
        let several = self.files.len() > 1;
        for file in &self.files {
            let prefix = if several {
                format!("{}: ", file.name)
            } else {
                String::new()
            };
            for note in &file.notes {
                if file.more_pages && several && self.files.iter().any(|f| f.last_page) {
                    // Another loaded file is the last page: the pages are probably all here.
                    continue;
                }
                warnings.push(format!("{prefix}{note}"));
            }
            for (finding, users) in &file.findings {
                let count = if *users == file.users {
                    "every user".to_owned()
                } else {
                    format!("{users} user{}", if *users == 1 { "" } else { "s" })
                };
                warnings.push(format!("{prefix}{} ({count})", finding.message()));
            }
            if let Some(columns) = &file.csv_columns {
                let missing: Vec<&str> = [
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
                    warnings.push(format!(
                        "{prefix}This CSV has no column for {}. The admin center's \"Download \
                         users\" cannot include them; export with Microsoft Graph PowerShell \
                         instead (see \"How to export everything\").",
                        join_and(&missing)
                    ));
                }
            }
        }
        if self.merged > 0 {
            warnings.push(format!(
                "{} user{} appeared more than once (same objectId) and {} merged into one.",
                self.merged,
                if self.merged == 1 { "" } else { "s" },
                if self.merged == 1 { "was" } else { "were" },
            ));
        }
        warnings
    }
}

/// `a`, `a and b`, `a, b and c`.
fn join_and(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}
