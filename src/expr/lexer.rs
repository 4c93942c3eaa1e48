//! The lexer: expression text to tokens, each with its [`Span`].
//!
//! Tokens of Entra's app-provisioning dialect: function names and bare words, `[attribute]`
//! references, `"string"` literals with `\"` and `\\` escapes, integers (optionally negative),
//! `&H` hex literals, the comparison operators `=` `<>` `<` `<=` `>` `>=`, and `(` `)` `,`.
//! Spaces, tabs and line breaks may stand between any two tokens.

use super::error::{ParseError, Span};

/// A comparison operator (only valid as the condition of `IIF` or the argument of `CBool`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CmpOp {
    /// `=`
    Eq,
    /// `<>`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
}

impl CmpOp {
    /// The operator as written.
    pub fn as_str(self) -> &'static str {
        match self {
            CmpOp::Eq => "=",
            CmpOp::Ne => "<>",
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
        }
    }
}

/// What a token is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token {
    /// A function name or a bare word such as `vbTextCompare`.
    Ident(String),
    /// `[name]`, with the name as written between the brackets.
    Attribute(String),
    /// A string literal, escapes decoded.
    Str(String),
    /// An integer literal.
    Number(i64),
    /// An `&H` hex literal.
    Hex(i64),
    /// A comparison operator.
    Cmp(CmpOp),
    /// `(`
    LParen,
    /// `)`
    RParen,
    /// `,`
    Comma,
    /// End of the text.
    Eof,
}

/// Something the lexer noticed that is allowed but may not be what the admin meant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexWarning {
    /// Where.
    pub span: Span,
    /// What, in plain words.
    pub message: String,
}

/// Tokens with their spans, and the warnings found on the way.
pub type Tokens = (Vec<(Token, Span)>, Vec<LexWarning>);

/// The tokens of `text`, each with its span, ending with [`Token::Eof`]; or the first error.
pub fn tokenize(text: &str) -> Result<Tokens, ParseError> {
    let mut lexer = Lexer::new(text);
    let mut tokens = Vec::new();
    loop {
        let (token, span) = lexer.next_token()?;
        let done = token == Token::Eof;
        tokens.push((token, span));
        if done {
            return Ok((tokens, lexer.warnings));
        }
    }
}

/// Every token of `text` with its span, going on past errors: an error's span comes as `None`
/// and lexing resumes after it. For colouring text as it is typed.
pub fn tokenize_tolerant(text: &str) -> Vec<(Option<Token>, Span)> {
    let mut lexer = Lexer::new(text);
    let mut tokens = Vec::new();
    loop {
        let before = lexer.pos;
        match lexer.next_token() {
            Ok((Token::Eof, _)) => return tokens,
            Ok((token, span)) => tokens.push((Some(token), span)),
            Err(error) => {
                let end = error.span.end.max(lexer.pos).min(text.len());
                tokens.push((None, Span::new(error.span.start.min(end), end)));
                lexer.pos = end;
                if lexer.pos <= before {
                    // Always move on by one character.
                    let step = text[before..].chars().next().map_or(1, char::len_utf8);
                    lexer.pos = (before + step).min(text.len());
                }
                if lexer.pos >= text.len() {
                    return tokens;
                }
            }
        }
    }
}

struct Lexer<'a> {
    text: &'a str,
    pos: usize,
    warnings: Vec<LexWarning>,
}

impl<'a> Lexer<'a> {
    fn new(text: &'a str) -> Self {
        Self {
            text,
            pos: 0,
            warnings: Vec::new(),
        }
    }
}

