//! The clipboard rules against the real X11 clipboard, under an Xvfb server this test starts.
//!
//! `real_x11_clipboard` starts Xvfb on a free display and runs `x11_clipboard_scenarios` (this
//! same test binary) as a child process with `DISPLAY` pointing at it, so no environment is
//! changed inside a running test process. Without Xvfb installed the test says so and passes,
//! except in CI (`CI` set), where Xvfb is required and its absence fails the test.

use std::io::Write;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use scim_preflight::secret::SecretString;
use scim_preflight::secure_copy::{ClearOutcome, ClipboardAccess, SecureCopy};
use scim_preflight::system_clipboard::SystemClipboard;

const CHILD_MARKER: &str = "SCIM_PREFLIGHT_X11_CHILD";

/// An Xvfb server, stopped on drop.
struct Xvfb {
    child: Child,
    display: String,
}

impl Drop for Xvfb {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start_xvfb() -> Option<Xvfb> {
    // A display number unlikely to be in use: derived from the process id.
    for attempt in 0..20 {
        let number = 200 + (std::process::id() % 500) + attempt * 7;
        if Path::new(&format!("/tmp/.X11-unix/X{number}")).exists() {
            continue;
        }
        let child = Command::new("Xvfb")
            .args([
                &format!(":{number}"),
                "-nolisten",
                "tcp",
                "-screen",
                "0",
                "640x480x24",
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .ok()?;
        let server = Xvfb {
            child,
            display: format!(":{number}"),
        };
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if Path::new(&format!("/tmp/.X11-unix/X{number}")).exists() {
                return Some(server);
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
    None
}

#[test]
fn real_x11_clipboard() {
    let Some(server) = start_xvfb() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must test the real clipboard: install Xvfb (apt-get install xvfb)"
        );
        eprintln!("SKIPPED real_x11_clipboard: Xvfb is not installed (apt-get install xvfb)");
        return;
    };
    let status = Command::new(std::env::current_exe().unwrap())
        .args([
            "--ignored",
            "--exact",
            "x11_clipboard_scenarios",
            "--nocapture",
        ])
        .env("DISPLAY", &server.display)
        .env(CHILD_MARKER, "1")
        .status()
        .unwrap();
    assert!(
        status.success(),
        "the scenarios failed under Xvfb {}",
        server.display
    );
}

fn clipboard_text(clipboard: &mut SystemClipboard) -> String {
    clipboard.read_text().unwrap().to_string()
}

/// Waits until the clipboard holds `expected` (another process may need a moment).
fn wait_for(clipboard: &mut SystemClipboard, expected: &str) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while clipboard_text(clipboard) != expected {
        assert!(
            Instant::now() < deadline,
            "clipboard never held {expected:?}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Runs `scim-preflight token --copy --clear-after 10` with the key `abc` and secret `def`.
fn spawn_copy_command() -> Child {
    let mut child = Command::new(env!("CARGO_BIN_EXE_scim-preflight"))
        .args(["token", "--copy", "--clear-after", "10"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"abc\ndef\n")
        .unwrap();
    child
}

#[test]
#[ignore = "run by real_x11_clipboard under its own X server"]
fn x11_clipboard_scenarios() {
    if std::env::var_os(CHILD_MARKER).is_none() {
        return;
    }
    let mut clipboard = SystemClipboard::open().expect("Xvfb clipboard");
    let token = SecretString::from_str_copy("YWJjOmRlZg==");

    // 1. Copy, read back, wait past a short timeout: the clipboard is empty.
    let mut copy = SecureCopy::default();
    copy.copy(
        &mut clipboard,
        &token,
        Duration::from_millis(300),
        Instant::now(),
    )
    .unwrap();
    assert_eq!(clipboard_text(&mut clipboard), "YWJjOmRlZg==");
    std::thread::sleep(Duration::from_millis(400));
    assert_eq!(
        copy.tick(&mut clipboard, Instant::now()),
        ClearOutcome::Cleared
    );
    assert_eq!(clipboard_text(&mut clipboard), "");

    // 2. Copy, then something else is copied; the timeout passes; the other content stays.
    copy.copy(
        &mut clipboard,
        &token,
        Duration::from_millis(300),
        Instant::now(),
    )
    .unwrap();
    let mut other = arboard::Clipboard::new().unwrap();
    other.set_text("the admin copied this").unwrap();
    std::thread::sleep(Duration::from_millis(400));
    assert_eq!(
        copy.tick(&mut clipboard, Instant::now()),
        ClearOutcome::LeftAlone
    );
    assert_eq!(clipboard_text(&mut clipboard), "the admin copied this");

    // 3. The command, as another process: the token is pasteable during the countdown and gone
    //    after it.
    let child = spawn_copy_command();
    wait_for(&mut clipboard, "YWJjOmRlZg==");
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "",
        "the token is not printed"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("cleared from the clipboard"));
    assert_eq!(clipboard_text(&mut clipboard), "");

    // 4. The command again, but this process copies something else meanwhile: the command
    //    notices within a second (not after its 10 s), says so and leaves it alone.
    let child = spawn_copy_command();
    wait_for(&mut clipboard, "YWJjOmRlZg==");
    other.set_text("a newer copy").unwrap();
    let copied_over = Instant::now();
    let out = child.wait_with_output().unwrap();
    assert!(copied_over.elapsed() < Duration::from_secs(5));
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("nothing to clear"));
    assert_eq!(clipboard_text(&mut clipboard), "a newer copy");
}
