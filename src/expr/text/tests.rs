//! Tests for the string functions: the expression vectors
//! (`shared/vectors/expression_vectors.json`) that use them, called directly with the arguments
//! the expression would pass; the whole NormalizeDiacritics table; casing and PCase rules; and a
//! no-panic loop over pseudo-random input.

use super::casing::{CaseRules, lower_char, upper_char};
use super::categories::{WordClass, word_class};
use super::*;
use crate::expr::testing::Lcg;

// ---------------------------------------------------------------------------------------------
// Vectors. Null attributes are passed as "" (the caller maps null to "" for these functions), and
// the parts of an expression that belong to other functions (IIF, Switch, Item, Replace, dates)
// are done by hand in the test, as the evaluator would.
// ---------------------------------------------------------------------------------------------

#[test]
fn v001_append_documented() {
    assert_eq!(
        append("John.Doe@contoso.com", ".test"),
        "John.Doe@contoso.com.test"
    );
}

#[test]
fn v002_append_mid_alias_documented() {
    let given = mid("John", 1, 3);
    let sur = mid("Doe", 1, 5);
    assert_eq!(append(&given, &sur), "JohDoe");
}

#[test]
fn v006_instr_inside_cbool_inferred() {
    // CBool(InStr("abc", "b")): InStr gives 2, which CBool turns into True.
    assert_eq!(instr("abc", "b", 1, false), Ok(2));
}

#[test]
fn v015_convert_to_base64_documented() {
    assert_eq!(
        convert_to_base64("Hello world!"),
        "SABlAGwAbABvACAAdwBvAHIAbABkACEA"
    );
}

#[test]
fn v016_convert_to_utf8_hex_documented() {
    assert_eq!(
        convert_to_utf8_hex("Hello world!"),
        "48656C6C6F20776F726C6421"
    );
}

#[test]
fn v017_join_utf8hex_objectid_inferred() {
    // Join("", 1000, Replace(ConvertToUTF8Hex([objectId]), , "[a-zA-Z_]*", , "", , )): the regex
    // Replace removes ASCII letters and underscores; emulated here with a filter.
    let hex = convert_to_utf8_hex("00aa00aa-bb11-cc22-dd33-44ee44ee44ee");
    let digits: String = hex
        .chars()
        .filter(|c| !c.is_ascii_alphabetic() && *c != '_')
        .collect();
    assert_eq!(
        join("", ["1000", digits.as_str()]),
        "100030306161303061612626231312636332322646433332343465653434656534346565"
    );
}

#[test]
fn v022_split_item1_inferred() {
    let parts = split("john.doe@contoso.com", "@");
    assert_eq!(parts.first().map(String::as_str), Some("john.doe"));
}

#[test]
fn v023_split_item2_inferred() {
    let parts = split("john.doe@contoso.com", "@");
    assert_eq!(parts.get(1).map(String::as_str), Some("contoso.com"));
}

#[test]
fn v024_join_skips_empty_documented() {
    assert_eq!(join(", ", ["", "Doe", "John"]), "Doe, John");
}

#[test]
fn v025_join_skips_null_inferred() {
    // [surname] is null: the caller drops it (passing "" gives the same result).
    assert_eq!(join(" ", ["John"]), "John");
    assert_eq!(join(" ", ["John", ""]), "John");
}

#[test]
fn v026_join_multivalued_documented() {
    assert_eq!(
        join(",", ["a@contoso.com", "b@contoso.com"]),
        "a@contoso.com,b@contoso.com"
    );
}

#[test]
fn v027_join_flattens_in_place_inferred() {
    assert_eq!(join("-", ["x", "a", "b", "y"]), "x-a-b-y");
}

#[test]
fn v028_join_split_per_value_community() {
    // Split applied to each value of the multi-valued input, then Join flattens the results.
    let parts: Vec<String> = ["a@x.com", "b@x.com"]
        .iter()
        .flat_map(|v| split(v, ","))
        .collect();
    assert_eq!(
        join(",", parts.iter().map(String::as_str)),
        "a@x.com,b@x.com"
    );
}

#[test]
fn v029_split_keeps_leading_space_inferred() {
    // The doc shows "PermissionSetTwo" without the space; a literal split keeps it (the vector's
    // choice).
    assert_eq!(
        split("PermissionSetOne, PermissionSetTwo", ","),
        ["PermissionSetOne", " PermissionSetTwo"]
    );
}

