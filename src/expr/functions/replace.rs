//! `Replace` and its five documented modes, chosen by which of the seven slots are filled:
//!
//! | filled slots | what happens |
//! |---|---|
//! | oldValue + replacementValue | every (case-sensitive) occurrence of oldValue is replaced |
//! | oldValue + template | the source value is put into the template in place of oldValue |
//! | regexPattern + replacementValue | .NET `Regex.Replace` (`$1`, `${name}`, `$$`…) |
//! | regexPattern + regexGroupName + replacementValue | only the named group of each match is replaced |
//! | regexPattern + regexGroupName + replacementAttributeName | see [`ReplaceAttributeRule`] |
//!
//! Regular expressions are written in .NET's dialect; [`compile_pattern`] translates the few
//! spellings the Rust engine (fancy-regex, which has look-around and back-references) reads
//! differently, such as `\/` or `\<`.

use fancy_regex::{Captures, Regex, RegexBuilder};

use crate::expr::assumptions::NoteKind;
use crate::expr::budget::{self, RegexClock};
use crate::expr::compile::CallNode;
use crate::expr::error::Span;
use crate::expr::eval::{
    Evaluator, ReplaceAttributeRule, Res, Stop, fail, text, try_map_text_bounded,
};
use crate::expr::value::Value;

/// How many backtracking steps one match may take before it is stopped (no input may hang).
const BACKTRACK_LIMIT: usize = 1_000_000;

/// The longest value a pattern that needs backtracking (look-around, back-references) is run
/// on. Such a pattern can take time that grows with the square of the value's length even
/// within the backtracking limit (each start position is tried again); 8 KiB is far above any
/// Entra attribute and keeps one match under about 0.1 s.
pub const MAX_BACKTRACKING_INPUT: usize = 8 * 1024;

/// A compiled .NET regular expression.
#[derive(Debug)]
pub struct Pattern {
    regex: Regex,
    /// True when the pattern is regular (no look-around or back-references), so matching takes
    /// time linear in the value's length.
    linear: bool,
}

/// Translates a .NET pattern and compiles it; the error says what is wrong.
pub fn compile_pattern(pattern: &str) -> Result<Pattern, String> {
    let translated = translate(pattern);
    RegexBuilder::new(&translated)
        .backtrack_limit(BACKTRACK_LIMIT)
        .build()
        .map(|regex| Pattern {
            regex,
            linear: regex_syntax::Parser::new().parse(&translated).is_ok(),
        })
        .map_err(|error| {
            format!(
                "This regular expression cannot be read: {error}. Check its brackets and escapes."
            )
        })
}

