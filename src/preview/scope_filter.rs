//! Whether a user passes the scoping filters ([`crate::mapping::scope`]), as Microsoft's page
//! "Scoping users or groups to be provisioned with scoping filters"
//! (learn.microsoft.com/entra/identity/app-provisioning/define-conditional-rules-for-provisioning-user-accounts)
//! documents each operator, with the documented quirks simulated and named ([`Quirk`]):
//! a missing or empty attribute makes a clause false ("Scoping filters will return false if the
//! value is null / empty", even NOT REGEX MATCH), EQUALS, NOT EQUALS, Includes and REGEX MATCH
//! compare case-sensitively, multi-valued attributes are not supported, and neither are
//! `IsMemberOf` or a group's `members`. Where the page is silent the choice is in
//! [`crate::expr::assumptions::SCOPING_CHOICES`], shown with "Azure may differ here".
//!
//! Regular expressions are the expression engine's (.NET dialect, [`compile_pattern`]);
//! booleans and whole numbers are read as the engine reads them.

use crate::expr::AttributeNames;
use crate::expr::functions::replace::{Pattern, compile_pattern};
use crate::import::record::{User, ValueRef};
use crate::mapping::scope::{Clause, Operator, ScopingFilters};

/// What a clause is evaluated on: the user's value of its attribute.
#[derive(Debug, Clone, Copy)]
pub enum Input<'a> {
    /// The user has no value.
    Missing,
    /// One value (possibly empty text).
    One(&'a str),
    /// A multi-valued attribute.
    Many(&'a [String]),
}

/// Why a clause came out as it did, beyond the plain comparison: a documented quirk, or a
/// choice where Microsoft is silent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Quirk {
    /// The user has no value or an empty one: the clause is false (documented, for every
    /// operator but IS NULL and IS NOT NULL).
    Empty,
    /// A multi-valued attribute: scoping filters do not support them (documented); false.
    MultiValued,
    /// An attribute scoping filters cannot use (`IsMemberOf`, `members`, `manager`,
    /// `appRoleAssignments`); false.
    Unsupported,
    /// Greater_Than and the like on a value that is not a whole number; false.
    NotWholeNumber,
    /// IS TRUE / IS FALSE on a value that is neither True nor False; false.
    NotBoolean,
    /// The clause's regular expression cannot be read, or gave up on this value; false.
    BadPattern,
    /// An operator this app does not know; false.
    UnknownOperator,
    /// IS NULL or IS NOT NULL on a missing or empty value: decided by the operator, though
    /// Microsoft's general rule says empty values make a clause false.
    NullTest,
}

impl Quirk {
    /// The quirk in plain words, as the skip reason and the window show it.
    pub fn message(self) -> &'static str {
        match self {
            Quirk::Empty => {
                "the user has no value for this attribute, and Azure evaluates every such \
                 clause as false, even NOT EQUALS and NOT REGEX MATCH (Microsoft documents this)"
            }
            Quirk::MultiValued => {
                "this attribute has several values, and Azure's scoping filters do not support \
                 multi-valued attributes (Microsoft documents this); the preview counts the \
                 clause as false. Azure may differ here"
            }
            Quirk::Unsupported => {
                "Azure's scoping filters cannot use this attribute (Microsoft documents that \
                 IsMemberOf and a group's members are not supported, and manager and \
                 appRoleAssignments are not attributes a filter can compare); the preview \
                 counts the clause as false. Azure may differ here"
            }
            Quirk::NotWholeNumber => {
                "this operator compares whole numbers (0, 1, 2…), and the user's value or the \
                 clause's value is not one; the preview counts the clause as false. Azure may \
                 differ here"
            }
            Quirk::NotBoolean => {
                "the user's value is neither True nor False; the preview counts the clause as \
                 false. Azure may differ here"
            }
            Quirk::BadPattern => {
                "the clause's regular expression cannot be read, or gave up on this value; the \
                 preview counts the clause as false. Azure may differ here"
            }
            Quirk::UnknownOperator => {
                "this operator is not one Azure's scoping filter page lists; the preview counts \
                 the clause as false. Azure may differ here"
            }
            Quirk::NullTest => {
                "IS NULL and IS NOT NULL are decided on the empty value, though Microsoft also \
                 says scoping filters are false for empty values. Azure may differ here"
            }
        }
    }
}

/// How one clause came out for one value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClauseResult {
    /// True when the clause holds.
    pub holds: bool,
    /// The quirk or choice that decided it, if any.
    pub quirk: Option<Quirk>,
}

/// Attributes scoping filters cannot use (compared without case).
const UNSUPPORTED: [&str; 4] = ["IsMemberOf", "members", "manager", "appRoleAssignments"];