#[test]
fn v030_split_keeps_empty_items_inferred() {
    assert_eq!(split("a,b,,c", ","), ["a", "b", "", "c"]);
}

#[test]
fn v051_join_part_of_numfromdate_inferred() {
    // Only the Join is ours; FormatDateTime and NumFromDate belong to the date module.
    assert_eq!(
        join("", ["2020-12-31", " 23:59:59-08:00"]),
        "2020-12-31 23:59:59-08:00"
    );
}

#[test]
fn v052_join_part_of_numfromdate_inferred() {
    assert_eq!(
        join("", ["2020-12-31", " 23:59:59-08:00"]),
        "2020-12-31 23:59:59-08:00"
    );
}

#[test]
fn v078_append_mid_taken_branch_documented() {
    let prefix = mid("39b1c2d3-0000-0000-0000-000000000000", 1, 2);
    assert_eq!(
        append(&prefix, "Aman.Gupta@xpl57.onmicrosoft.com"),
        "39Aman.Gupta@xpl57.onmicrosoft.com"
    );
}

#[test]
fn v079_untaken_branch_is_harmless_inferred() {
    // The IIF takes the plain [userPrincipalName] branch; the Append/Mid branch must not fail.
    let prefix = mid("39b1c2d3-0000-0000-0000-000000000000", 1, 2);
    assert_eq!(
        append(&prefix, "someone.else@xpl57.onmicrosoft.com"),
        "39someone.else@xpl57.onmicrosoft.com"
    );
}

#[test]
fn v080_append_mid_display_name_inferred() {
    let name = mid("Alexandra Montgomery", 1, 15);
    let id = mid("00aa00aa-bb11-cc22-dd33-44ee44ee44ee", 1, 8);
    assert_eq!(append(&name, &id), "Alexandra Montg00aa00aa");
}

#[test]
fn v083_instr_text_compare_inferred() {
    assert_eq!(instr("repEated", "e", 3, true), Ok(4));
}

#[test]
fn v084_instr_not_found_documented() {
    assert_eq!(instr("The quick brown fox", "slow", 1, false), Ok(0));
}

#[test]
fn v095_left_documented() {
    assert_eq!(left("John Doe", 3), "Joh");
}

#[test]
fn v098_left_null_documented() {
    // Left(null, 3): the caller passes "" for null.
    assert_eq!(left("", 3), "");
}

#[test]
fn v099_left_longer_than_string_documented() {
    assert_eq!(left("Jo", 5), "Jo");
}

#[test]
fn v100_mid_past_end_documented() {
    assert_eq!(mid("John", 3, 10), "hn");
}

#[test]
fn v101_mid_first_char_documented() {
    assert_eq!(mid("John", 1, 1), "J");
}

#[test]
fn v102_mid_upn_inferred() {
    assert_eq!(mid("johns@contoso.com", 1, 8), "johns@co");
}

#[test]
fn v103_mid_quoted_numbers_inferred() {
    // Mid("abcdef", "2", "3"): the evaluator converts the string constants to integers.
    assert_eq!(mid("abcdef", 2, 3), "bcd");
}

#[test]
fn v104_mid_start_beyond_length_sync_reference() {
    assert_eq!(mid("John", 10, 2), "John");
}

#[test]
fn v105_normalize_diacritics_documented() {
    assert_eq!(normalize_diacritics("Zoë"), "Zoe");
}

#[test]
fn v106_normalize_diacritics_inferred() {
    assert_eq!(normalize_diacritics("Jéssica Smith"), "Jessica Smith");
}

#[test]
fn v107_normalize_diacritics_sharp_s_inferred() {
    assert_eq!(normalize_diacritics("Straße"), "Strasse");
}

#[test]
fn v108_normalize_diacritics_nordic_inferred() {
    assert_eq!(normalize_diacritics("Søren Kærgård"), "Soeren Kaergard");
}

#[test]
fn v109_normalize_diacritics_polish_inferred() {
    assert_eq!(normalize_diacritics("Łukasz Żółć"), "Lukasz Zolc");
}

#[test]
fn v110_normalize_diacritics_turkish_inferred() {
    assert_eq!(normalize_diacritics("İsmail Işık"), "Ismail Isik");
}

