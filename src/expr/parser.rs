//! The parser: tokens to a [`Node`] tree, recursive descent over this grammar:
//!
//! ```text
//! expression := value EOF
//! value      := call | [attribute] | "string" | number | &Hhex | word
//! call       := name "(" [ arg { "," arg } ] ")"
//! arg        := (nothing) | value [ cmpop value ]
//! ```
//!
//! Nesting deeper than [`MAX_DEPTH`] and text longer than [`MAX_LENGTH`] are errors, so no
//! input can overflow the stack or take long.

use super::ast::{Node, NodeKind};
use super::error::{ParseError, Span};
use super::lexer::{LexWarning, Token, tokenize};

/// Deepest nesting of function calls accepted.
pub const MAX_DEPTH: usize = 100;

/// Longest expression text accepted at all (Azure's own limit is 10 000 characters, which is a
/// warning; this is the hard stop for pasted garbage).
pub const MAX_LENGTH: usize = 1_000_000;

/// Parses `text` into a tree, returning it with the lexer's warnings.
pub fn parse(text: &str) -> Result<(Node, Vec<LexWarning>), ParseError> {
    if text.len() > MAX_LENGTH {
        return Err(ParseError::new(
            Span::new(0, 0),
            format!(
                "This text is {} characters long; an expression can be at most 10 000 \
                 characters in Azure. Check that you pasted only the expression.",
                text.chars().count()
            ),
        ));
    }
    let (tokens, warnings) = tokenize(text)?;
    let mut parser = Parser { tokens, pos: 0 };
    if parser.peek() == &Token::Eof {
        return Err(ParseError::new(
            Span::new(0, text.len()),
            "The expression is empty. Write a function such as Join(\" \", [givenName], \
             [surname]), an [attribute] or a \"constant\".",
        ));
    }
    let node = parser.value(0)?;
    if let Token::Cmp(op) = parser.peek() {
        let span = parser.span();
        return Err(ParseError::new(
            span,
            format!(
                "A comparison ({}) can only be the condition of IIF, or inside CBool: \
                 IIF({} {} \"x\", \"yes\", \"no\").",
                op.as_str(),
                node.to_text(),
                op.as_str()
            ),
        ));
    }
    match parser.peek() {
        Token::Eof => Ok((node, warnings)),
        _ => {
            let span = parser.span();
            Err(ParseError::new(
                span,
                format!(
                    "Unexpected {} after the end of the expression. Did you forget a \"(\" or \
                     put one \")\" too many?",
                    describe(parser.peek())
                ),
            ))
        }
    }
}

struct Parser {
    tokens: Vec<(Token, Span)>,
    pos: usize,
}

fn describe(token: &Token) -> String {
    match token {
        Token::Ident(name) => format!("\"{name}\""),
        Token::Attribute(name) => format!("[{name}]"),
        Token::Str(_) => "a string".to_owned(),
        Token::Number(n) => format!("the number {n}"),
        Token::Hex(_) => "a hex number".to_owned(),
        Token::Cmp(op) => format!("\"{}\"", op.as_str()),
        Token::LParen => "\"(\"".to_owned(),
        Token::RParen => "\")\"".to_owned(),
        Token::Comma => "\",\"".to_owned(),
        Token::Eof => "the end of the text".to_owned(),
    }
}

impl Parser {
    fn peek(&self) -> &Token {
        self.tokens
            .get(self.pos)
            .map_or(&Token::Eof, |(token, _)| token)
    }

    fn span(&self) -> Span {
        self.tokens
            .get(self.pos)
            .or(self.tokens.last())
            .map_or(Span::default(), |(_, span)| *span)
    }

    fn advance(&mut self) -> (Token, Span) {
        let item = self
            .tokens
            .get(self.pos)
            .cloned()
            .unwrap_or((Token::Eof, self.span()));
        if self.pos < self.tokens.len() {
            self.pos += 1;
        }
        item
    }

    fn value(&mut self, depth: usize) -> Result<Node, ParseError> {
        let (token, span) = self.advance();
        let kind = match token {
            Token::Attribute(name) => NodeKind::Attribute(name),
            Token::Str(value) => NodeKind::Str(value),
            Token::Number(n) => NodeKind::Number(n),
            Token::Hex(n) => NodeKind::Hex(n),
            Token::Ident(name) => {
                if self.peek() == &Token::LParen {
                    return self.call(name, span, depth);
                }
                NodeKind::Word(name)
            }
            Token::LParen => {
                return Err(ParseError::new(
                    span,
                    "A \"(\" must follow a function name, like Item(…). Parentheses alone do \
                     not group anything in Azure's expressions.",
                ));
            }
            other => {
                return Err(ParseError::new(
                    span,
                    format!(
                        "Expected a value (a function, an [attribute] or a \"string\") but \
                         found {}.",
                        describe(&other)
                    ),
                ));
            }
        };
        Ok(Node { kind, span })
    }