impl Lexer<'_> {
    fn peek(&self) -> Option<char> {
        self.text[self.pos..].chars().next()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    fn next_token(&mut self) -> Result<(Token, Span), ParseError> {
        while self.peek().is_some_and(char::is_whitespace) {
            self.bump();
        }
        let start = self.pos;
        let Some(c) = self.bump() else {
            return Ok((Token::Eof, Span::new(start, start)));
        };
        let token = match c {
            '(' => Token::LParen,
            ')' => Token::RParen,
            ',' => Token::Comma,
            '=' => Token::Cmp(CmpOp::Eq),
            '<' => match self.peek() {
                Some('>') => {
                    self.bump();
                    Token::Cmp(CmpOp::Ne)
                }
                Some('=') => {
                    self.bump();
                    Token::Cmp(CmpOp::Le)
                }
                _ => Token::Cmp(CmpOp::Lt),
            },
            '>' => {
                if self.peek() == Some('=') {
                    self.bump();
                    Token::Cmp(CmpOp::Ge)
                } else {
                    Token::Cmp(CmpOp::Gt)
                }
            }
            '!' if self.peek() == Some('=') => {
                self.bump();
                return Err(ParseError::new(
                    Span::new(start, self.pos),
                    "\"!=\" is not an operator here: write \"<>\" for not equal.",
                ));
            }
            '"' => self.string(start)?,
            '[' => self.attribute(start)?,
            '&' => self.hex(start)?,
            '-' if self.peek().is_some_and(|d| d.is_ascii_digit()) => self.number(start)?,
            d if d.is_ascii_digit() => self.number(start)?,
            a if a.is_ascii_alphabetic() => {
                while self
                    .peek()
                    .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
                {
                    self.bump();
                }
                Token::Ident(self.text[start..self.pos].to_owned())
            }
            ']' => {
                return Err(ParseError::new(
                    Span::new(start, self.pos),
                    "This \"]\" has no matching \"[\". Attribute names are written like [department].",
                ));
            }
            '\'' | '\u{201C}' | '\u{201D}' | '\u{2018}' | '\u{2019}' => {
                return Err(ParseError::new(
                    Span::new(start, self.pos),
                    format!(
                        "The quote {c} cannot start a string: use straight double quotes, like \"Sales\". \
                         (Word processors and some web pages turn quotes into curly ones.)"
                    ),
                ));
            }
            other => {
                return Err(ParseError::new(
                    Span::new(start, self.pos),
                    format!(
                        "Unexpected \"{other}\". An expression is made of functions like \
                         Join(\", \", [givenName], [surname]), [attributes] and \"strings\"."
                    ),
                ));
            }
        };
        Ok((token, Span::new(start, self.pos)))
    }

    /// After the opening quote: decode until the closing quote.
    fn string(&mut self, start: usize) -> Result<Token, ParseError> {
        let mut value = String::new();
        loop {
            let Some(c) = self.bump() else {
                return Err(ParseError::new(
                    Span::new(start, self.pos),
                    "This string has no closing double quote (\"). Add one at the end of the \
                     text; a double quote inside a string is written \\\" (a backslash, then \
                     the quote).",
                ));
            };
            match c {
                '"' => return Ok(Token::Str(value)),
                '\\' => {
                    let escape_start = self.pos - 1;
                    match self.bump() {
                        Some('"') => value.push('"'),
                        Some('\\') => value.push('\\'),
                        Some(other) => {
                            // Kept as written: `\d` in a regex means what the admin intended.
                            value.push('\\');
                            value.push(other);
                            self.warnings.push(LexWarning {
                                span: Span::new(escape_start, self.pos),
                                message: format!(
                                    "\"\\{other}\" is kept as a backslash and \"{other}\". \
                                     Azure's documentation writes a regex backslash doubled \
                                     (\"\\\\{other}\"); Azure may differ here."
                                ),
                            });
                        }
                        None => {
                            return Err(ParseError::new(
                                Span::new(start, self.pos),
                                "This string ends with a lone backslash (\\) and has no closing \
                                 double quote (\").",
                            ));
                        }
                    }
                }
                '\n' | '\r' => {
                    value.push(c);
                    if c == '\n' || self.peek() != Some('\n') {
                        self.warnings.push(LexWarning {
                            span: Span::new(self.pos - 1, self.pos),
                            message: "This string contains a line break. Azure's documentation \
                                      has no example of that; Azure may differ here."
                                .to_owned(),
                        });
                    }
                }
                other => value.push(other),
            }
        }
    }

    /// After `[`: the name up to the matching `]` (brackets may nest, quotes hide brackets).
    fn attribute(&mut self, start: usize) -> Result<Token, ParseError> {
        let name_start = self.pos;
        let mut depth = 0usize;
        let mut in_quotes = false;
        loop {
            let Some(c) = self.bump() else {
                return Err(ParseError::new(
                    Span::new(start, self.pos),
                    "This attribute name has no closing \"]\". Attribute names are written like \
                     [department].",
                ));
            };
            match c {
                '"' => in_quotes = !in_quotes,
                '[' if !in_quotes => depth += 1,
                ']' if !in_quotes && depth > 0 => depth -= 1,
                ']' if !in_quotes => break,
                _ => {}
            }
        }
        let name = &self.text[name_start..self.pos - 1];
        if name.trim().is_empty() {
            return Err(ParseError::new(
                Span::new(start, self.pos),
                "\"[]\" names no attribute. Write the source attribute's name between the \
                 brackets, like [department].",
            ));
        }
        Ok(Token::Attribute(name.to_owned()))
    }

    fn number(&mut self, start: usize) -> Result<Token, ParseError> {
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.bump();
        }
        let digits = &self.text[start..self.pos];
        digits.parse::<i64>().map(Token::Number).map_err(|_| {
            ParseError::new(
                Span::new(start, self.pos),
                format!("{digits} is too large a number (the largest is 9223372036854775807)."),
            )
        })
    }

    /// After `&`: `&H` and hex digits.
    fn hex(&mut self, start: usize) -> Result<Token, ParseError> {
        if !matches!(self.peek(), Some('H' | 'h')) {
            return Err(ParseError::new(
                Span::new(start, self.pos),
                "\"&\" joins strings only in cloud sync expressions. In app provisioning, use \
                 Join(\"\", a, b) or Append(a, b). (&H starts a hex number, like &HFF.)",
            ));
        }
        self.bump();
        let digits_start = self.pos;
        while self.peek().is_some_and(|c| c.is_ascii_hexdigit()) {
            self.bump();
        }
        let digits = &self.text[digits_start..self.pos];
        if digits.is_empty() {
            return Err(ParseError::new(
                Span::new(start, self.pos),
                "&H must be followed by hex digits, like &HFF.",
            ));
        }
        // VB reads &H literals of up to 16 digits as a two's-complement 64-bit value.
        u64::from_str_radix(digits, 16)
            .map(|v| Token::Hex(v as i64))
            .map_err(|_| {
                ParseError::new(
                    Span::new(start, self.pos),
                    format!("&H{digits} is too large (at most 16 hex digits)."),
                )
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<Token> {
        tokenize(text)
            .unwrap()
            .0
            .into_iter()
            .map(|(t, _)| t)
            .collect()
    }

    #[test]
    fn tokens_of_a_typical_expression() {
        assert_eq!(
            kinds("Item(Split([department], \" > \"), 2)"),
            [
                Token::Ident("Item".into()),
                Token::LParen,
                Token::Ident("Split".into()),
                Token::LParen,
                Token::Attribute("department".into()),
                Token::Comma,
                Token::Str(" > ".into()),
                Token::RParen,
                Token::Comma,
                Token::Number(2),
                Token::RParen,
                Token::Eof
            ]
        );
    }

    #[test]
    fn escapes_operators_hex_and_negative_numbers() {
        assert_eq!(
            kinds(r#""a\"b\\c" <> <= >= < > = &HF7 &hf -10"#),
            [
                Token::Str("a\"b\\c".into()),
                Token::Cmp(CmpOp::Ne),
                Token::Cmp(CmpOp::Le),
                Token::Cmp(CmpOp::Ge),
                Token::Cmp(CmpOp::Lt),
                Token::Cmp(CmpOp::Gt),
                Token::Cmp(CmpOp::Eq),
                Token::Hex(0xF7),
                Token::Hex(0xF),
                Token::Number(-10),
                Token::Eof
            ]
        );
    }

    #[test]
    fn unknown_escapes_are_kept_and_warned_about() {
        let (tokens, warnings) = tokenize(r#""\d+""#).unwrap();
        assert_eq!(tokens[0].0, Token::Str("\\d+".into()));
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].span, Span::new(1, 3));
    }

    #[test]
    fn attribute_names_keep_everything_between_the_brackets() {
        assert_eq!(
            kinds("[urn:ietf:params:scim:schemas:extension:contoso:1.0:User:JobCode]")[0],
            Token::Attribute(
                "urn:ietf:params:scim:schemas:extension:contoso:1.0:User:JobCode".into()
            )
        );
        assert_eq!(
            kinds(r#"[emails[type eq "work"].value]"#)[0],
            Token::Attribute(r#"emails[type eq "work"].value"#.into())
        );
        assert_eq!(
            kinds("[extension_53c9e2c0e_acmeCostCenter]")[0],
            Token::Attribute("extension_53c9e2c0e_acmeCostCenter".into())
        );
    }

    #[test]
    fn errors_name_the_fix() {
        let cases = [
            ("\"abc", "no closing double quote", Span::new(0, 4)),
            ("[department", "no closing \"]\"", Span::new(0, 11)),
            ("\"a\" & [b]", "cloud sync", Span::new(4, 5)),
            ("“Sales”", "straight double quotes", Span::new(0, 3)),
            ("x != y", "\"<>\"", Span::new(2, 4)),
            ("99999999999999999999", "too large", Span::new(0, 20)),
            ("[]", "names no attribute", Span::new(0, 2)),
            ("a ]", "no matching \"[\"", Span::new(2, 3)),
            ("#", "Unexpected \"#\"", Span::new(0, 1)),
        ];
        for (text, needle, span) in cases {
            let error = tokenize(text).unwrap_err();
            assert!(error.message.contains(needle), "{text}: {}", error.message);
            assert_eq!(error.span, span, "{text}");
        }
    }
}
