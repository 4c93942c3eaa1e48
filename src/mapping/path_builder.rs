//! The delimited department path builder: the admin's `department` (or another attribute) holds
//! a whole path (`Contoso > Sales > EMEA`, `A|B|C`, `A/B`). This finds the delimiters the loaded
//! data really uses, how many levels the paths have, and writes the Azure expressions that send
//! each level to organization, division and department.
//!
//! Azure has no `Trim`, so the expressions first normalize with regular-expression `Replace`s:
//! surrounding spaces removed, every delimiter (with any spaces around it) made `|`. A value
//! without a delimiter is a department alone (organization and division stay empty, so Azure
//! sends nothing for them); the department is always the last level. Regex backslashes are
//! written doubled (`\\s`), as Microsoft's documentation writes them.

use std::collections::BTreeMap;

use super::{ENTERPRISE, Mapping};
use crate::import::UserSet;

/// The delimiters looked for, as they appear in values.
pub const DELIMITERS: [char; 4] = ['>', '|', '/', '\\'];

/// What the loaded values of one attribute look like.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathAnalysis {
    /// The source attribute.
    pub attribute: String,
    /// Users with a value.
    pub users: usize,
    /// Each delimiter found, with how many users' values contain it.
    pub delimiters: Vec<(char, usize)>,
    /// Number of levels → how many users' values have that many.
    pub levels: BTreeMap<usize, usize>,
}

impl PathAnalysis {
    /// The number of levels most paths (values with a delimiter) have; 1 when none has one.
    pub fn typical_levels(&self) -> usize {
        self.levels
            .iter()
            .filter(|(levels, _)| **levels > 1)
            .max_by_key(|(levels, users)| (**users, **levels))
            .map_or(1, |(levels, _)| *levels)
    }
}

/// Looks at `attribute` in every loaded user.
pub fn analyze(set: &UserSet, attribute: &str) -> PathAnalysis {
    let mut analysis = PathAnalysis {
        attribute: attribute.to_owned(),
        users: 0,
        delimiters: Vec::new(),
        levels: BTreeMap::new(),
    };
    let mut found = [0usize; DELIMITERS.len()];
    for user in &set.users {
        let Some(value) = user.text(&set.names, attribute) else {
            continue;
        };
        analysis.users += 1;
        for (i, d) in DELIMITERS.iter().enumerate() {
            if value.contains(*d) {
                found[i] += 1;
            }
        }
        let levels = value
            .split(DELIMITERS)
            .filter(|part| !part.trim().is_empty())
            .count()
            .max(1);
        *analysis.levels.entry(levels).or_default() += 1;
    }
    analysis.delimiters = DELIMITERS
        .iter()
        .zip(found)
        .filter(|(_, users)| *users > 0)
        .map(|(d, users)| (*d, users))
        .collect();
    analysis
}

/// `set` with the `proposed` mappings in place of those to the same targets (others kept).
pub fn apply(set: &mut super::MappingSet, proposed: &[Mapping]) {
    for mapping in proposed {
        match set.mappings.iter().position(|m| m.target == mapping.target) {
            Some(m) => set.mappings[m] = mapping.clone(),
            None => set.mappings.push(mapping.clone()),
        }
    }
}

/// Attributes never holding an organization path (names, addresses, ids, e-mail).
const NOT_PATHS: [&str; 8] = [
    "objectId",
    "userPrincipalName",
    "mail",
    "mailNickname",
    "proxyAddresses",
    "manager",
    "displayName",
    "onPremisesDistinguishedName",
];

/// The attribute that most likely holds delimited paths: the one with the most users whose
/// value has two or more named levels (parts with a letter, no `@` or `://`). Ties go to
/// `department`, then to the name. `None` when no attribute has paths.
pub fn suggest(set: &UserSet) -> Option<String> {
    let mut paths = vec![0usize; set.names.len()];
    for user in &set.users {
        for slot in user.slots() {
            let crate::import::record::ValueRef::One(value) = user.value(slot) else {
                continue;
            };
            if looks_like_path(value) {
                paths[slot.attr as usize] += 1;
            }
        }
    }
    set.names
        .iter()
        .enumerate()
        .filter(|(i, name)| paths[*i] > 0 && !NOT_PATHS.contains(name))
        .max_by(|(a, a_name), (b, b_name)| {
            paths[*a]
                .cmp(&paths[*b])
                .then_with(|| (*a_name == "department").cmp(&(*b_name == "department")))
                .then_with(|| b_name.cmp(a_name))
        })
        .map(|(_, name)| name.to_owned())
}

