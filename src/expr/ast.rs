//! The syntax tree of an expression, and the pretty-printer that turns a tree back into
//! canonical expression text (the form Microsoft Graph's `parseExpression` returns: arguments
//! separated by `, `, empty argument slots kept as nothing between commas).

use std::fmt::Write as _;

use super::error::Span;
use super::lexer::CmpOp;

/// One node of the tree, with the span of the text it was read from.
#[derive(Debug, Clone)]
pub struct Node {
    /// What the node is.
    pub kind: NodeKind,
    /// Where it was in the text.
    pub span: Span,
}

/// What a node is.
#[derive(Debug, Clone)]
pub enum NodeKind {
    /// `[name]`.
    Attribute(String),
    /// `"text"` (escapes decoded).
    Str(String),
    /// An integer literal.
    Number(i64),
    /// An `&H` literal.
    Hex(i64),
    /// A bare word, such as `vbTextCompare`.
    Word(String),
    /// A function call. `None` is an empty argument slot (`Replace(x, , "a")`), which is not `""`.
    Call {
        /// The function name as written.
        name: String,
        /// Where the name is.
        name_span: Span,
        /// The arguments, empty slots included.
        args: Vec<Option<Node>>,
    },
    /// `lhs op rhs`, the condition of `IIF` or the argument of `CBool`.
    Compare {
        /// The operator.
        op: CmpOp,
        /// Left side.
        lhs: Box<Node>,
        /// Right side.
        rhs: Box<Node>,
    },
}

/// Trees are equal when they have the same shape and values; spans do not count.
impl PartialEq for Node {
    fn eq(&self, other: &Self) -> bool {
        self.kind == other.kind
    }
}

impl Eq for Node {}

impl PartialEq for NodeKind {
    fn eq(&self, other: &Self) -> bool {
        use NodeKind::*;
        match (self, other) {
            (Attribute(a), Attribute(b)) | (Str(a), Str(b)) | (Word(a), Word(b)) => a == b,
            (Number(a), Number(b)) | (Hex(a), Hex(b)) => a == b,
            (
                Call {
                    name: a, args: x, ..
                },
                Call {
                    name: b, args: y, ..
                },
            ) => a == b && x == y,
            (
                Compare {
                    op: o1,
                    lhs: l1,
                    rhs: r1,
                },
                Compare {
                    op: o2,
                    lhs: l2,
                    rhs: r2,
                },
            ) => o1 == o2 && l1 == l2 && r1 == r2,
            _ => false,
        }
    }
}

impl Eq for NodeKind {}

impl Node {
    /// The canonical text of this node.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        self.write_text(&mut out);
        out
    }

    fn write_text(&self, out: &mut String) {
        match &self.kind {
            NodeKind::Attribute(name) => {
                out.push('[');
                out.push_str(name);
                out.push(']');
            }
            NodeKind::Str(value) => write_string_literal(out, value),
            NodeKind::Number(n) => {
                let _ = write!(out, "{n}");
            }
            NodeKind::Hex(n) => {
                let _ = write!(out, "&H{:X}", *n as u64);
            }
            NodeKind::Word(word) => out.push_str(word),
            NodeKind::Call { name, args, .. } => {
                out.push_str(name);
                out.push('(');
                for (i, arg) in args.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    if let Some(arg) = arg {
                        arg.write_text(out);
                    }
                }
                out.push(')');
            }
            NodeKind::Compare { op, lhs, rhs } => {
                lhs.write_text(out);
                out.push(' ');
                out.push_str(op.as_str());
                out.push(' ');
                rhs.write_text(out);
            }
        }
    }

    /// Every node of the tree, depth first, parents before children.
    pub fn walk(&self, visit: &mut dyn FnMut(&Node)) {
        visit(self);
        match &self.kind {
            NodeKind::Call { args, .. } => {
                for arg in args.iter().flatten() {
                    arg.walk(visit);
                }
            }
            NodeKind::Compare { lhs, rhs, .. } => {
                lhs.walk(visit);
                rhs.walk(visit);
            }
            _ => {}
        }
    }
}

/// Writes `value` as a string literal: `"` and `\` escaped with a backslash.
pub fn write_string_literal(out: &mut String, value: &str) {
    out.push('"');
    for c in value.chars() {
        if c == '"' || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
}
