//! Multi-valued attributes and lists: Count, Item, Join, RemoveDuplicates, Split.

use super::Func;
use crate::expr::assumptions::NoteKind;
use crate::expr::attributes::AttrValue;
use crate::expr::compile::{CNode, CallNode};
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
            if let Some(found) = item_of_split(ev, call)? {
                return Ok(found);
            }
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
            let bytes = parts
                .iter()
                .map(String::len)
                .fold(0, usize::saturating_add)
                .saturating_add(
                    parts
                        .len()
                        .saturating_sub(1)
                        .saturating_mul(separator.len()),
                );
            crate::expr::budget::allow(bytes, span)?;
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
            long_delimiter_note(ev, span, &delimiter);
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

/// The note on a `Split` whose delimiter has more than one character. Microsoft documents the
/// delimiter as one character: "the specified delimiter character" (app-provisioning
/// `functions-for-customizing-application-data.md#split`), and "Split can only separate
/// strings using a single character delimiter" (`reference-connect-sync-functions-reference.md`,
/// Join). The preview splits on the whole text, as .NET's `String.Split(string)` does.
fn long_delimiter_note(ev: &mut Evaluator<'_>, span: crate::expr::Span, delimiter: &str) {
    if delimiter.chars().count() > 1 {
        ev.note(
            span,
            NoteKind::AzureMayDiffer,
            format!(
                "Split's delimiter \"{delimiter}\" has more than one character, and Microsoft \
                 documents only one: the preview splits on the whole text, Azure may split on \
                 one of its characters. Use one character: replace \"{delimiter}\" with one \
                 first, e.g. Split(Replace([department], \"{delimiter}\", , , \"|\", , ), \"|\")."
            ),
        );
    }
}

/// `Item(Split(text, delimiter), n)` on a single value, without building the whole list: the
/// usual way to take one level of a delimited department path, evaluated for every user.
/// `None` when the call has another shape (then the general path runs).
fn item_of_split(
    ev: &mut Evaluator<'_>,
    call: &CallNode,
) -> Result<Option<Value>, crate::expr::eval::Stop> {
    let (
        Some(Some(CNode::Call(split))),
        Some(Some(CNode::Const {
            value: Value::Num(index),
            span: index_span,
        })),
    ) = (call.args.first(), call.args.get(1))
    else {
        return Ok(None);
    };
    if ev.trace.is_some() || split.func != Func::Split || *index < 1 || !Evaluator::filled(split, 1)
    {
        return Ok(None);
    }
    // Only a single text from an attribute or a constant: anything else may be a list, which
    // Split splits value by value.
    let single = match split.args.first() {
        Some(Some(CNode::Attr { index, .. })) => {
            !matches!(ev.attrs.get(*index), AttrValue::Many(_))
        }
        Some(Some(CNode::Const { .. })) => true,
        _ => false,
    };
    if !single {
        return Ok(None);
    }
    let Some(source) = ev.text_arg(split, 0)? else {
        return Ok(Some(Value::Null));
    };
    let delimiter = ev.text_arg(split, 1)?.unwrap_or_default();
    if delimiter.is_empty() {
        return Ok(None);
    }
    long_delimiter_note(ev, split.span, &delimiter);
    let position = usize::try_from(*index - 1).unwrap_or(usize::MAX);
    match nth_part(&source, &delimiter, position) {
        Some(part) => Ok(Some(Value::Str(part.to_owned()))),
        None => Err(fail(
            *index_span,
            format!("Item asks for value {index}, but there are fewer values for this user."),
        )),
    }
}

/// Part `n` (from 0) of `text` split at `delimiter`, exactly as `text.split(delimiter).nth(n)`,
/// without setting up a substring searcher for every value (delimiters are a few bytes).
fn nth_part<'s>(text: &'s str, delimiter: &str, n: usize) -> Option<&'s str> {
    let bytes = text.as_bytes();
    let delimiter = delimiter.as_bytes();
    let first = *delimiter.first()?;
    let (mut start, mut count, mut i) = (0, 0, 0);
    while i + delimiter.len() <= bytes.len() {
        if bytes[i] == first && bytes[i..].starts_with(delimiter) {
            if count == n {
                // UTF-8 is self-synchronising: a whole delimiter starts on a char boundary.
                return text.get(start..i);
            }
            count += 1;
            i += delimiter.len();
            start = i;
        } else {
            i += 1;
        }
    }
    (count == n).then(|| text.get(start..)).flatten()
}

#[cfg(test)]
mod tests {
    #[test]
    fn nth_part_is_split_nth() {
        let texts = [
            "A > B > C",
            "",
            " > ",
            "a>>b",
            "å > ø > æ",
            "x > ",
            "> > >",
            "aaa",
        ];
        for text in texts {
            for delimiter in [" > ", ">", "a", "aa", "ø"] {
                for n in 0..5 {
                    assert_eq!(
                        super::nth_part(text, delimiter, n),
                        text.split(delimiter).nth(n),
                        "{text:?} {delimiter:?} {n}"
                    );
                }
            }
        }
    }
}
