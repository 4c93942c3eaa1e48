//! Tests of the token rules: known vectors, cleaning, and every notice.

use super::*;

fn notices(report: &CheckedField) -> Vec<&Notice> {
    report.notices.iter().collect()
}

#[test]
fn known_vectors() {
    // Checked against Python's base64.b64encode((key + ":" + secret).encode("utf-8")).
    let cases = [
        ("abc", "def", "YWJjOmRlZg=="),
        ("ключ", "пароль", "0LrQu9GO0Yc60L/QsNGA0L7Qu9GM"),
        ("key", "sec:ret", "a2V5OnNlYzpyZXQ="),
        ("", "", "Og=="),
    ];
    for (key, secret, expected) in cases {
        assert_eq!(
            encode(key, secret).expose_secret(),
            expected,
            "{key}:{secret}"
        );
    }
}

#[test]
fn prepare_makes_the_token_from_clean_input() {
    let report = prepare("abc", "def");
    assert_eq!(report.token.unwrap().expose_secret(), "YWJjOmRlZg==");
    assert!(report.key.notices.is_empty());
    assert!(report.secret.notices.is_empty());
}

#[test]
fn fingerprint_and_mask_show_only_the_last_four_characters() {
    let token = encode("abc", "def");
    assert_eq!(fingerprint(&token), "Zg==");
    let masked = masked(&token);
    assert!(masked.ends_with("Zg=="));
    assert!(!masked.contains("YWJj"));
    assert_eq!(masked.chars().filter(|c| *c == '•').count(), 8);
    assert_eq!(fingerprint(&SecretString::from_str_copy("ab")), "ab");
}

#[test]
fn pasted_whitespace_is_removed_and_reported() {
    let report = prepare("  abc\r\n", "\tdef\n");
    assert_eq!(report.token.unwrap().expose_secret(), "YWJjOmRlZg==");
    assert_eq!(
        notices(&report.key),
        [&Notice::Trimmed {
            spaces: 2,
            line_breaks: 1,
            invisible: 0
        }]
    );
    assert_eq!(
        notices(&report.secret),
        [&Notice::Trimmed {
            spaces: 1,
            line_breaks: 1,
            invisible: 0
        }]
    );
    let message = report.key.notices[0].message(Field::Key);
    assert!(
        message.starts_with("Removed 1 line break and 2 spaces at the start or end"),
        "{message}"
    );
    let message = report.secret.notices[0].message(Field::Secret);
    assert!(
        message.starts_with("Removed 1 line break and 1 space at the start or end"),
        "{message}"
    );
}

#[test]
fn invisible_characters_at_the_ends_are_trimmed_and_inside_are_flagged() {
    let report = prepare("\u{FEFF}abc\u{200B}", "de\u{200B}f");
    assert_eq!(report.key.cleaned.expose_secret(), "abc");
    assert_eq!(
        notices(&report.key),
        [&Notice::Trimmed {
            spaces: 0,
            line_breaks: 0,
            invisible: 2
        }]
    );
    assert_eq!(notices(&report.secret), [&Notice::InvisibleCharacters]);
    // A warning does not stop the token: it is made from exactly what is there.
    assert_eq!(
        report.token.unwrap().expose_secret(),
        encode("abc", "de\u{200B}f").expose_secret()
    );
}

#[test]
fn control_characters_are_pointed_out_wherever_they_are() {
    for text in [
        "ab\0c",
        "\u{1b}[31mabc",
        "abc\u{7f}",
        "a\u{9b}bc",
        "abc\u{7}",
    ] {
        let report = prepare(text, "def");
        assert_eq!(
            notices(&report.key),
            [&Notice::ControlCharacters],
            "{text:?}"
        );
        assert_eq!(report.key.cleaned.expose_secret(), text);
        // Like an invisible character, it is a warning: the token is made from what is there.
        assert_eq!(
            report.token.unwrap().expose_secret(),
            encode(text, "def").expose_secret()
        );
    }
    let report = prepare("abc", "qz\u{0}w");
    let message = report.secret.notices[0].message(Field::Secret);
    assert!(message.contains("control character"), "{message}");
    assert!(!message.contains("qz"), "{message}");
}

#[test]
fn text_direction_controls_are_invisible_characters() {
    let report = prepare("\u{202e}abc\u{2069}", "d\u{202e}e\u{2066}f\u{200f}g");
    assert_eq!(report.key.cleaned.expose_secret(), "abc");
    assert_eq!(
        notices(&report.key),
        [&Notice::Trimmed {
            spaces: 0,
            line_breaks: 0,
            invisible: 2
        }]
    );
    assert_eq!(notices(&report.secret), [&Notice::InvisibleCharacters]);
}

#[test]
fn empty_fields_block_the_token() {
    for (key, secret) in [("", "def"), ("abc", ""), ("   ", "\n"), ("", "")] {
        let report = prepare(key, secret);
        assert!(report.token.is_none(), "{key:?} {secret:?}");
        assert!(report.notices().any(|n| *n == Notice::Empty));
    }
    assert_eq!(prepare("", "x").key.notices, [Notice::Empty]);
}

