//! Pure string functions of the Entra ID provisioning expression language whose semantics are
//! subtle: NormalizeDiacritics, PCase, ToLower/ToUpper, Word, StripSpaces, ConvertToBase64,
//! ConvertToUTF8Hex, Left, Mid, InStr, Split, Join and Append.
//!
//! Azure's provisioning service is .NET, so these mirror .NET (invariant culture, ICU casing data)
//! unless `shared/reference/expressions.md` says otherwise. Null handling is the caller's job: the
//! reference documents `Left(null, n)` and `Word(null, …)` as `""`, so pass `""` for a null string.
//!
//! Where the reference marks a behaviour unknown `[?]` or inferred `[I]`, the choice made here is
//! listed in [`ASSUMPTIONS`] and marked `AZURE MAY DIFFER:` in the code.
//!
//! Layout: `diacritics` holds the NormalizeDiacritics table (Appendix A), `casing` the .NET case
//! mappings and culture parsing, `categories` the generated Unicode category runs that
//! `TextInfo.ToTitleCase` needs.

mod casing;
mod categories;
mod diacritics;
#[cfg(test)]
mod tests;

use base64::Engine as _;
use unicode_normalization::UnicodeNormalization as _;

use casing::{CaseRules, lower_char, map_chars, upper_char};
use categories::{WordClass, word_class};

/// Choices made where the reference marks behaviour unknown `[?]` or inferred `[I]`:
/// `(function name, one-sentence description)`. Shown in the UI as "Azure may differ here".
pub const ASSUMPTIONS: &[(&str, &str)] = &[
    (
        "NormalizeDiacritics",
        "The input is NFC-normalized before the documented table is applied (longest match \
         first), so decomposed input such as e + U+0301 is treated like é, and characters not \
         in the table come back unchanged but in their NFC form.",
    ),
    (
        "PCase",
        "Without word separators the value is lower-cased (invariant culture) and then \
         title-cased by .NET TextInfo.ToTitleCase rules with Unicode 15.0 categories: an \
         apostrophe (U+0027) inside a word does not start a new word, a letter after a digit is \
         capitalised (3RD -> 3Rd), and the invariant culture leaves dotless ı as it is.",
    ),
    (
        "PCase",
        "With word separators, only the listed characters separate words; the first character \
         of each word is upper-cased and the rest lower-cased (invariant culture), even when \
         that first character is not a letter; an empty separator string is treated as if it \
         were omitted.",
    ),
    (
        "ToLower/ToUpper",
        "Case mapping is one character to one character as in .NET (ß stays ß in ToUpper); \
         Turkish and Azeri (Latin script) map i/İ and ı/I, the invariant culture keeps ı and İ \
         unchanged, and any other well-formed culture name maps ı to I and İ to i as .NET on \
         ICU does.",
    ),
    (
        "ToLower/ToUpper",
        "A culture name must look like an RFC 4646 tag (2-8 letters, then hyphen-separated \
         subtags of 1-8 letters or digits); a well-formed but unknown name is accepted, a \
         malformed one such as en_US is an error.",
    ),
    (
        "Word",
        "Runs of delimiter characters (and leading or trailing ones) make no empty words, as in \
         MIM and Connect Sync: Word(\"a,,b\", 2, \",\") is \"b\".",
    ),
    (
        "Left",
        "Counts characters (Unicode scalar values), not .NET UTF-16 code units, so an emoji \
         counts as one character and is never split in half.",
    ),
    (
        "Mid",
        "Counts characters, not UTF-16 code units. The app-provisioning reference says nothing \
         of a start beyond the text, a start of 0 or less or a negative length; the preview \
         follows Microsoft's sync functions reference (whose Left and Word texts the \
         app-provisioning page repeats word for word): each returns the text unchanged, a \
         length of 0 gives \"\", and a missing text gives \"\".",
    ),
    (
        "InStr",
        "Positions count characters, not UTF-16 code units; as in VB, an empty value2 returns \
         start, and an empty value1 or a start past the end returns 0; start below 1 is an \
         error.",
    ),
    (
        "InStr",
        "vbTextCompare compares character by character ignoring case (invariant simple case \
         folding); .NET's culture-aware comparison may also ignore width, kana type and treat ß \
         as ss.",
    ),
    (
        "Split",
        "The delimiter is matched as a whole string and empty parts are kept; an empty \
         delimiter returns the whole value as a single item (.NET String.Split(string) \
         behaviour). Microsoft documents the delimiter as one character (the app-provisioning \
         reference: the delimiter character; the sync functions reference: Split can only \
         separate strings using a single character delimiter), so what Azure does with a \
         longer one is unknown: use a one-character delimiter.",
    ),
    (
        "StripSpaces",
        "Only U+0020 is removed; tabs, line breaks and no-break spaces stay.",
    ),
    (
        "ConvertToBase64",
        "Standard base64 alphabet with = padding.",
    ),
];

