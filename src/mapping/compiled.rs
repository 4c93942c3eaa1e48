//! A mapping set made ready to evaluate: every Direct and Expression mapping compiled once
//! against the loaded users' attribute names.

use super::{Mapping, MappingKind, MappingSet};
use crate::expr::{AttributeNames, Expression, ParseError};

/// Where a compiled mapping's value comes from.
#[derive(Debug, Clone)]
pub enum Source {
    /// A source attribute as is (a Direct mapping): read straight from the user.
    Attribute {
        /// The attribute's name.
        name: String,
        /// Its index in the attribute names.
        index: usize,
    },
    /// An expression.
    Expression(Expression),
    /// A fixed text.
    Constant(String),
    /// Nothing: a None mapping, or one whose expression did not compile.
    Nothing,
}

/// One compiled mapping.
#[derive(Debug, Clone)]
pub struct CompiledMapping {
    /// The mapping as written.
    pub mapping: Mapping,
    /// What gives its value.
    pub source: Source,
    /// Why it did not compile, if it did not.
    pub error: Option<ParseError>,
}

/// Compiles every mapping of `set`, resolving attribute names through `names` (unknown names are
/// added: they are absent for every user).
pub fn compile(set: &MappingSet, names: &mut AttributeNames) -> Vec<CompiledMapping> {
    set.mappings
        .iter()
        .map(|mapping| compile_one(mapping, names))
        .collect()
}

/// Compiles one mapping.
pub fn compile_one(mapping: &Mapping, names: &mut AttributeNames) -> CompiledMapping {
    let (source, error) = match mapping.kind {
        MappingKind::Constant => (Source::Constant(mapping.source.clone()), None),
        MappingKind::None => (Source::Nothing, None),
        MappingKind::Direct if valid_attribute(&mapping.source) => (
            Source::Attribute {
                name: mapping.source.clone(),
                index: names.intern(&mapping.source),
            },
            None,
        ),
        MappingKind::Direct | MappingKind::Expression => {
            let text = mapping.expression_text().unwrap_or_default();
            match Expression::compile(&text, names) {
                Ok(expression) => (Source::Expression(expression), None),
                Err(error) => (Source::Nothing, Some(error)),
            }
        }
    };
    CompiledMapping {
        mapping: mapping.clone(),
        source,
        error,
    }
}

/// A name a Direct mapping can read (what `[name]` would accept).
fn valid_attribute(name: &str) -> bool {
    !name.trim().is_empty() && !name.contains([']', '[', '"']) && name.trim() == name
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mapping::presets::secure_practice;

    #[test]
    fn presets_compile_and_errors_are_kept_per_mapping() {
        let mut names = AttributeNames::new();
        let compiled = compile(&secure_practice(), &mut names);
        assert!(compiled.iter().all(|c| c.error.is_none()));
        assert!(
            matches!(compiled[0].source, Source::Attribute { ref name, .. } if name == "userPrincipalName")
        );
        let empty = compile_one(&Mapping::direct("", "title"), &mut names);
        assert!(empty.error.is_some(), "an empty Direct source is an error");
        assert!(names.get("employeeOrgData.division").is_some());
        let broken = Mapping::expression("Item(Split([department], \">\"))", "title");
        let compiled = compile_one(&broken, &mut names);
        assert!(matches!(compiled.source, Source::Nothing));
        assert!(compiled.error.unwrap().message.contains("Item"));
    }
}
