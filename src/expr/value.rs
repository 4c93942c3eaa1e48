//! Values during evaluation, and how Azure renders them as text.
//!
//! Attribute values and literals are text; some functions produce numbers, booleans or dates
//! internally. Azure renders booleans as `True`/`False`, numbers in invariant culture, and dates
//! as `M/d/yyyy h:mm:ss tt` in UTC.

use std::borrow::Cow;

use chrono::{DateTime, Utc};

use super::datetime;

/// A value inside the evaluator.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// The attribute is absent (or an empty argument slot).
    Null,
    /// Text.
    Str(String),
    /// A multi-valued attribute or a list (Split, RemoveDuplicates…).
    Multi(Vec<String>),
    /// A number (InStr, Count, DateDiff…).
    Num(i64),
    /// A boolean (IsNull, CBool, comparisons…).
    Bool(bool),
    /// A date/time, always UTC (CDate, Now, DateAdd…).
    Date(DateTime<Utc>),
}

impl Value {
    /// True for [`Value::Null`].
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    /// Null, or text that is empty, or a list with no values.
    pub fn is_null_or_empty(&self) -> bool {
        match self {
            Value::Null => true,
            Value::Str(s) => s.is_empty(),
            Value::Multi(values) => values.is_empty(),
            _ => false,
        }
    }

    /// The value as one text, the way Azure renders it; `None` for null. A list renders as its
    /// first value.
    pub fn as_text(&self) -> Option<Cow<'_, str>> {
        match self {
            Value::Null => None,
            Value::Str(s) => Some(Cow::Borrowed(s)),
            Value::Multi(values) => values.first().map(|s| Cow::Borrowed(s.as_str())),
            Value::Num(n) => Some(Cow::Owned(n.to_string())),
            Value::Bool(b) => Some(Cow::Borrowed(bool_text(*b))),
            Value::Date(d) => Some(Cow::Owned(datetime::render(d))),
        }
    }

    /// Every value as text: one for a single value, all of a list, none for null.
    pub fn to_texts(&self) -> Vec<String> {
        match self {
            Value::Null => Vec::new(),
            Value::Multi(values) => values.clone(),
            other => other.as_text().map(Cow::into_owned).into_iter().collect(),
        }
    }

    /// Like [`Value::to_texts`], moving the text instead of copying it.
    pub fn into_texts(self) -> Vec<String> {
        match self {
            Value::Null => Vec::new(),
            Value::Str(s) => vec![s],
            Value::Multi(values) => values,
            other => other.to_texts(),
        }
    }

    /// A short description of the value for explanations and error messages: `"Sales"`,
    /// `["a", "b"]`, `null`, `True`, `7`.
    pub fn describe(&self) -> String {
        match self {
            Value::Null => "null".to_owned(),
            Value::Str(s) => quoted(s),
            Value::Multi(values) => {
                let shown: Vec<String> = values.iter().take(10).map(|v| quoted(v)).collect();
                let more = if values.len() > 10 { ", …" } else { "" };
                format!("[{}{more}]", shown.join(", "))
            }
            other => other.as_text().map(Cow::into_owned).unwrap_or_default(),
        }
    }
}

/// How many characters of a long text a description shows.
const DESCRIBED_CHARS: usize = 200;

/// A text in quotes; a long one cut after [`DESCRIBED_CHARS`] characters, with its length, so
/// that a message or an explanation step stays readable whatever the value.
fn quoted(text: &str) -> String {
    match text.char_indices().nth(DESCRIBED_CHARS) {
        None => format!("\"{text}\""),
        Some((cut, _)) => format!(
            "\"{}…\" ({} characters)",
            &text[..cut],
            text.chars().count()
        ),
    }
}

/// `True` / `False`, as .NET writes booleans.
pub fn bool_text(b: bool) -> &'static str {
    if b { "True" } else { "False" }
}

/// The final result of evaluating an expression for one user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// One or more values (a single-valued result has one).
    Values(Vec<String>),
    /// Null: Azure sends nothing for this attribute.
    Null,
    /// `IgnoreFlowIfNullOrEmpty` took the attribute out of the flow.
    FlowIgnored,
    /// Evaluation failed; Azure would fail this attribute for this user.
    Error(super::error::EvalError),
}

impl Outcome {
    /// The single value, when there is exactly one.
    pub fn single(&self) -> Option<&str> {
        match self {
            Outcome::Values(values) if values.len() == 1 => Some(&values[0]),
            _ => None,
        }
    }
}
