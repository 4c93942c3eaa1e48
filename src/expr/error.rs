//! Errors of the expression engine, with the place in the text they are about and a message that
//! says what to do. Positions are shown to the admin as "line L, column C" (1-based, columns
//! counted in characters), the way an editor shows them.

use std::fmt;

/// A byte range in the expression text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// The range `start..end`.
    pub fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }

    /// The smallest span covering both.
    pub fn to(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// 1-based line and column (in characters) of the start of the span in `text`.
    pub fn line_column(self, text: &str) -> (usize, usize) {
        let start = floor_char_boundary(text, self.start);
        let before = &text[..start];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        (line, column)
    }
}

/// The largest char boundary at or before `index` (clamped to the text).
pub(crate) fn floor_char_boundary(text: &str, index: usize) -> usize {
    let mut i = index.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A problem found while reading (parsing) or checking (compiling) an expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// Where in the text.
    pub span: Span,
    /// What is wrong and how to fix it, in plain words.
    pub message: String,
}

impl ParseError {
    pub(crate) fn new(span: Span, message: impl Into<String>) -> Self {
        Self {
            span,
            message: message.into(),
        }
    }

    /// `line 1, column 14: message`.
    pub fn describe(&self, text: &str) -> String {
        let (line, column) = self.span.line_column(text);
        format!("line {line}, column {column}: {}", self.message)
    }

    /// The line of `text` the error is on, with a caret line under the span, for a terminal.
    pub fn caret(&self, text: &str) -> String {
        let start = floor_char_boundary(text, self.span.start);
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let line = &text[line_start..line_end];
        let pad = text[line_start..start].chars().count();
        let end = floor_char_boundary(text, self.span.end.clamp(start, line_end));
        let width = text[start..end].chars().count().max(1);
        format!("{line}\n{}{}", " ".repeat(pad), "^".repeat(width))
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ParseError {}

/// A failure while evaluating an expression for one user: Azure would fail that attribute (or
/// the whole user) the same way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvalError {
    /// The part of the expression that failed.
    pub span: Span,
    /// What went wrong, in plain words.
    pub message: String,
    /// Which of the preview's own bounds stopped it, if one did (then Azure may not fail).
    pub bound: Option<Bound>,
}

/// The bounds on one evaluation (see `expr::budget`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    /// A value over the size bound.
    Size,
    /// All values together over the work bound.
    Work,
    /// The regular expressions ran over the time bound.
    RegexTime,
    /// A value too long for a pattern that needs backtracking.
    BacktrackingInput,
}

impl EvalError {
    pub(crate) fn new(span: Span, message: impl Into<String>) -> Self {
        Self {
            span,
            message: message.into(),
            bound: None,
        }
    }

    /// An error of a bound.
    pub(crate) fn bound(span: Span, bound: Bound, message: impl Into<String>) -> Self {
        Self {
            bound: Some(bound),
            ..Self::new(span, message)
        }
    }
}

impl fmt::Display for EvalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for EvalError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_lines_and_character_columns() {
        let text = "Join(\",\",\n  Item(ærø, 1))";
        let at = text.find("Item").unwrap();
        let error = ParseError::new(Span::new(at, at + 4), "Item expects 2 arguments, got 1");
        assert_eq!(
            error.describe(text),
            "line 2, column 3: Item expects 2 arguments, got 1"
        );
        assert_eq!(error.caret(text), "  Item(ærø, 1))\n  ^^^^");
        // Spans past the end or inside a character do not panic.
        let odd = ParseError::new(Span::new(999, 2000), "x");
        assert_eq!(odd.describe(text), "line 2, column 16: x");
        let _ = odd.caret(text);
        let inside = ParseError::new(Span::new(text.find('æ').unwrap() + 1, 3), "x");
        let _ = inside.caret(text);
    }
}
