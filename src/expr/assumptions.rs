//! Every place where the preview has to choose a behaviour Microsoft does not document, in one
//! file, and the [`Note`]s the engine attaches to a result so the window can say so
//! ("Azure may differ here").
//!
//! The choices ([`CHOICES`]) follow `expressions.md`: where a behaviour is marked unknown or only
//! inferred, the most likely one is taken and a note is returned when it matters for a value.

use super::error::Span;
use super::functions::Func;

/// What kind of note.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NoteKind {
    /// Microsoft does not document this case; the preview chose the most likely behaviour.
    AzureMayDiffer,
    /// Different on every run in Azure (Guid, Now, RandomString).
    NonDeterministic,
    /// Depends on live directory data; evaluated with a stated assumption.
    Directory,
    /// A documented Azure behaviour that surprises people.
    Quirk,
    /// A documented limit (length).
    Limit,
}

impl NoteKind {
    /// A short label for the window.
    pub fn label(self) -> &'static str {
        match self {
            NoteKind::AzureMayDiffer => "Azure may differ here",
            NoteKind::NonDeterministic => "Different on every run in Azure",
            NoteKind::Directory => "Depends on the directory",
            NoteKind::Quirk => "Azure quirk",
            NoteKind::Limit => "Azure limit",
        }
    }
}

/// Something the admin should know about a result or an expression.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Note {
    /// The part of the expression it is about.
    pub span: Span,
    /// What kind.
    pub kind: NoteKind,
    /// The explanation, in plain words.
    pub message: String,
}

impl Note {
    pub(crate) fn new(span: Span, kind: NoteKind, message: impl Into<String>) -> Self {
        Self {
            span,
            kind,
            message: message.into(),
        }
    }
}

/// The assumption made for a function that needs live directory data.
pub(crate) fn directory_assumption(func: Func) -> &'static str {
    match func {
        Func::SelectUniqueValue => {
            "Azure picks the first candidate not already used in the target directory; the \
             preview picks the first one not used by another loaded user."
        }
        Func::SingleAppRoleAssignment => {
            "Uses appRoleAssignments: with assignments loaded in step 2 (or --assignments), one \
             value per assignment (the app role's id, or Default Access), directly and through \
             each assigned group; Azure uses the app's live role assignments and the role's \
             value."
        }
        _ => {
            "Built from appRoleAssignments (with assignments loaded, the app role ids, or \
             Default Access); Azure uses the app's role definitions (ids, values and display \
             names), which neither the export nor the assignment list has."
        }
    }
}

/// Every choice the engine makes where Microsoft is silent, as (topic, choice): the evaluator's
/// own ([`CHOICES`]), the text functions' and the date functions'. `scim-preflight eval
/// --assumptions` prints them.
pub fn all_choices() -> impl Iterator<Item = (&'static str, &'static str)> {
    CHOICES
        .iter()
        .copied()
        .chain(super::text::ASSUMPTIONS.iter().copied())
        .chain(SCOPING_CHOICES.iter().copied())
        .chain(
            super::datetime::ASSUMPTIONS
                .iter()
                .map(|choice| ("Dates", *choice)),
        )
        .chain(RequestChoice::ALL.iter().map(|c| (c.topic(), c.text())))
}

/// Where Microsoft's own example requests disagree or say nothing, what the preview's requests
/// do (`preview::scim`): listed with the expression choices, and shown beside a user's
/// requests where it applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RequestChoice {
    /// The work address carries `primary: true`.
    AddressPrimary,
    /// Both schemas are listed even when no enterprise value is sent.
    Schemas,
    /// The `aadOptscim062020` PATCH's path-less replace comes after the path operations.
    CollapsedLast,
    /// A value that becomes empty gets no operation.
    EmptyValue,
}

impl RequestChoice {
    /// Every choice, in the order listed.
    pub const ALL: [RequestChoice; 4] = [
        RequestChoice::AddressPrimary,
        RequestChoice::Schemas,
        RequestChoice::CollapsedLast,
        RequestChoice::EmptyValue,
    ];

    /// What it is about.
    pub fn topic(self) -> &'static str {
        match self {
            RequestChoice::AddressPrimary | RequestChoice::Schemas => "POST /Users",
            RequestChoice::CollapsedLast | RequestChoice::EmptyValue => "PATCH /Users",
        }
    }

    /// The choice, in plain words, with its sources.
    pub fn text(self) -> &'static str {
        match self {
            RequestChoice::AddressPrimary => {
                "E-mails, phone numbers and addresses carry primary: true on the work entry and \
                 false on the others. Microsoft's examples disagree for addresses: the SCIM \
                 tutorial shows a work address with primary true, the SCIM reference code's user \
                 payload one with primary false; the preview sends true, like the work e-mail and \
                 phone number."
            }
            RequestChoice::Schemas => {
                "The create request lists the core and the enterprise schema even when the user \
                 gets no enterprise value, as the SCIM tutorial's Create User request does; Azure \
                 may list only the core schema then."
            }
            RequestChoice::CollapsedLast => {
                "With aadOptscim062020, the one replace without a path (all the other changed \
                 attributes) comes after the operations with a path, as in Microsoft's example on \
                 the aadOptscim062020 page; the order has no documented meaning."
            }
            RequestChoice::EmptyValue => {
                "A value that becomes empty in Entra gets no operation on the next cycle, so \
                 Secure Practice keeps the old value: Microsoft documents clearing target values \
                 (Flow null values) only for inbound provisioning, not for apps like this one."
            }
        }
    }
}

