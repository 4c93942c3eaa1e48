//! Every problem the preview finds, each with the users concerned and a fix in plain words.
//!
//! | kind | what |
//! |---|---|
//! | `near-duplicate-units` | names of one level that differ only by case, spaces or accents |
//! | `surrounding-spaces` | values sent with leading or trailing spaces |
//! | `single-user-unit` | an organization, division or department with one user (a typo?) |
//! | `missing-level` | users without an organization, division or department |
//! | `path-in-one-attribute` | a mapped value that holds a whole delimited path |
//! | `expression-error` | a mapping that fails for some users |
//! | `attribute-not-in-export` | a mapping reads an attribute no loaded user has |
//! | `duplicate-matching-value` | users with the same matching value (Azure fails them) |
//! | `no-matching-value` | users without a matching value (Azure fails them) |
//! | `manager-skipped` | users whose manager Azure skips: no reporting line ([`super::manager`]) |
//! | `manager-not-loaded` | users whose manager is not among the loaded users |
//! | `expression-too-long` | an expression over Azure's 10 000 characters |
//! | `value-too-long` | a value longer than SCIM apps commonly accept (255 characters) |
//! | `mapping-error` | a mapping that does not compile, or a target Azure cannot have |

use std::collections::BTreeMap;

use serde::Serialize;

use super::Preview;
use super::hierarchy::Node;
use super::redact::{self, Redaction};
use super::units::{self, UnitProblem, Variants};
use crate::expr::text::normalize_diacritics;
use crate::import::UserSet;
use crate::mapping::compiled::Source;

/// Azure's limit on an expression's length.
pub const MAX_EXPRESSION: usize = 10_000;
/// The length above which a value is flagged.
pub use super::checks::MAX_VALUE;

/// One problem.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// A stable name of the kind (see the module's table).
    pub kind: &'static str,
    /// What is wrong and what to do, in plain words.
    pub message: String,
    /// The users concerned (indices into the set).
    pub users: Vec<usize>,
    /// The message as a redacted export shows it, when the message quotes personal values
    /// (`None`: the message quotes none and is shown as is).
    #[serde(skip)]
    pub shareable: Option<String>,
}

impl Diagnostic {
    /// The message, or its shareable form when `redacted`.
    pub fn message_shown(&self, redacted: bool) -> &str {
        match (&self.shareable, redacted) {
            (Some(shareable), true) => shareable,
            _ => &self.message,
        }
    }
}

/// The diagnostics of a preview, grouped by what they depend on, so that changing one mapping
/// recomputes only its group (and the hierarchy's or matching's when it feeds them).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Groups {
    /// The mapping set as a whole: what Azure would not save (no mappings, no matching
    /// attribute, a matching precedence used twice, a target mapped twice).
    pub set: Vec<Diagnostic>,
    /// Per mapping: its own problems (compile errors, failures, values).
    pub per_mapping: Vec<Vec<Diagnostic>>,
    /// Duplicate and missing matching values.
    pub matching: Vec<Diagnostic>,
    /// Units and levels of the hierarchy, and the reporting lines lost to a manager who is not
    /// provisioned ([`super::manager::problems`]).
    pub hierarchy: Vec<Diagnostic>,
}

impl Groups {
    /// All diagnostics: the set's, mapping by mapping, then matching, then the hierarchy.
    pub fn all(&self) -> Vec<Diagnostic> {
        self.set
            .iter()
            .chain(self.per_mapping.iter().flatten())
            .chain(&self.matching)
            .chain(&self.hierarchy)
            .cloned()
            .collect()
    }
}

/// Finds the problems of `preview` over `set`.
pub fn find(set: &UserSet, preview: &Preview) -> Groups {
    Groups {
        set: set_problems(preview),
        per_mapping: per_mapping(set, preview),
        matching: matching(preview),
        hierarchy: hierarchy(preview),
    }
}

