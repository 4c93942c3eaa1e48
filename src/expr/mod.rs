//! Entra's attribute-mapping expression language (the app-provisioning dialect), evaluated
//! offline exactly as Azure would, for every user.
//!
//! The pipeline is the usual one, each step in its own file:
//! [`lexer`] (text → tokens with spans) → [`parser`] (tokens → [`ast::Node`] tree) →
//! [`compile`] (tree → checked form with attribute names resolved to indices) →
//! [`eval`] (one user's attributes → [`Outcome`]). Parse once, evaluate many times:
//!
//! ```
//! use scim_preflight::expr::{AttributeNames, AttributeSet, EvalContext, Expression, Outcome, Stored};
//!
//! let mut names = AttributeNames::new();
//! let expression = Expression::compile(r#"Item(Split([department], " > "), 2)"#, &mut names).unwrap();
//! let mut user = AttributeSet::new();
//! user.set(&mut names, "department", Stored::One("Contoso > Sales > EMEA".into()));
//! let result = expression.evaluate(&user, &EvalContext::default());
//! assert_eq!(result.outcome, Outcome::Values(vec!["Sales".into()]));
//! ```
//!
//! Where Microsoft does not document a behaviour, the choice is made in one place
//! ([`assumptions`]) and reported as a [`Note`] with the result.

pub mod assist;
pub mod assumptions;
pub mod ast;
pub mod attributes;
pub mod batch;
pub mod budget;
pub mod compile;
pub mod datetime;
pub mod error;
pub mod eval;
pub mod functions;
pub mod lexer;
pub mod parser;
#[cfg(test)]
mod testing;
pub mod text;
pub mod value;

pub use assumptions::{Note, NoteKind};
pub use attributes::{AttrValue, AttributeNames, AttributeSet, Attributes, Stored};
pub use error::{Bound, EvalError, ParseError, Span};
pub use eval::{EvalContext, ReplaceAttributeRule, Step};
pub use value::Outcome;

use compile::{CNode, Compiler};
use eval::{Evaluator, Stop};
use functions::table::Kind;
use value::Value;

/// A compiled expression: parse once, evaluate for every user.
#[derive(Debug, Clone)]
pub struct Expression {
    text: String,
    tree: ast::Node,
    root: CNode,
    attributes: Vec<(String, usize, Span)>,
    notes: Vec<Note>,
    kinds: Vec<Kind>,
}

/// The result of evaluating an expression for one user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evaluation {
    /// The value(s), null, flow ignored, or the error.
    pub outcome: Outcome,
    /// What the admin should know about this result ("Azure may differ here"…).
    pub notes: Vec<Note>,
}

/// An evaluation with every node's value, for showing how the result came about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explanation {
    /// The result.
    pub evaluation: Evaluation,
    /// Each node evaluated, parents before children, with its value.
    pub steps: Vec<Step>,
}

impl Expression {
    /// Parses and checks `text`, resolving attribute names through `names`.
    pub fn compile(text: &str, names: &mut AttributeNames) -> Result<Expression, ParseError> {
        let (tree, lex_warnings) = parser::parse(text)?;
        let mut compiler = Compiler {
            names,
            notes: Vec::new(),
            attributes: Vec::new(),
        };
        let root = compiler.compile(&tree, true)?;
        let mut notes: Vec<Note> = lex_warnings
            .into_iter()
            .map(|w| Note::new(w.span, NoteKind::AzureMayDiffer, w.message))
            .collect();
        notes.extend(compiler.notes);
        notes.extend(compile::length_note(text));
        let attributes = compiler.attributes;
        let mut kinds = Vec::new();
        tree.walk(&mut |node| {
            if let ast::NodeKind::Call { name, .. } = &node.kind
                && let Some(func) = functions::Func::from_name(name)
                && !kinds.contains(&func.spec().kind)
            {
                kinds.push(func.spec().kind);
            }
        });
        Ok(Expression {
            text: text.to_owned(),
            tree,
            root,
            attributes,
            notes,
            kinds,
        })
    }

    /// The text as written.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The syntax tree.
    pub fn tree(&self) -> &ast::Node {
        &self.tree
    }

