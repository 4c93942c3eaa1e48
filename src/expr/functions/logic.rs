//! Conditions and choices: BitAnd, CBool, Coalesce, IgnoreFlowIfNullOrEmpty, IIF, IsNull,
//! IsNullOrEmpty, IsPresent, IsString, Not, Switch, and the comparison operators.

use std::cmp::Ordering;

use super::Func;
use crate::expr::assumptions::NoteKind;
use crate::expr::compile::{CNode, CallNode, CompareNode};
use crate::expr::eval::{Evaluator, Res, Stop, boolean, fail, int};
use crate::expr::lexer::CmpOp;
use crate::expr::value::Value;

pub(crate) fn call(ev: &mut Evaluator<'_>, call: &CallNode) -> Res {
    let span = call.span;
    match call.func {
        Func::IsNull => Ok(Value::Bool(ev.arg(call, 0)?.is_null())),
        Func::IsNullOrEmpty => Ok(Value::Bool(ev.arg(call, 0)?.is_null_or_empty())),
        Func::IsPresent => Ok(Value::Bool(!ev.arg(call, 0)?.is_null_or_empty())),
        Func::IsString => Ok(Value::Bool(!ev.arg(call, 0)?.is_null())),
        Func::Not => Ok(Value::Bool(boolean(&ev.arg(call, 0)?) != Some(true))),
        Func::CBool => {
            let value = ev.arg(call, 0)?;
            boolean(&value).map(Value::Bool).ok_or_else(|| {
                fail(
                    span,
                    format!(
                        "CBool needs a number, True/False or a comparison, not {}.",
                        value.describe()
                    ),
                )
            })
        }
        Func::BitAnd => {
            let a = int(&ev.arg(call, 0)?, Evaluator::arg_span(call, 0), "value1")?;
            let b = int(&ev.arg(call, 1)?, Evaluator::arg_span(call, 1), "value2")?;
            Ok(Value::Num(a & b))
        }
        Func::Coalesce => {
            for i in 0..call.args.len() {
                let value = ev.arg(call, i)?;
                if !value.is_null() && value != Value::Multi(Vec::new()) {
                    return Ok(value);
                }
            }
            Ok(Value::Null)
        }
        Func::IgnoreFlowIfNullOrEmpty => {
            let value = ev.arg(call, 0)?;
            if value.is_null_or_empty() {
                Err(Stop::FlowIgnored)
            } else {
                Ok(value)
            }
        }
        Func::IIF => iif(ev, call),
        Func::Switch => switch(ev, call),
        _ => Err(fail(span, "internal: not a logic function")),
    }
}

fn iif(ev: &mut Evaluator<'_>, call: &CallNode) -> Res {
    let condition_span = Evaluator::arg_span(call, 0);
    if let Some(Some(condition)) = call.args.first() {
        note_empty_attributes_in_condition(ev, condition);
    }
    let condition = ev.arg(call, 0)?;
    let chosen = match boolean(&condition) {
        Some(true) => 1,
        Some(false) => 2,
        None => {
            return Err(fail(
                condition_span,
                format!(
                    "The condition of IIF must be True or False, not {}. Compare with \"=\", or \
                     use IsPresent(…).",
                    condition.describe()
                ),
            ));
        }
    };
    ev.arg(call, chosen)
}

/// Microsoft documents that IIF fails when an attribute in its condition is empty or missing.
fn note_empty_attributes_in_condition(ev: &mut Evaluator<'_>, condition: &CNode) {
    let mut empties = Vec::new();
    collect_empty_attributes(ev, condition, &mut empties);
    for span in empties {
        ev.note(
            span,
            NoteKind::AzureMayDiffer,
            "This attribute is empty or missing for this user. Azure documents that IIF \
             fails when an attribute in its condition is empty; Switch([x], [x], \"\", \
             \"other\") avoids that.",
        );
    }
}

fn collect_empty_attributes(
    ev: &Evaluator<'_>,
    node: &CNode,
    out: &mut Vec<crate::expr::error::Span>,
) {
    match node {
        CNode::Attr { index, span } => {
            let empty = match ev.attrs.get(*index) {
                crate::expr::attributes::AttrValue::Absent => true,
                crate::expr::attributes::AttrValue::One(s) => s.is_empty(),
                crate::expr::attributes::AttrValue::Many(v) => v.is_empty(),
            };
            if empty {
                out.push(*span);
            }
        }
        CNode::Call(call) => {
            for arg in call.args.iter().flatten() {
                collect_empty_attributes(ev, arg, out);
            }
        }
        CNode::Compare(compare) => {
            collect_empty_attributes(ev, &compare.lhs, out);
            collect_empty_attributes(ev, &compare.rhs, out);
        }
        CNode::Const { .. } | CNode::Word { .. } => {}
    }
}

fn switch(ev: &mut Evaluator<'_>, call: &CallNode) -> Res {
    // A missing source matches the key "" (documented).
    let source = ev.text_arg(call, 0)?.unwrap_or_default();
    let mut i = 2;
    while i + 1 < call.args.len() {
        let key = ev.text_arg(call, i)?.unwrap_or_default();
        if key == source {
            return ev.arg(call, i + 1);
        }
        i += 2;
    }
    ev.arg(call, 1)
}

/// Evaluates a comparison between two evaluated sides.
pub(crate) fn compare(
    ev: &mut Evaluator<'_>,
    node: &CompareNode,
    lhs: &Value,
    rhs: &Value,
) -> Result<bool, Stop> {
    if lhs.is_null() || rhs.is_null() {
        let side = if lhs.is_null() { &node.lhs } else { &node.rhs };
        return Err(fail(
            side.span(),
            "This attribute is missing for this user, and Azure documents that a condition on \
             a missing attribute fails. Use Switch([x], [x], \"\", \"other\") or \
             IsPresent([x]) instead.",
        ));
    }
    let ordering = match (lhs, rhs) {
        (Value::Date(a), Value::Date(b)) => a.cmp(b),
        _ => {
            let a = lhs.as_text().unwrap_or_default();
            let b = rhs.as_text().unwrap_or_default();
            match node.op {
                CmpOp::Eq => return Ok(a == b),
                CmpOp::Ne => return Ok(a != b),
                _ => {}
            }
            match (a.trim().parse::<i64>(), b.trim().parse::<i64>()) {
                (Ok(x), Ok(y)) => x.cmp(&y),
                _ => {
                    ev.note(
                        node.span,
                        NoteKind::AzureMayDiffer,
                        "These are not both numbers, so they are compared as text (ordinal).",
                    );
                    a.cmp(&b)
                }
            }
        }
    };
    Ok(match node.op {
        CmpOp::Eq => ordering == Ordering::Equal,
        CmpOp::Ne => ordering != Ordering::Equal,
        CmpOp::Lt => ordering == Ordering::Less,
        CmpOp::Le => ordering != Ordering::Greater,
        CmpOp::Gt => ordering == Ordering::Greater,
        CmpOp::Ge => ordering != Ordering::Less,
    })
}