#[test]
fn v111_normalize_diacritics_umlaut_community() {
    assert_eq!(normalize_diacritics("Müller"), "Muller");
}

#[test]
fn v112_normalize_diacritics_vietnamese_untouched_community() {
    assert_eq!(normalize_diacritics("Hồ Chí Minh"), "Hồ Chi Minh");
}

#[test]
fn v113_pcase_default_documented() {
    assert_eq!(
        pcase("PABLO GONSALVES (SECOND)", None),
        "Pablo Gonsalves (Second)"
    );
}

#[test]
fn v115_pcase_join_documented() {
    assert_eq!(
        pcase(&join(" ", ["GREGORY", "JAMES"]), None),
        "Gregory James"
    );
}

#[test]
fn v116_pcase_apostrophe_default_inferred() {
    assert_eq!(pcase("PINTO-DE'SILVA", None), "Pinto-De'silva");
}

/// The Workday samAccountName rule (v134-v138):
/// `Replace(Mid(Replace(NormalizeDiacritics(StripSpaces(Join("", Mid([FirstName],1,n),
/// [LastName]))), , <class of / \ [ ] : ; | = , + * ? < >>, , "", , ), 1, 20), , "(\\.)*$", , "", , )`.
/// The two regex Replaces are emulated: drop the listed characters, and strip trailing dots.
fn workday_sam(first: &str, last: &str, n: i64) -> String {
    let initial = mid(first, 1, n);
    let base = normalize_diacritics(&strip_spaces(&join("", [initial.as_str(), last])));
    let cleaned: String = base
        .chars()
        .filter(|c| !"/\\[]:;|=,+*?<>".contains(*c))
        .collect();
    mid(&cleaned, 1, 20).trim_end_matches('.').to_string()
}

#[test]
fn v134_workday_sam_first_initial_inferred() {
    assert_eq!(workday_sam("John", "Smith", 1), "JSmith");
}

#[test]
fn v135_workday_sam_two_letters_inferred() {
    assert_eq!(workday_sam("John", "Smith", 2), "JoSmith");
}

#[test]
fn v136_workday_sam_brackets_inferred() {
    assert_eq!(workday_sam("Zoe", "D'Souza [Jr]", 1), "ZD'SouzaJr");
}

#[test]
fn v137_workday_sam_trailing_dots_inferred() {
    assert_eq!(workday_sam("John", "Smith...", 1), "JSmith");
}

#[test]
fn v138_workday_sam_truncated_inferred() {
    assert_eq!(
        workday_sam("Christopher", "Montgomery-Worthington", 2),
        "ChMontgomery-Worthin"
    );
}

#[test]
fn v139_select_unique_value_candidates_documented() {
    // SelectUniqueValue itself needs the directory; these are its three candidate rules.
    let candidate = |first: &str| {
        let local = normalize_diacritics(&strip_spaces(&join(".", [first, "Smith"])));
        join("@", [local.as_str(), "contoso.com"])
    };
    assert_eq!(candidate("John"), "John.Smith@contoso.com");
    assert_eq!(candidate(&mid("John", 1, 1)), "J.Smith@contoso.com");
    assert_eq!(candidate(&mid("John", 1, 2)), "Jo.Smith@contoso.com");
}

#[test]
fn v140_strip_spaces_inferred() {
    assert_eq!(strip_spaces("John  Smith "), "JohnSmith");
}

#[test]
fn v141_to_lower_upn_documented() {
    let local = normalize_diacritics(&strip_spaces(&join(".", ["John", "Smith"])));
    let upn = join("@", [local.as_str(), "contoso.com"]);
    assert_eq!(
        to_lower(&upn, None).as_deref(),
        Ok("john.smith@contoso.com")
    );
}

#[test]
fn v142_to_upper_inferred() {
    assert_eq!(to_upper("johns", None).as_deref(), Ok("JOHNS"));
}

#[test]
fn v143_to_lower_turkish_inferred() {
    assert_eq!(to_lower("TITLE", Some("tr-TR")).as_deref(), Ok("tıtle"));
}

#[test]
fn v144_to_lower_invariant_inferred() {
    assert_eq!(to_lower("TITLE", None).as_deref(), Ok("title"));
}

#[test]
fn v147_word_zero_documented() {
    assert_eq!(word("The quick brown fox", 0, " "), "");
}

