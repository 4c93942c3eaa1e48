//! What the expression editor needs from the language while the admin types: the parts of the
//! text for colouring ([`parts`]), the completions at the cursor ([`completions`]) and the
//! function call the cursor is in ([`call_at`]), for its signature and description.
//!
//! All of it works on text that does not parse yet: the lexer goes on past errors.

use super::Span;
use super::functions::table::{self, Spec};
use super::lexer::{Token, tokenize_tolerant};

/// What a part of the text is, for its colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// A known function's name.
    Function,
    /// A name called like a function that Azure does not have.
    UnknownFunction,
    /// `[attribute]`.
    Attribute,
    /// `"a string"`.
    Text,
    /// A number.
    Number,
    /// A bare word that is not a call (`vbTextCompare`, `True`).
    Word,
    /// `(`, `)`, `,`, comparisons.
    Punctuation,
    /// Text the lexer cannot read (an unclosed string, a stray `]`…).
    Error,
}

/// The parts of `text`, in order, with their byte spans (whitespace is in no part).
pub fn parts(text: &str) -> Vec<(Span, Part)> {
    let tokens = tokenize_tolerant(text);
    tokens
        .iter()
        .enumerate()
        .map(|(i, (token, span))| {
            let part = match token {
                None => Part::Error,
                Some(Token::Ident(name)) => {
                    let called = matches!(tokens.get(i + 1), Some((Some(Token::LParen), _)));
                    match (called, table::lookup(name).is_some()) {
                        (true, true) => Part::Function,
                        (true, false) => Part::UnknownFunction,
                        (false, true) => Part::Function,
                        (false, false) => Part::Word,
                    }
                }
                Some(Token::Attribute(_)) => Part::Attribute,
                Some(Token::Str(_)) => Part::Text,
                Some(Token::Number(_) | Token::Hex(_)) => Part::Number,
                Some(_) => Part::Punctuation,
            };
            (*span, part)
        })
        .collect()
}

/// One suggestion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completion {
    /// What the list shows.
    pub label: String,
    /// What replaces [`Completion::replace`].
    pub insert: String,
    /// The text being completed (the word typed so far).
    pub replace: Span,
    /// The signature and description, or how many users have the attribute.
    pub detail: String,
}

/// The completions at byte `cursor` of `text`: attribute names after an unclosed `[` (from
/// `attributes`, each with a detail such as "412 users"), function names after letters. The
/// word typed so far is matched case-insensitively at the start of a name, then anywhere.
pub fn completions(text: &str, cursor: usize, attributes: &[(String, String)]) -> Vec<Completion> {
    let cursor = floor_char_boundary(text, cursor);
    let before = &text[..cursor];
    // Inside an attribute: `[` with no `]` after it before the cursor (and not in a string).
    if let Some(open) = before.rfind('[')
        && !before[open..].contains(']')
        && !inside_string(&text[..open])
    {
        let typed = &before[open + 1..];
        let replace = Span::new(open + 1, cursor + closing_bracket_len(text, cursor));
        return ranked(
            typed,
            attributes.iter().map(|(n, d)| (n.as_str(), d.clone())),
        )
        .into_iter()
        .map(|(name, detail)| Completion {
            label: name.to_owned(),
            insert: format!("{name}]"),
            replace,
            detail,
        })
        .collect();
    }
    if inside_string(before) {
        return Vec::new();
    }
    let start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_ascii_alphanumeric() || *c == '_')
        .last()
        .map_or(cursor, |(i, _)| i);
    let typed = &before[start..];
    if typed.is_empty() || !typed.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return Vec::new();
    }
    let functions = table::FUNCTIONS.iter().map(|spec| {
        (
            spec.name,
            format!("{} — {}", spec.signature(), spec.summary),
        )
    });
    ranked(typed, functions)
        .into_iter()
        .filter(|(name, _)| *name != typed)
        .map(|(name, detail)| Completion {
            label: name.to_owned(),
            insert: format!("{name}("),
            replace: Span::new(start, cursor),
            detail,
        })
        .collect()
}

/// Names starting with `typed` (ignoring case) first, then those containing it; at most 12.
fn ranked<'n>(
    typed: &str,
    names: impl Iterator<Item = (&'n str, String)>,
) -> Vec<(&'n str, String)> {
    let typed = typed.to_lowercase();
    let mut found: Vec<(u8, &str, String)> = names
        .filter_map(|(name, detail)| {
            let lower = name.to_lowercase();
            if lower.starts_with(&typed) {
                Some((0, name, detail))
            } else if lower.contains(&typed) {
                Some((1, name, detail))
            } else {
                None
            }
        })
        .collect();
    found.sort_by_key(|a| (a.0, a.1.to_lowercase()));
    found
        .into_iter()
        .take(12)
        .map(|(_, name, detail)| (name, detail))
        .collect()
}

/// Whether `text` ends inside a string literal (an odd number of unescaped quotes).
fn inside_string(text: &str) -> bool {
    let mut inside = false;
    let mut escaped = false;
    for c in text.chars() {
        match (inside, escaped, c) {
            (true, false, '\\') => escaped = true,
            (true, true, _) => escaped = false,
            (_, false, '"') => inside = !inside,
            _ => {}
        }
    }
    inside
}