#[test]
fn a_colon_in_the_key_is_an_error() {
    let report = prepare("ab:c", "def");
    assert!(report.token.is_none());
    assert_eq!(notices(&report.key), [&Notice::ContainsColon]);
    assert_eq!(report.key.notices[0].severity(), Severity::Error);
}

#[test]
fn key_and_secret_pasted_together_points_at_the_secret_field() {
    let report = prepare("abc:def", "");
    assert!(report.token.is_none());
    assert_eq!(notices(&report.secret), [&Notice::MaybeInKeyField]);
    assert!(
        report.secret.notices[0]
            .message(Field::Secret)
            .contains("after the “:”")
    );
}

#[test]
fn a_colon_in_the_secret_is_allowed() {
    let report = prepare("key", "sec:ret");
    assert_eq!(report.token.unwrap().expose_secret(), "a2V5OnNlYzpyZXQ=");
}

#[test]
fn a_finished_token_is_recognised_and_offered_as_is() {
    let report = prepare("YWJjOmRlZg==", "");
    let pasted = report.pasted_token().expect("offered as is");
    assert_eq!(pasted.expose_secret(), "YWJjOmRlZg==");
    assert!(matches!(
        report.key.notices[0],
        Notice::AlreadyAToken {
            had_bearer_prefix: false,
            ..
        }
    ));

    let report = prepare("abc", "Bearer YWJjOmRlZg==");
    let pasted = report.pasted_token().expect("offered as is");
    assert_eq!(pasted.expose_secret(), "YWJjOmRlZg==");
    assert!(
        report.secret.notices[0]
            .message(Field::Secret)
            .contains("Bearer")
    );
    // It is a warning: the admin may still mean it as a secret.
    assert!(report.token.is_some());

    let report = prepare("bearer\tYWJjOmRlZg==", "x");
    assert!(report.pasted_token().is_some());
}

#[test]
fn ordinary_keys_are_not_mistaken_for_tokens() {
    // Plain keys and secrets, including ones that happen to be valid base64.
    for text in [
        "abcdefgh",
        "sp_live_4f9a0c1d2e3b",
        "AAAAAAAA",
        "Bearer",
        "Bearerish-token",
        "YWJjZGVm", // base64 of "abcdef": no colon
        "YTo=",     // too short to be a key:secret token
    ] {
        let report = prepare(text, "secret");
        assert!(report.pasted_token().is_none(), "{text}");
    }
}

#[test]
fn inner_whitespace_and_non_ascii_are_warnings() {
    let report = prepare("ab c", "pässwörd");
    assert_eq!(notices(&report.key), [&Notice::InnerWhitespace]);
    assert_eq!(notices(&report.secret), [&Notice::NonAscii { count: 2 }]);
    assert!(report.token.is_some());
    assert!(
        report.secret.notices[0]
            .message(Field::Secret)
            .contains("2 characters")
    );
}

#[test]
fn notices_are_sorted_most_serious_first() {
    let report = prepare(" a:bé ", "x");
    let severities: Vec<Severity> = report.key.notices.iter().map(Notice::severity).collect();
    assert_eq!(
        severities,
        [Severity::Error, Severity::Warning, Severity::Info]
    );
}

#[test]
fn nothing_secret_shows_in_debug_output() {
    let report = prepare("my-key-123", "my-secret-456");
    let debug = format!("{report:?}");
    let token = report.token.as_ref().unwrap().expose_secret().to_owned();
    for secret in ["my-key-123", "my-secret-456", token.as_str()] {
        assert!(!debug.contains(secret), "{secret} leaked into {debug}");
    }
    let pasted = prepare("Bearer c2VjcmV0OnZhbHVl", "");
    assert!(!format!("{pasted:?}").contains("c2VjcmV0OnZhbHVl"));
}

#[test]
fn every_message_is_plain_text_without_the_secret() {
    let report = prepare(" Bearer c2VjcmV0OnZhbHVl ", "ab:é \u{200B}x");
    for notice in report.notices() {
        for field in [Field::Key, Field::Secret] {
            let message = notice.message(field);
            assert!(!message.is_empty());
            assert!(!message.contains("c2VjcmV0OnZhbHVl"), "{message}");
        }
    }
}

#[test]
fn tenant_url_checks() {
    assert_eq!(tenant_url_problem(SECURE_PRACTICE_TENANT_URL), None);
    assert_eq!(tenant_url_problem(" https://scim.example.com/v2 "), None);
    assert!(
        tenant_url_problem("http://api.securepractice.co/scim/v2/")
            .unwrap()
            .contains("HTTPS")
    );
    assert!(tenant_url_problem("https://").unwrap().contains("host"));
    assert!(tenant_url_problem("https://a b").unwrap().contains("space"));
    assert!(tenant_url_problem("").is_some());
}