/// What Azure would refuse in the mapping set as a whole. Azure's attribute-mapping page does
/// not save such a set; its exact words are not documented, so these say what to fix.
pub fn set_problems(preview: &Preview) -> Vec<Diagnostic> {
    let mappings: Vec<&crate::mapping::Mapping> =
        preview.mappings.iter().map(|c| &c.mapping).collect();
    let mut out = Vec::new();
    let mut problem = |kind: &'static str, message: String| {
        out.push(Diagnostic {
            kind,
            message,
            users: Vec::new(),
            shareable: None,
        });
    };
    if mappings.is_empty() {
        problem(
            "no-mappings",
            "There are no mappings: Azure would send nothing and could not find anyone in \
             Secure Practice. Start from a preset (Azure defaults, or Secure Practice \
             hierarchy)."
                .to_owned(),
        );
        return out;
    }
    let mut matching: Vec<(u32, &str)> = mappings
        .iter()
        .filter(|m| m.matching > 0)
        .map(|m| (m.matching, m.target.as_str()))
        .collect();
    matching.sort();
    if matching.is_empty() {
        problem(
            "no-matching-attribute",
            "No mapping is marked \"Match objects using this attribute\". Azure needs one to find \
             users in Secure Practice and will not save the mappings without it. Edit the userName \
             mapping and set Match objects using this attribute: Yes, precedence 1."
                .to_owned(),
        );
    }
    for pair in matching.windows(2) {
        if let [(a, first), (b, second)] = pair
            && a == b
        {
            problem(
                "duplicate-matching-precedence",
                format!(
                    "{first} and {second} both have matching precedence {a}. Each matching \
                     attribute needs its own precedence (1 is tried first, then 2…); give \
                     them different numbers."
                ),
            );
        }
    }
    let mut seen: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for (i, mapping) in mappings.iter().enumerate() {
        if let Some(first) = seen.insert(mapping.target.as_str(), i) {
            problem(
                "duplicate-target",
                format!(
                    "Mappings {} and {} both send {}. Azure allows one mapping per target \
                     attribute; this preview uses the later one. Delete the one you do not \
                     want.",
                    first + 1,
                    i + 1,
                    crate::preview::target::shown_name(&mapping.target)
                ),
            );
        }
    }
    out
}

/// Every mapping's own problems, mapping by mapping.
pub fn per_mapping(set: &UserSet, preview: &Preview) -> Vec<Vec<Diagnostic>> {
    let columns: Vec<usize> = (0..preview.mappings.len()).collect();
    let mut per_mapping = vec![Vec::new(); preview.mappings.len()];
    mapping_problems(set, preview, &columns, &mut per_mapping);
    value_problems(preview, &columns, &mut per_mapping);
    per_mapping
}

/// The problems of mapping `m` alone (after it changed).
pub fn for_mapping(set: &UserSet, preview: &Preview, m: usize) -> Vec<Diagnostic> {
    let mut per_mapping = vec![Vec::new(); preview.mappings.len()];
    mapping_problems(set, preview, &[m], &mut per_mapping);
    value_problems(preview, &[m], &mut per_mapping);
    std::mem::take(&mut per_mapping[m])
}

/// The matching problems.
pub fn matching(preview: &Preview) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    matching_problems(preview, &mut out);
    out
}

/// The hierarchy problems, then the lost reporting lines (counted by
/// [`super::manager::problems`] when who is skipped or the manager mapping changes).
pub fn hierarchy(preview: &Preview) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    hierarchy_problems(preview, &mut out);
    out.extend(preview.lost_lines.iter().cloned());
    out
}

