//! Scoping filters ("Source Object Scope" → "Add scoping filter" on Azure's Attribute Mapping
//! page): filters of clauses, each clause an attribute, an operator and a value. Clauses of one
//! filter must all hold; a user is in scope when any filter holds. In the schema JSON they are
//! the users' object mapping's `scope`, Graph's `filter` resource: `groups` of `filterGroup`
//! (`name`, `clauses`), each `filterClause` with `operatorName`, `sourceOperandName` and
//! `targetOperand.values` (learn.microsoft.com/graph/api/resources/synchronization-filter,
//! -filtergroup, -filterclause).
//!
//! The operators are the ones Microsoft's page "Scoping users or groups to be provisioned with
//! scoping filters" lists (define-conditional-rules-for-provisioning-user-accounts), plus
//! `Less_Than` and `Less_Than_OR_EQUALS`, which the page does not list; evaluation is in
//! [`crate::preview::scope_filter`].

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

/// The scoping filters of the users' object mapping; none means every user is in scope.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ScopingFilters {
    /// The filters ("Scoping Filter Title" and its clauses), any of which brings a user in scope.
    pub filters: Vec<ScopingFilter>,
}

/// One scoping filter: all its clauses must hold.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ScopingFilter {
    /// The "Scoping Filter Title".
    pub name: String,
    /// The clauses.
    pub clauses: Vec<Clause>,
}

/// One clause: "Attribute Name", "Operator", "Attribute Value".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Clause {
    /// The source attribute (`department`, `userPrincipalName`, `extensionAttribute1`).
    pub attribute: String,
    /// The operator.
    pub operator: Operator,
    /// The value(s) compared with (`targetOperand.values`; Azure's page sets one).
    #[serde(default)]
    pub values: Vec<String>,
}

/// A scoping filter operator, as Azure's page lists them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Operator {
    /// `&`: the attribute is found in the clause's value.
    BitAnd,
    /// `!&`: the attribute is not found in the clause's value.
    NotBitAnd,
    /// `ENDS_WITH`.
    EndsWith,
    /// `EQUALS` (case-sensitive).
    Equals,
    /// `Greater_Than` (whole numbers).
    GreaterThan,
    /// `Greater_Than_OR_EQUALS` (whole numbers).
    GreaterThanOrEquals,
    /// `Includes` (case-sensitive, .NET `String.Contains`).
    Includes,
    /// `IS FALSE`.
    IsFalse,
    /// `IS NOT NULL`.
    IsNotNull,
    /// `IS NULL`.
    IsNull,
    /// `IS TRUE`.
    IsTrue,
    /// `Less_Than` (whole numbers; not on Microsoft's page).
    LessThan,
    /// `Less_Than_OR_EQUALS` (whole numbers; not on Microsoft's page).
    LessThanOrEquals,
    /// `NOT EQUALS` (case-sensitive).
    NotEquals,
    /// `NOT REGEX MATCH`.
    NotRegexMatch,
    /// `REGEX MATCH` (case-sensitive).
    RegexMatch,
    /// A name this app does not know, kept as written.
    Other(String),
}

/// Every operator the window offers, in the order of Azure's list.
pub const OPERATORS: [Operator; 16] = [
    Operator::BitAnd,
    Operator::NotBitAnd,
    Operator::EndsWith,
    Operator::Equals,
    Operator::GreaterThan,
    Operator::GreaterThanOrEquals,
    Operator::Includes,
    Operator::IsFalse,
    Operator::IsNotNull,
    Operator::IsNull,
    Operator::IsTrue,
    Operator::LessThan,
    Operator::LessThanOrEquals,
    Operator::NotEquals,
    Operator::NotRegexMatch,
    Operator::RegexMatch,
];

impl Operator {
    /// The name Azure shows and writes in `operatorName`.
    pub fn name(&self) -> &str {
        match self {
            Operator::BitAnd => "&",
            Operator::NotBitAnd => "!&",
            Operator::EndsWith => "ENDS_WITH",
            Operator::Equals => "EQUALS",
            Operator::GreaterThan => "Greater_Than",
            Operator::GreaterThanOrEquals => "Greater_Than_OR_EQUALS",
            Operator::Includes => "Includes",
            Operator::IsFalse => "IS FALSE",
            Operator::IsNotNull => "IS NOT NULL",
            Operator::IsNull => "IS NULL",
            Operator::IsTrue => "IS TRUE",
            Operator::LessThan => "Less_Than",
            Operator::LessThanOrEquals => "Less_Than_OR_EQUALS",
            Operator::NotEquals => "NOT EQUALS",
            Operator::NotRegexMatch => "NOT REGEX MATCH",
            Operator::RegexMatch => "REGEX MATCH",
            Operator::Other(name) => name,
        }
    }

    /// The operator an `operatorName` names: case, spaces and underscores do not matter
    /// (`NOT_EQUALS`, `Not Equals`); an unknown name is kept as [`Operator::Other`].
    pub fn parse(name: &str) -> Operator {
        let folded = |s: &str| -> String {
            s.chars()
                .filter(|c| !matches!(c, ' ' | '_' | '-'))
                .flat_map(char::to_lowercase)
                .collect()
        };
        let wanted = folded(name.trim());
        OPERATORS
            .iter()
            .find(|op| folded(op.name()) == wanted)
            .cloned()
            .unwrap_or_else(|| Operator::Other(name.to_owned()))
    }

    /// True for operators that take no value (`IS NULL`, `IS TRUE`…).
    pub fn is_unary(&self) -> bool {
        matches!(
            self,
            Operator::IsFalse | Operator::IsNotNull | Operator::IsNull | Operator::IsTrue
        )
    }
}