    /// The canonical text (Microsoft Graph's form): `Replace([x], "-", , , "_", , )`.
    pub fn canonical(&self) -> String {
        self.tree.to_text()
    }

    /// Notes about the expression itself (before any user): cautions, limits, escapes.
    pub fn notes(&self) -> &[Note] {
        &self.notes
    }

    /// The attributes it reads: name, index and where in the text.
    pub fn attributes(&self) -> &[(String, usize, Span)] {
        &self.attributes
    }

    /// True when the result differs on every run in Azure (Guid, Now, RandomString).
    pub fn is_nondeterministic(&self) -> bool {
        self.kinds.contains(&Kind::NonDeterministic)
    }

    /// True when the result depends on live directory data (SelectUniqueValue, app roles).
    pub fn depends_on_directory(&self) -> bool {
        self.kinds.contains(&Kind::Directory)
    }

    /// Attributes the expression reads that are not among `known`, each as an error with a
    /// suggestion when only the case differs (Azure's names are case-sensitive).
    pub fn unknown_attributes<'k>(
        &self,
        known: impl IntoIterator<Item = &'k str> + Clone,
    ) -> Vec<ParseError> {
        self.attribute_problems(known)
            .into_iter()
            .map(|(error, _)| error)
            .collect()
    }

    /// The attributes of [`Expression::unknown_attributes`] that are among `known` in another
    /// case: certainly a mistake (where an attribute no one has may just be missing from the
    /// export).
    pub fn miscased_attributes<'k>(
        &self,
        known: impl IntoIterator<Item = &'k str> + Clone,
    ) -> Vec<ParseError> {
        self.attribute_problems(known)
            .into_iter()
            .filter_map(|(error, miscased)| miscased.then_some(error))
            .collect()
    }

    /// Each attribute read that is not among `known`, with whether it is there in another case.
    fn attribute_problems<'k>(
        &self,
        known: impl IntoIterator<Item = &'k str> + Clone,
    ) -> Vec<(ParseError, bool)> {
        let mut errors = Vec::new();
        for (name, _, span) in &self.attributes {
            if known.clone().into_iter().any(|k| k == name) {
                continue;
            }
            let other_case = known
                .clone()
                .into_iter()
                .find(|k| k.eq_ignore_ascii_case(name));
            let message = match other_case {
                Some(right) => format!(
                    "[{name}] is not an attribute of the loaded users, but [{right}] is: \
                     attribute names are case-sensitive in Azure."
                ),
                None => format!(
                    "None of the loaded users has [{name}]: it is null for everyone. Check the \
                     spelling, or include it in the export."
                ),
            };
            errors.push((ParseError::new(*span, message), other_case.is_some()));
        }
        errors
    }

    /// Evaluates for one user.
    pub fn evaluate(&self, attributes: &dyn Attributes, ctx: &EvalContext<'_>) -> Evaluation {
        let mut evaluator = Evaluator::new(attributes, ctx, false);
        let result = evaluator.eval(&self.root);
        Evaluation {
            outcome: outcome(result),
            notes: evaluator.notes,
        }
    }

    /// Evaluates for one user, recording every node's value.
    pub fn explain(&self, attributes: &dyn Attributes, ctx: &EvalContext<'_>) -> Explanation {
        let mut evaluator = Evaluator::new(attributes, ctx, true);
        let result = evaluator.eval(&self.root);
        Explanation {
            evaluation: Evaluation {
                outcome: outcome(result),
                notes: evaluator.notes,
            },
            steps: evaluator.trace.unwrap_or_default(),
        }
    }
}

/// The top-level result: a value becomes texts; an empty list is null.
fn outcome(result: Result<Value, Stop>) -> Outcome {
    match result {
        Ok(Value::Null) => Outcome::Null,
        Ok(Value::Multi(values)) if values.is_empty() => Outcome::Null,
        Ok(value) => Outcome::Values(value.into_texts()),
        Err(Stop::FlowIgnored) => Outcome::FlowIgnored,
        Err(Stop::Error(error)) => Outcome::Error(error),
    }
}

#[cfg(test)]
mod tests;