fn mapping_problems(
    set: &UserSet,
    preview: &Preview,
    columns: &[usize],
    groups: &mut [Vec<Diagnostic>],
) {
    // The attributes at least one loaded user has.
    let present: Vec<&str> = set
        .names
        .iter()
        .enumerate()
        .filter(|(i, _)| set.users_with(*i) > 0)
        .map(|(_, name)| name)
        .collect();
    for &m in columns {
        let compiled = &preview.mappings[m];
        let out = &mut groups[m];
        let target = &compiled.mapping.target;
        if let Some(error) = &compiled.error {
            out.push(Diagnostic {
                kind: "mapping-error",
                message: format!(
                    "The mapping to {target} does not compile (column {}): {}",
                    error.span.start + 1,
                    error.message
                ),
                shareable: None,
                users: Vec::new(),
            });
        }
        if preview.targets[m].is_none() {
            out.push(Diagnostic {
                kind: "mapping-error",
                message: format!(
                    "{} is not a target attribute Azure can have. Write it as in Azure's \
                     attribute list, e.g. name.givenName or emails[type eq \"work\"].value: \
                     names start with a letter and have letters, digits, - and _, at most {} \
                     characters.",
                    crate::preview::target::shown_name(target),
                    crate::preview::target::MAX_NAME
                ),
                shareable: None,
                users: Vec::new(),
            });
        }
        if let Source::Attribute { name, .. } = &compiled.source
            && !present.contains(&name.as_str())
        {
            let other_case = present.iter().find(|p| p.eq_ignore_ascii_case(name));
            out.push(Diagnostic {
                kind: "attribute-not-in-export",
                message: match other_case {
                    Some(right) => format!(
                        "The mapping to {target}: [{name}] is not an attribute of the loaded \
                         users, but [{right}] is: attribute names are case-sensitive in Azure."
                    ),
                    None => format!(
                        "The mapping to {target}: None of the loaded users has [{name}]: it is \
                         null for everyone. Check the spelling, or include it in the export."
                    ),
                },
                shareable: None,
                users: Vec::new(),
            });
        }
        if let Source::Expression(expression) = &compiled.source {
            if expression.text().chars().count() > MAX_EXPRESSION {
                out.push(Diagnostic {
                    kind: "expression-too-long",
                    message: format!(
                        "The expression for {target} has {} characters; Azure accepts at most \
                         {MAX_EXPRESSION}. Shorten it (a Switch with fewer cases, or a \
                         Replace with a regular expression).",
                        expression.text().chars().count()
                    ),
                    shareable: None,
                    users: Vec::new(),
                });
            }
            for error in expression.unknown_attributes(present.iter().copied()) {
                out.push(Diagnostic {
                    kind: "attribute-not-in-export",
                    message: format!("The mapping to {target}: {}", error.message),
                    shareable: None,
                    users: Vec::new(),
                });
            }
        }
    }
}

