//! The evaluator: runs a compiled expression against one user's attributes.
//!
//! Evaluation is bottom-up, except that `IIF`, `Switch`, `Coalesce` and `SelectUniqueValue`
//! evaluate only what they need. Errors stop the evaluation of the attribute (Azure fails it
//! too); `IgnoreFlowIfNullOrEmpty` stops it as "flow ignored". In explain mode every node's
//! value is recorded, so the window can show how the result came about.

use std::borrow::Cow;

use chrono::{DateTime, Utc};

use super::assumptions::{Note, NoteKind};
use super::attributes::{AttrValue, Attributes};
use super::budget::{self, Budget};
use super::compile::{CNode, CallNode, CompareNode};
use super::error::{EvalError, Span};
use super::functions::{Func, dates, directory, lists, logic, replace, strings};
use super::value::Value;

/// Which of the two documented rules `Replace` uses with a regex, a group name and a
/// replacement attribute (the documentation changed between 2021 and 2024).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ReplaceAttributeRule {
    /// 2024: a non-empty source is returned unchanged; otherwise the group is taken from the
    /// replacement attribute's value.
    #[default]
    Current,
    /// 2021 (and cloud sync): an empty source is returned; otherwise the group's matches in the
    /// source are replaced with the replacement attribute's value.
    Legacy,
}

/// What the evaluation may depend on besides the user's attributes.
#[derive(Clone, Copy)]
pub struct EvalContext<'a> {
    /// The clock for `Now()` (and anything built on it).
    pub now: DateTime<Utc>,
    /// The seed for `Guid()` and `RandomString()`; mix in something per user for variety.
    pub seed: u64,
    /// For `SelectUniqueValue`: is this value already used (by another user)?
    pub is_taken: Option<&'a (dyn Fn(&str) -> bool + Sync)>,
    /// Which documented `Replace` rule to use.
    pub replace_rule: ReplaceAttributeRule,
}

impl Default for EvalContext<'_> {
    fn default() -> Self {
        Self {
            now: DateTime::<Utc>::from_timestamp(1_767_225_600, 0).unwrap_or_default(),
            seed: 0,
            is_taken: None,
            replace_rule: ReplaceAttributeRule::Current,
        }
    }
}

impl std::fmt::Debug for EvalContext<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EvalContext")
            .field("now", &self.now)
            .field("seed", &self.seed)
            .field("replace_rule", &self.replace_rule)
            .finish_non_exhaustive()
    }
}

/// Why evaluation stopped early.
#[derive(Debug, Clone)]
pub(crate) enum Stop {
    Error(EvalError),
    FlowIgnored,
}

pub(crate) type Res = Result<Value, Stop>;

pub(crate) fn fail(span: Span, message: impl Into<String>) -> Stop {
    Stop::Error(EvalError::new(span, message))
}

/// One step of an explanation: a node and the value it had.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// The node's text in the expression.
    pub span: Span,
    /// How deep the node is (0 = the whole expression).
    pub depth: usize,
    /// The value, described (`"Sales"`, `["a", "b"]`, `null`), or what stopped it.
    pub value: String,
}

pub(crate) struct Evaluator<'a> {
    pub attrs: &'a dyn Attributes,
    pub ctx: &'a EvalContext<'a>,
    pub notes: Vec<Note>,
    pub trace: Option<Vec<Step>>,
    /// What this evaluation has used of its bounds.
    pub budget: Budget,
    depth: usize,
    rng: crate::random::SplitMix64,
}

impl<'a> Evaluator<'a> {
    pub(crate) fn new(attrs: &'a dyn Attributes, ctx: &'a EvalContext<'a>, explain: bool) -> Self {
        Self {
            attrs,
            ctx,
            notes: Vec::new(),
            trace: explain.then(Vec::new),
            budget: Budget::default(),
            depth: 0,
            rng: crate::random::SplitMix64(ctx.seed ^ 0x9E37_79B9_7F4A_7C15),
        }
    }

    /// A note, once per place and kind.
    pub(crate) fn note(&mut self, span: Span, kind: NoteKind, message: impl Into<String>) {
        let note = Note::new(span, kind, message);
        if !self.notes.contains(&note) {
            self.notes.push(note);
        }
    }

    /// The next pseudo-random number: reproducible for a seed.
    pub(crate) fn next_random(&mut self) -> u64 {
        self.rng.next_u64()
    }

