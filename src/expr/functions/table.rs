//! The function table: every function of Entra's app-provisioning expression language, with its
//! parameters (by Microsoft Graph's internal names), how many arguments it takes, what kind of
//! function it is, and a one-line description. The compiler checks calls against it; the editor
//! uses it for autocomplete and signature help.

/// What kind of function it is, for the preview's labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// Same result for the same input, everywhere.
    Pure,
    /// A different result on every run in Azure (`Guid`, `Now`, `RandomString`); the preview uses
    /// a fixed clock and seed.
    NonDeterministic,
    /// Needs live directory data the export does not have; evaluated with a stated assumption.
    Directory,
    /// Decides whether the attribute flows at all (`IgnoreFlowIfNullOrEmpty`).
    FlowControl,
}

/// One parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Param {
    /// The name in Microsoft Graph's parse tree and in the signature.
    pub name: &'static str,
    /// May be left out or left empty.
    pub optional: bool,
    /// Repeats (Join's sources, Switch's key/value pairs, Coalesce's sources…).
    pub repeating: bool,
}

const fn p(name: &'static str) -> Param {
    Param {
        name,
        optional: false,
        repeating: false,
    }
}

const fn opt(name: &'static str) -> Param {
    Param {
        name,
        optional: true,
        repeating: false,
    }
}

const fn many(name: &'static str) -> Param {
    Param {
        name,
        optional: true,
        repeating: true,
    }
}

/// One function.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spec {
    /// The name, exactly as Azure spells it (names are case-sensitive).
    pub name: &'static str,
    /// The parameters.
    pub params: &'static [Param],
    /// Fewest arguments.
    pub min_args: usize,
    /// Most arguments (`usize::MAX` when a parameter repeats).
    pub max_args: usize,
    /// What kind of function.
    pub kind: Kind,
    /// What it does, in one line.
    pub summary: &'static str,
}

impl Spec {
    /// `Item(attribute, index)` with optional parameters in brackets and repeats as `…`.
    pub fn signature(&self) -> String {
        let params: Vec<String> = self
            .params
            .iter()
            .map(|param| match (param.optional, param.repeating) {
                (_, true) => format!("{}…", param.name),
                (true, false) => format!("[{}]", param.name),
                (false, false) => param.name.to_owned(),
            })
            .collect();
        format!("{}({})", self.name, params.join(", "))
    }

    /// "2 arguments", "2 or 3 arguments", "at least 2 arguments".
    pub fn arity_text(&self) -> String {
        let noun = |n: usize| if n == 1 { "argument" } else { "arguments" };
        if self.max_args == usize::MAX {
            format!("at least {} {}", self.min_args, noun(self.min_args))
        } else if self.min_args == self.max_args {
            format!("{} {}", self.min_args, noun(self.min_args))
        } else if self.max_args == self.min_args + 1 {
            format!("{} or {} arguments", self.min_args, self.max_args)
        } else {
            format!("{} to {} arguments", self.min_args, self.max_args)
        }
    }
}

const fn f(
    name: &'static str,
    params: &'static [Param],
    min_args: usize,
    max_args: usize,
    kind: Kind,
    summary: &'static str,
) -> Spec {
    Spec {
        name,
        params,
        min_args,
        max_args,
        kind,
        summary,
    }
}

const N: usize = usize::MAX;
use Kind::{Directory, FlowControl, NonDeterministic, Pure};

