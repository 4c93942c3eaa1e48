//! The compiler: checks a parsed tree against the function table and turns it into the form the
//! evaluator runs, with attribute names resolved to indices and regex literals compiled once.
//!
//! Every mistake an admin can make that is visible without data becomes an error here, with the
//! fix in the message: unknown functions (with a did-you-mean, since names are case-sensitive),
//! cloud-sync-only functions, wrong argument counts (with the signature), empty required slots,
//! stray words, comparisons outside IIF/CBool, odd Switch argument counts, bad regexes.

use std::sync::Arc;

use super::assumptions::{Note, NoteKind};
use super::ast::{Node, NodeKind};
use super::attributes::AttributeNames;
use super::error::{ParseError, Span};
use super::functions::replace::{Pattern, compile_pattern};
use super::functions::{Func, table};
use super::lexer::CmpOp;
use super::value::Value;

/// Azure's documented limit on the length of one mapping expression.
pub const AZURE_MAX_LENGTH: usize = 10_000;

/// A bare word that means something as an argument.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Word {
    /// `vbBinaryCompare`: case-sensitive (InStr's default).
    BinaryCompare,
    /// `vbTextCompare`: case-insensitive.
    TextCompare,
}

/// A node ready to evaluate.
#[derive(Debug, Clone)]
pub(crate) enum CNode {
    Attr { index: usize, span: Span },
    Const { value: Value, span: Span },
    Word { word: Word, span: Span },
    Call(Box<CallNode>),
    Compare(Box<CompareNode>),
}

#[derive(Debug, Clone)]
pub(crate) struct CallNode {
    pub func: Func,
    pub args: Vec<Option<CNode>>,
    pub span: Span,
    /// Replace's regular expression, when it is a string literal (compiled once).
    pub pattern: Option<Arc<Pattern>>,
}

#[derive(Debug, Clone)]
pub(crate) struct CompareNode {
    pub op: CmpOp,
    pub lhs: CNode,
    pub rhs: CNode,
    pub span: Span,
}

impl CNode {
    pub(crate) fn span(&self) -> Span {
        match self {
            CNode::Attr { span, .. } | CNode::Const { span, .. } | CNode::Word { span, .. } => {
                *span
            }
            CNode::Call(call) => call.span,
            CNode::Compare(compare) => compare.span,
        }
    }
}

/// Where a comparison may stand.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    Anywhere,
    Condition,
    CompareType,
}

pub(crate) struct Compiler<'a> {
    pub names: &'a mut AttributeNames,
    pub notes: Vec<Note>,
    pub attributes: Vec<(String, usize, Span)>,
}

