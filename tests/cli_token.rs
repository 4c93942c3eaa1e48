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
    // The limit itself is allowed, counted without the line ending.
    let key = "k".repeat(4096);
    let output = run(&["token"], &format!("{key}\r\nsecret\r\n"));
    assert_eq!(output.status.code(), Some(0), "{}", err(&output));
    let expected = base64_of(&format!("{key}:secret"));
    assert_eq!(out(&output), format!("{expected}\n"));
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

/// Runs `token` with `stdin` as raw bytes.
fn run_bytes(stdin: &[u8]) -> std::process::Output {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_scim-preflight"))
        .arg("token")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary starts");
    let written = child.stdin.take().unwrap().write_all(stdin);
    if let Err(error) = written {
        assert_eq!(error.kind(), std::io::ErrorKind::BrokenPipe, "{error}");
    }
    child.wait_with_output().expect("binary finishes")
}

#[test]
fn a_key_or_secret_longer_than_4096_bytes_is_refused_whole() {
    let long_key = format!("{}\nsecret\n", "k".repeat(100_000));
    let long_secret = format!("key\n{}\n", "s".repeat(1_000_000));
    // A two-byte character across the 64 KiB mark, and one across the 4096-byte limit.
    let straddling_64k = format!("{}é\nsecret\n", "k".repeat(64 * 1024 - 1));
    let straddling_limit = format!("{}é\nsecret\n", "k".repeat(4095));
    for (stdin, field, bytes) in [
        (long_key, "API key", 100_000),
        (long_secret, "API secret", 1_000_000),
        (straddling_64k, "API key", 64 * 1024 + 1),
        (straddling_limit, "API key", 4097),
    ] {
        let output = run(&["token"], &stdin);
        let err = err(&output);
        assert_eq!(output.status.code(), Some(2), "{field} {bytes}: {err}");
        assert_eq!(out(&output), "");
        assert!(
            err.contains(&format!(
                "error: {field}: {bytes} bytes long; no key or secret is longer than 4096 bytes."
            )),
            "{err}"
        );
        assert!(
            !err.contains("UTF-8") && !err.contains("kkk") && !err.contains("sss"),
            "{err}"
        );
        assert!(err.contains("No token was made"), "{err}");
    }
}

/// Standard base64 with padding, written out so the test does not share the app's encoder.
fn base64_of(text: &str) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut encoded = String::new();
    for chunk in text.as_bytes().chunks(3) {
        let bits = chunk
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, b)| acc | u32::from(*b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                encoded.push(ALPHABET[(bits >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                encoded.push('=');
            }
        }
    }
    encoded
}

#[test]
fn input_that_is_not_utf8_exits_2_and_says_to_save_as_utf8() {
    for stdin in [
        &b"p\xe4ssw\xf6rd\nsecret\n"[..],
        b"key\n\xff\xfes\0e\0c\0\n",
    ] {
        let output = run_bytes(stdin);
        let err = err(&output);
        assert_eq!(output.status.code(), Some(2), "{err}");
        assert_eq!(out(&output), "");
        assert!(
            err.contains("the text is not UTF-8. Save the file as UTF-8"),
            "{err}"
        );
    }
}

#[test]
fn control_characters_in_the_key_are_pointed_out_and_never_shown() {
    let output = run_bytes(b"my\x1b[31mkey\0\nsecret\x7f\n");
    assert_eq!(output.status.code(), Some(0), "{}", err(&output));
    assert_eq!(
        out(&output),
        format!("{}\n", base64_of("my\u{1b}[31mkey\0:secret\u{7f}"))
    );
    let err = err(&output);
    assert!(
        err.contains("warning: API key: Contains a control character (such as NUL, ESC or DEL)"),
        "{err}"
    );
    assert!(
        err.contains("warning: API secret: Contains a control character"),
        "{err}"
    );
    assert!(!err.contains("mykey") && !err.contains('\u{1b}'), "{err}");
}
