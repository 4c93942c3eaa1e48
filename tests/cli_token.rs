//! `scim-preflight token` as a process: standard input in, standard output out, exit codes.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn run(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_scim-preflight"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary starts");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

#[test]
fn prints_the_token_and_nothing_else() {
    let out = run(&["token"], "abc\ndef\n");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(text(&out.stdout), "YWJjOmRlZg==\n");
    assert_eq!(text(&out.stderr), "");
}

#[test]
fn windows_line_endings_and_a_missing_final_newline_are_fine() {
    let out = run(&["token"], "ключ\r\nпароль");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(text(&out.stdout), "0LrQu9GO0Yc60L/QsNGA0L7Qu9GM\n");
    assert!(
        text(&out.stderr).contains("warning: API key: Contains 4 characters outside plain ASCII")
    );
}

#[test]
fn trimmed_input_is_noted_on_stderr_only() {
    let out = run(&["token"], "  abc \n\tdef\n");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(text(&out.stdout), "YWJjOmRlZg==\n");
    let err = text(&out.stderr);
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
        let out = run(&["token"], stdin);
        assert_eq!(out.status.code(), Some(2), "{stdin:?}");
        assert_eq!(text(&out.stdout), "", "{stdin:?}");
        let err = text(&out.stderr);
        assert!(err.contains(reason), "{stdin:?}: {err}");
        assert!(err.contains("No token was made"), "{err}");
    }
}

#[test]
fn secrets_never_reach_stderr() {
    let out = run(&["token"], " my-key-123 \nmy-secret-456é\n");
    assert_eq!(out.status.code(), Some(0));
    let err = text(&out.stderr);
    assert!(
        !err.contains("my-key-123") && !err.contains("my-secret-456"),
        "{err}"
    );
    let token = text(&out.stdout);
    assert!(!err.contains(token.trim()), "{err}");
}

#[test]
fn the_secret_is_not_accepted_as_an_argument() {
    let out = run(&["token", "abc", "def"], "");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(text(&out.stdout), "");
    assert!(text(&out.stderr).contains("unexpected argument"));
}

#[test]
fn the_countdown_must_be_10_to_300_seconds() {
    let out = run(&["token", "--copy", "--clear-after", "5"], "abc\ndef\n");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("10..=300"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn help_lists_the_token_command() {
    let out = run(&["--help"], "");
    assert_eq!(out.status.code(), Some(0));
    let help = text(&out.stdout);
    assert!(help.contains("token"), "{help}");
    assert!(help.contains("secret token"), "{help}");
    let out = run(&["token", "--help"], "");
    assert!(text(&out.stdout).contains("never taken as an argument"));
}