/// The undocumented behaviours the evaluator had to choose, as (function, choice).
pub const CHOICES: &[(&str, &str)] = &[
    (
        "IIF",
        "A comparison in the condition on a missing attribute fails the attribute (Azure documents that such a condition fails); an empty attribute is compared as empty text, with a note.",
    ),
    (
        "IIF",
        "Only the branch that is taken is evaluated; an error in the other branch does not fail the result.",
    ),
    (
        "IIF",
        "IsPresent/IsNull/IsNullOrEmpty in the condition work on missing attributes (Microsoft's own pages use this, though one page calls it unsupported).",
    ),
    ("Append", "A missing source is treated as empty text."),
    (
        "String functions",
        "Applied to a multi-valued attribute, Append, Left, Mid, NormalizeDiacritics, PCase, StripSpaces, ToLower, ToUpper and Replace work on each value.",
    ),
    (
        "Other functions",
        "Given a multi-valued attribute where one value is expected, they use the first value.",
    ),
    (
        "InStr, CDate, DateAdd, DateDiff, NumFromDate",
        "A missing source gives a missing result.",
    ),
    (
        "Coalesce",
        "Empty text counts as a value (only missing values are skipped).",
    ),
    (
        "Count",
        "A missing attribute counts 0 values; a single-valued one counts 1.",
    ),
    (
        "Item",
        "An index below 1 or past the last value fails the attribute.",
    ),
    (
        "Split",
        "Without a delimiter, or with an empty one, the whole text is one value.",
    ),
    (
        "Split",
        "A multi-valued source is split value by value, all parts in one list.",
    ),
    (
        "RemoveDuplicates",
        "Keeps the first of each value, comparing case-sensitively.",
    ),
    ("IsString", "True for anything but a missing value."),
    (
        "Comparisons",
        "= and <> compare text case-sensitively; <, <=, > and >= compare numbers when both sides are whole numbers, dates when both are dates, otherwise text.",
    ),
    (
        "Booleans",
        "\"True\"/\"False\" are read in any case (as .NET's bool.Parse does).",
    ),
    (
        "Strings",
        "A backslash before anything but a double quote (\") or a backslash is kept as written (so \"\\d\" reaches a regex as \\d).",
    ),
    (
        "Replace",
        "With a regex, a group name and a replacement attribute, the 2024 documented rule is used: a non-empty source is returned unchanged, otherwise the group is taken from the replacement attribute.",
    ),
    (
        "Replace",
        "Regular expressions run on a .NET-compatible engine (fancy-regex); rare .NET-only constructs are rejected with a message.",
    ),
    (
        "Switch",
        "A missing source matches the key \"\"; with no match and no default, the result is missing.",
    ),
    (
        "Left",
        "Counts characters (Unicode scalar values); .NET counts UTF-16 units, which differs only for emoji and rare scripts.",
    ),
    (
        "Provisioning logs",
        "Microsoft does not publish the columns of the admin center's Download logs CSV files: they are found by their names (Change ID, Action, Status, Source ID, Step Type, Details, Name, Old Value, New Value and their variants), and a step's details cell is read as JSON or as key: value pairs.",
    ),
    (
        "Provisioning logs",
        "A modified property is named as the SCIM app names the attribute (userName, emails[type eq \"work\"].value, the enterprise URNs) and compared with the mapping of that target; one named as a source attribute (objectId, accountEnabled, IsSoftDeleted, accountDisabled) is not compared, nor is the manager.",
    ),
    (
        "Provisioning logs",
        "Skip reasons: NotEffectivelyEntitled (not assigned, out of scope or disabled) agrees with the preview's disabled skip, ImportSkipped with its no-value-for-the-matching-attribute skip; RedundantExport (already up to date) and a failed create agree with a create.",
    ),
];

/// What the preview chose for scoping filters where Microsoft is silent (the page "Scoping
/// users or groups to be provisioned with scoping filters"), as (topic, choice); the filters
/// are evaluated by `crate::preview::scope_filter`.
pub const SCOPING_CHOICES: &[(&str, &str)] = &[
    (
        "Scoping filters",
        "IS NULL is true and IS NOT NULL false for a missing or empty value, though Microsoft's page also says every clause is false for an empty value.",
    ),
    (
        "Scoping filters",
        "REGEX MATCH is .NET's Regex.IsMatch: the pattern may match anywhere in the value (write ^…$ to match all of it).",
    ),
    (
        "Scoping filters",
        "ENDS_WITH compares case-sensitively, like EQUALS and Includes.",
    ),
    (
        "Scoping filters",
        "& is true when the user's value is found in the clause's value, !& when it is not (Microsoft's page words them so; in Active Directory & is a bitwise AND).",
    ),
    (
        "Scoping filters",
        "Less_Than and Less_Than_OR_EQUALS (not on Microsoft's page) compare whole numbers like Greater_Than.",
    ),
    (
        "Scoping filters",
        "A clause with several values holds when the user's value matches any of them (Azure's page sets one value).",
    ),
    (
        "Scoping filters",
        "A multi-valued attribute, an attribute filters cannot use, a value that is not a whole number for Greater_Than, or not True/False for IS TRUE, makes the clause false.",
    ),
    (
        "Scoping filters",
        "IS TRUE and IS FALSE read True/False in any case (as .NET's bool.Parse does).",
    ),
    (
        "Assignments",
        "Only the app's assignments and the member lists loaded are known: a user in an assigned group whose member list is not loaded is counted as not assigned, and the reason says so.",
    ),
];
