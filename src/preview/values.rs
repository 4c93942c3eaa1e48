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
        self.as_ref().error()
    }

    /// The cell, borrowed.
    pub fn as_ref(&self) -> CellRef<'_> {
        match self {
            Cell::Shared(text) => CellRef::Shared(text),
            Cell::Null => CellRef::Null,
            Cell::Outcome(outcome) => CellRef::Outcome(outcome),
        }
    }
}

/// A [`Cell`] as its [`Column`] holds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellRef<'a> {
    /// A single value.
    Shared(&'a Text),
    /// No value.
    Null,
    /// Several values, flow ignored, or the error.
    Outcome(&'a Outcome),
}

impl<'a> CellRef<'a> {
    /// The error, if evaluation failed.
    pub fn error(self) -> Option<&'a crate::expr::EvalError> {
        match self {
            CellRef::Outcome(Outcome::Error(e)) => Some(e),
            _ => None,
        }
    }
}

/// One user's preview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserPreview {
    /// Index of the user in the set.
    pub index: usize,
    /// Why Azure would not create this user, if it would not (boxed: most users are created,
    /// and a million users' previews are then 16 bytes each instead of 80).
    pub skipped: Option<Box<SkipReason>>,
}

/// One mapping's values for every user, and what evaluating it noted. The preview is stored a
/// mapping at a time, so that changing one mapping replaces one column.
///
/// A column is one pointer per user: the single value, or none. The rare cells that are not a
/// single value (several values, flow ignored, an error) are kept apart, by user. For a million
/// users and 25 mappings that is 200 MB instead of 400.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Column {
    /// One per user, in the set's order: the single value, else `None` (no value, or one of
    /// `outcomes`).
    texts: Vec<Option<Text>>,
    /// The other cells, users in order.
    outcomes: Vec<(u32, Box<Outcome>)>,
    /// (user, note), users in order: assumptions where Azure may differ, quirks.
    pub notes: Vec<(u32, Note)>,
    /// What the value checks found, over all users (the diagnostics leave out skipped ones).
    pub(crate) found: Found,
}

impl Column {
    /// An empty column with room for `users` cells.
    pub(crate) fn with_capacity(users: usize) -> Self {
        Self {
            texts: Vec::with_capacity(users),
            ..Self::default()
        }
    }

    /// How many users the column has a cell for.
    pub fn len(&self) -> usize {
        self.texts.len()
    }

    /// True when the column has no cells.
    pub fn is_empty(&self) -> bool {
        self.texts.is_empty()
    }

    /// The next user's cell.
    pub(crate) fn push(&mut self, cell: Cell) {
        let u = u32::try_from(self.texts.len()).unwrap_or(u32::MAX);
        match cell {
            Cell::Shared(text) => self.texts.push(Some(text)),
            Cell::Null => self.texts.push(None),
            Cell::Outcome(outcome) => {
                self.texts.push(None);
                self.outcomes.push((u, outcome));
            }
        }
    }

    /// Replaces the last user's cell.
    pub(crate) fn replace_last(&mut self, cell: Cell) {
        let Some(last) = self.texts.len().checked_sub(1) else {
            return;
        };
        if self
            .outcomes
            .last()
            .is_some_and(|(u, _)| *u as usize == last)
        {
            self.outcomes.pop();
        }
        self.texts.truncate(last);
        self.push(cell);
    }

    /// User `u`'s cell (no value past the end).
    pub fn cell(&self, u: usize) -> CellRef<'_> {
        cell_at(&self.texts, &self.outcomes, u)
    }

    /// Checks the last user's value (user `u` of the set) as `mapping` sends it; `unit` when
    /// the mapping fills a level of the tree.
    pub(crate) fn check_last(&mut self, u: usize, mapping: &CompiledMapping, unit: bool) {
        let Some(last) = self.texts.len().checked_sub(1) else {
            return;
        };
        let cell = cell_at(&self.texts, &self.outcomes, last);
        let value = create_value(cell_value(cell), mapping);
        self.found.check(u, cell.error().is_some(), value, unit);
    }

    /// Every user's cell, in order.
    pub fn cells(&self) -> impl Iterator<Item = CellRef<'_>> {
        let mut outcomes = self.outcomes.iter().peekable();
        self.texts
            .iter()
            .enumerate()
            .map(move |(u, text)| match text {
                Some(text) => CellRef::Shared(text),
                None => match outcomes.next_if(|(of, _)| *of as usize == u) {
                    Some((_, outcome)) => CellRef::Outcome(outcome),
                    None => CellRef::Null,
                },
            })
    }

    /// Adds the column of later users.
    pub(crate) fn append(&mut self, later: Column) {
        let offset = u32::try_from(self.texts.len()).unwrap_or(u32::MAX);
        self.texts.extend(later.texts);
        self.outcomes.extend(
            later
                .outcomes
                .into_iter()
                .map(|(u, outcome)| (u.saturating_add(offset), outcome)),
        );
        self.notes.extend(later.notes);
        self.found.append(later.found);
    }
}

/// User `u`'s cell in a column's `texts` and `outcomes`.
fn cell_at<'a>(
    texts: &'a [Option<Text>],
    outcomes: &'a [(u32, Box<Outcome>)],
    u: usize,
) -> CellRef<'a> {
    match texts.get(u) {
        Some(Some(text)) => CellRef::Shared(text),
        Some(None) => match outcomes.binary_search_by_key(&u, |(of, _)| *of as usize) {
            Ok(at) => CellRef::Outcome(&outcomes[at].1),
            Err(_) => CellRef::Null,
        },
        None => CellRef::Null,
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
pub fn cell_value(cell: CellRef<'_>) -> Option<&str> {
    match cell {
        CellRef::Shared(text) => Some(&**text).filter(|v| !v.is_empty()),
        CellRef::Outcome(Outcome::Values(values)) => {
            values.first().map(String::as_str).filter(|v| !v.is_empty())
        }
        CellRef::Outcome(Outcome::Null | Outcome::FlowIgnored | Outcome::Error(_)) => None,
        CellRef::Null => None,
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
