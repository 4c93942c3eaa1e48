//! Multi-valued attributes and lists: Count, Item, Join, RemoveDuplicates, Split.

use super::Func;
use crate::expr::assumptions::NoteKind;
use crate::expr::compile::CallNode;
use crate::expr::eval::{Evaluator, Res, fail, int, text};
use crate::expr::text as t;
use crate::expr::value::Value;

pub(crate) fn call(ev: &mut Evaluator<'_>, call: &CallNode) -> Res {
    let span = call.span;
    match call.func {
        Func::Count => Ok(Value::Num(match ev.arg(call, 0)? {
            Value::Null => 0,
            Value::Multi(values) => i64::try_from(values.len()).unwrap_or(i64::MAX),
            _ => 1,
        })),
        Func::Item => {
            let list = ev.arg(call, 0)?;
            let index_span = Evaluator::arg_span(call, 1);
            let index = int(&ev.arg(call, 1)?, index_span, "index")?;
            if index < 1 {
                return Err(fail(
                    index_span,
                    format!(
                        "Item counts from 1, so index {index} is not allowed. Use 1 for the first value."
                    ),
                ));
            }
            let values = match list {
                Value::Null => return Ok(Value::Null),
                Value::Multi(values) => values,
                other => other.to_texts(),
            };
            let position = usize::try_from(index - 1).unwrap_or(usize::MAX);
            match values.into_iter().nth(position) {
                Some(value) => Ok(Value::Str(value)),
                None => Err(fail(
                    index_span,
                    format!(
                        "Item asks for value {index}, but there are fewer values for this user."
                    ),
                )),
            }
        }
        Func::Join => {
            let separator_value = ev.arg(call, 0)?;
            let separator =
                text(ev, &separator_value, Evaluator::arg_span(call, 0)).unwrap_or_default();
            let mut parts: Vec<String> = Vec::new();
            for i in 1..call.args.len() {
                let value = ev.arg(call, i)?;
                parts.extend(value.to_texts().into_iter().filter(|s| !s.is_empty()));
            }
            Ok(Value::Str(parts.join(&separator)))
        }
        Func::RemoveDuplicates => Ok(match ev.arg(call, 0)? {
            Value::Null => Value::Null,
            other => {
                let mut seen = std::collections::HashSet::new();
                Value::Multi(
                    other
                        .to_texts()
                        .into_iter()
                        .filter(|v| seen.insert(v.clone()))
                        .collect(),
                )
            }
        }),
        Func::Split => {
            let source = ev.arg(call, 0)?;
            let delimiter = if Evaluator::filled(call, 1) {
                let value = ev.arg(call, 1)?;
                text(ev, &value, Evaluator::arg_span(call, 1)).unwrap_or_default()
            } else {
                String::new()
            };
            if delimiter.is_empty() {
                ev.note(
                    span,
                    NoteKind::AzureMayDiffer,
                    "Split without a delimiter keeps the whole text as one value.",
                );
            }
            Ok(match source {
                Value::Null => Value::Null,
                Value::Multi(values) => {
                    if values.len() > 1 {
                        ev.note(
                            span,
                            NoteKind::AzureMayDiffer,
                            "Split of a multi-valued attribute splits each value and keeps all the parts.",
                        );
                    }
                    Value::Multi(
                        values
                            .iter()
                            .flat_map(|v| t::split(v, &delimiter))
                            .collect(),
                    )
                }
                other => Value::Multi(t::split(&other.as_text().unwrap_or_default(), &delimiter)),
            })
        }
        _ => Err(fail(span, "internal: not a list function")),
    }
}
