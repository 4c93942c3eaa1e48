//! Attribute mappings as Azure's "Edit Attribute" dialog has them (type, source, default value,
//! target, matching precedence, when to apply), the presets ([`presets`]), and the project's own
//! small mapping file ([`file`]).
//!
//! A mapping set is data; [`compiled`] turns it into expressions the engine evaluates, with a
//! message per mapping that does not compile.

pub mod compiled;
pub mod file;
pub mod path_builder;
pub mod portal;
pub mod presets;
pub mod schema;
pub mod scope;

use serde::{Deserialize, Serialize};

/// A `serde_json` error as "line L, column C: what" (without serde_json's own position suffix),
/// for messages that go on to say what to do.
pub(crate) fn json_error_place(e: &serde_json::Error) -> String {
    let message = e.to_string();
    let what = message
        .rsplit_once(" at line ")
        .map_or(message.as_str(), |(what, _)| what);
    format!("line {}, column {}: {what}", e.line(), e.column())
}

/// What a mapping text turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The project's own mapping file.
    File,
    /// The schema JSON Azure downloads (its users' object mapping was read).
    Schema,
}

/// Reads the text of a mapping file or of Azure's schema JSON, whichever it is (the file says
/// `"scimPreflightMappings"`; anything else is read as a schema), with the error of the one it
/// is.
pub fn read(text: &str) -> Result<(MappingSet, Kind), String> {
    let text = text.trim_start_matches('\u{feff}');
    if text.contains("\"scimPreflightMappings\"") {
        file::from_json(text).map(|set| (set, Kind::File))
    } else {
        schema::import(text).map(|(set, _)| (set, Kind::Schema))
    }
}

/// The enterprise extension's URN: targets under it go in its own object of the SCIM body.
pub const ENTERPRISE: &str = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

/// The "Mapping type" of the dialog.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum MappingKind {
    /// A source attribute, as is.
    Direct,
    /// A fixed text.
    Constant,
    /// An expression in Entra's language.
    Expression,
    /// No source: only the default value, on create.
    None,
}

/// "Apply this mapping".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Apply {
    /// Always (create and update).
    #[default]
    Always,
    /// Only during creation (`ObjectAddOnly`).
    OnCreate,
}

/// One row of the attribute-mapping page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mapping {
    /// Direct, Constant, Expression or None.
    pub kind: MappingKind,
    /// The source attribute (Direct), the text (Constant) or the expression (Expression).
    #[serde(default)]
    pub source: String,
    /// "Default value if null": sent on create when the source gives nothing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_value: Option<String>,
    /// The SCIM target attribute (`userName`, `emails[type eq "work"].value`, `urn:…:department`).
    pub target: String,
    /// "Match objects using this attribute": the precedence (1 is tried first), 0 for no.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub matching: u32,
    /// "Apply this mapping".
    #[serde(default)]
    pub apply: Apply,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

impl Mapping {
    /// A Direct mapping of `source` to `target`.
    pub fn direct(source: &str, target: &str) -> Self {
        Self {
            kind: MappingKind::Direct,
            source: source.to_owned(),
            default_value: None,
            target: target.to_owned(),
            matching: 0,
            apply: Apply::Always,
        }
    }

    /// An Expression mapping.
    pub fn expression(expression: &str, target: &str) -> Self {
        Self {
            kind: MappingKind::Expression,
            ..Self::direct(expression, target)
        }
    }

    /// The mapping as another type, carrying the source over as Azure's dialog would need it:
    /// Direct `department` becomes the Expression `[department]`, Constant `Sales` the
    /// Expression `"Sales"`, and back again when the expression is only that.
    pub fn with_kind(&self, kind: MappingKind) -> Mapping {
        let source = match (self.kind, kind) {
            (from, to) if from == to => self.source.clone(),
            (MappingKind::Direct | MappingKind::Constant, MappingKind::Expression) => {
                self.expression_text().unwrap_or_default()
            }
            (MappingKind::Expression, MappingKind::Direct) => {
                let inner = self.source.trim().strip_prefix('[');
                match inner.and_then(|i| i.strip_suffix(']')) {
                    Some(name) if !name.contains(['[', ']']) => name.to_owned(),
                    _ => self.source.clone(),
                }
            }
            (MappingKind::Expression, MappingKind::Constant) => {
                let text = self.source.trim();
                match text.strip_prefix('"').and_then(|t| t.strip_suffix('"')) {
                    Some(inner) if !inner.replace("\\\"", "").contains('"') => {
                        inner.replace("\\\"", "\"")
                    }
                    _ => self.source.clone(),
                }
            }
            (_, MappingKind::None) => String::new(),
            _ => self.source.clone(),
        };
        Mapping {
            kind,
            source,
            ..self.clone()
        }
    }

    /// The mapping as expression text (what Azure's schema JSON stores in `source.expression`).
    pub fn expression_text(&self) -> Option<String> {
        match self.kind {
            MappingKind::Direct => Some(format!("[{}]", self.source)),
            MappingKind::Constant => Some(format!("\"{}\"", self.source.replace('"', "\\\""))),
            MappingKind::Expression => Some(self.source.clone()),
            MappingKind::None => None,
        }
    }
}

/// A named list of mappings for the User object.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct MappingSet {
    /// What the admin calls it.
    pub name: String,
    /// The mappings, in the order of the attribute-mapping page.
    pub mappings: Vec<Mapping>,
    /// The scoping filters ("Source Object Scope"); none: every user is in scope.
    #[serde(default, skip_serializing_if = "scope::ScopingFilters::is_empty")]
    pub scope: scope::ScopingFilters,
}

impl MappingSet {
    /// The mapping for `target`, if any.
    pub fn get(&self, target: &str) -> Option<&Mapping> {
        self.mappings.iter().find(|m| m.target == target)
    }

    /// The matching mappings, lowest precedence number first.
    pub fn matching(&self) -> Vec<&Mapping> {
        let mut matching: Vec<&Mapping> = self.mappings.iter().filter(|m| m.matching > 0).collect();
        matching.sort_by_key(|m| m.matching);
        matching
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changing_the_type_carries_the_source_over_as_azure_needs_it() {
        let direct = Mapping::direct("department", "title");
        let expression = direct.with_kind(MappingKind::Expression);
        assert_eq!(expression.source, "[department]");
        assert_eq!(expression.target, "title");
        assert_eq!(
            expression.with_kind(MappingKind::Direct).source,
            "department"
        );
        let constant = Mapping {
            kind: MappingKind::Constant,
            ..Mapping::direct("Say \"hi\"", "title")
        };
        let expression = constant.with_kind(MappingKind::Expression);
        assert_eq!(expression.source, "\"Say \\\"hi\\\"\"");
        assert_eq!(
            expression.with_kind(MappingKind::Constant).source,
            "Say \"hi\""
        );
        // An expression that is more than an attribute or a text stays as it is.
        let joined = Mapping::expression("Join(\" \", [a], [b])", "title");
        assert_eq!(
            joined.with_kind(MappingKind::Direct).source,
            "Join(\" \", [a], [b])"
        );
        assert_eq!(joined.with_kind(MappingKind::None).source, "");
    }
}