/// A value like `Contoso > Sales` or `Sales/EMEA`: two or more parts with a letter, and not a
/// mail address or a link.
fn looks_like_path(value: &str) -> bool {
    if !value.contains(DELIMITERS) || value.contains('@') || value.contains("://") {
        return false;
    }
    value
        .split(DELIMITERS)
        .filter(|part| part.chars().any(char::is_alphabetic))
        .count()
        >= 2
}

/// The regex character class of the delimiters, as an Entra string literal's content.
fn class(delimiters: &[(char, usize)]) -> String {
    let inner: String = delimiters
        .iter()
        .map(|(d, _)| match d {
            '\\' => "\\\\\\\\".to_owned(), // regex \\ , written doubled
            '|' => "|".to_owned(),
            other => other.to_string(),
        })
        .collect();
    format!("[{inner}]")
}

/// The normalized value: trimmed, every delimiter made `|`.
pub fn normalized(attribute: &str, delimiters: &[(char, usize)]) -> String {
    format!(
        "Replace(Replace([{attribute}], , \"^\\\\s+|\\\\s+$\", , \"\", , ), , \"\\\\s*{}\\\\s*\", , \"|\", , )",
        class(delimiters)
    )
}

/// Level `n` (1-based) of a path; empty for a value without a delimiter, or with fewer levels.
pub fn level(attribute: &str, delimiters: &[(char, usize)], n: usize) -> String {
    let padding = "|".repeat(n.saturating_sub(1).max(1));
    format!(
        "Item(Split(Append(Replace({}, , \"^[^|]*$\", , \"\", , ), \"{padding}\"), \"|\"), {n})",
        normalized(attribute, delimiters)
    )
}

/// The last level of a path (the value itself when it has no delimiter).
pub fn last(attribute: &str, delimiters: &[(char, usize)]) -> String {
    format!(
        "Replace({}, , \"^.*\\\\|\", , \"\", , )",
        normalized(attribute, delimiters)
    )
}

