//! Case mapping as .NET does it on ICU (`System.Globalization.Native/pal_casing.c`), plus
//! culture-name parsing for ToLower/ToUpper.
//!
//! .NET never changes a string's length when it changes case: every code point maps to exactly one
//! code point through the Unicode *simple* case mappings (`UnicodeData.txt`), so `ß` upper-cases to
//! `ß`, not `SS`. On top of that:
//!
//! * invariant culture: `ı` (U+0131) upper-cases to itself and `İ` (U+0130) lower-cases to itself
//!   (ChangeCaseInvariant, which copies the Windows invariant table);
//! * Turkish and Azeri: `i` upper-cases to `İ` and `I` lower-cases to `ı` (ChangeCaseTurkish);
//! * any other culture: plain ICU simple mappings (ChangeCase), so `ı` → `I` and `İ` → `i`.

/// Which of the three .NET casing routines applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum CaseRules {
    /// `CultureInfo.InvariantCulture` (no culture, or `""`).
    Invariant,
    /// `tr`, `az` and their regional variants (Latin script).
    Turkic,
    /// Any other well-formed culture name.
    Culture,
}

/// Longest culture name .NET accepts (`LOCALE_NAME_MAX_LENGTH` minus the terminator).
const MAX_CULTURE_NAME_LEN: usize = 84;

/// Reads the optional culture argument of ToLower/ToUpper.
///
/// `None` and `""` mean the invariant culture. Anything else must be a well-formed RFC 4646 style
/// name: a 2-8 letter language subtag, then `-`-separated subtags of 1-8 ASCII letters or digits.
pub(super) fn parse_culture(culture: Option<&str>) -> Result<CaseRules, String> {
    let name = match culture {
        None | Some("") => return Ok(CaseRules::Invariant),
        Some(name) => name,
    };
    let malformed = || format!("\"{name}\" is not a culture name; use a name like en-US or tr-TR");
    if name.len() > MAX_CULTURE_NAME_LEN {
        return Err(malformed());
    }
    let mut subtags = name.split('-');
    let language = subtags.next().unwrap_or("");
    if !(2..=8).contains(&language.len()) || !language.bytes().all(|b| b.is_ascii_alphabetic()) {
        return Err(malformed());
    }
    let mut script_is_latin = true;
    for (position, subtag) in subtags.enumerate() {
        if !(1..=8).contains(&subtag.len()) || !subtag.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return Err(malformed());
        }
        // A four-letter subtag right after the language is the script (az-Latn-AZ, az-Cyrl-AZ).
        if position == 0 && subtag.len() == 4 && subtag.bytes().all(|b| b.is_ascii_alphabetic()) {
            script_is_latin = subtag.eq_ignore_ascii_case("latn");
        }
    }
    let turkic = language.eq_ignore_ascii_case("tr") || language.eq_ignore_ascii_case("az");
    // .NET picks Turkish casing when the culture's collation equates `ı` and `I` ignoring case;
    // ICU's az-Cyrl (and any non-Latin script) falls back to the root collation, which does not.
    Ok(if turkic && script_is_latin {
        CaseRules::Turkic
    } else {
        CaseRules::Culture
    })
}

/// Upper-cases one character under `rules`.
pub(super) fn upper_char(c: char, rules: CaseRules) -> char {
    match (rules, c) {
        (CaseRules::Invariant, '\u{0131}') => '\u{0131}',
        (CaseRules::Turkic, 'i') => '\u{0130}',
        _ => simple_upper(c),
    }
}

/// Lower-cases one character under `rules`.
pub(super) fn lower_char(c: char, rules: CaseRules) -> char {
    match (rules, c) {
        (CaseRules::Invariant, '\u{0130}') => '\u{0130}',
        (CaseRules::Turkic, 'I') => '\u{0131}',
        _ => simple_lower(c),
    }
}

/// Maps every character of `s` with `f`.
pub(super) fn map_chars(s: &str, rules: CaseRules, f: fn(char, CaseRules) -> char) -> String {
    s.chars().map(|c| f(c, rules)).collect()
}

/// The Unicode simple lowercase mapping (ICU `u_tolower`).
///
/// Rust's `char::to_lowercase` is the full mapping; it differs from the simple one only for `İ`
/// (full: `i` + U+0307, simple: `i`).
fn simple_lower(c: char) -> char {
    let mut full = c.to_lowercase();
    match (full.next(), full.next()) {
        (Some(one), None) => one,
        _ if c == '\u{0130}' => 'i',
        _ => c,
    }
}

/// The Unicode simple uppercase mapping (ICU `u_toupper`).
///
/// Rust's `char::to_uppercase` is the full mapping. Where it yields several characters
/// (`ß` → `SS`, `ŉ` → `ʼN`, ligatures, Greek with ypogegrammeni...), the simple mapping is either
/// none (the character stays) or, for the Greek letters with ypogegrammeni, the title-case letter
/// with prosgegrammeni.
fn simple_upper(c: char) -> char {
    let mut full = c.to_uppercase();
    match (full.next(), full.next()) {
        (Some(one), None) => one,
        _ => greek_prosgegrammeni(c).unwrap_or(c),
    }
}

/// Simple uppercase of the Greek small letters with ypogegrammeni: U+1F80..U+1F87,
/// U+1F90..U+1F97 and U+1FA0..U+1FA7 map 8 code points up; U+1FB3, U+1FC3 and U+1FF3 map 9 up.
fn greek_prosgegrammeni(c: char) -> Option<char> {
    let cp = u32::from(c);
    let target = match cp {
        0x1F80..=0x1F87 | 0x1F90..=0x1F97 | 0x1FA0..=0x1FA7 => cp + 8,
        0x1FB3 | 0x1FC3 | 0x1FF3 => cp + 9,
        _ => return None,
    };
    char::from_u32(target)
}