/// Every function of app provisioning (the 43 of the function reference, plus
/// `AssertiveAppRoleAssignmentsComplex`), in alphabetical order.
pub static FUNCTIONS: &[Spec] = &[
    f(
        "Append",
        &[p("source"), p("suffix")],
        2,
        2,
        Pure,
        "Adds the suffix to the end of the source.",
    ),
    f(
        "AppRoleAssignmentsComplex",
        &[p("source")],
        1,
        1,
        Directory,
        "One SCIM role per app role assigned to the user.",
    ),
    f(
        "AssertiveAppRoleAssignmentsComplex",
        &[p("source")],
        1,
        1,
        Directory,
        "Like AppRoleAssignmentsComplex, but also removes roles no longer assigned.",
    ),
    f(
        "BitAnd",
        &[p("value1"), p("value2")],
        2,
        2,
        Pure,
        "Bitwise AND of two integers.",
    ),
    f(
        "CBool",
        &[p("expression")],
        1,
        1,
        Pure,
        "True when the number is not zero or the comparison holds, else False.",
    ),
    f(
        "CDate",
        &[p("expression")],
        1,
        1,
        Pure,
        "Reads a date/time text and returns it in UTC.",
    ),
    f(
        "Coalesce",
        &[p("source"), many("source")],
        1,
        N,
        Pure,
        "The first argument that is not null.",
    ),
    f(
        "ConvertToBase64",
        &[p("source")],
        1,
        1,
        Pure,
        "Base64 of the text as UTF-16LE (\"Unicode\").",
    ),
    f(
        "ConvertToUTF8Hex",
        &[p("source")],
        1,
        1,
        Pure,
        "Upper-case hex of the text's UTF-8 bytes.",
    ),
    f(
        "Count",
        &[p("attribute")],
        1,
        1,
        Pure,
        "How many values a multi-valued attribute has.",
    ),
    f("CStr", &[p("value")], 1, 1, Pure, "The value as text."),
    f(
        "DateAdd",
        &[p("interval"), p("value"), p("dateTime")],
        3,
        3,
        Pure,
        "Adds a number of intervals (yyyy, m, d, ww, h, n, s) to a date.",
    ),
    f(
        "DateDiff",
        &[p("interval"), p("date1"), p("date2")],
        3,
        3,
        Pure,
        "How many intervals from date1 to date2 (negative when date2 is earlier).",
    ),
    f(
        "DateFromNum",
        &[p("value")],
        1,
        1,
        Pure,
        "Turns an AD timestamp (FILETIME) into a date.",
    ),
    f(
        "FormatDateTime",
        &[
            p("source"),
            opt("dateTimeStyles"),
            p("inputFormat"),
            p("outputFormat"),
        ],
        3,
        4,
        Pure,
        "Reads a date in one format and writes it in another.",
    ),
    f("Guid", &[], 0, 0, NonDeterministic, "A new random GUID."),
    f(
        "IgnoreFlowIfNullOrEmpty",
        &[p("expression")],
        1,
        1,
        FlowControl,
        "Leaves the attribute out when the value is null or empty.",
    ),
    f(
        "IIF",
        &[p("condition"), p("valueIfTrue"), p("valueIfFalse")],
        3,
        3,
        Pure,
        "One of two values, depending on a condition.",
    ),
    f(
        "InStr",
        &[p("value1"), p("value2"), opt("start"), opt("compareType")],
        2,
        4,
        Pure,
        "Position (from 1) of value2 in value1, or 0.",
    ),
    f(
        "IsNull",
        &[p("expression")],
        1,
        1,
        Pure,
        "True when the attribute is absent.",
    ),
    f(
        "IsNullOrEmpty",
        &[p("expression")],
        1,
        1,
        Pure,
        "True when the attribute is absent or empty.",
    ),
    f(
        "IsPresent",
        &[p("expression")],
        1,
        1,
        Pure,
        "True when the attribute has a non-empty value.",
    ),
    f(
        "IsString",
        &[p("expression")],
        1,
        1,
        Pure,
        "True when the value can be read as text.",
    ),
    f(
        "Item",
        &[p("attribute"), p("index")],
        2,
        2,
        Pure,
        "One value (counting from 1) of a multi-valued attribute or list.",
    ),
    f(
        "Join",
        &[p("separator"), p("source"), many("source")],
        2,
        N,
        Pure,
        "Joins the values with the separator, skipping empty ones.",
    ),
    f(
        "Left",
        &[p("string"), p("numChars")],
        2,
        2,
        Pure,
        "The first numChars characters.",
    ),
    f(
        "Mid",
        &[p("source"), p("start"), p("length")],
        3,
        3,
        Pure,
        "length characters starting at start (counting from 1).",
    ),
    f(
        "NormalizeDiacritics",
        &[p("source")],
        1,
        1,
        Pure,
        "Replaces accented letters with plain ones (Azure's fixed table).",
    ),
    f(
        "Not",
        &[p("source")],
        1,
        1,
        Pure,
        "False when the source is True, otherwise True.",
    ),
    f(
        "Now",
        &[],
        0,
        0,
        NonDeterministic,
        "The current date and time in UTC.",
    ),
    f(
        "NumFromDate",
        &[p("value")],
        1,
        1,
        Pure,
        "Turns a date into an AD timestamp (FILETIME).",
    ),
    f(
        "PCase",
        &[p("source"), opt("wordSeparators")],
        1,
        2,
        Pure,
        "Capitalises the first letter of each word.",
    ),
    f(
        "RandomString",
        &[
            p("Length"),
            p("MinimumNumbers"),
            p("MinimumSpecialCharacters"),
            p("MinimumCapital"),
            p("MinimumLowerCase"),
            opt("CharactersToAvoid"),
        ],
        5,
        6,
        NonDeterministic,
        "A random string with minimum counts of each kind of character.",
    ),
    f(
        "Redact",
        &[p("value")],
        1,
        1,
        Pure,
        "The value, shown as [Redact] in the provisioning logs.",
    ),
    f(
        "RemoveDuplicates",
        &[p("attribute")],
        1,
        1,
        Pure,
        "The values of a multi-valued attribute without repeats.",
    ),
    f(
        "Replace",
        &[
            p("source"),
            opt("Find"),
            opt("RegularExpression"),
            opt("RegularExpressionGroupName"),
            opt("Replacement"),
            opt("ReplacementPropertyName"),
            opt("Template"),
        ],
        2,
        7,
        Pure,
        "Replaces text or regular-expression matches; which slots are filled picks the mode.",
    ),
    f(
        "SelectUniqueValue",
        &[p("rule"), p("rule"), many("rule")],
        2,
        N,
        Directory,
        "The first candidate value not already used in the target.",
    ),
    f(
        "SingleAppRoleAssignment",
        &[p("source")],
        1,
        1,
        Directory,
        "The user's single app role.",
    ),
    f(
        "Split",
        &[p("source"), opt("delimiter")],
        1,
        2,
        Pure,
        "Splits the text into a multi-valued list at each delimiter.",
    ),
    f(
        "StripSpaces",
        &[p("source")],
        1,
        1,
        Pure,
        "Removes every space.",
    ),
    f(
        "Switch",
        &[p("source"), opt("defaultValue"), many("switchValue")],
        2,
        N,
        Pure,
        "The value paired with the first key equal to the source (case-sensitive), else the default.",
    ),
    f(
        "ToLower",
        &[p("source"), opt("culture")],
        1,
        2,
        Pure,
        "Lower-case.",
    ),
    f(
        "ToUpper",
        &[p("source"), opt("culture")],
        1,
        2,
        Pure,
        "Upper-case.",
    ),
    f(
        "Word",
        &[p("string"), p("wordNumber"), p("delimiters")],
        3,
        3,
        Pure,
        "Word number wordNumber (from 1), splitting at any of the delimiter characters.",
    ),
];

