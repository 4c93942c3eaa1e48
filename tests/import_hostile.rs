//! `scim-preflight import` as a process on files too large to keep in the repository: sizes no
//! export comes near are refused quickly, with the limit named, instead of costing many times
//! the file's size; a file at the limits loads in time proportional to its size.
//!
//! The files are written to the temporary folder and removed afterwards.

mod common;

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use common::{err, out, run};

/// Generous for a debug build on a slow machine; before the limits these took 20 to 50 s.
const QUICK: Duration = Duration::from_secs(10);

/// A file in the temporary folder, removed when dropped.
struct Temp(PathBuf);

impl Drop for Temp {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

impl Temp {
    fn write(name: &str, fill: impl FnOnce(&mut BufWriter<File>) -> io::Result<()>) -> Temp {
        let path = std::env::temp_dir().join(format!("scim-hostile-{}-{name}", std::process::id()));
        let temp = Temp(path);
        let mut writer = BufWriter::new(File::create(&temp.0).expect("temporary file"));
        fill(&mut writer)
            .and_then(|()| writer.flush())
            .expect("written");
        temp
    }

    fn path(&self) -> &str {
        self.0.to_str().expect("a UTF-8 temporary path")
    }
}

/// Runs `import` on `file`: it must exit 2 within [`QUICK`] with `message`.
fn refused(file: &Temp, message: &str) {
    let start = Instant::now();
    let output = run(&["import", file.path()], "");
    let elapsed = start.elapsed();
    assert_eq!(output.status.code(), Some(2), "{}", out(&output));
    let error = err(&output);
    assert!(error.contains(message), "{error}");
    assert!(error.contains("Export the users again"), "{error}");
    assert!(elapsed < QUICK, "took {elapsed:?}");
}

/// Runs `import` on `file`: it must load within [`QUICK`], and its summary start with `first`.
fn loads(file: &Temp, first: &str) -> String {
    let start = Instant::now();
    let output = run(&["import", file.path()], "");
    let elapsed = start.elapsed();
    assert_eq!(output.status.code(), Some(0), "{}", err(&output));
    let text = out(&output);
    assert!(text.starts_with(first), "{text}");
    assert!(elapsed < QUICK, "took {elapsed:?}");
    text
}

#[test]
fn a_million_column_csv_is_refused_at_its_header() {
    let file = Temp::write("million-columns.csv", |w| {
        w.write_all(b"userPrincipalName,id")?;
        for i in 0..999_998 {
            write!(w, ",c{i}")?;
        }
        for row in 0..20 {
            write!(w, "\nu{row}@x,{row}")?;
            w.write_all(&b",v".repeat(999_998))?;
        }
        w.write_all(b"\n")
    });
    refused(
        &file,
        "line 1: the header line has more than 10 000 columns",
    );
}

#[test]
fn a_csv_at_the_column_limit_costs_what_its_rows_do() {
    // 9 999 columns and 2 000 rows: every cell used to be handed to the reader.
    let file = Temp::write("wide.csv", |w| {
        w.write_all(b"userPrincipalName,id,department")?;
        for i in 0..9_996 {
            write!(w, ",c{i}")?;
        }
        for row in 0..2_000 {
            write!(w, "\nu{row}@x,{row},Sales")?;
            w.write_all(&b",v".repeat(9_996))?;
        }
        w.write_all(b"\n")
    });
    loads(&file, "2000 users loaded from 1 file.");
}

#[test]
fn a_csv_row_larger_than_any_user_is_refused() {
    let file = Temp::write("long-cell.csv", |w| {
        w.write_all(b"userPrincipalName,id,department\na@x,1,")?;
        w.write_all(&vec![b'x'; 64 << 20])?;
        w.write_all(b"\n")
    });
    refused(
        &file,
        "line 2: one user (or one CSV row) is larger than 4 MiB",
    );
}

#[test]
fn a_json_user_with_a_million_keys_is_refused() {
    let file = Temp::write("million-keys.json", |w| {
        w.write_all(br#"[{"id": "1", "userPrincipalName": "a@x""#)?;
        for i in 0..1_000_000 {
            write!(w, r#", "k{i}": "v""#)?;
        }
        w.write_all(b"}]")
    });
    refused(&file, "line 1: one user has more than 10 000 keys");
}

#[test]
fn a_json_value_larger_than_any_user_is_refused() {
    let file = Temp::write("long-value.json", |w| {
        w.write_all(br#"[{"id": "1", "userPrincipalName": "a@x", "department": ""#)?;
        w.write_all(&vec![b'x'; 64 << 20])?;
        w.write_all(br#""}]"#)
    });
    refused(
        &file,
        "line 1: one user (or one CSV row) is larger than 4 MiB",
    );
}

#[test]
fn users_with_more_different_keys_than_any_export_are_refused() {
    // Each user is within the limits; together they have 108 000 different keys.
    let file = Temp::write("distinct-keys.jsonl", |w| {
        for user in 0..12 {
            write!(w, r#"{{"id": "{user}", "userPrincipalName": "u{user}@x""#)?;
            for key in 0..9_000 {
                write!(w, r#", "k{user}_{key}": 1"#)?;
            }
            w.write_all(b"}\n")?;
        }
        Ok(())
    });
    refused(&file, "the users have more than 100 000 different keys");
}

#[test]
fn a_csv_that_stops_being_utf8_far_in_is_read_again_whole_as_windows_1252() {
    // 30 000 rows of UTF-8 (about 600 KB), then "Tromsø" as Windows-1252 writes it: every row
    // loads, where the rows after the first 256 KB used to be skipped.
    let file = Temp::write("late-ansi.csv", |w| {
        w.write_all(b"userPrincipalName,id,department\n")?;
        for row in 0..30_000 {
            writeln!(w, "u{row}@x,{row},Sales")?;
        }
        w.write_all(b"z@x,30000,Troms\xF8\n")
    });
    let text = loads(&file, "30001 users loaded from 1 file.");
    assert!(text.contains("Windows-1252"), "{text}");
}
