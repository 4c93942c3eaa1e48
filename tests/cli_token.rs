//! `scim-preflight token` as a process: standard input in, standard output out, exit codes.

mod common;

use common::{err, out, run};

#[test]
fn prints_the_token_and_nothing_else() {
    let output = run(&["token"], "abc\ndef\n");
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(out(&output), "YWJjOmRlZg==\n");
    assert_eq!(err(&output), "");
}

#[test]
fn windows_line_endings_and_a_missing_final_newline_are_fine() {
    let output = run(&["token"], "ключ\r\nпароль");
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(out(&output), "0LrQu9GO0Yc60L/QsNGA0L7Qu9GM\n");
    assert!(err(&output).contains("warning: API key: Contains 4 characters outside plain ASCII"));
}

#[test]
fn trimmed_input_is_noted_on_stderr_only() {
    let output = run(&["token"], "  abc \n\tdef\n");
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(out(&output), "YWJjOmRlZg==\n");
    let err = err(&output);
    assert!(err.contains("note: API key: Removed 3 spaces"), "{err}");
    assert!(err.contains("note: API secret: Removed 1 space"), "{err}");
}

#[test]
fn bad_input_exits_2_with_the_reason_and_prints_no_token() {
    for (stdin, reason) in [
        ("ab:c\ndef\n", "error: API key: The API key contains “:”"),
        ("", "API key: Paste the API key"),
        ("abc\n", "API secret: Paste the API secret"),
        (
            "abc:def\n\n",
            "error: API secret: Empty, but the API key field holds two values",
        ),
    ] {
        let output = run(&["token"], stdin);
        assert_eq!(output.status.code(), Some(2), "{stdin:?}");
        assert_eq!(out(&output), "", "{stdin:?}");
        let err = err(&output);
        assert!(err.contains(reason), "{stdin:?}: {err}");
        assert!(err.contains("No token was made"), "{err}");
    }
}

#[test]
fn secrets_never_reach_stderr() {
    let output = run(&["token"], " my-key-123 \nmy-secret-456é\n");
    assert_eq!(output.status.code(), Some(0));
    let err = err(&output);
    assert!(
        !err.contains("my-key-123") && !err.contains("my-secret-456"),
        "{err}"
    );
    let token = out(&output);
    assert!(!err.contains(token.trim()), "{err}");
}

#[test]
fn the_secret_is_not_accepted_as_an_argument() {
    let output = run(&["token", "abc", "def"], "");
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(out(&output), "");
    assert!(err(&output).contains("unexpected argument"));
}

#[test]
fn the_countdown_must_be_10_to_300_seconds() {
    let output = run(&["token", "--copy", "--clear-after", "5"], "abc\ndef\n");
    assert_eq!(output.status.code(), Some(2));
    assert!(err(&output).contains("10..=300"), "{}", err(&output));
}

#[test]
fn help_lists_the_token_command() {
    let output = run(&["--help"], "");
    assert_eq!(output.status.code(), Some(0));
    let help = out(&output);
    assert!(help.contains("token"), "{help}");
    assert!(help.contains("secret token"), "{help}");
    let output = run(&["token", "--help"], "");
    assert!(out(&output).contains("never taken as an argument"));
}