#[test]
fn v148_word_null_documented() {
    // Word(null, 1, " "): the caller passes "" for null.
    assert_eq!(word("", 1, " "), "");
}

#[test]
fn v149_word_too_few_documented() {
    assert_eq!(word("The quick", 5, " "), "");
}

#[test]
fn v153_to_lower_for_switch_inferred() {
    // Switch(ToLower([statusFlag]), "0", "true", "1", "false", "0") with TRUE: the key is "true".
    assert_eq!(to_lower("TRUE", None).as_deref(), Ok("true"));
}

#[test]
fn v154_to_lower_for_switch_inferred() {
    assert_eq!(to_lower("False", None).as_deref(), Ok("false"));
}

#[test]
fn v175_switch_branch_append_join_inferred() {
    let name = join(", ", ["Smith", "John"]);
    assert_eq!(append(&name, "(CHI)"), "Smith, John(CHI)");
}

#[test]
fn v176_switch_default_join_inferred() {
    assert_eq!(join(", ", ["Smith", "John"]), "Smith, John");
}

#[test]
fn v178_join_jobcode_inferred() {
    assert_eq!(
        join("", ["Tour Lead", "(", "TL-1001", ")"]),
        "Tour Lead(TL-1001)"
    );
}

#[test]
fn v182_append_backslashes_inferred() {
    // The literals "C:\\temp" and "\\x" decode to C:\temp and \x before Append sees them.
    assert_eq!(append("C:\\temp", "\\x"), "C:\\temp\\x");
}

// ---------------------------------------------------------------------------------------------
// Reference examples that have no vector.
// ---------------------------------------------------------------------------------------------

#[test]
fn reference_instr_examples() {
    assert_eq!(instr("The quick brown fox", "quick", 1, false), Ok(5));
    assert_eq!(instr("repEated", "e", 3, false), Ok(7));
}

#[test]
fn reference_word_examples() {
    assert_eq!(word("The quick brown fox", 3, " "), "brown");
    assert_eq!(word("This,string!has&many separators", 3, ",!&#"), "has");
}

#[test]
fn reference_pcase_with_separators() {
    assert_eq!(pcase("PINTO-DE'SILVA", Some(" '-")), "Pinto-De'Silva");
}

#[test]
fn reference_left_edge_cases() {
    assert_eq!(left("John", 0), "");
    assert_eq!(left("John", -1), "John");
    assert_eq!(left("John", i64::MIN), "John");
    assert_eq!(left("John", i64::MAX), "John");
}

// ---------------------------------------------------------------------------------------------
// NormalizeDiacritics table.
// ---------------------------------------------------------------------------------------------

#[test]
fn diacritics_table_has_documented_size() {
    assert_eq!(diacritics::TABLE.len(), 261);
    let multi = diacritics::TABLE
        .iter()
        .filter(|(source, _)| source.chars().count() > 1)
        .count();
    assert_eq!(multi, 92);
    let mut sources: Vec<&str> = diacritics::TABLE.iter().map(|(s, _)| *s).collect();
    sources.sort_unstable();
    sources.dedup();
    assert_eq!(sources.len(), 261, "duplicate source sequence");
}

#[test]
fn diacritics_every_entry_maps_as_documented() {
    use unicode_normalization::UnicodeNormalization as _;
    for (source, replacement) in diacritics::TABLE {
        let nfc: String = source.nfc().collect();
        assert_eq!(&nfc, source, "table entry {source:?} is not NFC");
        assert_eq!(normalize_diacritics(source), *replacement, "{source:?}");
        let nfd: String = source.nfd().collect();
        assert_eq!(
            normalize_diacritics(&nfd),
            *replacement,
            "NFD of {source:?}"
        );
        assert_eq!(
            normalize_diacritics(&format!("x{source}y")),
            format!("x{replacement}y"),
            "{source:?} in context"
        );
    }
}

