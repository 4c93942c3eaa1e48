//! Functions that depend on something the export does not hold, so the preview evaluates them
//! with a stated assumption: Guid and RandomString (random in Azure; seeded here),
//! SelectUniqueValue (uniqueness in the target), and the app-role functions (the app's roles).

use super::Func;
use crate::expr::compile::CallNode;
use crate::expr::eval::{Evaluator, Res, fail, int, text};
use crate::expr::value::Value;

/// The special characters of the Windows password complexity rules.
const SPECIALS: &str = "~!@#$%^&*_-+=`|\\(){}[]:;\"'<>,.?/";
const DIGITS: &str = "0123456789";
const UPPER: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const LOWER: &str = "abcdefghijklmnopqrstuvwxyz";

pub(crate) fn call(ev: &mut Evaluator<'_>, call: &CallNode) -> Res {
    let span = call.span;
    match call.func {
        Func::Guid => Ok(Value::Str(ev.guid())),
        Func::RandomString => random_string(ev, call),
        Func::SelectUniqueValue => {
            let mut candidates = Vec::new();
            for i in 0..call.args.len() {
                let value = ev.arg(call, i)?;
                if let Some(candidate) = text(ev, &value, Evaluator::arg_span(call, i)) {
                    let taken = ev.ctx.is_taken.is_some_and(|is_taken| is_taken(&candidate));
                    if !taken {
                        return Ok(Value::Str(candidate));
                    }
                    candidates.push(candidate);
                }
            }
            Err(fail(
                span,
                format!(
                    "Every candidate is already used ({}). Azure would not create this user \
                     until a rule gives a free value; add another rule.",
                    candidates.join(", ")
                ),
            ))
        }
        Func::SingleAppRoleAssignment => match ev.arg(call, 0)? {
            Value::Null => Ok(Value::Null),
            Value::Multi(roles) if roles.len() > 1 => Err(fail(
                span,
                format!(
                    "No more than one app role assignment was expected, but this many were \
                     found: {}. (Azure's own error.) Use AssertiveAppRoleAssignmentsComplex \
                     for users with several roles.",
                    roles.len()
                ),
            )),
            Value::Multi(roles) => Ok(roles.into_iter().next().map_or(Value::Null, Value::Str)),
            other => Ok(other),
        },
        Func::AppRoleAssignmentsComplex | Func::AssertiveAppRoleAssignmentsComplex => {
            let roles = ev.arg(call, 0)?.to_texts();
            if roles.is_empty() {
                return Ok(Value::Null);
            }
            Ok(Value::Multi(
                roles
                    .iter()
                    .map(|role| {
                        serde_json::json!({
                            "primary": false,
                            "type": "WindowsAzureActiveDirectoryRole",
                            "displayName": role,
                            "value": role,
                        })
                        .to_string()
                    })
                    .collect(),
            ))
        }
        _ => Err(fail(span, "internal: not a directory function")),
    }
}

fn random_string(ev: &mut Evaluator<'_>, call: &CallNode) -> Res {
    let span = call.span;
    let mut numbers = [0i64; 5];
    let names = [
        "Length",
        "MinimumNumbers",
        "MinimumSpecialCharacters",
        "MinimumCapital",
        "MinimumLowerCase",
    ];
    for (i, slot) in numbers.iter_mut().enumerate() {
        *slot = int(&ev.arg(call, i)?, Evaluator::arg_span(call, i), names[i])?;
        if *slot < 0 {
            return Err(fail(
                Evaluator::arg_span(call, i),
                format!("{} cannot be negative.", names[i]),
            ));
        }
    }
    let avoid = if Evaluator::filled(call, 5) {
        let value = ev.arg(call, 5)?;
        text(ev, &value, Evaluator::arg_span(call, 5)).unwrap_or_default()
    } else {
        String::new()
    };
    let [length, min_numbers, min_special, min_capital, min_lower] = numbers;
    let minimums = min_numbers + min_special + min_capital + min_lower;
    if length > 256 {
        return Err(fail(span, "RandomString's Length can be at most 256."));
    }
    if minimums > length {
        return Err(fail(
            span,
            format!("The minimums add up to {minimums}, more than Length ({length})."),
        ));
    }
    let pool = |set: &str| -> Vec<char> { set.chars().filter(|c| !avoid.contains(*c)).collect() };
    let sets = [pool(DIGITS), pool(SPECIALS), pool(UPPER), pool(LOWER)];
    let mut chars: Vec<char> = Vec::new();
    for (set, count) in sets
        .iter()
        .zip([min_numbers, min_special, min_capital, min_lower])
    {
        if count > 0 && set.is_empty() {
            return Err(fail(
                span,
                "CharactersToAvoid leaves no character for one of the minimums.",
            ));
        }
        for _ in 0..count {
            let pick = ev.next_random() as usize % set.len().max(1);
            chars.push(set[pick]);
        }
    }
    let all: Vec<char> = sets.concat();
    if all.is_empty() {
        return Err(fail(span, "CharactersToAvoid leaves no characters at all."));
    }
    while (chars.len() as i64) < length {
        let pick = ev.next_random() as usize % all.len();
        chars.push(all[pick]);
    }
    // Shuffle so the minimums are not always first.
    for i in (1..chars.len()).rev() {
        let j = ev.next_random() as usize % (i + 1);
        chars.swap(i, j);
    }
    Ok(Value::Str(chars.into_iter().collect()))
}
