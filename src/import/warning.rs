//! What the summary warns about after a load, as typed values: each knows its severity and
//! its message. [`UserSet::typed_warnings`](super::UserSet::typed_warnings) makes them;
//! the text and JSON summaries and the window show their messages.

use super::finding::{Finding, Tally};
use super::left_out::LeftOut;

/// How much a warning needs the admin.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The files disagree: a value was chosen by a rule, and the admin should check it.
    Conflict,
    /// Worth knowing; nothing was chosen for the admin.
    Warning,
}

/// One value of a conflict and the file it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sourced {
    /// The value (shortened to 80 characters).
    pub value: String,
    /// The file's name.
    pub file: String,
}

/// One user whose copies disagree on an attribute.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// The user's `userPrincipalName` (else `objectId`).
    pub user: String,
    /// The value kept.
    pub kept: Sourced,
    /// The other values, each with the file that had it (sorted by file, then value).
    pub dropped: Vec<Sourced>,
}

/// The users whose copies disagree on one attribute.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttrConflicts {
    /// The source attribute.
    pub attribute: String,
    /// How many users.
    pub users: usize,
    /// The users with the smallest `objectId`s, at most [`EXAMPLES`](super::merge::EXAMPLES).
    pub examples: Vec<Conflict>,
}

/// How many attributes' conflicts are shown one by one; the rest are counted in one line.
pub const CONFLICT_LINES: usize = 10;

/// A warning of the summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Warning {
    /// A note about one file: its encoding, paging or skipped rows. `file` is named when
    /// several files were loaded.
    Note {
        /// The file, when several were loaded.
        file: Option<String>,
        /// The note.
        text: String,
    },
    /// What reading a file's users found.
    Finding {
        /// The file, when several were loaded.
        file: Option<String>,
        /// What.
        finding: Finding,
        /// How many users, and the first.
        tally: Tally,
        /// It is every user of the file.
        every_user: bool,
    },
    /// Entries of a file that are not users to provision, left out for one reason.
    LeftOut {
        /// The file, when several were loaded.
        file: Option<String>,
        /// Why.
        reason: LeftOut,
        /// How many entries.
        entries: usize,
    },
    /// Keys that appear more than once in one user object, in one file (one line for them all).
    DuplicateKeys {
        /// The file, when several were loaded.
        file: Option<String>,
        /// Each key path, with its users.
        keys: Vec<(String, Tally)>,
    },
    /// An admin center CSV that has no column for these (Graph exports have them).
    CsvColumns {
        /// The file, when several were loaded.
        file: Option<String>,
        /// What it has no column for.
        missing: Vec<&'static str>,
    },
    /// Users that appeared more than once (the same `objectId`) and were merged.
    Merged {
        /// How many copies were merged into another.
        users: usize,
    },
    /// Copies of users disagree on one attribute.
    Conflict(AttrConflicts),
    /// Attributes whose conflicts are not shown one by one.
    MoreConflicts {
        /// How many attributes.
        attributes: usize,
    },
}

impl Warning {
    /// How much it needs the admin.
    pub fn severity(&self) -> Severity {
        match self {
            Warning::Conflict(_) | Warning::MoreConflicts { .. } => Severity::Conflict,
            _ => Severity::Warning,
        }
    }

    /// The message for the admin.
    pub fn message(&self) -> String {
        let prefix =
            |file: &Option<String>| file.as_ref().map_or(String::new(), |f| format!("{f}: "));
        match self {
            Warning::Note { file, text } => format!("{}{text}", prefix(file)),
            Warning::Finding {
                file,
                finding,
                tally,
                every_user,
            } => {
                let count = if *every_user {
                    "every user".to_owned()
                } else {
                    users(tally.users)
                };
                format!("{}{} ({count})", prefix(file), finding.message())
            }
            Warning::LeftOut {
                file,
                reason,
                entries,
            } => format!("{}{}", prefix(file), reason.message(*entries)),
            Warning::DuplicateKeys { file, keys } => duplicate_keys(&prefix(file), keys),
            Warning::CsvColumns { file, missing } => format!(
                "{}This CSV has no column for {}. The admin center's \"Download users\" cannot \
                 include them; export with Microsoft Graph PowerShell instead (see \"How to \
                 export everything\").",
                prefix(file),
                join_and(missing)
            ),
            Warning::Merged { users } => format!(
                "{users} user{} appeared more than once (same objectId) and {} merged into one.",
                if *users == 1 { "" } else { "s" },
                if *users == 1 { "was" } else { "were" },
            ),
            Warning::Conflict(conflicts) => conflict(conflicts),
            Warning::MoreConflicts { attributes } => format!(
                "The copies also disagree on {attributes} more attribute{}; the same rule chose \
                 their values.",
                if *attributes == 1 { "" } else { "s" }
            ),
        }
    }
}

/// `3 users`.
fn users(n: usize) -> String {
    format!("{n} user{}", if n == 1 { "" } else { "s" })
}

/// How many keys a duplicate-keys line names.
const KEYS_SHOWN: usize = 5;

fn duplicate_keys(prefix: &str, keys: &[(String, Tally)]) -> String {
    let example = keys
        .iter()
        .filter_map(|(_, tally)| tally.example.as_ref())
        .min_by_key(|(position, _)| *position)
        .map_or(String::new(), |(_, label)| format!(", e.g. {label}"));
    if let [(key, tally)] = keys {
        let finding = Finding::DuplicateKey { key: key.clone() };
        return format!(
            "{prefix}{} ({}{example})",
            finding.message(),
            users(tally.users)
        );
    }
    let mut shown: Vec<String> = keys
        .iter()
        .take(KEYS_SHOWN)
        .map(|(key, tally)| format!("\"{key}\" ({})", users(tally.users)))
        .collect();
    if keys.len() > KEYS_SHOWN {
        shown.push(format!("{} more", keys.len() - KEYS_SHOWN));
    }
    format!(
        "{prefix}Keys appear more than once in a user object{example}: {}. The last of each was \
         kept. The file was edited or put together by hand; check those users, or export again.",
        join_and(&shown.iter().map(String::as_str).collect::<Vec<_>>())
    )
}

fn conflict(c: &AttrConflicts) -> String {
    let examples: Vec<String> = c
        .examples
        .iter()
        .map(|e| {
            let mut values = vec![format!("\"{}\" in {} (kept)", e.kept.value, e.kept.file)];
            values.extend(
                e.dropped
                    .iter()
                    .map(|d| format!("\"{}\" in {}", d.value, d.file)),
            );
            format!(
                "{}: {}",
                e.user,
                join_and(&values.iter().map(String::as_str).collect::<Vec<_>>())
            )
        })
        .collect();
    format!(
        "Conflict: {} {} a different {} in different files (the same objectId){}. The value \
         from the file whose name sorts last was kept, whatever order the files were given in. \
         Check which file is current and load only that one, or export again.",
        users(c.users),
        if c.users == 1 { "has" } else { "have" },
        c.attribute,
        if examples.is_empty() {
            String::new()
        } else {
            format!(", e.g. {}", examples.join("; "))
        }
    )
}

/// `a`, `a and b`, `a, b and c`.
pub(crate) fn join_and(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}