/// .NET escapes any punctuation with a backslash; the Rust engine reads some of those escapes
/// as something else (`\<` is a word boundary) or rejects them (`\/`). Escaped punctuation is
/// rewritten as a hex escape, which means the same character in both. `(?'name'…)` becomes
/// `(?<name>…)`.
fn translate(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 8);
    let mut chars = pattern.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(next) if next.is_ascii_punctuation() || next == ' ' => {
                    out.push_str(&format!("\\x{{{:X}}}", next as u32));
                }
                Some(next) => {
                    out.push('\\');
                    out.push(next);
                }
                None => out.push_str("\\\\"),
            },
            '(' if chars.peek() == Some(&'?') => {
                out.push('(');
                out.push(chars.next().unwrap_or('?'));
                if chars.peek() == Some(&'\'') {
                    chars.next();
                    out.push('<');
                    for n in chars.by_ref() {
                        if n == '\'' {
                            out.push('>');
                            break;
                        }
                        out.push(n);
                    }
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// One piece of a .NET replacement string.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Text(String),
    Group(usize),
    Named(String),
    Before,
    After,
    LastGroup,
    Input,
}

/// Parses a .NET replacement string (`$1`, `${name}`, `$$`, `$&`, `` $` ``, `$'`, `$+`, `$_`).
fn parse_replacement(replacement: &str, group_count: usize) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut literal = String::new();
    let mut chars = replacement.char_indices().peekable();
    while let Some((_, c)) = chars.next() {
        if c != '$' {
            literal.push(c);
            continue;
        }
        let piece = match chars.peek().map(|&(_, n)| n) {
            Some('$') => {
                chars.next();
                literal.push('$');
                continue;
            }
            Some('&') => Some(Piece::Group(0)),
            Some('`') => Some(Piece::Before),
            Some('\'') => Some(Piece::After),
            Some('+') => Some(Piece::LastGroup),
            Some('_') => Some(Piece::Input),
            Some('{') => {
                let rest: String = chars.clone().skip(1).map(|(_, c)| c).collect();
                match rest.find('}') {
                    Some(end) if end > 0 => {
                        let name = rest[..end].to_owned();
                        for _ in 0..end + 2 {
                            chars.next();
                        }
                        if !literal.is_empty() {
                            pieces.push(Piece::Text(std::mem::take(&mut literal)));
                        }
                        pieces.push(match name.parse::<usize>() {
                            Ok(n) => Piece::Group(n),
                            Err(_) => Piece::Named(name),
                        });
                        continue;
                    }
                    _ => None,
                }
            }
            Some(d) if d.is_ascii_digit() => {
                // .NET takes the longest run of digits that names an existing group.
                let digits: String = chars
                    .clone()
                    .map(|(_, c)| c)
                    .take_while(char::is_ascii_digit)
                    .collect();
                let mut used = digits.len();
                while used > 1
                    && digits[..used]
                        .parse::<usize>()
                        .map_or(true, |n| n >= group_count)
                {
                    used -= 1;
                }
                let number = digits[..used].parse::<usize>().unwrap_or(usize::MAX);
                if number < group_count {
                    for _ in 0..used {
                        chars.next();
                    }
                    if !literal.is_empty() {
                        pieces.push(Piece::Text(std::mem::take(&mut literal)));
                    }
                    pieces.push(Piece::Group(number));
                    continue;
                }
                None
            }
            _ => None,
        };
        match piece {
            Some(piece) => {
                chars.next();
                if !literal.is_empty() {
                    pieces.push(Piece::Text(std::mem::take(&mut literal)));
                }
                pieces.push(piece);
            }
            None => literal.push('$'),
        }
    }
    if !literal.is_empty() {
        pieces.push(Piece::Text(literal));
    }
    pieces
}

fn expand(
    pieces: &[Piece],
    caps: &Captures<'_, str>,
    input: &str,
    out: &mut String,
    limits: &Limits<'_>,
) -> Result<(), Stop> {
    let whole = caps.get(0);
    for piece in pieces {
        if out.len() > limits.room {
            return Err(budget::too_large(limits.span, out.len()));
        }
        match piece {
            Piece::Text(s) => out.push_str(s),
            Piece::Group(n) => out.push_str(caps.get(*n).map_or("", |m| m.as_str())),
            Piece::Named(name) => out.push_str(caps.name(name).map_or("", |m| m.as_str())),
            Piece::Before => out.push_str(whole.map_or("", |m| &input[..m.start()])),
            Piece::After => out.push_str(whole.map_or("", |m| &input[m.end()..])),
            Piece::LastGroup => {
                let last = (1..caps.len()).rev().find_map(|i| caps.get(i));
                out.push_str(last.map_or("", |m| m.as_str()));
            }
            Piece::Input => out.push_str(input),
        }
    }
    Ok(())
}

fn engine_error(error: &fancy_regex::Error, span: Span) -> Stop {
    fail(
        span,
        format!(
            "The regular expression gave up on this value ({error}). Simplify it, e.g. avoid \
             nested repetitions like (a+)+."
        ),
    )
}

/// What one call of a pattern may use: `room` bytes for its result, and the evaluation's
/// regular-expression time (the clock), with the span errors point at.
pub(crate) struct Limits<'c> {
    /// Bytes the result may have.
    pub room: usize,
    /// The evaluation's regular-expression clock.
    pub clock: &'c RegexClock,
    /// Where errors point.
    pub span: Span,
}

