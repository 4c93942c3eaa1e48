//! Text functions: Append, ConvertToBase64, ConvertToUTF8Hex, CStr, InStr, Left, Mid,
//! NormalizeDiacritics, PCase, Redact, StripSpaces, ToLower, ToUpper, Word. The character-level
//! rules live in `expr::text`; this file applies them to argument values.

use super::Func;
use crate::expr::assumptions::NoteKind;
use crate::expr::compile::{CNode, CallNode, Word as CompareWord};
use crate::expr::eval::{Evaluator, Res, Stop, fail, int, map_text, text, try_map_text};
use crate::expr::text as t;
use crate::expr::value::Value;

pub(crate) fn call(ev: &mut Evaluator<'_>, call: &CallNode) -> Res {
    let span = call.span;
    let source = ev.arg(call, 0)?;
    match call.func {
        Func::Append => {
            let suffix_value = ev.arg(call, 1)?;
            let suffix = text(ev, &suffix_value, Evaluator::arg_span(call, 1)).unwrap_or_default();
            if source.is_null() {
                ev.note(
                    span,
                    NoteKind::AzureMayDiffer,
                    "The source is missing for this user; Append treats it as empty text.",
                );
                return Ok(Value::Str(suffix));
            }
            let items = match &source {
                Value::Multi(values) => values.len(),
                _ => 1,
            };
            let bytes = crate::expr::budget::size(&source)
                .saturating_add(items.saturating_mul(suffix.len()));
            crate::expr::budget::allow(bytes, span)?;
            Ok(map_text(source, |s| format!("{s}{suffix}")))
        }
        Func::ConvertToBase64 => Ok(map_text(source, t::convert_to_base64)),
        Func::ConvertToUTF8Hex => Ok(map_text(source, t::convert_to_utf8_hex)),
        Func::CStr => Ok(match source {
            Value::Null => Value::Null,
            Value::Multi(values) => Value::Multi(values),
            other => Value::Str(other.as_text().unwrap_or_default().into_owned()),
        }),
        Func::Redact => Ok(source),
        Func::NormalizeDiacritics => Ok(map_text(source, t::normalize_diacritics)),
        Func::StripSpaces => Ok(map_text(source, t::strip_spaces)),
        Func::PCase => {
            let separators = optional_text(ev, call, 1)?;
            Ok(map_text(source, |s| t::pcase(s, separators.as_deref())))
        }
        Func::ToLower | Func::ToUpper => {
            let culture = optional_text(ev, call, 1)?;
            let lower = call.func == Func::ToLower;
            let culture_span = Evaluator::arg_span(call, 1);
            try_map_text(source, |s| {
                let result = if lower {
                    t::to_lower(s, culture.as_deref())
                } else {
                    t::to_upper(s, culture.as_deref())
                };
                result.map_err(|message| fail(culture_span, message))
            })
        }
        Func::Left => {
            let count = int(&ev.arg(call, 1)?, Evaluator::arg_span(call, 1), "numChars")?;
            if source.is_null() {
                return Ok(Value::Str(String::new()));
            }
            Ok(map_text(source, |s| t::left(s, count)))
        }
        Func::Mid => {
            let start = int(&ev.arg(call, 1)?, Evaluator::arg_span(call, 1), "start")?;
            let length = int(&ev.arg(call, 2)?, Evaluator::arg_span(call, 2), "length")?;
            if source.is_null() {
                // As Left, and as the sync functions reference documents for Mid.
                return Ok(Value::Str(String::new()));
            }
            let edge = match &source {
                Value::Multi(values) => {
                    values.iter().find_map(|v| t::MidEdge::of(v, start, length))
                }
                other => t::MidEdge::of(&other.as_text().unwrap_or_default(), start, length),
            };
            if let Some(edge) = edge {
                ev.note(span, NoteKind::AzureMayDiffer, edge.note());
            }
            Ok(map_text(source, |s| t::mid(s, start, length)))
        }
        Func::Word => {
            let number = int(
                &ev.arg(call, 1)?,
                Evaluator::arg_span(call, 1),
                "wordNumber",
            )?;
            let delimiters_value = ev.arg(call, 2)?;
            let delimiters = text(ev, &delimiters_value, span).unwrap_or_default();
            let Some(s) = text(ev, &source, Evaluator::arg_span(call, 0)) else {
                return Ok(Value::Str(String::new()));
            };
            Ok(Value::Str(t::word(&s, number, &delimiters)))
        }
        Func::InStr => instr(ev, call, source),
        _ => Err(fail(span, "internal: not a text function")),
    }
}

/// An optional text argument: `None` when the slot is empty or missing.
fn optional_text(
    ev: &mut Evaluator<'_>,
    call: &CallNode,
    i: usize,
) -> Result<Option<String>, Stop> {
    if !Evaluator::filled(call, i) {
        return Ok(None);
    }
    let value = ev.arg(call, i)?;
    Ok(text(ev, &value, Evaluator::arg_span(call, i)))
}

fn instr(ev: &mut Evaluator<'_>, call: &CallNode, source: Value) -> Res {
    let span = call.span;
    let needle_value = ev.arg(call, 1)?;
    let start = if Evaluator::filled(call, 2) {
        int(&ev.arg(call, 2)?, Evaluator::arg_span(call, 2), "start")?
    } else {
        1
    };
    let text_compare = match call.args.get(3) {
        Some(Some(CNode::Word { word, .. })) => *word == CompareWord::TextCompare,
        Some(Some(other)) => {
            return Err(fail(
                other.span(),
                "compareType must be vbBinaryCompare or vbTextCompare.",
            ));
        }
        _ => false,
    };
    let Some(haystack) = text(ev, &source, Evaluator::arg_span(call, 0)) else {
        ev.note(
            span,
            NoteKind::AzureMayDiffer,
            "The text to search is missing for this user; InStr gives a missing result.",
        );
        return Ok(Value::Null);
    };
    let needle = text(ev, &needle_value, Evaluator::arg_span(call, 1)).unwrap_or_default();
    t::instr(&haystack, &needle, start, text_compare)
        .map(Value::Num)
        .map_err(|m| fail(Evaluator::arg_span(call, 2), m))
}