fn value_problems(preview: &Preview, columns: &[usize], groups: &mut [Vec<Diagnostic>]) {
    let redaction = Redaction::new(preview);
    let created = |u: &usize| preview.users[*u].skipped.is_none();
    for &m in columns {
        let found = &preview.columns[m].found;
        let out = &mut groups[m];
        let target = &preview.targets[m]
            .as_ref()
            .map_or_else(|| preview.mappings[m].mapping.target.clone(), |t| t.short());
        let failed = found.failed.clone();
        if let Some(&first) = failed.first()
            && let Some(error) = preview.cell(first, m).error()
        {
            let one = failed.len() == 1;
            // The error is the first user's: it may speak of "this user".
            let message = |error: Option<&str>| {
                format!(
                    "The mapping to {target} fails for {} user{}{} Azure reports an error for {}; \
                     change the expression so it handles {} values.",
                    failed.len(),
                    plural(failed.len()),
                    match (error, one) {
                        (Some(error), true) => format!(": {}", sentence(error)),
                        (Some(error), false) => format!(". For the first: {}", sentence(error)),
                        (None, true) => " (the error is left out: it may quote the user's \
                             personal values)."
                            .to_owned(),
                        (None, false) => " (the error is left out: it may quote their personal \
                             values)."
                            .to_owned(),
                    },
                    if one { "this user" } else { "each of them" },
                    if one { "the user's" } else { "their" },
                )
            };
            out.push(Diagnostic {
                kind: "expression-error",
                message: message(Some(&error.message)),
                shareable: redaction.is_personal(m).then(|| message(None)),
                users: failed,
            });
        }
        let spaced: Vec<usize> = found.spaced.iter().copied().filter(created).collect();
        let long: Vec<usize> = found.long.iter().copied().filter(created).collect();
        if !spaced.is_empty() {
            let level = preview.targets[m]
                .as_ref()
                .and_then(super::target::Target::enterprise)
                .filter(|a| super::hierarchy::LEVELS.contains(a));
            out.push(Diagnostic {
                kind: "surrounding-spaces",
                message: format!(
                    "{} user{} would get {target} with spaces before or after the text. Secure \
                     Practice may treat \"Sales \" and \"Sales\" as different {}. Fix the values \
                     in Entra.",
                    spaced.len(),
                    plural(spaced.len()),
                    level.map_or_else(|| "values".to_owned(), |level| format!("{level}s")),
                ),
                shareable: None,
                users: spaced,
            });
        }
        if !long.is_empty() {
            out.push(Diagnostic {
                kind: "value-too-long",
                message: format!(
                    "{} user{} would get {target} longer than {MAX_VALUE} characters, which \
                     SCIM apps often reject. Shorten the values, or map a shorter attribute.",
                    long.len(),
                    plural(long.len())
                ),
                shareable: None,
                users: long,
            });
        }
        for (levels, users) in &found.paths {
            let users: Vec<usize> = users.iter().copied().filter(created).collect();
            if users.is_empty() {
                continue;
            }
            out.push(Diagnostic {
                kind: "path-in-one-attribute",
                message: format!(
                    "{} user{} would get {target} holding a whole path of {levels} levels \
                     (e.g. \"A > B > C\"). Secure Practice makes one {target} of the whole \
                     text. Split the path into organization, division and department with expressions.",
                    users.len(),
                    plural(users.len())
                ),
                shareable: None,
                users,
            });
        }
    }
}

fn matching_problems(preview: &Preview, out: &mut Vec<Diagnostic>) {
    let (duplicates, examples, m) = preview.duplicate_matching_values();
    if !duplicates.is_empty() {
        let example = examples.first().map_or("", String::as_str);
        let message = |example: &str| {
            format!(
                "{} users share a matching value with someone else (e.g. {example}). Azure \
                 matches users by it and fails those it cannot tell apart. Make the values \
                 unique.",
                duplicates.len(),
            )
        };
        let redaction = Redaction::new(preview);
        out.push(Diagnostic {
            kind: "duplicate-matching-value",
            message: message(example),
            shareable: m
                .filter(|&m| redaction.is_personal(m))
                .map(|m| message(&redaction.value(m, example))),
            users: duplicates,
        });
    }
    let unmatched: Vec<usize> = preview
        .users
        .iter()
        .enumerate()
        .filter(|(_, u)| {
            matches!(
                u.skipped.as_deref(),
                Some(super::SkipReason::NoMatchingValue { .. })
            )
        })
        .map(|(i, _)| i)
        .collect();
    if !unmatched.is_empty() {
        out.push(Diagnostic {
            kind: "no-matching-value",
            message: format!(
                "{} user{} no value for the matching attribute: Azure cannot match or \
                 create {}.",
                unmatched.len(),
                if unmatched.len() == 1 {
                    " has"
                } else {
                    "s have"
                },
                if unmatched.len() == 1 {
                    "this user"
                } else {
                    "them"
                }
            ),
            shareable: None,
            users: unmatched,
        });
    }
}

