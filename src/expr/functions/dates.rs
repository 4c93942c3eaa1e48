//! Date functions: CDate, DateAdd, DateDiff, DateFromNum, FormatDateTime, Now, NumFromDate. The
//! .NET/VB date rules live in `expr::datetime`; this file applies them to argument values.

use chrono::{DateTime, Utc};

use super::Func;
use crate::expr::compile::CallNode;
use crate::expr::datetime as dt;
use crate::expr::error::Span;
use crate::expr::eval::{Evaluator, Res, Stop, fail, int, text};
use crate::expr::value::Value;

/// A date from an argument: a date value, or text Azure can read as one. `None` when missing.
fn date(ev: &mut Evaluator<'_>, value: &Value, span: Span) -> Result<Option<DateTime<Utc>>, Stop> {
    match value {
        Value::Null => Ok(None),
        Value::Date(d) => Ok(Some(*d)),
        other => {
            let s = text(ev, other, span).unwrap_or_default();
            dt::parse_loose(&s).map(Some).ok_or_else(|| {
                fail(
                    span,
                    format!(
                        "\"{s}\" is not a date Azure can read. Use a form like 2021-08-24, \
                         2021-08-24T17:41:18Z or 8/24/2021 5:41:18 PM."
                    ),
                )
            })
        }
    }
}

pub(crate) fn call(ev: &mut Evaluator<'_>, call: &CallNode) -> Res {
    let span = call.span;
    match call.func {
        Func::Now => Ok(Value::Date(ev.ctx.now)),
        Func::CDate => {
            let value = ev.arg(call, 0)?;
            Ok(date(ev, &value, Evaluator::arg_span(call, 0))?.map_or(Value::Null, Value::Date))
        }
        Func::DateAdd => {
            let interval_value = ev.arg(call, 0)?;
            let interval = text(ev, &interval_value, span).unwrap_or_default();
            let amount = int(&ev.arg(call, 1)?, Evaluator::arg_span(call, 1), "value")?;
            let value = ev.arg(call, 2)?;
            let Some(start) = date(ev, &value, Evaluator::arg_span(call, 2))? else {
                return Ok(Value::Null);
            };
            dt::date_add(&interval, amount, start)
                .map(Value::Date)
                .map_err(|m| fail(Evaluator::arg_span(call, 0), m))
        }
        Func::DateDiff => {
            let interval_value = ev.arg(call, 0)?;
            let interval = text(ev, &interval_value, span).unwrap_or_default();
            let first = ev.arg(call, 1)?;
            let second = ev.arg(call, 2)?;
            let (Some(a), Some(b)) = (
                date(ev, &first, Evaluator::arg_span(call, 1))?,
                date(ev, &second, Evaluator::arg_span(call, 2))?,
            ) else {
                return Ok(Value::Null);
            };
            dt::date_diff(&interval, a, b)
                .map(Value::Num)
                .map_err(|m| fail(Evaluator::arg_span(call, 0), m))
        }
        Func::DateFromNum => {
            let value = ev.arg(call, 0)?;
            if value.is_null() {
                return Ok(Value::Null);
            }
            let ticks = int(&value, Evaluator::arg_span(call, 0), "value")?;
            dt::from_filetime(ticks).map(Value::Date).ok_or_else(|| {
                fail(
                    span,
                    format!("{ticks} is not an AD timestamp Azure can turn into a date."),
                )
            })
        }
        Func::NumFromDate => {
            let value = ev.arg(call, 0)?;
            Ok(date(ev, &value, Evaluator::arg_span(call, 0))?
                .map_or(Value::Null, |d| Value::Num(dt::to_filetime(&d))))
        }
        Func::FormatDateTime => {
            let source_value = ev.arg(call, 0)?;
            let Some(source) = text(ev, &source_value, Evaluator::arg_span(call, 0)) else {
                return Ok(Value::Null);
            };
            // 3 arguments: (source, inputFormat, outputFormat); 4: with dateTimeStyles second.
            let (styles_at, input_at, output_at) = if call.args.len() == 3 {
                (None, 1, 2)
            } else {
                (Some(1), 2, 3)
            };
            let styles = match styles_at {
                Some(i) if Evaluator::filled(call, i) => {
                    let value = ev.arg(call, i)?;
                    text(ev, &value, Evaluator::arg_span(call, i))
                }
                _ => None,
            };
            let input_value = ev.arg(call, input_at)?;
            let input = text(ev, &input_value, span).unwrap_or_default();
            let output_value = ev.arg(call, output_at)?;
            let output = text(ev, &output_value, span).unwrap_or_default();
            dt::format_date_time(&source, styles.as_deref(), &input, &output)
                .map(Value::Str)
                .map_err(|m| fail(Evaluator::arg_span(call, 0), m))
        }
        _ => Err(fail(span, "internal: not a date function")),
    }
}