#[test]
fn diacritics_hand_typed_spot_checks() {
    let cases = [
        ("\u{00E4}", "a"),
        ("\u{00DF}", "ss"),
        ("\u{01E2}", "AE"),
        ("\u{00F8}", "oe"),
        ("\u{00D8}\u{0304}", "OE"),
        ("\u{0153}\u{0304}", "oe"),
        ("\u{0065}\u{030A}\u{0304}", "e"),
        ("\u{0045}\u{030A}\u{0304}", "E"),
        ("\u{0075}\u{0307}\u{0304}", "u"),
        ("\u{1E73}\u{0304}", "u"),
        ("\u{0131}", "i"),
        ("\u{0130}", "I"),
        ("\u{1E0F}", "d"),
        ("\u{0233}\u{0303}", "y"),
        ("\u{1E5C}", "R"),
        ("\u{0219}", "s"),
        ("\u{015F}", "s"),
        ("\u{01D6}", "u"),
        ("\u{0101}\u{0301}", "a"),
        ("\u{0061}\u{0331}", "a"),
        ("\u{004F}\u{0331}", "O"),
    ];
    for (input, expected) in cases {
        assert_eq!(normalize_diacritics(input), expected, "{input:?}");
    }
}

#[test]
fn diacritics_pass_through_and_nfc() {
    // Not in the table.
    assert_eq!(normalize_diacritics("\u{1ED3}"), "\u{1ED3}");
    assert_eq!(normalize_diacritics("\u{0153}"), "\u{0153}");
    assert_eq!(normalize_diacritics("\u{0152}"), "\u{0152}");
    assert_eq!(normalize_diacritics("\u{1EBF}"), "\u{1EBF}");
    // Decomposed input is composed first.
    assert_eq!(normalize_diacritics("e\u{0301}"), "e");
    assert_eq!(normalize_diacritics("Zoe\u{0308}"), "Zoe");
    // Decomposed ồ composes to U+1ED3, which is not in the table.
    assert_eq!(normalize_diacritics("o\u{0302}\u{0300}"), "\u{1ED3}");
    // A combining mark after a listed sequence stays.
    assert_eq!(normalize_diacritics("\u{0101}\u{0331}"), "a\u{0331}");
    assert_eq!(normalize_diacritics(""), "");
    assert_eq!(normalize_diacritics("plain ASCII 123"), "plain ASCII 123");
    assert_eq!(normalize_diacritics("😀é"), "😀e");
}

// ---------------------------------------------------------------------------------------------
// Casing.
// ---------------------------------------------------------------------------------------------

#[test]
fn turkish_casing() {
    for culture in ["tr", "tr-TR", "TR-tr", "az", "az-Latn-AZ", "az-AZ"] {
        let c = Some(culture);
        assert_eq!(to_lower("TITLE", c).as_deref(), Ok("tıtle"), "{culture}");
        assert_eq!(
            to_lower("İSTANBUL", c).as_deref(),
            Ok("istanbul"),
            "{culture}"
        );
        assert_eq!(to_upper("title", c).as_deref(), Ok("TİTLE"), "{culture}");
        assert_eq!(
            to_upper("ılık iç", c).as_deref(),
            Ok("ILIK İÇ"),
            "{culture}"
        );
    }
    // Cyrillic-script Azeri does not use Turkish casing.
    assert_eq!(to_lower("I", Some("az-Cyrl-AZ")).as_deref(), Ok("i"));
}

#[test]
fn invariant_and_other_culture_casing() {
    for invariant in [None, Some("")] {
        assert_eq!(to_lower("İI", invariant).as_deref(), Ok("İi"));
        assert_eq!(to_upper("ıi", invariant).as_deref(), Ok("ıI"));
    }
    assert_eq!(to_lower("İI", Some("en-US")).as_deref(), Ok("ii"));
    assert_eq!(to_upper("ıi", Some("en-US")).as_deref(), Ok("II"));
    assert_eq!(to_upper("straße", Some("de-DE")).as_deref(), Ok("STRAßE"));
    assert_eq!(to_upper("straße", None).as_deref(), Ok("STRAßE"));
    assert_eq!(to_upper("ﬁ ŉ", None).as_deref(), Ok("ﬁ ŉ"));
    assert_eq!(
        to_upper("\u{1F80}\u{1FB3}", None).as_deref(),
        Ok("\u{1F88}\u{1FBC}")
    );
    assert_eq!(to_lower("ΣΑΣ", None).as_deref(), Ok("σασ"));
    assert_eq!(
        to_upper("ja-JP ok", Some("ja-JP")).as_deref(),
        Ok("JA-JP OK")
    );
    assert_eq!(to_lower("Ǆ", Some("zh-Hans-CN")).as_deref(), Ok("ǆ"));
}