/// Functions of Entra cloud sync that app provisioning does not have.
pub static CLOUD_SYNC_ONLY: &[&str] = &[
    "ConvertFromBase64",
    "DNComponent",
    "Error",
    "StringFromSid",
    "Trim",
];

/// Functions in Microsoft Graph's function list that the app-provisioning documentation does not
/// describe: recognised, but not evaluated.
pub static UNDOCUMENTED: &[&str] = &[
    "AppRoleAssignments",
    "DefaultDomain",
    "IsNothing",
    "Prepend",
];

/// The function named exactly `name`.
pub fn lookup(name: &str) -> Option<&'static Spec> {
    FUNCTIONS
        .binary_search_by(|spec| cmp_names(spec.name, name))
        .ok()
        .map(|i| &FUNCTIONS[i])
}

/// The table is sorted case-insensitively, as the reference lists it.
fn cmp_names(a: &str, b: &str) -> std::cmp::Ordering {
    a.to_ascii_lowercase()
        .cmp(&b.to_ascii_lowercase())
        .then_with(|| a.cmp(b))
}

/// The function the admin most likely meant by `name`: same name in another case first, then
/// the closest name by edit distance (at most 2 edits, or 3 for long names).
pub fn did_you_mean(name: &str) -> Option<&'static str> {
    if let Some(spec) = FUNCTIONS.iter().find(|s| s.name.eq_ignore_ascii_case(name)) {
        return Some(spec.name);
    }
    let lower = name.to_ascii_lowercase();
    let limit = if name.len() > 8 { 3 } else { 2 };
    FUNCTIONS
        .iter()
        .map(|spec| {
            (
                edit_distance(&lower, &spec.name.to_ascii_lowercase()),
                spec.name,
            )
        })
        .filter(|(distance, _)| *distance <= limit)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, name)| name)
}

/// Levenshtein distance with adjacent transpositions counted as one edit (`Itme` → `Item`).
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev2 = vec![0usize; b.len() + 1];
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0usize; b.len() + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                cur[j] = cur[j].min(prev2[j - 2] + 1);
            }
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_has_every_function_sorted() {
        assert_eq!(FUNCTIONS.len(), 44);
        for pair in FUNCTIONS.windows(2) {
            assert_eq!(
                cmp_names(pair[0].name, pair[1].name),
                std::cmp::Ordering::Less
            );
        }
        for spec in FUNCTIONS {
            assert_eq!(lookup(spec.name), Some(spec));
            assert!(spec.min_args <= spec.max_args);
            assert!(spec.min_args <= spec.params.len() || spec.max_args == N);
        }
        assert_eq!(lookup("item"), None, "names are case-sensitive");
        assert_eq!(lookup("Trim"), None);
    }

    #[test]
    fn suggestions_for_typos_and_wrong_case() {
        assert_eq!(did_you_mean("Itme"), Some("Item"));
        assert_eq!(did_you_mean("split"), Some("Split"));
        assert_eq!(did_you_mean("iif"), Some("IIF"));
        assert_eq!(
            did_you_mean("NormaliseDiacritics"),
            Some("NormalizeDiacritics")
        );
        assert_eq!(did_you_mean("Concatenate"), None);
    }

    #[test]
    fn signatures_and_arity() {
        let item = lookup("Item").unwrap();
        assert_eq!(item.signature(), "Item(attribute, index)");
        assert_eq!(item.arity_text(), "2 arguments");
        let join = lookup("Join").unwrap();
        assert_eq!(join.signature(), "Join(separator, source, source…)");
        assert_eq!(join.arity_text(), "at least 2 arguments");
        assert_eq!(lookup("InStr").unwrap().arity_text(), "2 to 4 arguments");
        assert_eq!(
            lookup("FormatDateTime").unwrap().signature(),
            "FormatDateTime(source, [dateTimeStyles], inputFormat, outputFormat)"
        );
    }
}