    fn call(&mut self, name: String, name_span: Span, depth: usize) -> Result<Node, ParseError> {
        if depth >= MAX_DEPTH {
            return Err(ParseError::new(
                name_span,
                format!(
                    "Functions are nested more than {MAX_DEPTH} deep here. Simplify the \
                     expression."
                ),
            ));
        }
        let (_, open) = self.advance(); // `(`
        let mut args: Vec<Option<Node>> = Vec::new();
        if self.peek() == &Token::RParen {
            let (_, close) = self.advance();
            return Ok(Node {
                kind: NodeKind::Call {
                    name,
                    name_span,
                    args,
                },
                span: name_span.to(close),
            });
        }
        loop {
            args.push(self.argument(depth)?);
            let (token, span) = self.advance();
            match token {
                Token::Comma => {}
                Token::RParen => {
                    return Ok(Node {
                        kind: NodeKind::Call {
                            name,
                            name_span,
                            args,
                        },
                        span: name_span.to(span),
                    });
                }
                Token::Eof => {
                    return Err(ParseError::new(
                        open,
                        format!("This \"(\" of {name} is never closed: add a \")\" at the end."),
                    ));
                }
                other => {
                    return Err(ParseError::new(
                        span,
                        format!(
                            "Expected \",\" or \")\" in {name}(…) but found {}. Separate \
                             arguments with commas.",
                            describe(&other)
                        ),
                    ));
                }
            }
        }
    }

    /// One argument slot: nothing (an empty slot), a value, or `value op value`.
    fn argument(&mut self, depth: usize) -> Result<Option<Node>, ParseError> {
        if matches!(self.peek(), Token::Comma | Token::RParen) {
            return Ok(None);
        }
        let lhs = self.value(depth + 1)?;
        let Token::Cmp(op) = *self.peek() else {
            return Ok(Some(lhs));
        };
        self.advance();
        let rhs = self.value(depth + 1)?;
        if let Token::Cmp(second) = self.peek() {
            let span = self.span();
            return Err(ParseError::new(
                span,
                format!(
                    "Comparisons cannot be chained (a {} b {} c). Nest IIF instead.",
                    op.as_str(),
                    second.as_str()
                ),
            ));
        }
        let span = lhs.span.to(rhs.span);
        Ok(Some(Node {
            kind: NodeKind::Compare {
                op,
                lhs: Box::new(lhs),
                rhs: Box::new(rhs),
            },
            span,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(text: &str) -> Node {
        parse(text).unwrap().0
    }

    #[test]
    fn canonical_text_matches_graph() {
        // Microsoft Graph's parseExpression returns exactly this canonical form.
        assert_eq!(
            tree("Replace([preferredLanguage], \"-\", , , \"_\", ,  )").to_text(),
            "Replace([preferredLanguage], \"-\", , , \"_\", , )"
        );
        assert_eq!(
            tree("IIF([a]=\"x\",\"y\",\n  \"z\")").to_text(),
            "IIF([a] = \"x\", \"y\", \"z\")"
        );
        assert_eq!(
            tree("InStr(\"a\\\\b\\\"\", \"e\", 3, vbBinaryCompare)").to_text(),
            "InStr(\"a\\\\b\\\"\", \"e\", 3, vbBinaryCompare)"
        );
        assert_eq!(tree("BitAnd(&HF, &hf7)").to_text(), "BitAnd(&HF, &HF7)");
        assert_eq!(tree("Guid()").to_text(), "Guid()");
        assert_eq!(tree(" [mail] ").to_text(), "[mail]");
        assert_eq!(tree("\"\"").to_text(), "\"\"");
    }

    #[test]
    fn empty_slots_are_kept_and_differ_from_empty_strings() {
        let Node {
            kind: NodeKind::Call { args, .. },
            ..
        } = tree("Switch([IsSoftDeleted], , \"False\", \"\")")
        else {
            panic!("a call");
        };
        assert_eq!(args.len(), 4);
        assert!(args[1].is_none());
        assert_eq!(args[3].as_ref().unwrap().kind, NodeKind::Str(String::new()));
    }

    #[test]
    fn errors_say_where_and_what_to_do() {
        let cases = [
            ("", "empty", 0),
            ("Item(Split([d], \">\"), 2", "never closed", 4),
            ("Item([d] 2)", "Expected \",\" or \")\"", 9),
            ("Join(\",\", [a]))", "one \")\" too many", 14),
            ("[a] = [b]", "only be the condition of IIF", 4),
            ("IIF([a] = [b] = [c], 1, 2)", "cannot be chained", 14),
            ("(\"a\")", "Parentheses alone", 0),
            ("Join(,", "Expected a value", 6),
        ];
        for (text, needle, start) in cases {
            let error = parse(text).unwrap_err();
            assert!(error.message.contains(needle), "{text}: {}", error.message);
            assert_eq!(error.span.start, start, "{text}: {error:?}");
        }
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        let deep = "Not(".repeat(100_000) + "\"True\"" + &")".repeat(100_000);
        let error = parse(&deep).unwrap_err();
        assert!(error.message.contains("nested more than 100 deep"));
        let ok = "Not(".repeat(MAX_DEPTH) + "\"True\"" + &")".repeat(MAX_DEPTH);
        assert!(parse(&ok).is_ok());
    }
}
