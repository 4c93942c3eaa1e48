//! The checks made on every value as it is evaluated (the diagnostics turn them into
//! problems, leaving out the users Azure skips): failures, surrounding spaces, values too long,
//! and, for organization, division and department, a whole path in one value.

use std::collections::BTreeMap;

/// The longest value Secure Practice stores, in characters.
pub const MAX_VALUE: usize = 255;

/// What the value checks found in one mapping's column, over all users (skipped or not):
/// users whose evaluation failed, whose value has surrounding spaces, is too long, or (for a
/// unit) holds a path of several levels.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Found {
    /// Users whose evaluation failed.
    pub(super) failed: Vec<usize>,
    /// Users whose value has spaces before or after it.
    pub(super) spaced: Vec<usize>,
    /// Users whose value is longer than [`MAX_VALUE`].
    pub(super) long: Vec<usize>,
    /// (levels, users) whose unit value holds a path of that many levels.
    pub(super) paths: BTreeMap<usize, Vec<usize>>,
}

impl Found {
    /// Checks user `u`'s value: whether its evaluation `failed`, and the `value` Azure would
    /// send on create; `unit` when the mapping fills a level.
    pub(crate) fn check(&mut self, u: usize, failed: bool, value: Option<&str>, unit: bool) {
        if failed {
            self.failed.push(u);
        }
        let Some(value) = value else {
            return;
        };
        if is_spaced(value) {
            self.spaced.push(u);
        }
        if value.len() > MAX_VALUE && value.chars().count() > MAX_VALUE {
            self.long.push(u);
        }
        if unit {
            let levels = path_levels(value);
            if levels > 1 {
                self.paths.entry(levels).or_default().push(u);
            }
        }
    }

    /// Adds what a check of later users found.
    pub(crate) fn append(&mut self, later: Found) {
        self.failed.extend(later.failed);
        self.spaced.extend(later.spaced);
        self.long.extend(later.long);
        for (levels, users) in later.paths {
            self.paths.entry(levels).or_default().extend(users);
        }
    }
}

/// True when `value` has spaces (any white space) before or after it.
pub(crate) fn is_spaced(value: &str) -> bool {
    value.starts_with(char::is_whitespace) || value.ends_with(char::is_whitespace)
}

/// How many levels a delimited path has (1 for a plain name).
pub(crate) fn path_levels(value: &str) -> usize {
    if !value
        .bytes()
        .any(|b| matches!(b, b'>' | b'|' | b'/' | b'\\'))
    {
        return 1;
    }
    [" > ", ">", "|", "/", "\\"]
        .iter()
        .map(|d| value.split(d).filter(|p| !p.trim().is_empty()).count())
        .max()
        .unwrap_or(1)
}