impl Limits<'_> {
    /// Fails when `pattern` needs backtracking and `input` is longer than it may be run on.
    fn admit(&self, pattern: &Pattern, input: &str) -> Result<(), Stop> {
        if pattern.linear || input.len() <= MAX_BACKTRACKING_INPUT {
            return Ok(());
        }
        Err(budget::stop(
            self.span,
            crate::expr::error::Bound::BacktrackingInput,
            format!(
                "This value is {} KiB long; a regular expression with look-around or \
                 back-references is run only on values up to {} KiB, since such a pattern can \
                 take minutes on long text. No Entra attribute is that long: check what the \
                 expression feeds into this Replace.",
                input.len().div_ceil(1024),
                MAX_BACKTRACKING_INPUT / 1024
            ),
        ))
    }

    /// Fails when `out` has outgrown the room, or the clock has run out.
    fn check(&self, out: &str) -> Result<(), Stop> {
        if out.len() > self.room {
            return Err(budget::too_large(self.span, out.len()));
        }
        self.clock.tick()
    }
}

impl Pattern {
    /// .NET `Regex.Replace(input, pattern, replacement)`, within `limits`.
    pub(crate) fn replace_all(
        &self,
        input: &str,
        replacement: &str,
        limits: &Limits<'_>,
    ) -> Result<String, Stop> {
        limits.admit(self, input)?;
        let mut out = String::with_capacity(input.len().min(limits.room));
        let mut last = 0;
        if !replacement.contains('$') {
            for found in self.regex.find_iter(input) {
                limits.check(&out)?;
                let found = found.map_err(|e| engine_error(&e, limits.span))?;
                out.push_str(&input[last..found.start()]);
                out.push_str(replacement);
                last = found.end();
            }
        } else {
            let pieces = parse_replacement(replacement, self.regex.captures_len());
            for caps in self.regex.captures_iter(input) {
                limits.check(&out)?;
                let caps = caps.map_err(|e| engine_error(&e, limits.span))?;
                let Some(whole) = caps.get(0) else { continue };
                out.push_str(&input[last..whole.start()]);
                expand(&pieces, &caps, input, &mut out, limits)?;
                last = whole.end();
            }
        }
        out.push_str(&input[last..]);
        limits.check(&out)?;
        Ok(out)
    }

    /// Replaces only the text of the named group in every match with `replacement` (literal).
    pub(crate) fn replace_group(
        &self,
        input: &str,
        group: &str,
        replacement: &str,
        limits: &Limits<'_>,
    ) -> Result<String, Stop> {
        limits.admit(self, input)?;
        let mut out = String::with_capacity(input.len().min(limits.room));
        let mut last = 0;
        for caps in self.regex.captures_iter(input) {
            limits.check(&out)?;
            let caps = caps.map_err(|e| engine_error(&e, limits.span))?;
            if let Some(m) = caps.name(group) {
                if m.start() < last {
                    continue;
                }
                out.push_str(&input[last..m.start()]);
                out.push_str(replacement);
                last = m.end();
            }
        }
        out.push_str(&input[last..]);
        limits.check(&out)?;
        Ok(out)
    }

    /// The text of the named group in the first match.
    pub(crate) fn group_of_first_match(
        &self,
        input: &str,
        group: &str,
        limits: &Limits<'_>,
    ) -> Result<Option<String>, Stop> {
        limits.admit(self, input)?;
        let found = self
            .regex
            .captures(input)
            .map_err(|e| engine_error(&e, limits.span))?;
        limits.clock.tick()?;
        Ok(found.and_then(|caps| caps.name(group).map(|m| m.as_str().to_owned())))
    }

    /// .NET `Regex.IsMatch`: whether the pattern matches anywhere in `input` (scoping filters'
    /// REGEX MATCH); `None` when the value is too long for it or the engine gave up.
    pub fn is_match(&self, input: &str) -> Option<bool> {
        let admitted = self.linear || input.len() <= MAX_BACKTRACKING_INPUT;
        admitted.then(|| self.regex.is_match(input).ok()).flatten()
    }

    /// True when the pattern has a group with this name.
    pub fn has_group(&self, name: &str) -> bool {
        self.regex.capture_names().any(|n| n == Some(name))
    }
}

const MODES: &str = "Replace works with these filled slots: oldValue + replacementValue; \
                     oldValue + template; regexPattern + replacementValue; regexPattern + \
                     regexGroupName + replacementValue; regexPattern + regexGroupName + \
                     replacementAttributeName.";