    /// A GUID from the seeded generator.
    pub(crate) fn guid(&mut self) -> String {
        self.rng.guid()
    }

    pub(crate) fn eval(&mut self, node: &CNode) -> Res {
        let Some(trace) = self.trace.as_mut() else {
            return self
                .eval_inner(node)
                .and_then(|value| self.charged(value, node));
        };
        let slot = trace.len();
        trace.push(Step {
            span: node.span(),
            depth: self.depth,
            value: String::new(),
        });
        self.depth += 1;
        let result = self
            .eval_inner(node)
            .and_then(|value| self.charged(value, node));
        self.depth -= 1;
        if let Some(step) = self.trace.as_mut().and_then(|t| t.get_mut(slot)) {
            step.value = match &result {
                Ok(value) => value.describe(),
                Err(Stop::Error(error)) => format!("error: {}", error.message),
                Err(Stop::FlowIgnored) => "flow ignored".to_owned(),
            };
        }
        result
    }

    /// The value, once counted against the evaluation's bounds.
    fn charged(&mut self, value: Value, node: &CNode) -> Res {
        self.budget.charge(&value, node.span())?;
        Ok(value)
    }

    fn eval_inner(&mut self, node: &CNode) -> Res {
        match node {
            CNode::Attr { index, .. } => Ok(match self.attrs.get(*index) {
                AttrValue::Absent => Value::Null,
                AttrValue::One(s) => Value::Str(s.to_owned()),
                AttrValue::Many(values) => Value::Multi(values.to_vec()),
            }),
            CNode::Const { value, .. } => Ok(value.clone()),
            CNode::Word { span, .. } => Err(fail(*span, "This word is only valid in InStr.")),
            CNode::Compare(compare) => self.compare(compare).map(Value::Bool),
            CNode::Call(call) => self.call(call),
        }
    }

    /// Argument `i` of a call; an empty or missing slot is null.
    pub(crate) fn arg(&mut self, call: &CallNode, i: usize) -> Res {
        match call.args.get(i) {
            Some(Some(node)) => self.eval(node),
            _ => Ok(Value::Null),
        }
    }

    /// Argument `i` as text without copying when it is a constant or an attribute (the hot path
    /// of Switch keys, Split delimiters…); `None` for null or an empty slot. In explain mode it
    /// evaluates normally so every node is recorded.
    pub(crate) fn text_arg<'s>(
        &mut self,
        call: &'s CallNode,
        i: usize,
    ) -> Result<Option<Cow<'s, str>>, Stop>
    where
        'a: 's,
    {
        let Some(Some(node)) = call.args.get(i) else {
            return Ok(None);
        };
        if self.trace.is_none() {
            match node {
                CNode::Const {
                    value: Value::Str(s),
                    ..
                } => return Ok(Some(Cow::Borrowed(s.as_str()))),
                CNode::Attr { index, .. } => {
                    let attrs: &'a dyn Attributes = self.attrs;
                    match attrs.get(*index) {
                        AttrValue::Absent => return Ok(None),
                        AttrValue::One(s) => return Ok(Some(Cow::Borrowed(s))),
                        AttrValue::Many(_) => {}
                    }
                }
                _ => {}
            }
        }
        let value = self.eval(node)?;
        Ok(text(self, &value, node.span()).map(Cow::Owned))
    }

    /// True when slot `i` holds something (an empty slot is not `""`).
    pub(crate) fn filled(call: &CallNode, i: usize) -> bool {
        matches!(call.args.get(i), Some(Some(_)))
    }

    /// The span of argument `i`, or of the call.
    pub(crate) fn arg_span(call: &CallNode, i: usize) -> Span {
        match call.args.get(i) {
            Some(Some(node)) => node.span(),
            _ => call.span,
        }
    }

    fn compare(&mut self, compare: &CompareNode) -> Result<bool, Stop> {
        let lhs = self.eval(&compare.lhs)?;
        let rhs = self.eval(&compare.rhs)?;
        logic::compare(self, compare, &lhs, &rhs)
    }

    fn call(&mut self, call: &CallNode) -> Res {
        use Func::*;
        match call.func {
            Append | ConvertToBase64 | ConvertToUTF8Hex | CStr | Left | Mid
            | NormalizeDiacritics | PCase | StripSpaces | ToLower | ToUpper | Word | InStr
            | Redact => strings::call(self, call),
            BitAnd
            | CBool
            | Coalesce
            | IgnoreFlowIfNullOrEmpty
            | IIF
            | IsNull
            | IsNullOrEmpty
            | IsPresent
            | IsString
            | Not
            | Switch => logic::call(self, call),
            Count | Item | Join | RemoveDuplicates | Split => lists::call(self, call),
            CDate | DateAdd | DateDiff | DateFromNum | FormatDateTime | Now | NumFromDate => {
                dates::call(self, call)
            }
            Replace => replace::call(self, call),
            Guid
            | RandomString
            | SelectUniqueValue
            | SingleAppRoleAssignment
            | AppRoleAssignmentsComplex
            | AssertiveAppRoleAssignmentsComplex => directory::call(self, call),
        }
    }
}