fn hierarchy_problems(preview: &Preview, out: &mut Vec<Diagnostic>) {
    let nodes: Vec<&Node> = preview.hierarchy.iter().flat_map(Node::walk).collect();
    let redaction = Redaction::new(preview);
    // The unit names of a level whose mapping is personal, as a redacted export shows them.
    let shown = |level: &str, names: &[String]| -> Option<Vec<String>> {
        redaction
            .level_is_personal(preview, level)
            .then(|| names.iter().map(|n| redact::token(n)).collect())
    };
    // Each unit checked once (the same check gives the tree's badges).
    let variants = Variants::of(&preview.hierarchy);
    let checked: Vec<(&Node, Vec<UnitProblem>)> = nodes
        .iter()
        .map(|&node| (node, units::check(node, &variants)))
        .collect();
    let with = |problem: UnitProblem, level: &str| -> Vec<&Node> {
        checked
            .iter()
            .filter(|(node, problems)| node.level == level && problems.contains(&problem))
            .map(|(node, _)| *node)
            .collect()
    };
    // Near-duplicates: same level, same name once case, spaces and accents are ignored.
    let mut by_key: BTreeMap<(&str, String), Vec<&Node>> = BTreeMap::new();
    for (node, problems) in &checked {
        if let (Some(name), true) = (&node.name, problems.contains(&UnitProblem::NearDuplicate)) {
            by_key
                .entry((node.level, fold(name)))
                .or_default()
                .push(node);
        }
    }
    for ((level, _), group) in by_key {
        let mut names: Vec<String> = group.iter().map(|n| n.label()).collect();
        names.sort();
        names.dedup();
        if names.len() > 1 {
            let users = members(&group);
            let message = |names: &[String]| {
                format!(
                    "These {level} names differ only by case, spaces or accents: {}. Secure \
                     Practice makes a separate {level} of each. Make them the same in Entra.",
                    names.join(", ")
                )
            };
            out.push(Diagnostic {
                kind: "near-duplicate-units",
                message: message(&names),
                shareable: shown(level, &names).map(|names| message(&names)),
                users,
            });
        }
    }
    for level in super::hierarchy::LEVELS {
        let single = with(UnitProblem::SingleUser, level);
        if !single.is_empty() {
            let mut names: Vec<String> = single.iter().map(|n| n.label()).collect();
            names.sort();
            names.dedup();
            let message = |names: &[String]| {
                let listed = names.iter().take(8).cloned().collect::<Vec<_>>().join(", ");
                let more = names.len().saturating_sub(8);
                format!(
                    "{} {level}{} a single user: {listed}{}. If {} a typo of another \
                     {level}'s name, fix it in Entra.",
                    names.len(),
                    if names.len() == 1 { " has" } else { "s have" },
                    if more > 0 {
                        format!(" and {more} more")
                    } else {
                        String::new()
                    },
                    if names.len() == 1 { "it is" } else { "one is" },
                )
            };
            out.push(Diagnostic {
                kind: "single-user-unit",
                message: message(&names),
                shareable: shown(level, &names).map(|names| message(&names)),
                users: members(&single),
            });
        }
    }
    for level in super::hierarchy::LEVELS {
        let missing = with(UnitProblem::Missing, level);
        if !missing.is_empty() {
            let users = members(&missing);
            out.push(Diagnostic {
                kind: "missing-level",
                message: format!(
                    "{} user{} would have no {level}. Fill it in Entra, or give the mapping a \
                     default value.",
                    users.len(),
                    plural(users.len())
                ),
                shareable: None,
                users,
            });
        }
    }
}

/// Every user in the subtrees of `nodes`.
fn members(nodes: &[&Node]) -> Vec<usize> {
    let mut users: Vec<usize> = nodes
        .iter()
        .flat_map(|n| n.walk())
        .flat_map(|n| n.members.iter().copied())
        .collect();
    users.sort_unstable();
    users.dedup();
    users
}

/// A name with case, surrounding and repeated spaces and accents ignored.
pub(crate) fn fold(name: &str) -> String {
    normalize_diacritics(name)
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// `text` as a sentence: ending with a full stop unless it ends with one already.
fn sentence(text: &str) -> String {
    let text = text.trim_end();
    if text.ends_with(['.', '!', '?']) || text.ends_with(".)") {
        text.to_owned()
    } else {
        format!("{text}.")
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