/// Whether `clause` holds for the value `input` (the one function every place uses).
pub fn clause_holds(clause: &Clause, input: Input<'_>) -> ClauseResult {
    let pattern = match clause.operator {
        Operator::RegexMatch | Operator::NotRegexMatch => Some(
            clause
                .values
                .iter()
                .map(|v| compile_pattern(v))
                .collect::<Result<Vec<_>, _>>(),
        ),
        _ => None,
    };
    evaluate(clause, pattern.as_ref(), input)
}

fn result(holds: bool, quirk: Option<Quirk>) -> ClauseResult {
    ClauseResult { holds, quirk }
}

fn evaluate(
    clause: &Clause,
    patterns: Option<&Result<Vec<Pattern>, String>>,
    input: Input<'_>,
) -> ClauseResult {
    if UNSUPPORTED
        .iter()
        .any(|name| clause.attribute.eq_ignore_ascii_case(name))
    {
        return result(false, Some(Quirk::Unsupported));
    }
    if let Operator::Other(_) = clause.operator {
        return result(false, Some(Quirk::UnknownOperator));
    }
    let value = match input {
        Input::Many(_) => return result(false, Some(Quirk::MultiValued)),
        Input::Missing => None,
        Input::One(value) => Some(value).filter(|v| !v.is_empty()),
    };
    let Some(value) = value else {
        return match clause.operator {
            Operator::IsNull => result(true, Some(Quirk::NullTest)),
            Operator::IsNotNull => result(false, Some(Quirk::NullTest)),
            _ => result(false, Some(Quirk::Empty)),
        };
    };
    let any = |test: &dyn Fn(&str) -> bool| clause.values.iter().any(|v| test(v));
    match &clause.operator {
        Operator::IsNull => result(false, None),
        Operator::IsNotNull => result(true, None),
        Operator::IsTrue | Operator::IsFalse => match boolean(value) {
            Some(b) => result(b == (clause.operator == Operator::IsTrue), None),
            None => result(false, Some(Quirk::NotBoolean)),
        },
        Operator::Equals => result(any(&|v| v == value), None),
        Operator::NotEquals => result(!any(&|v| v == value), None),
        Operator::Includes => result(any(&|v| value.contains(v)), None),
        Operator::EndsWith => result(any(&|v| value.ends_with(v)), None),
        Operator::BitAnd => result(any(&|v| v.contains(value)), None),
        Operator::NotBitAnd => result(!any(&|v| v.contains(value)), None),
        Operator::GreaterThan
        | Operator::GreaterThanOrEquals
        | Operator::LessThan
        | Operator::LessThanOrEquals => {
            let Some(number) = whole(value) else {
                return result(false, Some(Quirk::NotWholeNumber));
            };
            let mut bad = false;
            let holds = clause.values.iter().any(|v| match whole(v) {
                Some(limit) => match clause.operator {
                    Operator::GreaterThan => number > limit,
                    Operator::GreaterThanOrEquals => number >= limit,
                    Operator::LessThan => number < limit,
                    _ => number <= limit,
                },
                None => {
                    bad = true;
                    false
                }
            });
            result(holds, (bad && !holds).then_some(Quirk::NotWholeNumber))
        }
        Operator::RegexMatch | Operator::NotRegexMatch => {
            let Some(Ok(patterns)) = patterns else {
                return result(false, Some(Quirk::BadPattern));
            };
            let mut matched = false;
            for pattern in patterns {
                match pattern.is_match(value) {
                    Some(found) => matched |= found,
                    None => return result(false, Some(Quirk::BadPattern)),
                }
            }
            result(matched == (clause.operator == Operator::RegexMatch), None)
        }
        Operator::Other(_) => result(false, Some(Quirk::UnknownOperator)),
    }
}

/// True/False in any case, with surrounding spaces, as .NET's `bool.Parse` reads them.
fn boolean(value: &str) -> Option<bool> {
    let value = value.trim();
    if value.eq_ignore_ascii_case("true") {
        Some(true)
    } else if value.eq_ignore_ascii_case("false") {
        Some(false)
    } else {
        None
    }
}

/// A whole number (the page's "[0,1,2,...]"; negative ones are read too).
fn whole(value: &str) -> Option<i128> {
    value.trim().parse().ok()
}

/// The filters compiled against a user set's attribute names: each clause's attribute found
/// once and its regular expression compiled once.
#[derive(Debug, Default)]
pub struct CompiledFilters {
    filters: Vec<CompiledFilter>,
}

#[derive(Debug)]
struct CompiledFilter {
    name: String,
    clauses: Vec<CompiledClause>,
}

#[derive(Debug)]
struct CompiledClause {
    clause: Clause,
    attr: Option<usize>,
    patterns: Option<Result<Vec<Pattern>, String>>,
}