pub(crate) fn call(ev: &mut Evaluator<'_>, call: &CallNode) -> Res {
    let span = call.span;
    let filled: [bool; 7] = std::array::from_fn(|i| Evaluator::filled(call, i));
    let source = ev.arg(call, 0)?;
    let slot_text = |ev: &mut Evaluator<'_>, i: usize| -> Result<String, Stop> {
        let value = ev.arg(call, i)?;
        Ok(text(ev, &value, Evaluator::arg_span(call, i)).unwrap_or_default())
    };
    match filled {
        // oldValue + template
        [_, true, false, false, false, false, true] => {
            let old = slot_text(ev, 1)?;
            let template = slot_text(ev, 6)?;
            let Some(value) = text(ev, &source, Evaluator::arg_span(call, 0)) else {
                return Ok(Value::Null);
            };
            replace_literal(&template, &old, &value, budget::MAX_VALUE_BYTES, span).map(Value::Str)
        }
        // oldValue + replacementValue
        [_, true, false, false, true, false, false] => {
            let old = slot_text(ev, 1)?;
            let new = slot_text(ev, 4)?;
            try_map_text_bounded(source, span, |s, room| {
                replace_literal(s, &old, &new, room, span)
            })
        }
        // regex + replacementValue / regex + group + replacementValue
        [_, false, true, group, true, false, false] => {
            let pattern = pattern(ev, call)?;
            let replacement = slot_text(ev, 4)?;
            let group = if group { Some(slot_text(ev, 3)?) } else { None };
            if let Some(name) = &group
                && !pattern.has_group(name)
            {
                return Err(fail(
                    Evaluator::arg_span(call, 3),
                    format!(
                        "The regular expression has no group named \"{name}\"; name it with (?<{name}>…)."
                    ),
                ));
            }
            let clock = ev.budget.start_clock(span);
            let result = try_map_text_bounded(source, span, |s, room| {
                let limits = Limits {
                    room,
                    clock: &clock,
                    span,
                };
                match &group {
                    Some(name) => pattern.replace_group(s, name, &replacement, &limits),
                    None => pattern.replace_all(s, &replacement, &limits),
                }
            });
            ev.budget.stop_clock(&clock);
            result
        }
        // regex + group + replacementAttributeName
        [_, false, true, true, false, true, false] => {
            let pattern = pattern(ev, call)?;
            let group = slot_text(ev, 3)?;
            let other_value = ev.arg(call, 5)?;
            let other = text(ev, &other_value, Evaluator::arg_span(call, 5)).unwrap_or_default();
            let source_text = text(ev, &source, Evaluator::arg_span(call, 0)).unwrap_or_default();
            ev.note(
                span,
                NoteKind::AzureMayDiffer,
                "Microsoft's documentation of this Replace mode changed in 2024; the preview \
                 follows the current text (a non-empty source is kept, otherwise the group is \
                 taken from the replacement attribute).",
            );
            let clock = ev.budget.start_clock(span);
            let limits = Limits {
                room: budget::MAX_VALUE_BYTES,
                clock: &clock,
                span,
            };
            let result = match ev.ctx.replace_rule {
                ReplaceAttributeRule::Current => {
                    if !source_text.is_empty() {
                        return Ok(Value::Str(source_text));
                    }
                    pattern
                        .group_of_first_match(&other, &group, &limits)
                        .map(|found| Value::Str(found.unwrap_or_default()))
                }
                ReplaceAttributeRule::Legacy => {
                    if source_text.is_empty() {
                        return Ok(Value::Str(source_text));
                    }
                    pattern
                        .replace_group(&source_text, &group, &other, &limits)
                        .map(Value::Str)
                }
            };
            ev.budget.stop_clock(&clock);
            result
        }
        _ => Err(fail(span, MODES)),
    }
}

/// Every ordinal occurrence of `old` replaced; an empty `old` replaces nothing (as .NET refuses
/// it). Refused before anything is allocated when the result would not fit in `room` bytes.
fn replace_literal(s: &str, old: &str, new: &str, room: usize, span: Span) -> Result<String, Stop> {
    if old.is_empty() {
        return Ok(s.to_owned());
    }
    if new.len() > old.len() {
        let count = s.matches(old).count();
        let bytes = s
            .len()
            .saturating_add(count.saturating_mul(new.len() - old.len()));
        if bytes > room {
            return Err(budget::too_large(span, bytes));
        }
    }
    Ok(s.replace(old, new))
}