/// NormalizeDiacritics: the documented fixed table (Appendix A), longest match first, after NFC.
///
/// Characters that are not in the table (for example Vietnamese `ồ` or a plain `œ`) pass through
/// unchanged. `Zoë` → `Zoe`, `Straße` → `Strasse`, `Søren` → `Soeren`.
#[must_use]
pub fn normalize_diacritics(s: &str) -> String {
    // AZURE MAY DIFFER: NFC-normalizing the input first is the reference's recommendation ([?]).
    let nfc: String = s.nfc().collect();
    let mut out = String::with_capacity(nfc.len());
    let mut rest = nfc.as_str();
    while let Some(c) = rest.chars().next() {
        let next_is_mark = rest
            .get(c.len_utf8()..)
            .and_then(|after| after.chars().next())
            .is_some_and(|m| ('\u{0300}'..='\u{036F}').contains(&m));
        // Fast path: a plain ASCII character not followed by a combining mark is in no entry.
        let found = if c.is_ascii() && !next_is_mark {
            None
        } else {
            diacritics::longest_match(rest)
        };
        let (consumed, replacement) = match found {
            Some((len, replacement)) => (len, replacement),
            None => {
                out.push(c);
                (c.len_utf8(), "")
            }
        };
        out.push_str(replacement);
        rest = rest.get(consumed..).unwrap_or("");
    }
    out
}

/// PCase(source[, wordSeparators]). Without separators: lower-case (invariant) then .NET
/// TextInfo.ToTitleCase word rules (separators = the Unicode categories listed in the reference;
/// an apostrophe inside a word does not start a word; a letter after a digit IS title-cased,
/// `3RD` -> `3Rd`). With separators: only those characters separate words; first char of each
/// word upper, rest lower.
///
/// `Some("")` behaves like `None`.
#[must_use]
pub fn pcase(s: &str, separators: Option<&str>) -> String {
    match separators {
        // AZURE MAY DIFFER: an empty separator list is treated as omitted.
        Some(seps) if !seps.is_empty() => pcase_with_separators(s, seps),
        _ => title_case_lowered(&map_chars(s, CaseRules::Invariant, lower_char)),
    }
}

/// .NET `TextInfo.InvariantCulture.ToTitleCase` applied to an already lower-cased string.
///
/// A word starts at a letter (Lu, Ll, Lt, Lm, Lo), whose first character is upper-cased; it goes
/// on through letters, the apostrophe U+0027 and every non-separator category (marks, digits, ...),
/// and ends at a separator category. Characters outside words are copied. .NET lower-cases the rest
/// of a word only if it contains a lower-case letter (to keep acronyms); since the input here is
/// already lower-cased and lower-casing is idempotent, copying the rest is the same.
fn title_case_lowered(lowered: &str) -> String {
    let mut out = String::with_capacity(lowered.len());
    let mut in_word = false;
    for c in lowered.chars() {
        let class = word_class(c);
        if in_word {
            if class == WordClass::Separator && c != '\'' {
                in_word = false;
            }
            out.push(c);
        } else if class == WordClass::Letter {
            out.push(title_char(c));
            in_word = true;
        } else {
            out.push(c);
        }
    }
    out
}

/// The first letter of a word in `ToTitleCase`: the four Latin digraphs use the title-case forms
/// .NET hard-codes ("NDP 2.0 app compat"); everything else is upper-cased (invariant).
fn title_char(c: char) -> char {
    match c {
        '\u{01C4}'..='\u{01C6}' => '\u{01C5}',
        '\u{01C7}'..='\u{01C9}' => '\u{01C8}',
        '\u{01CA}'..='\u{01CC}' => '\u{01CB}',
        '\u{01F1}'..='\u{01F3}' => '\u{01F2}',
        _ => upper_char(c, CaseRules::Invariant),
    }
}

/// PCase with an explicit separator list: the first character after a separator (or at the start)
/// is upper-cased, every other character lower-cased, separators copied.
fn pcase_with_separators(s: &str, separators: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut at_word_start = true;
    for c in s.chars() {
        if separators.contains(c) {
            out.push(c);
            at_word_start = true;
        } else if at_word_start {
            out.push(upper_char(c, CaseRules::Invariant));
            at_word_start = false;
        } else {
            out.push(lower_char(c, CaseRules::Invariant));
        }
    }
    out
}

