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

/// How many levels a delimited path has (1 for a plain name): the most non-blank parts the
/// value splits into at `>`, `|`, `/` or `\` (" > " splits no finer than ">"). One pass over
/// the text for all four: the department of every user is checked.
pub(crate) fn path_levels(value: &str) -> usize {
    const DELIMITERS: [char; 4] = ['>', '|', '/', '\\'];
    if !value
        .bytes()
        .any(|b| matches!(b, b'>' | b'|' | b'/' | b'\\'))
    {
        return 1;
    }
    let mut parts = [0usize; 4];
    let mut filled = [false; 4];
    for c in value.chars() {
        let blank = c.is_whitespace();
        for (d, delimiter) in DELIMITERS.iter().enumerate() {
            if c == *delimiter {
                parts[d] += usize::from(filled[d]);
                filled[d] = false;
            } else if !blank {
                filled[d] = true;
            }
        }
    }
    (0..4)
        .map(|d| parts[d] + usize::from(filled[d]))
        .max()
        .unwrap_or(1)
        .max(1)
}

#[cfg(test)]
mod tests {
    use super::path_levels;

    /// The rule as first written: split at each delimiter, count the non-blank parts.
    fn by_splitting(value: &str) -> usize {
        [" > ", ">", "|", "/", "\\"]
            .iter()
            .map(|d| value.split(d).filter(|p| !p.trim().is_empty()).count())
            .max()
            .unwrap_or(1)
            .max(1)
    }

    #[test]
    fn path_levels_count_the_non_blank_parts_at_the_best_delimiter() {
        let cases = [
            ("Sales", 1),
            ("", 1),
            ("Contoso > Sales > EMEA", 3),
            ("A > B>C", 3),
            ("A|B|C|D", 4),
            ("A/B", 2),
            ("A\\B\\", 2),
            (" > > ", 1),
            (">", 1),
            ("A >\u{a0}> B", 2),
            ("R&D / Labs > Oslo", 2),
            ("a|b>c|d", 3),
            ("Åse > Øst > 北京", 3),
        ];
        for (value, levels) in cases {
            assert_eq!(path_levels(value), levels, "{value:?}");
            assert_eq!(path_levels(value), by_splitting(value), "{value:?}");
        }
    }
}