impl Clause {
    /// The clause as one line: `department EQUALS "Sales"`, `jobTitle IS NOT NULL`.
    pub fn describe(&self) -> String {
        if self.operator.is_unary() {
            return format!("{} {}", self.attribute, self.operator.name());
        }
        let values: Vec<String> = self.values.iter().map(|v| format!("\"{v}\"")).collect();
        format!(
            "{} {} {}",
            self.attribute,
            self.operator.name(),
            if values.is_empty() {
                "(no value)".to_owned()
            } else {
                values.join(" or ")
            }
        )
    }
}

impl ScopingFilters {
    /// True when there is no filter (every user is in scope).
    pub fn is_empty(&self) -> bool {
        self.filters.is_empty()
    }

    /// The filters of an object mapping's `scope` (a Graph `filter`; `null` or absent for none).
    /// Only `groups` decide who is in scope; `categoryFilterGroups` and `inputFilterGroups`
    /// (experimental, per Graph) are kept in the document but not evaluated.
    pub fn from_json(scope: &Value) -> ScopingFilters {
        let filters = scope["groups"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|group| ScopingFilter {
                name: group["name"].as_str().unwrap_or("").to_owned(),
                clauses: group["clauses"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(clause_from_json)
                    .collect(),
            })
            .collect();
        ScopingFilters { filters }
    }

    /// Writes the filters into `scope` (the original `scope` value, or null): unchanged when
    /// they are the ones read from it; otherwise its `groups` are replaced (a filter read and
    /// not changed keeps its original JSON) and its other keys kept.
    pub fn write_into(&self, scope: &mut Value) {
        let original = ScopingFilters::from_json(scope);
        if original == *self {
            return;
        }
        let old: Vec<Value> = scope["groups"].as_array().cloned().unwrap_or_default();
        let groups: Vec<Value> = self
            .filters
            .iter()
            .map(|filter| {
                old.iter()
                    .find(|entry| {
                        ScopingFilters::from_json(&json!({ "groups": [entry] }))
                            .filters
                            .first()
                            == Some(filter)
                    })
                    .cloned()
                    .unwrap_or_else(|| filter_to_json(filter))
            })
            .collect();
        if !scope.is_object() {
            *scope = Value::Object(Map::new());
        }
        scope["groups"] = Value::Array(groups);
    }
}

fn clause_from_json(clause: &Value) -> Clause {
    let values = match &clause["targetOperand"]["values"] {
        Value::Array(values) => values
            .iter()
            .map(|v| match v {
                Value::String(s) => s.clone(),
                Value::Null => String::new(),
                other => other.to_string(),
            })
            .collect(),
        _ => Vec::new(),
    };
    Clause {
        attribute: clause["sourceOperandName"]
            .as_str()
            .unwrap_or("")
            .to_owned(),
        operator: Operator::parse(clause["operatorName"].as_str().unwrap_or("")),
        values,
    }
}

fn filter_to_json(filter: &ScopingFilter) -> Value {
    let clauses: Vec<Value> = filter
        .clauses
        .iter()
        .map(|clause| {
            json!({
                "operatorName": clause.operator.name(),
                "sourceOperandName": clause.attribute,
                "targetOperand": { "values": clause.values },
            })
        })
        .collect();
    json!({ "clauses": clauses, "name": filter.name })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operator_names_are_read_in_any_spelling_and_written_as_azure_writes_them() {
        assert_eq!(Operator::parse("EQUALS"), Operator::Equals);
        assert_eq!(Operator::parse("not_equals"), Operator::NotEquals);
        assert_eq!(Operator::parse("IS NOT NULL"), Operator::IsNotNull);
        assert_eq!(Operator::parse("Greater_Than"), Operator::GreaterThan);
        assert_eq!(
            Operator::parse("GREATER THAN OR EQUALS"),
            Operator::GreaterThanOrEquals
        );
        assert_eq!(Operator::parse("!&"), Operator::NotBitAnd);
        assert_eq!(
            Operator::parse("IsMemberOf"),
            Operator::Other("IsMemberOf".to_owned())
        );
        for op in &OPERATORS {
            assert_eq!(&Operator::parse(op.name()), op);
        }
    }

    #[test]
    fn an_unchanged_scope_is_written_back_as_it_was_and_an_edit_keeps_the_rest() {
        let original = json!({
            "@odata.type": "microsoft.graph.filter",
            "categoryFilterGroups": [],
            "groups": [
                {"clauses": [{"operatorName": "EQUALS", "sourceOperandName": "dirSyncEnabled",
                  "targetOperand": {"values": ["True"], "extra": 1}}], "name": "AD On Premise users"},
                {"clauses": [], "name": "second"}
            ],
            "inputFilterGroups": []
        });
        let filters = ScopingFilters::from_json(&original);
        assert_eq!(filters.filters.len(), 2);
        assert_eq!(
            filters.filters[0].clauses[0].describe(),
            "dirSyncEnabled EQUALS \"True\""
        );
        let mut scope = original.clone();
        filters.write_into(&mut scope);
        assert_eq!(scope, original);
        let mut edited = filters.clone();
        edited.filters[1].clauses.push(Clause {
            attribute: "department".into(),
            operator: Operator::Equals,
            values: vec!["Sales".into()],
        });
        edited.write_into(&mut scope);
        // The first filter keeps its JSON (with the unknown key), the rest of the scope stays.
        assert_eq!(scope["groups"][0], original["groups"][0]);
        assert_eq!(scope["@odata.type"], "microsoft.graph.filter");
        assert_eq!(
            scope["groups"][1]["clauses"][0]["operatorName"],
            json!("EQUALS")
        );
        assert_eq!(ScopingFilters::from_json(&scope), edited);
        // No filter where there was none: nothing written.
        let mut none = Value::Null;
        ScopingFilters::default().write_into(&mut none);
        assert!(none.is_null());
    }
}