/// The mappings the builder proposes: with 3 or more levels, organization = level 1, division =
/// level 2, department = the last level; with 2, division = level 1 and department = level 2.
/// None when the values have no delimiter.
pub fn propose(analysis: &PathAnalysis) -> Vec<Mapping> {
    let levels = analysis.typical_levels();
    if levels < 2 || analysis.delimiters.is_empty() {
        return Vec::new();
    }
    let (attribute, delimiters) = (&analysis.attribute, &analysis.delimiters);
    let target = |attr: &str| format!("{ENTERPRISE}:{attr}");
    let mut mappings = Vec::new();
    if levels >= 3 {
        mappings.push(Mapping::expression(
            &level(attribute, delimiters, 1),
            &target("organization"),
        ));
        mappings.push(Mapping::expression(
            &level(attribute, delimiters, 2),
            &target("division"),
        ));
    } else {
        mappings.push(Mapping::expression(
            &level(attribute, delimiters, 1),
            &target("division"),
        ));
    }
    mappings.push(Mapping::expression(
        &last(attribute, delimiters),
        &target("department"),
    ));
    mappings
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::expr::{AttributeNames, AttributeSet, EvalContext, Expression, Stored};

    fn run(expression: &str, value: &str) -> Option<String> {
        let mut names = AttributeNames::new();
        let compiled = Expression::compile(expression, &mut names).expect("compiles");
        let mut user = AttributeSet::new();
        user.set(&mut names, "department", Stored::One(value.into()));
        let result = compiled.evaluate(&user, &EvalContext::default()).outcome;
        result.single().map(str::to_owned).filter(|v| !v.is_empty())
    }

    #[test]
    fn the_levels_come_out_of_every_delimiter_style() {
        let delimiters = [('>', 1), ('|', 1), ('/', 1), ('\\', 1)];
        let cases = [
            (
                "Vindel > Sales > EMEA",
                [Some("Vindel"), Some("Sales"), Some("EMEA")],
            ),
            (
                "Vindel|Sales|APAC",
                [Some("Vindel"), Some("Sales"), Some("APAC")],
            ),
            (
                "Vindel/Operations/Logistics",
                [Some("Vindel"), Some("Operations"), Some("Logistics")],
            ),
            (
                "Vindel\\R&D\\Firmware",
                [Some("Vindel"), Some("R&D"), Some("Firmware")],
            ),
            (
                "Vindel>Customer Success>EMEA",
                [Some("Vindel"), Some("Customer Success"), Some("EMEA")],
            ),
            (
                "Vindel > Sales > EMEA > DACH",
                [Some("Vindel"), Some("Sales"), Some("DACH")],
            ),
            ("Finance", [None, None, Some("Finance")]),
            ("  Marketing ", [None, None, Some("Marketing")]),
        ];
        for (value, [organization, division, department]) in cases {
            assert_eq!(
                run(&level("department", &delimiters, 1), value).as_deref(),
                organization,
                "{value}"
            );
            assert_eq!(
                run(&level("department", &delimiters, 2), value).as_deref(),
                division,
                "{value}"
            );
            assert_eq!(
                run(&last("department", &delimiters), value).as_deref(),
                department,
                "{value}"
            );
        }
    }

    #[test]
    fn proposals_follow_the_levels_the_data_has() {
        let mut analysis = PathAnalysis {
            attribute: "department".into(),
            users: 10,
            delimiters: vec![('>', 8)],
            levels: BTreeMap::from([(1, 2), (3, 6), (4, 2)]),
        };
        assert_eq!(analysis.typical_levels(), 3);
        let targets: Vec<String> = propose(&analysis).into_iter().map(|m| m.target).collect();
        assert_eq!(
            targets,
            ["organization", "division", "department"].map(|a| format!("{ENTERPRISE}:{a}"))
        );
        analysis.levels = BTreeMap::from([(2, 5)]);
        assert_eq!(propose(&analysis).len(), 2, "division and department");
        analysis.levels = BTreeMap::from([(1, 5)]);
        assert!(propose(&analysis).is_empty(), "no paths, nothing to split");
        // Every proposal fits Azure's limit.
        analysis.levels = BTreeMap::from([(3, 5)]);
        assert!(propose(&analysis).iter().all(|m| m.source.len() < 10_000));
    }

    #[test]
    fn the_attribute_holding_paths_is_suggested() {
        use crate::import::{Input, Progress};
        let json = r#"{"value": [
            {"id": "1", "department": "Sales", "extensionAttribute3": "Vindel > Sales > EMEA", "mail": "a/b@x.com"},
            {"id": "2", "department": "IT", "extensionAttribute3": "Vindel > IT > Support"},
            {"id": "3", "department": "R/D", "extensionAttribute3": "Vindel|R&D", "jobTitle": "2020/21"},
            {"id": "4", "department": "IT"}
        ]}"#;
        let input = Input::Bytes {
            name: "users.json".into(),
            bytes: json.as_bytes().to_vec().into(),
        };
        let set = crate::import::UserSet::load(&[input], &Progress::default()).0;
        assert_eq!(suggest(&set).as_deref(), Some("extensionAttribute3"));
        assert!(looks_like_path("Contoso / Sales"));
        assert!(
            !looks_like_path("2020/21"),
            "dates and numbers are not paths"
        );
        assert!(!looks_like_path("a/b@x.com"));
        assert!(!looks_like_path("https://x.com/a"));
        let json = r#"{"value": [{"id": "1", "department": "Sales"}]}"#;
        let input = Input::Bytes {
            name: "users.json".into(),
            bytes: json.as_bytes().to_vec().into(),
        };
        let set = crate::import::UserSet::load(&[input], &Progress::default()).0;
        assert_eq!(suggest(&set), None);
    }
}