/// ToLower/ToUpper with an optional RFC 4646 culture name. None or "" = invariant. Turkish and
/// Azeri (tr, tr-TR, az, az-Latn-AZ...) use dotted/dotless i rules. Other well-formed culture
/// names behave as invariant. A malformed culture name gives the error
/// `` `xx_YY` is not a culture name; use a name like en-US or tr-TR ``.
///
/// "Behave as invariant" holds except for `İ` and `ı`: the invariant culture keeps them, while
/// other cultures map `İ` → `i` (and `ı` → `I` in [`to_upper`]), as .NET on ICU does.
///
/// # Errors
/// A culture name that is not well-formed, with the message above.
pub fn to_lower(s: &str, culture: Option<&str>) -> Result<String, String> {
    let rules = casing::parse_culture(culture)?;
    Ok(map_chars(s, rules, lower_char))
}

/// ToUpper(source[, culture]): the upper-case counterpart of [`to_lower`], with the same culture
/// rules (`i` → `İ` for Turkish and Azeri; `ß` stays `ß` because .NET maps one character to one).
///
/// # Errors
/// A culture name that is not well-formed, as for [`to_lower`].
pub fn to_upper(s: &str, culture: Option<&str>) -> Result<String, String> {
    let rules = casing::parse_culture(culture)?;
    Ok(map_chars(s, rules, upper_char))
}

/// Word(string, wordNumber, delimiters): split on ANY one of the delimiter characters, 1-based;
/// below 1 or too few words -> "".
///
/// AZURE MAY DIFFER: runs of delimiters make no empty words (MIM/Connect Sync heritage), so
/// `Word("a,,b", 2, ",")` is `b`. With no delimiters the whole non-empty string is word 1.
#[must_use]
pub fn word(s: &str, number: i64, delimiters: &str) -> String {
    let Some(index) = number.checked_sub(1).and_then(|i| usize::try_from(i).ok()) else {
        return String::new();
    };
    s.split(|c| delimiters.contains(c))
        .filter(|w| !w.is_empty())
        .nth(index)
        .unwrap_or("")
        .to_string()
}

/// StripSpaces: removes every U+0020 (only).
#[must_use]
pub fn strip_spaces(s: &str) -> String {
    s.replace(' ', "")
}

/// ConvertToBase64: base64 (standard, padded) of the UTF-16LE bytes.
///
/// `Hello world!` → `SABlAGwAbABvACAAdwBvAHIAbABkACEA`.
#[must_use]
pub fn convert_to_base64(s: &str) -> String {
    let bytes: Vec<u8> = s.encode_utf16().flat_map(u16::to_le_bytes).collect();
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// ConvertToUTF8Hex: upper-case hex of the UTF-8 bytes, no separators.
///
/// `Hello world!` → `48656C6C6F20776F726C6421`.
#[must_use]
pub fn convert_to_utf8_hex(s: &str) -> String {
    use std::fmt::Write as _;
    let mut out = String::with_capacity(s.len().saturating_mul(2));
    for b in s.bytes() {
        // Writing to a String cannot fail.
        let _ = write!(out, "{b:02X}");
    }
    out
}

/// Left(string, numChars): 0 -> "", negative -> unchanged, more than length -> whole.
///
/// AZURE MAY DIFFER: counts characters (Unicode scalar values). .NET counts UTF-16 code units, so
/// `Left("😀x", 1)` there yields a lone surrogate; here it yields `😀`.
#[must_use]
pub fn left(s: &str, count: i64) -> String {
    if count < 0 {
        return s.to_string();
    }
    let n = usize::try_from(count).unwrap_or(usize::MAX);
    s.chars().take(n).collect()
}

/// A `Mid` argument case the app-provisioning reference leaves open, which the preview answers
/// as Microsoft's sync functions reference does: the text comes back unchanged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MidEdge {
    /// The start is past the last character.
    StartBeyondText,
    /// The start is 0 or less.
    StartBelowOne,
    /// The length is negative.
    NegativeLength,
}

impl MidEdge {
    /// Which case applies to `Mid(s, start, length)`, if any (a length of 0 is documented).
    #[must_use]
    pub fn of(s: &str, start: i64, length: i64) -> Option<MidEdge> {
        if length == 0 {
            None
        } else if length < 0 {
            Some(MidEdge::NegativeLength)
        } else if start <= 0 {
            Some(MidEdge::StartBelowOne)
        } else if usize::try_from(start).map_or(true, |start| start > s.chars().count()) {
            Some(MidEdge::StartBeyondText)
        } else {
            None
        }
    }

    /// The note shown with a result that depends on it.
    #[must_use]
    pub fn note(self) -> &'static str {
        match self {
            MidEdge::StartBeyondText => {
                "Mid starts after the end of the text, so it gives the text unchanged, as \
                 Microsoft's sync functions reference says; the app-provisioning reference \
                 does not say."
            }
            MidEdge::StartBelowOne => {
                "Mid starts at 0 or less, so it gives the text unchanged, as Microsoft's sync \
                 functions reference says; the app-provisioning reference does not say. The \
                 first character is 1."
            }
            MidEdge::NegativeLength => {
                "Mid has a negative length, so it gives the text unchanged, as Microsoft's sync \
                 functions reference says; the app-provisioning reference does not say."
            }
        }
    }
}