// ---- conversions shared by the function modules ----

/// The value as one text (`None` for null), noting when a list is cut to its first value.
pub(crate) fn text(ev: &mut Evaluator<'_>, value: &Value, span: Span) -> Option<String> {
    if let Value::Multi(values) = value
        && values.len() > 1
    {
        ev.note(
            span,
            NoteKind::AzureMayDiffer,
            "This function takes one value; the first of the multi-valued attribute is used.",
        );
    }
    value.as_text().map(std::borrow::Cow::into_owned)
}

/// The value as a whole number, or an error naming the argument.
pub(crate) fn int(value: &Value, span: Span, what: &str) -> Result<i64, Stop> {
    match value {
        Value::Num(n) => Ok(*n),
        Value::Null => Err(fail(
            span,
            format!("{what} is empty; it must be a whole number."),
        )),
        other => {
            let text = other.as_text().unwrap_or_default();
            text.trim().parse::<i64>().map_err(|_| {
                fail(
                    span,
                    format!("{what} must be a whole number, not {}.", other.describe()),
                )
            })
        }
    }
}

/// A boolean from a value: booleans, "True"/"False" in any case, numbers (not zero = true).
pub(crate) fn boolean(value: &Value) -> Option<bool> {
    match value {
        Value::Bool(b) => Some(*b),
        Value::Num(n) => Some(*n != 0),
        other => {
            let text = other.as_text()?;
            let text = text.trim();
            if text.eq_ignore_ascii_case("true") {
                Some(true)
            } else if text.eq_ignore_ascii_case("false") {
                Some(false)
            } else {
                text.parse::<i64>().ok().map(|n| n != 0)
            }
        }
    }
}

/// Applies a text transform to every value (null stays null).
pub(crate) fn map_text(value: Value, f: impl Fn(&str) -> String) -> Value {
    match value {
        Value::Null => Value::Null,
        Value::Multi(values) => Value::Multi(values.iter().map(|v| f(v)).collect()),
        other => Value::Str(f(&other.as_text().unwrap_or_default())),
    }
}

/// Like [`map_text`] for a transform that can fail.
pub(crate) fn try_map_text(value: Value, mut f: impl FnMut(&str) -> Result<String, Stop>) -> Res {
    Ok(match value {
        Value::Null => Value::Null,
        Value::Multi(values) => {
            Value::Multi(values.iter().map(|v| f(v)).collect::<Result<Vec<_>, _>>()?)
        }
        other => Value::Str(f(&other.as_text().unwrap_or_default())?),
    })
}

/// Like [`try_map_text`] for a transform whose result can be much longer than its input
/// (`Replace`): `f` gets the room left (in bytes) for its result, so that it can refuse before
/// it allocates, and the results of a list together stay within [`budget::MAX_VALUE_BYTES`].
pub(crate) fn try_map_text_bounded(
    value: Value,
    span: Span,
    mut f: impl FnMut(&str, usize) -> Result<String, Stop>,
) -> Res {
    let room = budget::MAX_VALUE_BYTES;
    Ok(match value {
        Value::Null => Value::Null,
        Value::Multi(values) => {
            let mut used = 0usize;
            let mut out = Vec::with_capacity(values.len());
            for v in &values {
                let made = f(v, room.saturating_sub(used))?;
                used = used.saturating_add(made.len());
                budget::allow(used, span)?;
                out.push(made);
            }
            Value::Multi(out)
        }
        other => Value::Str(f(&other.as_text().unwrap_or_default(), room)?),
    })
}
