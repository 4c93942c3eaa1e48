//! How every command writes, as a process: a reader that goes away early (`| head`) ends the
//! command quietly, a full disk exits 1 with a message instead of a panic, and control
//! characters from the data reach the terminal only escaped in text meant for people.

mod common;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use common::{err, out, run};

fn binary() -> Command {
    Command::new(env!("CARGO_BIN_EXE_scim-preflight"))
}

fn hostile() -> String {
    format!(
        "{}/tests/data/hostile/users-control-chars.json",
        env!("CARGO_MANIFEST_DIR")
    )
}

/// A Graph export of 3000 fictional users: every output about it is far larger than a pipe holds.
fn big_export(dir: &Path) -> PathBuf {
    let output = run(&["sample", "--users", "3000"], "");
    assert_eq!(output.status.code(), Some(0), "{}", err(&output));
    let path = dir.join("users.json");
    std::fs::write(&path, &output.stdout).unwrap();
    path
}

/// A batch of cases whose JSON result is far larger than a pipe holds.
fn big_batch(dir: &Path) -> PathBuf {
    let case = r#"{"expression": "Join(\" \", [a], [a], [a])", "attributes": {"a": "0123456789"}}"#;
    let path = dir.join("cases.json");
    std::fs::write(&path, format!("[{}]", vec![case; 20_000].join(","))).unwrap();
    path
}

/// Runs the binary with `args`, reads the first bytes of its output, closes the pipe and waits.
fn close_early(args: &[&str]) -> (Option<i32>, String) {
    let mut child = binary()
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary starts");
    let mut first = [0u8; 100];
    child
        .stdout
        .take()
        .expect("stdout is piped")
        .read_exact(&mut first)
        .expect("the command writes at least 100 bytes");
    let output = child.wait_with_output().expect("binary finishes");
    (output.status.code(), err(&output))
}

#[test]
fn a_reader_that_goes_away_ends_every_command_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let users = big_export(dir.path());
    let users = users.to_str().unwrap();
    let batch = big_batch(dir.path());
    for args in [
        &["preview", users, "--format", "json"][..],
        &["preview", users, "--format", "csv"],
        &["eval", "--batch", batch.to_str().unwrap()],
        &["sample", "--users", "20000"],
    ] {
        let (code, stderr) = close_early(args);
        assert_eq!(code, Some(0), "{args:?}: {stderr}");
        assert_eq!(stderr, "", "{args:?}");
    }
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_exits_1_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let users = big_export(dir.path());
    let users = users.to_str().unwrap();
    let batch = big_batch(dir.path());
    for (args, stdin) in [
        (&["preview", users, "--format", "json"][..], ""),
        (&["preview", users, "--format", "csv"], ""),
        (&["preview", users], ""),
        (&["import", users], ""),
        (&["import", users, "--json"], ""),
        (&["paths", users], ""),
        (
            &[
                "diff",
                users,
                "--from",
                "defaults",
                "--to",
                "securepractice",
            ],
            "",
        ),
        (&["eval", "--batch", batch.to_str().unwrap()], ""),
        (&["eval", "ToUpper([a])", "--attr", "a=x"], ""),
        (&["eval", "ToUpper([a])", "--attr", "a=x", "--json"], ""),
        (&["eval", "--assumptions"], ""),
        (&["sample"], ""),
        (&["token"], "abc\ndef\n"),
    ] {
        let full = std::fs::File::create("/dev/full").unwrap();
        let mut child = binary()
            .args(args)
            .stdin(Stdio::piped())
            .stdout(full)
            .stderr(Stdio::piped())
            .spawn()
            .expect("binary starts");
        std::io::Write::write_all(&mut child.stdin.take().unwrap(), stdin.as_bytes()).unwrap();
        let output = child.wait_with_output().expect("binary finishes");
        let stderr = err(&output);
        assert_eq!(output.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(
            stderr.contains(&format!("scim-preflight {}: could not write: ", args[0]))
                && stderr.contains("No space left on device"),
            "{args:?}: {stderr}"
        );
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }
}