/// Mid(source, start, length), 1-based: a length of 0 gives "", a length past the end gives the
/// rest of the text (both documented); a start beyond the text, a start of 0 or less or a
/// negative length give the text unchanged ([`MidEdge`]).
///
/// AZURE MAY DIFFER: counts characters, not UTF-16 code units (see [`left`]); the [`MidEdge`]
/// cases follow the sync functions reference (entra-docs
/// `reference-connect-sync-functions-reference.md#mid`).
#[must_use]
pub fn mid(s: &str, start: i64, length: i64) -> String {
    if length == 0 {
        return String::new();
    }
    if MidEdge::of(s, start, length).is_some() {
        return s.to_owned();
    }
    let skip = usize::try_from(start - 1).unwrap_or(usize::MAX);
    let take = usize::try_from(length).unwrap_or(usize::MAX);
    s.chars().skip(skip).take(take).collect()
}

/// InStr(value1, value2[, start[, compareType]]): 1-based position of value2 in value1 from
/// `start` (1-based), 0 if absent; text_compare = vbTextCompare (case-insensitive, invariant).
/// start < 1 -> Err. InStr(x, "") is VB's: it returns `start`.
///
/// As in VB's `Strings.InStr`: an empty `haystack` gives 0 (even for an empty needle), a `start`
/// more than one past the end gives 0, an empty `needle` gives `start`.
///
/// AZURE MAY DIFFER: positions count characters, not UTF-16 code units; vbTextCompare is simple
/// per-character case folding, not .NET's culture-aware comparison.
///
/// # Errors
/// `start` below 1: a message naming the argument and its valid range.
pub fn instr(haystack: &str, needle: &str, start: i64, text_compare: bool) -> Result<i64, String> {
    if start < 1 {
        return Err(format!(
            "InStr: start must be 1 or more (the first character is 1), but it is {start}"
        ));
    }
    let from = usize::try_from(start - 1).unwrap_or(usize::MAX);
    let haystack_chars = haystack.chars().count();
    if haystack_chars == 0 || from > haystack_chars {
        return Ok(0);
    }
    if needle.is_empty() {
        return Ok(start);
    }
    let (hay, pat) = if text_compare {
        (fold_case(haystack), fold_case(needle))
    } else {
        (haystack.to_string(), needle.to_string())
    };
    // Folding maps one character to one character, so character positions are unchanged.
    let from_byte = hay.char_indices().nth(from).map_or(hay.len(), |(i, _)| i);
    let found = hay
        .get(from_byte..)
        .and_then(|tail| tail.find(&pat))
        .and_then(|offset| from_byte.checked_add(offset))
        .and_then(|at| hay.get(..at))
        .map(|before| before.chars().count());
    Ok(match found {
        Some(index) => i64::try_from(index).map_or(0, |i| i.saturating_add(1)),
        None => 0,
    })
}

/// Case folding for vbTextCompare: invariant upper-case, then invariant lower-case, per character
/// (`ſ`, `s` and `S` fold together, as do `K` and the Kelvin sign; `ı` and `i` stay apart).
fn fold_case(s: &str) -> String {
    s.chars()
        .map(|c| lower_char(upper_char(c, CaseRules::Invariant), CaseRules::Invariant))
        .collect()
}

/// Split(source, delimiter): .NET String.Split(string) — the delimiter is a whole string, empty
/// parts kept.
///
/// AZURE MAY DIFFER: an empty delimiter returns the whole string as one element, as .NET's
/// `Split(string)` does (.NET's `Split(string[])` would split on white space instead).
#[must_use]
pub fn split(s: &str, delimiter: &str) -> Vec<String> {
    if delimiter.is_empty() {
        return vec![s.to_string()];
    }
    s.split(delimiter).map(str::to_string).collect()
}

/// Join(separator, source1, …, sourceN): joins the values with `separator`, skipping empty ones
/// (documented: `Join(", ", "", [surname], [givenName])` → `Doe, John`).
///
/// The caller flattens multi-valued sources in place and drops null ones before calling.
#[must_use]
pub fn join<'a, I>(separator: &str, values: I) -> String
where
    I: IntoIterator<Item = &'a str>,
{
    let mut out = String::new();
    for value in values.into_iter().filter(|v| !v.is_empty()) {
        if !out.is_empty() {
            out.push_str(separator);
        }
        out.push_str(value);
    }
    out
}

/// Append(source, suffix): `source` followed by `suffix`. Pass `""` for a null source.
#[must_use]
pub fn append(source: &str, suffix: &str) -> String {
    let mut out = String::with_capacity(source.len().saturating_add(suffix.len()));
    out.push_str(source);
    out.push_str(suffix);
    out
}