/// The call's pattern: compiled once when it is a literal, otherwise now.
fn pattern(ev: &mut Evaluator<'_>, call: &CallNode) -> Result<std::sync::Arc<Pattern>, Stop> {
    if let Some(pattern) = &call.pattern {
        return Ok(pattern.clone());
    }
    let value = ev.arg(call, 2)?;
    let span = Evaluator::arg_span(call, 2);
    let source = text(ev, &value, span).unwrap_or_default();
    compile_pattern(&source)
        .map(std::sync::Arc::new)
        .map_err(|m| fail(span, m))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::expr::budget::Budget;

    fn message(stop: Stop) -> String {
        match stop {
            Stop::Error(error) => error.message,
            Stop::FlowIgnored => "flow ignored".into(),
        }
    }

    fn all(p: &Pattern, input: &str, replacement: &str) -> Result<String, String> {
        let clock = Budget::default().start_clock(Span::default());
        let limits = Limits {
            room: budget::MAX_VALUE_BYTES,
            clock: &clock,
            span: Span::default(),
        };
        p.replace_all(input, replacement, &limits).map_err(message)
    }

    fn group(p: &Pattern, input: &str, name: &str, replacement: &str) -> Result<String, String> {
        let clock = Budget::default().start_clock(Span::default());
        let limits = Limits {
            room: budget::MAX_VALUE_BYTES,
            clock: &clock,
            span: Span::default(),
        };
        p.replace_group(input, name, replacement, &limits)
            .map_err(message)
    }

    #[test]
    fn dotnet_escapes_are_translated() {
        assert_eq!(
            translate(r"[\/\\\[\]\:]"),
            r"[\x{2F}\x{5C}\x{5B}\x{5D}\x{3A}]"
        );
        assert_eq!(translate(r"\d+\s"), r"\d+\s");
        assert_eq!(translate(r"(?'num'\d)"), r"(?<num>\d)");
        let p = compile_pattern(r"([\/\\\[\]\:\;\|\=\,\+\*\?\<\>])").unwrap();
        assert_eq!(
            all(&p, r"a/b\c[d]e:f;g|h=i,j+k*l?m<n>o", "").unwrap(),
            "abcdefghijklmno"
        );
    }

    #[test]
    fn replacement_strings_follow_dotnet() {
        let p = compile_pattern(r"(?<first>\w+) (?<last>\w+)").unwrap();
        assert_eq!(
            all(&p, "John Smith", "${last}, ${first}").unwrap(),
            "Smith, John"
        );
        assert_eq!(all(&p, "John Smith", "$2 $1").unwrap(), "Smith John");
        assert_eq!(
            all(&p, "John Smith", "$$1 $& $0").unwrap(),
            "$1 John Smith John Smith"
        );
        assert_eq!(
            all(&p, "John Smith", "$1a").unwrap(),
            "Johna",
            ".NET reads $1 then a"
        );
        assert_eq!(all(&p, "John Smith", "$9 ${nope} $").unwrap(), "$9  $");
        let q = compile_pattern("b").unwrap();
        assert_eq!(all(&q, "abc", "[$`|$'|$_|$+]").unwrap(), "a[a|c|abc|]c");
    }

    #[test]
    fn lookarounds_and_named_groups_work() {
        let p = compile_pattern(r"(?<=@)\w+(?=\.com)").unwrap();
        assert_eq!(
            all(&p, "a@contoso.com", "fabrikam").unwrap(),
            "a@fabrikam.com"
        );
        let g = compile_pattern(r"(?<streetNumber>^\d*)").unwrap();
        assert_eq!(
            group(&g, "545 Tremont Street", "streetNumber", "888").unwrap(),
            "888 Tremont Street"
        );
    }

    #[test]
    fn bad_patterns_and_catastrophic_backtracking_are_errors() {
        assert!(
            compile_pattern("(abc")
                .unwrap_err()
                .contains("cannot be read")
        );
        let input = format!("{}!", "a".repeat(40));
        // Without look-around or back-references the linear-time engine runs it: no blow-up.
        let plain = compile_pattern(r"^(a+)+$").unwrap();
        assert_eq!(all(&plain, &input, "").unwrap(), input);
        // With a back-reference the backtracking engine runs it, and its step limit stops it.
        let evil = compile_pattern(r"(a|a)+\1$").unwrap();
        assert!(all(&evil, &input, "").unwrap_err().contains("gave up"));
    }
}