impl Compiler<'_> {
    pub(crate) fn compile(&mut self, node: &Node, top: bool) -> Result<CNode, ParseError> {
        self.node(node, Place::Anywhere, top)
    }

    fn node(&mut self, node: &Node, place: Place, top: bool) -> Result<CNode, ParseError> {
        let span = node.span;
        Ok(match &node.kind {
            NodeKind::Attribute(name) => {
                let index = self.names.intern(name);
                self.attributes.push((name.clone(), index, span));
                CNode::Attr { index, span }
            }
            NodeKind::Str(s) => CNode::Const {
                value: Value::Str(s.clone()),
                span,
            },
            NodeKind::Number(n) | NodeKind::Hex(n) => CNode::Const {
                value: Value::Num(*n),
                span,
            },
            NodeKind::Word(word) => CNode::Word {
                word: self.word(word, span, place)?,
                span,
            },
            NodeKind::Compare { op, lhs, rhs } => {
                if place != Place::Condition {
                    return Err(ParseError::new(
                        span,
                        format!(
                            "A comparison ({}) can only be the condition of IIF (its first \
                             argument) or the argument of CBool.",
                            op.as_str()
                        ),
                    ));
                }
                CNode::Compare(Box::new(CompareNode {
                    op: *op,
                    lhs: self.node(lhs, Place::Anywhere, false)?,
                    rhs: self.node(rhs, Place::Anywhere, false)?,
                    span,
                }))
            }
            NodeKind::Call {
                name,
                name_span,
                args,
            } => self.call(name, *name_span, args, span, top)?,
        })
    }

    fn word(&mut self, word: &str, span: Span, place: Place) -> Result<Word, ParseError> {
        let known = match word {
            "vbBinaryCompare" => Some(Word::BinaryCompare),
            "vbTextCompare" => Some(Word::TextCompare),
            _ => None,
        };
        match (known, place) {
            (Some(w), Place::CompareType) => Ok(w),
            (Some(_), _) => Err(ParseError::new(
                span,
                format!("{word} can only be the last argument of InStr."),
            )),
            (None, _) if Func::from_name(word).is_some() => Err(ParseError::new(
                span,
                format!("{word} is a function: write {word}(…) with its arguments."),
            )),
            (None, _)
                if word.eq_ignore_ascii_case("true") || word.eq_ignore_ascii_case("false") =>
            {
                Err(ParseError::new(
                    span,
                    format!(
                        "Azure has no True/False keywords: write \"{}\" in quotes.",
                        if word.eq_ignore_ascii_case("true") {
                            "True"
                        } else {
                            "False"
                        }
                    ),
                ))
            }
            (None, _)
                if word.eq_ignore_ascii_case("vbtextcompare")
                    || word.eq_ignore_ascii_case("vbbinarycompare") =>
            {
                Err(ParseError::new(
                    span,
                    format!(
                        "Unknown word \"{word}\". Did you mean {}? (Names are case-sensitive.)",
                        if word.eq_ignore_ascii_case("vbtextcompare") {
                            "vbTextCompare"
                        } else {
                            "vbBinaryCompare"
                        }
                    ),
                ))
            }
            (None, _) => Err(ParseError::new(
                span,
                format!(
                    "Unknown word \"{word}\". Text goes in quotes (\"{word}\") and attributes in \
                     brackets ([{word}])."
                ),
            )),
        }
    }

    fn call(
        &mut self,
        name: &str,
        name_span: Span,
        args: &[Option<Node>],
        span: Span,
        top: bool,
    ) -> Result<CNode, ParseError> {
        let func = self.function(name, name_span)?;
        let spec = func.spec();
        let count = args.len();
        if count < spec.min_args || count > spec.max_args {
            return Err(ParseError::new(
                name_span,
                format!(
                    "{name} expects {}, got {count}: {}",
                    spec.arity_text(),
                    spec.signature()
                ),
            ));
        }
        self.check_required_slots(func, name, args, span)?;
        match func {
            Func::Switch if !count.is_multiple_of(2) => {
                return Err(ParseError::new(
                    name_span,
                    format!(
                        "Switch needs an even number of arguments (source, default, then \
                         key/value pairs), got {count}. A key has no value, or the default is \
                         missing (leave it empty: Switch([x], , \"key\", \"value\"))."
                    ),
                ));
            }
            Func::Item => {
                if let Some(Some(Node {
                    kind: NodeKind::Number(n),
                    span,
                })) = args.get(1)
                    && *n < 1
                {
                    return Err(ParseError::new(
                        *span,
                        format!(
                            "Item counts from 1, so index {n} is not allowed. Use 1 for the \
                             first value."
                        ),
                    ));
                }
            }
            Func::SelectUniqueValue if !top => {
                return Err(ParseError::new(
                    name_span,
                    "SelectUniqueValue must be the whole expression; Azure does not allow it \
                     inside another function.",
                ));
            }
            _ => {}
        }
        self.notes_for_call(func, args, name_span);

        let mut compiled = Vec::with_capacity(count);
        for (i, arg) in args.iter().enumerate() {
            let place = match (func, i) {
                (Func::IIF, 0) | (Func::CBool, 0) => Place::Condition,
                (Func::InStr, 3) => Place::CompareType,
                _ => Place::Anywhere,
            };
            compiled.push(match arg {
                Some(node) => Some(self.node(node, place, false)?),
                None => None,
            });
        }
        let pattern = match (func, args.get(2)) {
            (
                Func::Replace,
                Some(Some(Node {
                    kind: NodeKind::Str(pattern),
                    span,
                })),
            ) => Some(Arc::new(
                compile_pattern(pattern).map_err(|message| ParseError::new(*span, message))?,
            )),
            _ => None,
        };
        Ok(CNode::Call(Box::new(CallNode {
            func,
            args: compiled,
            span,
            pattern,
        })))
    }

    fn function(&self, name: &str, span: Span) -> Result<Func, ParseError> {
        if let Some(func) = Func::from_name(name) {
            return Ok(func);
        }
        if table::CLOUD_SYNC_ONLY.contains(&name) {
            let hint = if name == "Trim" {
                " To remove spaces at the ends, use Replace([x], , \"^\\\\s+|\\\\s+$\", , \"\", , )."
            } else {
                ""
            };
            return Err(ParseError::new(
                span,
                format!(
                    "{name} exists in cloud sync but not in app provisioning: Azure will \
                     reject it here. (Cloud sync and app provisioning have different function \
                     lists.){hint}"
                ),
            ));
        }
        if table::UNDOCUMENTED.contains(&name) {
            return Err(ParseError::new(
                span,
                format!(
                    "{name} is in Microsoft Graph's function list but not documented for app \
                     provisioning, so this preview cannot evaluate it. Use a documented function \
                     (for text, Join or Append)."
                ),
            ));
        }
        let message = match table::did_you_mean(name) {
            Some(suggestion) if suggestion.eq_ignore_ascii_case(name) => format!(
                "Unknown function \"{name}\": function names are case-sensitive in Azure. Write \
                 {suggestion}."
            ),
            Some(suggestion) => format!("Unknown function \"{name}\". Did you mean {suggestion}?"),
            None => format!(
                "Unknown function \"{name}\". Azure's functions include Join, Item, Split, \
                 Replace, Switch, IIF, Mid, Left, ToLower and NormalizeDiacritics."
            ),
        };
        Err(ParseError::new(span, message))
    }

    /// Required parameters may not be left as empty slots.
    fn check_required_slots(
        &self,
        func: Func,
        name: &str,
        args: &[Option<Node>],
        span: Span,
    ) -> Result<(), ParseError> {
        let spec = func.spec();
        for (i, arg) in args.iter().enumerate() {
            if arg.is_some() {
                continue;
            }
            let param = spec.params.get(i).or(spec.params.last());
            let required = match (func, param) {
                // FormatDateTime with 3 arguments is (source, inputFormat, outputFormat).
                (Func::FormatDateTime, _) if args.len() == 3 => true,
                // Switch's key/value slots: an empty key or value is not allowed.
                (Func::Switch, _) if i >= 2 => true,
                (_, Some(param)) => !param.optional,
                (_, None) => true,
            };
            if required {
                let param_name = match (func, args.len(), i) {
                    (Func::FormatDateTime, 3, 1) => "inputFormat",
                    (Func::FormatDateTime, 3, 2) => "outputFormat",
                    (Func::Switch, _, i) if i >= 2 && i % 2 == 0 => "key",
                    (Func::Switch, _, i) if i >= 2 => "value",
                    _ => param.map_or("argument", |p| p.name),
                };
                return Err(ParseError::new(
                    span,
                    format!(
                        "Argument {} of {name} ({param_name}) is empty. {}",
                        i + 1,
                        spec.signature()
                    ),
                ));
            }
        }
        Ok(())
    }

    /// Documented cautions that are visible in the text alone.
    fn notes_for_call(&mut self, func: Func, args: &[Option<Node>], span: Span) {
        let source_is_presence_check = matches!(
            args.first(),
            Some(Some(Node { kind: NodeKind::Call { name, .. }, .. }))
                if matches!(name.as_str(), "IsPresent" | "IsNull" | "IsNullOrEmpty")
        );
        match func {
            Func::Switch if source_is_presence_check => self.notes.push(Note::new(
                span,
                NoteKind::AzureMayDiffer,
                "Microsoft advises against IsPresent/IsNull/IsNullOrEmpty as the source of \
                 Switch; use a \"\" key instead: Switch([x], [x], \"\", \"default\").",
            )),
            Func::Switch => self.notes.push(Note::new(
                span,
                NoteKind::Quirk,
                "Switch compares case-sensitively (\"sales\" does not match \"Sales\"); use \
                 Switch(ToLower([x]), …) to ignore case.",
            )),
            Func::Guid | Func::Now | Func::RandomString => self.notes.push(Note::new(
                span,
                NoteKind::NonDeterministic,
                "Different on every run in Azure: the preview uses a fixed clock and seed.",
            )),
            Func::SelectUniqueValue
            | Func::SingleAppRoleAssignment
            | Func::AppRoleAssignmentsComplex
            | Func::AssertiveAppRoleAssignmentsComplex => self.notes.push(Note::new(
                span,
                NoteKind::Directory,
                super::assumptions::directory_assumption(func),
            )),
            Func::Redact => self.notes.push(Note::new(
                span,
                NoteKind::Quirk,
                "The value is sent unchanged; the provisioning logs show [Redact] instead.",
            )),
            _ => {}
        }
    }
}

/// Checks the expression's length against Azure's limit.
pub(crate) fn length_note(text: &str) -> Option<Note> {
    let length = text.chars().count();
    (length > AZURE_MAX_LENGTH).then(|| {
        Note::new(
            Span::new(0, text.len()),
            NoteKind::Limit,
            format!(
                "This expression is {length} characters long; Azure accepts at most \
                 {AZURE_MAX_LENGTH}. Shorten it before saving it in Azure."
            ),
        )
    })
}
