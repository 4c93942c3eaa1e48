//! The values of a preview: a mapping's value for one user ([`Cell`]), one mapping's values for
//! every user ([`Column`]), the per-user view ([`UserPreview`]), and which targets are the
//! levels of the organization tree ([`LEVELS`], [`is_unit`]). Nothing here knows the
//! [`super::Preview`] that holds them.

use super::checks::Found;
use super::skip::SkipReason;
use super::target::Target;
use crate::expr::{Note, Outcome};
use crate::import::record::Text;
use crate::mapping::compiled::CompiledMapping;

/// The three levels, as enterprise attribute names, top first.
pub const LEVELS: [&str; 3] = ["organization", "division", "department"];

/// One mapping's value for one user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    /// A single value: a Direct mapping's is shared with the user record, an expression's with
    /// every user whose inputs are the same (no copies).
    Shared(Text),
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
    pub(crate) found: Found,
}

impl Column {
    /// Adds the column of later users.
    pub(crate) fn append(&mut self, later: Column) {
        self.cells.extend(later.cells);
        self.notes.extend(later.notes);
        self.found.append(later.found);
    }
}

/// True when `target` is organization, division or department.
pub(crate) fn is_unit(target: &Option<Target>) -> bool {
    target
        .as_ref()
        .and_then(Target::enterprise)
        .is_some_and(|a| LEVELS.contains(&a))
}

/// The value of an evaluated cell (the first, for a list), if not empty.
pub fn cell_value(cell: &Cell) -> Option<&str> {
    match cell {
        Cell::Shared(text) => Some(&**text).filter(|v| !v.is_empty()),
        Cell::Outcome(outcome) => match &**outcome {
            Outcome::Values(values) => values.first().map(String::as_str).filter(|v| !v.is_empty()),
            Outcome::Null | Outcome::FlowIgnored | Outcome::Error(_) => None,
        },
        Cell::Null => None,
    }
}

/// The value Azure sends on create: the evaluated one, or the mapping's default value when
/// that is empty.
pub fn create_value<'a>(
    evaluated: Option<&'a str>,
    mapping: &'a CompiledMapping,
) -> Option<&'a str> {
    evaluated.filter(|v| !v.is_empty()).or_else(|| {
        mapping
            .mapping
            .default_value
            .as_deref()
            .filter(|d| !d.is_empty())
    })
}
