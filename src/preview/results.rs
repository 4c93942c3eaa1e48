//! One mapping's results over all loaded users, summed up for the expression editor's live
//! result: the distinct values with how many users get each, how many get nothing, and how
//! many fail (with the first error).

use std::sync::atomic::AtomicBool;

use super::{CellRef, evaluate_mapping, scim};
use crate::expr::Outcome;
use crate::import::UserSet;
use crate::mapping::Mapping;

/// The summary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Users evaluated.
    pub users: usize,
    /// The distinct values Azure would send, most common first (then alphabetically), at most
    /// [`SHOWN`]; values exactly as sent (spaces kept).
    pub values: Vec<(String, usize)>,
    /// How many distinct values there are in all.
    pub distinct: usize,
    /// Users who would get no value (null, empty, or left out of the flow).
    pub empty: usize,
    /// Users for whom evaluation fails.
    pub failed: usize,
    /// The first failure: user index and message.
    pub first_error: Option<(usize, String)>,
    /// The mapping does not compile: the message (nothing else is filled).
    pub compile_error: Option<String>,
}

impl Summary {
    /// True when the mapping gives no user a value because it fails for every one of them
    /// (or does not compile): saving it means an error in Azure for each user.
    pub fn fails_for_everyone(&self) -> bool {
        self.compile_error.is_some() || (self.users > 0 && self.failed == self.users)
    }
}

/// How many distinct values a summary keeps.
pub const SHOWN: usize = 200;

/// Evaluates `mapping` for every user of `set` and sums up; `None` once `cancel` is set. The
/// values are those sent on update (no default value), joined with ", " when several.
pub fn summarize(set: &UserSet, mapping: &Mapping, cancel: &AtomicBool) -> Option<Summary> {
    let (compiled, column) = evaluate_mapping(set, mapping, cancel)?;
    if let Some(error) = &compiled.error {
        return Some(Summary {
            users: set.users.len(),
            compile_error: Some(format!(
                "column {}: {}",
                error.span.start + 1,
                error.message
            )),
            ..Summary::default()
        });
    }
    let mut summary = Summary {
        users: column.len(),
        ..Summary::default()
    };
    let mut counts: foldhash::HashMap<String, usize> = Default::default();
    for (u, cell) in column.cells().enumerate() {
        if let Some(error) = cell.error() {
            summary.failed += 1;
            if summary.first_error.is_none() {
                summary.first_error = Some((u, error.message.clone()));
            }
            continue;
        }
        let value = match cell {
            CellRef::Outcome(Outcome::Values(values)) if values.iter().any(|v| !v.is_empty()) => {
                Some(values.join(", "))
            }
            CellRef::Outcome(_) => None,
            _ => scim::cell_value(cell).map(str::to_owned),
        };
        match value {
            Some(value) => *counts.entry(value).or_default() += 1,
            None => summary.empty += 1,
        }
    }
    summary.distinct = counts.len();
    let mut values: Vec<(String, usize)> = counts.into_iter().collect();
    values.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    values.truncate(SHOWN);
    summary.values = values;
    Some(summary)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{Input, Progress};

    fn users() -> UserSet {
        let json = r#"{"value": [
            {"id": "1", "department": "Sales"},
            {"id": "2", "department": "Sales"},
            {"id": "3", "department": "IT > Support"},
            {"id": "4"},
            {"id": "5", "department": "x"}
        ]}"#;
        let input = Input::Bytes {
            name: "users.json".into(),
            bytes: json.as_bytes().to_vec().into(),
        };
        UserSet::load(&[input], &Progress::default()).0
    }

    #[test]
    fn counts_values_empties_and_failures() {
        let set = users();
        let never = AtomicBool::new(false);
        let summary = summarize(
            &set,
            &Mapping::expression(r#"Item(Split([department], " > "), 2)"#, "department"),
            &never,
        )
        .unwrap();
        // Item past the end fails; a missing department gives nothing.
        assert_eq!(summary.users, 5);
        assert_eq!(summary.values, [("Support".to_owned(), 1)]);
        assert_eq!(summary.empty, 1);
        assert_eq!(summary.failed, 3);
        assert_eq!(summary.first_error.as_ref().map(|e| e.0), Some(0));
        let summary =
            summarize(&set, &Mapping::direct("department", "department"), &never).unwrap();
        assert_eq!(
            summary.values,
            [
                ("Sales".to_owned(), 2),
                ("IT > Support".to_owned(), 1),
                ("x".to_owned(), 1)
            ]
        );
        assert_eq!((summary.distinct, summary.empty), (3, 1));
        let summary = summarize(
            &set,
            &Mapping::expression("CDate([department])", "department"),
            &never,
        )
        .unwrap();
        assert_eq!(summary.failed, 4);
        assert_eq!(summary.first_error.as_ref().map(|e| e.0), Some(0));
        assert!(
            !summary.fails_for_everyone(),
            "one user gets nothing, not an error"
        );
        let summary = summarize(
            &set,
            &Mapping::expression(r#"CDate("not a date")"#, "department"),
            &never,
        )
        .unwrap();
        assert_eq!(summary.failed, 5);
        assert!(summary.fails_for_everyone());
        let summary = summarize(&set, &Mapping::expression("Join(", "department"), &never).unwrap();
        assert!(summary.compile_error.is_some());
        assert!(summary.fails_for_everyone());
        let cancelled = AtomicBool::new(true);
        assert!(
            summarize(
                &set,
                &Mapping::direct("department", "department"),
                &cancelled
            )
            .is_none()
        );
    }
}
