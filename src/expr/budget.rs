//! Bounds on one evaluation, so that no expression over any attributes can exhaust memory or
//! time: every value is at most [`MAX_VALUE_BYTES`], all the values one evaluation makes add up
//! to at most [`MAX_WORK_BYTES`], and its regular expressions run at most [`MAX_REGEX_TIME`].
//!
//! A few hundred bytes of expression can otherwise ask for gigabytes (`Replace` with `$_`
//! nested three deep squares the text each time), and one backtracking pattern over a long
//! value can run for minutes. Past a bound the evaluation fails for that user with a message
//! that says so, like any other evaluation error; the rest of the preview goes on.
//!
//! The bounds are far above anything Entra can hold: its longest string attributes are a few
//! thousand characters, and a mapping expression is at most 10 000 characters. Azure's own
//! limits on intermediate values are not documented ("Azure may differ here" for an expression
//! that comes near them; none that works on real directory data does).

use std::time::{Duration, Instant};

use super::error::{Bound, EvalError, Span};
use super::eval::Stop;
use super::value::Value;

/// The largest value (one text, or all the texts of a list together) an evaluation may make.
pub const MAX_VALUE_BYTES: usize = 256 * 1024;

/// All the values one evaluation makes, added up.
pub const MAX_WORK_BYTES: usize = 16 * 1024 * 1024;

/// The time one evaluation's regular expressions may take, all matches together.
pub const MAX_REGEX_TIME: Duration = Duration::from_millis(500);

/// What a list item costs besides its text (so a list of a million empty texts is not free).
const ITEM_COST: usize = 16;

/// What one evaluation has used so far.
#[derive(Debug, Default)]
pub(crate) struct Budget {
    work: usize,
    regex: Duration,
}

/// The size a value counts for: its text, or its texts and one [`ITEM_COST`] per item.
pub(crate) fn size(value: &Value) -> usize {
    match value {
        Value::Str(s) => s.len(),
        Value::Multi(values) => values
            .iter()
            .map(|v| v.len().saturating_add(ITEM_COST))
            .fold(0, usize::saturating_add),
        Value::Null | Value::Num(_) | Value::Bool(_) | Value::Date(_) => 0,
    }
}

/// The error for a value of `bytes` bytes, over [`MAX_VALUE_BYTES`].
pub(crate) fn too_large(span: Span, bytes: usize) -> Stop {
    stop(
        span,
        Bound::Size,
        format!(
            "This part of the expression would make a value of {} KiB; the preview stops at {} \
             KiB, far above any Entra attribute, so that an expression that multiplies its \
             input (a Replace with \"$_\", a Join or Append inside another) cannot exhaust \
             memory. Simplify the expression.",
            bytes.div_ceil(1024),
            MAX_VALUE_BYTES / 1024
        ),
    )
}

/// The evaluation stops at `bound`.
pub(crate) fn stop(span: Span, bound: Bound, message: String) -> Stop {
    Stop::Error(EvalError::bound(span, bound, message))
}

/// Checks that a value of `bytes` bytes may be made, before making it.
pub(crate) fn allow(bytes: usize, span: Span) -> Result<(), Stop> {
    if bytes > MAX_VALUE_BYTES {
        Err(too_large(span, bytes))
    } else {
        Ok(())
    }
}

impl Budget {
    /// Counts a value just made by the node at `span`; fails past either bound.
    pub(crate) fn charge(&mut self, value: &Value, span: Span) -> Result<(), Stop> {
        let bytes = size(value);
        allow(bytes, span)?;
        self.work = self.work.saturating_add(bytes);
        if self.work > MAX_WORK_BYTES {
            return Err(stop(
                span,
                Bound::Work,
                format!(
                    "This expression makes more than {} MiB of values for one user; the \
                     preview stops it there so that it cannot take all the memory or time. \
                     Simplify the expression.",
                    MAX_WORK_BYTES / (1024 * 1024)
                ),
            ));
        }
        Ok(())
    }

    /// A clock for the regular expression at `span`: call [`RegexClock::tick`] between
    /// matches, then [`Budget::stop_clock`].
    pub(crate) fn start_clock(&self, span: Span) -> RegexClock {
        RegexClock {
            started: Instant::now(),
            before: self.regex,
            span,
        }
    }

    /// Adds the clock's time to the evaluation's.
    pub(crate) fn stop_clock(&mut self, clock: &RegexClock) {
        self.regex = clock.total();
    }
}

/// Measures one call's regular-expression work against what the evaluation has left.
#[derive(Debug)]
pub(crate) struct RegexClock {
    started: Instant,
    before: Duration,
    span: Span,
}

impl RegexClock {
    fn total(&self) -> Duration {
        self.before.saturating_add(self.started.elapsed())
    }

    /// Fails once the evaluation's regular expressions have run longer than [`MAX_REGEX_TIME`].
    pub(crate) fn tick(&self) -> Result<(), Stop> {
        if self.total() > MAX_REGEX_TIME {
            Err(stop(
                self.span,
                Bound::RegexTime,
                format!(
                    "The regular expression ran for more than {} ms on this user's value and \
                     was stopped. Its pattern makes the engine try too many ways to match \
                     (nested repetitions such as (a+)+, or .* next to .*); simplify it. Azure \
                     limits regular expressions' time too.",
                    MAX_REGEX_TIME.as_millis()
                ),
            ))
        } else {
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_count_their_items_and_bounds_hold() {
        assert_eq!(size(&Value::Str("abc".into())), 3);
        assert_eq!(size(&Value::Multi(vec![String::new(); 4])), 4 * ITEM_COST);
        assert_eq!(size(&Value::Num(7)), 0);
        assert!(allow(MAX_VALUE_BYTES, Span::default()).is_ok());
        assert!(allow(MAX_VALUE_BYTES + 1, Span::default()).is_err());
        let mut budget = Budget::default();
        let big = Value::Str("x".repeat(MAX_VALUE_BYTES));
        for _ in 0..MAX_WORK_BYTES / MAX_VALUE_BYTES {
            assert!(budget.charge(&big, Span::default()).is_ok());
        }
        assert!(budget.charge(&big, Span::default()).is_err());
    }
}