/// 1 when a `]` right after the cursor closes the attribute (a completion replaces it too).
fn closing_bracket_len(text: &str, cursor: usize) -> usize {
    let rest = &text[cursor..];
    let word = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.'))
        .unwrap_or(rest.len());
    if rest[word..].starts_with(']') {
        word + 1
    } else {
        word
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The innermost function call around byte `cursor` (or whose name the cursor is on), and
/// which argument the cursor is in (0-based).
pub fn call_at(text: &str, cursor: usize) -> Option<(&'static Spec, usize)> {
    let cursor = floor_char_boundary(text, cursor);
    let tokens = tokenize_tolerant(text);
    let mut stack: Vec<(Option<&'static Spec>, usize)> = Vec::new();
    for (i, (token, span)) in tokens.iter().enumerate() {
        if span.start >= cursor {
            // The cursor at the end of a name: that function.
            if let Some(Token::Ident(name)) = token
                && span.start == cursor
            {
                return table::lookup(name).map(|spec| (spec, 0));
            }
            break;
        }
        match token {
            Some(Token::Ident(name)) => {
                if span.end >= cursor {
                    return table::lookup(name).map(|spec| (spec, 0));
                }
                if matches!(tokens.get(i + 1), Some((Some(Token::LParen), _))) {
                    stack.push((table::lookup(name), usize::MAX));
                }
            }
            Some(Token::LParen) => {
                if let Some(top) = stack.last_mut()
                    && top.1 == usize::MAX
                {
                    top.1 = 0;
                } else {
                    stack.push((None, 0));
                }
            }
            Some(Token::Comma) => {
                if let Some(top) = stack.last_mut() {
                    top.1 += 1;
                }
            }
            Some(Token::RParen) => {
                stack.pop();
            }
            _ => {}
        }
    }
    stack
        .into_iter()
        .rev()
        .find_map(|(spec, arg)| Some((spec?, if arg == usize::MAX { 0 } else { arg })))
}

/// The parameter `arg` (0-based) of `spec` is: its name, following repeats.
pub fn parameter_name(spec: &Spec, arg: usize) -> Option<&'static str> {
    spec.params
        .get(arg)
        .or_else(|| spec.params.iter().rev().find(|p| p.repeating))
        .map(|p| p.name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(&str, Part)> {
        parts(text)
            .into_iter()
            .map(|(span, part)| (&text[span.start..span.end], part))
            .collect()
    }

    #[test]
    fn parts_colour_functions_attributes_strings_and_errors() {
        assert_eq!(
            kinds(r#"Join(" ", [givenName], Foo(1))"#),
            [
                ("Join", Part::Function),
                ("(", Part::Punctuation),
                ("\" \"", Part::Text),
                (",", Part::Punctuation),
                ("[givenName]", Part::Attribute),
                (",", Part::Punctuation),
                ("Foo", Part::UnknownFunction),
                ("(", Part::Punctuation),
                ("1", Part::Number),
                (")", Part::Punctuation),
                (")", Part::Punctuation),
            ]
        );
        // An unclosed string is an error to the end, and nothing panics on odd text.
        assert_eq!(
            kinds(r#"Trim("abc"#),
            [
                ("Trim", Part::UnknownFunction),
                ("(", Part::Punctuation),
                ("\"abc", Part::Error)
            ]
        );
        assert_eq!(
            kinds("] é !="),
            [("]", Part::Error), ("é", Part::Error), ("!=", Part::Error)]
        );
    }

    #[test]
    fn completes_attributes_inside_brackets_and_functions_after_letters() {
        let attributes = vec![
            ("department".to_owned(), "9 users".to_owned()),
            ("displayName".to_owned(), "9 users".to_owned()),
            ("employeeOrgData.division".to_owned(), "3 users".to_owned()),
        ];
        let text = "Join(\" \", [de";
        let found = completions(text, text.len(), &attributes);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].insert, "department]");
        assert_eq!(found[0].replace, Span::new(11, text.len()));
        // Contains, after starts-with.
        let found = completions("[div", 4, &attributes);
        assert_eq!(found[0].label, "employeeOrgData.division");
        // Functions, ignoring case; none inside a string.
        let found = completions("swi", 3, &[]);
        assert_eq!(found[0].label, "Switch");
        assert_eq!(found[0].insert, "Switch(");
        assert!(found[0].detail.contains("Switch(source"));
        assert!(completions("Join(\"swi", 9, &[]).is_empty());
        // A cursor in the middle of a character does not panic.
        assert!(completions("é", 1, &attributes).is_empty());
    }

    #[test]
    fn finds_the_call_and_argument_under_the_cursor() {
        let text = r#"Join(" ", Item(Split([department], ">"), 2), [x])"#;
        let at = |needle: &str| text.find(needle).unwrap();
        let (spec, arg) = call_at(text, at("\">\"")).unwrap();
        assert_eq!((spec.name, arg), ("Split", 1));
        let (spec, arg) = call_at(text, at(", 2") + 2).unwrap();
        assert_eq!((spec.name, arg), ("Item", 1));
        let (spec, arg) = call_at(text, at("[x]")).unwrap();
        assert_eq!((spec.name, arg), ("Join", 2));
        assert_eq!(parameter_name(spec, 2), Some("source"));
        assert_eq!(call_at(text, 2).unwrap().0.name, "Join");
        assert!(call_at("[department]", 3).is_none());
    }
}