/// Why a user is outside the scoping filters: the first filter's first clause that fails
/// (every filter fails for this user).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutOfScope {
    /// The filter's title.
    pub filter: String,
    /// The clause that fails, as one line (`department EQUALS "Sales"`).
    pub clause: String,
    /// The clause's attribute.
    pub attribute: String,
    /// The user's value of it (a list joined with "; "), if any.
    pub value: Option<String>,
    /// The quirk that decided it, if any.
    pub quirk: Option<Quirk>,
    /// How many other filters fail too.
    pub others: usize,
}

impl CompiledFilters {
    /// Compiles `filters` against `names` (an attribute is looked up as written, then without
    /// case).
    pub fn new(filters: &ScopingFilters, names: &AttributeNames) -> Self {
        let find = |attribute: &str| {
            names
                .get(attribute)
                .or_else(|| names.iter().position(|n| n.eq_ignore_ascii_case(attribute)))
        };
        let filters = filters
            .filters
            .iter()
            .map(|filter| CompiledFilter {
                name: filter.name.clone(),
                clauses: filter
                    .clauses
                    .iter()
                    .map(|clause| CompiledClause {
                        clause: clause.clone(),
                        attr: find(&clause.attribute),
                        patterns: matches!(
                            clause.operator,
                            Operator::RegexMatch | Operator::NotRegexMatch
                        )
                        .then(|| clause.values.iter().map(|v| compile_pattern(v)).collect()),
                    })
                    .collect(),
            })
            .collect();
        Self { filters }
    }

    /// True when there is no filter.
    pub fn is_empty(&self) -> bool {
        self.filters.is_empty()
    }

    /// `None` when `user` is in scope (no filter, or any filter whose clauses all hold);
    /// otherwise the first filter's first failing clause.
    pub fn check(&self, user: &User) -> Option<OutOfScope> {
        let mut first: Option<OutOfScope> = None;
        let mut failed = 0;
        for filter in &self.filters {
            let mut failing = None;
            for compiled in &filter.clauses {
                let value = compiled.attr.and_then(|a| user.value_of(a));
                let input = match value {
                    None => Input::Missing,
                    Some(ValueRef::One(text)) => Input::One(text),
                    Some(ValueRef::Many(values)) => Input::Many(values),
                };
                let outcome = evaluate(&compiled.clause, compiled.patterns.as_ref(), input);
                if !outcome.holds {
                    failing = Some(OutOfScope {
                        filter: filter.name.clone(),
                        clause: compiled.clause.describe(),
                        attribute: compiled.clause.attribute.clone(),
                        value: value.map(ValueRef::display),
                        quirk: outcome.quirk,
                        others: 0,
                    });
                    break;
                }
            }
            match failing {
                None => return None,
                Some(reason) => {
                    failed += 1;
                    first.get_or_insert(reason);
                }
            }
        }
        first.map(|mut reason| {
            reason.others = failed - 1;
            reason
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::record::UserValue;

    fn clause(attribute: &str, operator: Operator, value: &str) -> Clause {
        Clause {
            attribute: attribute.into(),
            operator,
            values: vec![value.into()],
        }
    }

    #[test]
    fn empty_values_make_even_negations_false() {
        let not_regex = clause("department", Operator::NotRegexMatch, "^Sales$");
        assert_eq!(
            clause_holds(&not_regex, Input::Missing),
            ClauseResult {
                holds: false,
                quirk: Some(Quirk::Empty)
            }
        );
        assert!(!clause_holds(&not_regex, Input::One("")).holds);
        assert!(clause_holds(&not_regex, Input::One("Marketing")).holds);
        let is_null = clause("jobTitle", Operator::IsNull, "");
        assert!(clause_holds(&is_null, Input::Missing).holds);
    }

    #[test]
    fn a_user_is_in_scope_when_any_filter_holds_entirely() {
        let mut names = AttributeNames::new();
        let department = names.intern("department");
        let filters = ScopingFilters {
            filters: vec![
                crate::mapping::scope::ScopingFilter {
                    name: "Sales".into(),
                    clauses: vec![clause("Department", Operator::Equals, "Sales")],
                },
                crate::mapping::scope::ScopingFilter {
                    name: "IT".into(),
                    clauses: vec![clause("department", Operator::Equals, "IT")],
                },
            ],
        };
        let compiled = CompiledFilters::new(&filters, &names);
        let mut user = User::new(0, 0);
        user.set(department, 0, UserValue::One("IT".into()));
        assert_eq!(compiled.check(&user), None);
        user.set(department, 0, UserValue::One("sales".into()));
        let out = compiled.check(&user).unwrap();
        assert_eq!(out.filter, "Sales");
        assert_eq!(out.clause, "Department EQUALS \"Sales\"");
        assert_eq!(out.value.as_deref(), Some("sales"));
        assert_eq!(out.others, 1);
    }
}