/// Raw terminal controls from the hostile export: ESC, the one-byte CSI U+009B, DEL, a carriage
/// return, BEL, and the bidirectional controls.
const RAW_CONTROLS: [char; 8] = [
    '\u{1b}', '\u{9b}', '\u{7f}', '\r', '\u{7}', '\u{202e}', '\u{2066}', '\u{2069}',
];

fn assert_no_raw_controls(what: &str, text: &str) {
    for c in RAW_CONTROLS {
        assert!(!text.contains(c), "{what} has a raw {c:?}: {text:?}");
    }
}

#[test]
fn text_output_shows_control_characters_escaped() {
    let users = hostile();
    for (args, shown) in [
        (
            &["preview", &users][..],
            "Sales\\u{1b}[2J\\u{1b}[31m > EMEA  (1 user)",
        ),
        (&["paths", &users], "Fin\\u{2066}ance\\u{2069}  (1 user)"),
        (
            &[
                "diff",
                &users,
                "--from",
                "defaults",
                "--to",
                "securepractice",
            ],
            "(not sent) -> \"Hostile\\u{9b}31mCorp\"",
        ),
    ] {
        let output = run(args, "");
        assert_eq!(output.status.code(), Some(0), "{args:?}: {}", err(&output));
        let text = out(&output);
        assert_no_raw_controls(&format!("{args:?}"), &text);
        assert!(text.contains(shown), "{args:?}: {text}");
    }
    let tree = out(&run(&["preview", &users], ""));
    assert!(tree.contains("Hostile\\u{9b}31mCorp  (1 user)\n"), "{tree}");
    assert!(
        tree.contains("Hostile\\u{7f}Corp\\u{d}Overwritten"),
        "{tree}"
    );

    let output = run(
        &["eval", "Join(\"\t\", [a], [a])", "--attr", "a=x\u{1b}[2Jy"],
        "",
    );
    assert_eq!(out(&output), "x\\u{1b}[2Jy\tx\\u{1b}[2Jy\n");
}

#[test]
fn data_output_is_left_as_it_is() {
    // JSON escapes controls itself; CSV is data (protected against formulas, not escaped).
    let users = hostile();
    let json = out(&run(&["preview", &users, "--format", "json"], ""));
    assert!(json.contains("Sales\\u001b[2J"), "{json}");
    let csv = out(&run(&["preview", &users, "--format", "csv"], ""));
    assert!(csv.contains("Sales\u{1b}[2J"), "{csv}");
    let output = run(&["eval", "[a]", "--attr", "a=x\u{1b}y", "--json"], "");
    assert_eq!(out(&output), "{\"value\":\"x\\u001by\"}\n");
}

#[test]
fn messages_show_control_characters_escaped() {
    let dir = tempfile::tempdir().unwrap();
    // A file name is file content too: it goes into the summary and into every error about it.
    let evil = dir.path().join("evil\u{1b}]0;owned\u{7}\u{202e}.json");
    std::fs::copy(hostile(), &evil).unwrap();
    let evil = evil.to_str().unwrap();
    let output = run(&["import", evil], "");
    assert_eq!(output.status.code(), Some(0), "{}", err(&output));
    assert_no_raw_controls("import", &out(&output));
    assert!(out(&output).contains("evil\\u{1b}]0;owned\\u{7}\\u{202e}.json"));

    let broken = dir.path().join("broken\u{1b}[2J.json");
    std::fs::write(&broken, "{\"value\": [{\"id\": \"x\u{9b}\"").unwrap();
    for command in ["import", "preview", "paths"] {
        let output = run(&[command, broken.to_str().unwrap()], "");
        assert_eq!(output.status.code(), Some(2), "{command}");
        let message = err(&output);
        assert_no_raw_controls(command, &message);
        assert!(
            message.contains("broken\\u{1b}[2J.json"),
            "{command}: {message}"
        );
    }

    let output = run(&["eval", "--batch", evil], "");
    assert_eq!(output.status.code(), Some(2));
    assert_no_raw_controls("eval --batch", &err(&output));
    let output = run(&["eval", "Item([a], 0)\u{1b}[2J"], "");
    assert_eq!(output.status.code(), Some(2));
    assert_no_raw_controls("eval", &err(&output));
}