#[test]
fn malformed_culture_names() {
    assert_eq!(
        to_lower("x", Some("xx_YY")),
        Err("\"xx_YY\" is not a culture name; use a name like en-US or tr-TR".to_string())
    );
    for bad in [
        "e",
        "en-",
        "-US",
        "en--US",
        "en US",
        " tr-TR",
        "tr-TR ",
        "123",
        "toolonglang-US",
        "en-abcdefghi",
        "tr-TR\u{0130}",
        "ç",
        "en-US-",
    ] {
        assert!(to_lower("x", Some(bad)).is_err(), "{bad:?} accepted");
        assert!(to_upper("x", Some(bad)).is_err(), "{bad:?} accepted");
    }
    for good in [
        "en",
        "en-US",
        "fr-CA",
        "zh-Hans-CN",
        "de-DE-1996",
        "sr-Latn-RS",
        "xx",
    ] {
        assert!(to_lower("x", Some(good)).is_ok(), "{good:?} rejected");
    }
}

#[test]
fn simple_case_mappings_are_one_to_one_and_lowering_is_idempotent() {
    // PCase relies on lower(lower(c)) == lower(c) (see title_case_lowered).
    for cp in 0..=0x10_FFFF_u32 {
        let Some(c) = char::from_u32(cp) else {
            continue;
        };
        for rules in [CaseRules::Invariant, CaseRules::Turkic, CaseRules::Culture] {
            let lower = lower_char(c, rules);
            assert_eq!(lower_char(lower, rules), lower, "U+{cp:04X} {rules:?}");
            // Never a panic and always one character: checked by the types; exercise upper too.
            let _ = upper_char(c, rules);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// PCase.
// ---------------------------------------------------------------------------------------------

#[test]
fn pcase_dotnet_title_case_rules() {
    let cases = [
        ("PABLO GONSALVES (SECOND)", "Pablo Gonsalves (Second)"),
        ("PINTO-DE'SILVA", "Pinto-De'silva"),
        ("3RD STREET", "3Rd Street"),
        ("A3RD", "A3rd"),
        ("O’NEIL", "O’Neil"),
        ("'QUOTED'", "'Quoted'"),
        ("john_smith", "John_Smith"),
        ("JOHN.SMITH@CONTOSO.COM", "John.Smith@Contoso.Com"),
        ("jean-luc picard", "Jean-Luc Picard"),
        ("e\u{0301}CLAIR", "E\u{0301}clair"),
        ("ǄEMAL", "ǅemal"),
        ("ǉubljana", "ǈubljana"),
        ("ılgaz", "ılgaz"),
        ("İSTANBUL", "İstanbul"),
        ("ÉMILE ZOLA", "Émile Zola"),
        ("tab\tsep", "Tab\tSep"),
        ("a😀b", "A😀B"),
        ("", ""),
        ("  ", "  "),
    ];
    for (input, expected) in cases {
        assert_eq!(pcase(input, None), expected, "{input:?}");
        assert_eq!(pcase(input, Some("")), expected, "{input:?} with \"\"");
    }
}

#[test]
fn pcase_with_explicit_separators() {
    assert_eq!(pcase("PINTO-DE'SILVA", Some(" '-")), "Pinto-De'Silva");
    assert_eq!(pcase("PINTO-DE'SILVA", Some(" ")), "Pinto-de'silva");
    assert_eq!(pcase("mary ann", Some("-")), "Mary ann");
    assert_eq!(pcase("(JOHN) DOE", Some(" ")), "(john) Doe");
    assert_eq!(pcase("a--b", Some("-")), "A--B");
    assert_eq!(pcase("ılgaz", Some(" ")), "ılgaz");
}

#[test]
fn word_classes_spot_checks() {
    assert_eq!(word_class('A'), WordClass::Letter);
    assert_eq!(word_class('ʰ'), WordClass::Letter); // Lm
    assert_eq!(word_class('中'), WordClass::Letter); // Lo
    assert_eq!(word_class(' '), WordClass::Separator);
    assert_eq!(word_class('\''), WordClass::Separator);
    assert_eq!(word_class('’'), WordClass::Separator);
    assert_eq!(word_class('😀'), WordClass::Separator); // So
    assert_eq!(word_class('\u{200B}'), WordClass::Separator); // Cf
    assert_eq!(word_class('0'), WordClass::Other);
    assert_eq!(word_class('\u{0301}'), WordClass::Other);
    assert_eq!(word_class('Ⅻ'), WordClass::Other); // Nl
    assert_eq!(word_class('\u{E000}'), WordClass::Other); // Co
    assert_eq!(word_class('\u{0378}'), WordClass::Other); // Cn
    assert_eq!(word_class('\u{10FFFF}'), WordClass::Other);
    assert_eq!(word_class('\u{0}'), WordClass::Separator); // Cc
}

// ---------------------------------------------------------------------------------------------
// The other functions' edge cases.
// ---------------------------------------------------------------------------------------------

#[test]
fn word_edge_cases() {
    // AZURE MAY DIFFER: runs of delimiters make no empty words.
    assert_eq!(word("a,,b", 2, ","), "b");
    assert_eq!(word(",a", 1, ","), "a");
    assert_eq!(word("abc", 1, ""), "abc");
    assert_eq!(word("abc", 2, ""), "");
    assert_eq!(word("a b", -1, " "), "");
    assert_eq!(word("a b", i64::MIN, " "), "");
    assert_eq!(word("a b", i64::MAX, " "), "");
    assert_eq!(word("é😀ü", 2, "😀"), "ü");
}

#[test]
fn strip_spaces_only_u0020() {
    assert_eq!(
        strip_spaces(" a\tb\u{00A0}c\u{3000}d \n"),
        "a\tb\u{00A0}c\u{3000}d\n"
    );
}

#[test]
fn conversions_beyond_ascii() {
    // UTF-16LE of "é😀": E9 00, 3D D8 00 DE.
    assert_eq!(convert_to_base64("é😀"), "6QA92ADe");
    assert_eq!(convert_to_base64(""), "");
    assert_eq!(convert_to_utf8_hex("é😀"), "C3A9F09F9880");
    assert_eq!(convert_to_utf8_hex(""), "");
}

#[test]
fn left_counts_characters() {
    // AZURE MAY DIFFER: .NET would return a lone surrogate here.
    assert_eq!(left("😀x", 1), "😀");
    assert_eq!(left("e\u{0301}x", 1), "e");
}

#[test]
fn mid_edge_cases() {
    assert_eq!(mid("John", 1, 0), "");
    assert_eq!(mid("John", 4, i64::MAX), "n");
    assert_eq!(mid("😀ab", 2, 1), "a");
    // The cases the sync functions reference documents as "return input string".
    assert_eq!(mid("John", 5, 1), "John");
    assert_eq!(mid("John", i64::MAX, i64::MAX), "John");
    assert_eq!(mid("John", 0, 1), "John");
    assert_eq!(mid("John", -3, 2), "John");
    assert_eq!(mid("John", 1, -1), "John");
    assert_eq!(mid("John", i64::MIN, i64::MIN), "John");
    assert_eq!(MidEdge::of("John", 5, 1), Some(MidEdge::StartBeyondText));
    assert_eq!(MidEdge::of("John", 0, 1), Some(MidEdge::StartBelowOne));
    assert_eq!(MidEdge::of("John", 1, -1), Some(MidEdge::NegativeLength));
    assert_eq!(MidEdge::of("John", 9, 0), None);
    assert_eq!(MidEdge::of("John", 4, 9), None);
}

#[test]
fn instr_edge_cases() {
    assert_eq!(instr("abc", "", 1, false), Ok(1));
    assert_eq!(instr("abc", "", 3, false), Ok(3));
    assert_eq!(instr("abc", "", 4, false), Ok(4));
    assert_eq!(instr("abc", "", 5, false), Ok(0));
    assert_eq!(instr("", "", 1, false), Ok(0));
    assert_eq!(instr("", "a", 1, false), Ok(0));
    assert_eq!(instr("abc", "c", 3, false), Ok(3));
    assert_eq!(instr("abc", "c", 4, false), Ok(0));
    assert_eq!(instr("abc", "a", i64::MAX, false), Ok(0));
    assert_eq!(instr("😀ab", "b", 1, false), Ok(3));
    assert_eq!(instr("STRASSE", "straße", 1, true), Ok(0));
    assert_eq!(instr("Σίσυφος", "ΟΣ", 1, true), Ok(6));
    assert_eq!(instr("Kelvin \u{212A}", "k", 2, true), Ok(8));
    assert_eq!(instr("Iı", "i", 1, true), Ok(1));
    assert_eq!(instr("ıx", "i", 1, true), Ok(0));
    assert!(instr("abc", "a", 0, false).is_err());
    assert!(instr("abc", "a", i64::MIN, true).is_err());
}

#[test]
fn split_edge_cases() {
    // AZURE MAY DIFFER: empty delimiter returns the whole string.
    assert_eq!(split("a,b", ""), ["a,b"]);
    assert_eq!(split("", ","), [""]);
    assert_eq!(split(",", ","), ["", ""]);
    assert_eq!(split("a::b::", "::"), ["a", "b", ""]);
    assert_eq!(split("aaa", "aa"), ["", "a"]);
}

#[test]
fn join_edge_cases() {
    assert_eq!(join(",", std::iter::empty::<&str>()), "");
    assert_eq!(join(",", ["", ""]), "");
    assert_eq!(join("", ["a", "b"]), "ab");
}

#[test]
fn assumptions_are_listed() {
    assert!(!ASSUMPTIONS.is_empty());
    for (function, text) in ASSUMPTIONS {
        assert!(!function.is_empty() && !text.is_empty());
        assert!(text.ends_with('.'), "{function}: {text}");
    }
}

// ---------------------------------------------------------------------------------------------
// No panic on pseudo-random input.
// ---------------------------------------------------------------------------------------------

impl Lcg {
    fn string(&mut self, pool: &[&str]) -> String {
        let len = self.below(12);
        (0..len)
            .map(|_| pool.get(self.below(pool.len())).copied().unwrap_or(""))
            .collect()
    }

    fn number(&mut self) -> i64 {
        const SPECIAL: [i64; 9] = [
            i64::MIN,
            i64::MAX,
            0,
            1,
            -1,
            2,
            3,
            i64::MIN + 1,
            i64::MAX - 1,
        ];
        if self.below(3) == 0 {
            SPECIAL[self.below(SPECIAL.len())]
        } else {
            i64::try_from(self.next() % 16).unwrap_or(0) - 4
        }
    }
}

#[test]
fn no_panic_on_random_input() {
    let pool = [
        "a",
        "Z",
        "i",
        "I",
        " ",
        ",",
        "-",
        "'",
        "’",
        "_",
        ".",
        "@",
        "3",
        "\t",
        "\u{0}",
        "é",
        "e\u{0301}",
        "\u{0301}",
        "\u{0304}",
        "\u{030A}",
        "\u{0331}",
        "\u{0307}",
        "ß",
        "İ",
        "ı",
        "ǅ",
        "ǆ",
        "ø",
        "œ",
        "\u{1E73}",
        "\u{1ED3}",
        "\u{1F80}",
        "ﬁ",
        "ŉ",
        "😀",
        "👩\u{200D}💻",
        "\u{D7FF}",
        "\u{E000}",
        "\u{FFFD}",
        "\u{FFFF}",
        "\u{10000}",
        "\u{10FFFF}",
        "中",
        "Σ",
        "tr",
        "-TR",
        "az",
        "_",
        "\u{212A}",
    ];
    let mut rng = Lcg(0x5C1A_0001);
    for _ in 0..4000 {
        let a = rng.string(&pool);
        let b = rng.string(&pool);
        let (n1, n2) = (rng.number(), rng.number());
        let _ = normalize_diacritics(&a);
        let _ = pcase(&a, None);
        let _ = pcase(&a, Some(&b));
        let culture = if rng.below(2) == 0 {
            None
        } else {
            Some(b.as_str())
        };
        let _ = to_lower(&a, culture);
        let _ = to_upper(&a, culture);
        let _ = word(&a, n1, &b);
        let _ = strip_spaces(&a);
        let _ = convert_to_base64(&a);
        let _ = convert_to_utf8_hex(&a);
        let _ = left(&a, n1);
        let _ = mid(&a, n1, n2);
        let _ = instr(&a, &b, n1, true);
        let _ = instr(&a, &b, n2, false);
        let _ = split(&a, &b);
        let _ = join(&b, [a.as_str(), b.as_str()]);
        let _ = append(&a, &b);
    }
}
