//! The Entra admin center's "Download users" CSV.
//!
//! Its header line names the columns, in API names (`userPrincipalName`, `objectId`,
//! `officeLocation`) or, in the newer exporter, display labels (`User principal name`); both are
//! matched by dropping spaces and case. Empty cells are missing values. Cells holding a JSON
//! object (the newer exporter writes `employeeOrgData` whole in one cell) are read as objects.
//! Rows with the wrong number of cells are skipped and reported; the rest load.
//!
//! Only the columns that can give a user something are read, so a row costs the same whatever
//! other columns the file has; of two columns for one attribute the last is read (and the
//! repeat reported). A header with more than [`MAX_COLUMNS`] cells and a row larger than
//! [`MAX_USER_BYTES`] are refused as they are read.

use std::collections::HashMap;
use std::io::{self, BufRead, BufReader, Read};

use serde_json::{Map, Value};

use super::error::{ImportError, from_io};
use super::finding::{self, Findings};
use super::limits::{Limit, LimitError, MAX_COLUMNS, MAX_USER_BYTES};
use super::names::source_name;
use super::normalize::{Finding, UserReader, key_is_read};
use super::record::User;

/// What a CSV file held.
#[derive(Debug)]
pub struct CsvUsers {
    /// The users, in file order.
    pub users: Vec<User>,
    /// The source attributes the header has a column for.
    pub columns: Vec<String>,
    /// Rows that were skipped, with why (at most [`MAX_SKIPPED_NOTES`]).
    pub skipped: Vec<String>,
    /// How many rows were skipped in all.
    pub skipped_count: usize,
    /// What reading the users found, with how many users each.
    pub findings: Findings,
    /// The line the file ends on.
    pub lines: u64,
}

/// How many skipped rows are described one by one.
pub const MAX_SKIPPED_NOTES: usize = 10;

/// True if `first_line` looks like the header of a users CSV.
pub fn looks_like_header(first_line: &str) -> bool {
    let delimiter = delimiter(first_line);
    first_line.contains(delimiter as char)
        && first_line
            .split(delimiter as char)
            .any(|cell| column_key(cell).is_some_and(|k| source_name(&k).is_some()))
}

/// True if `first_line` looks like a CSV header at all (cells of a few words each), even if it
/// names no user attribute: such a file gets "this CSV is not users" rather than "not CSV".
pub fn looks_like_csv(first_line: &str) -> bool {
    let delimiter = delimiter(first_line) as char;
    let cells: Vec<&str> = first_line.split(delimiter).collect();
    cells.len() >= 2
        && cells
            .iter()
            .all(|cell| cell.len() <= 60 && cell.split_whitespace().count() <= 4)
}

/// Reads the CSV in `input` (file number `file`).
pub(crate) fn read_csv<R: Read>(
    input: R,
    reader: &mut UserReader,
    file: usize,
) -> Result<CsvUsers, ImportError> {
    let mut input = BufReader::with_capacity(64 * 1024, Guard::new(input));
    let head = input.fill_buf().map_err(|e| from_io(e, Some(1)))?;
    let first_line = String::from_utf8_lossy(head.split(|b| *b == b'\n').next().unwrap_or(&[]))
        .trim_end()
        .to_owned();
    let mut csv = csv::ReaderBuilder::new()
        .delimiter(delimiter(&first_line))
        .flexible(true)
        .from_reader(input);
    let headers = match csv.headers() {
        Ok(headers) => headers.clone(),
        Err(e) => return Err(csv_error(e, 1).map_or_else(|e| e, ImportError::CsvHeader)),
    };
    if headers.len() > MAX_COLUMNS {
        let limit = Limit::Columns;
        return Err(ImportError::TooLarge {
            limit,
            line: Some(1),
        });
    }
    let keys: Vec<Option<String>> = headers.iter().map(column_key).collect();
    let columns: Vec<String> = keys
        .iter()
        .flatten()
        .filter_map(|k| source_name(k).or_else(|| object_column(k)))
        .collect();
    if columns.is_empty() {
        let mut shown: String = first_line.chars().take(80).collect();
        if shown.len() < first_line.len() {
            shown.push('…');
        }
        return Err(ImportError::CsvHeader(format!("\"{shown}\"")));
    }
    let plan = Plan::new(&keys);
    let mut out = CsvUsers {
        users: Vec::new(),
        columns,
        skipped: Vec::new(),
        skipped_count: 0,
        findings: Findings::new(),
        lines: 1,
    };
    let mut record = csv::StringRecord::new();
    loop {
        let line = csv.position().line();
        // Each row may be as large as one user: counted from here.
        csv.get_mut().get_mut().record = 0;
        match csv.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) if record.len() == headers.len() => {
                let mut object = Map::new();
                for (index, key) in &plan.read {
                    if let Some(cell) = record.get(*index)
                        && !cell.is_empty()
                    {
                        object.insert(key.clone(), cell_value(cell));
                    }
                }
                let position = out.users.len();
                let value = Value::Object(object);
                match reader.read(&value, file, position) {
                    Ok((user, mut findings)) => {
                        findings.extend(plan.repeated(&record));
                        finding::count(&mut out.findings, findings, &user, &reader.names);
                        out.users.push(user);
                    }
                    Err(_) => {
                        if let Some(limit) = reader.take_refusal() {
                            return Err(ImportError::TooLarge {
                                limit,
                                line: Some(line),
                            });
                        }
                    }
                }
            }
            Ok(true) if record.len() == 1 && record.get(0).is_some_and(|c| c.trim().is_empty()) => {
                // A blank line.
            }
            Ok(true) => skip(
                &mut out,
                format!(
                    "line {line}: {} cells where the header has {}",
                    record.len(),
                    headers.len()
                ),
            ),
            Err(e) => match csv_error(e, line) {
                Ok(message) => skip(&mut out, format!("line {line}: {message}")),
                Err(error) => return Err(error),
            },
        }
    }
    out.lines = csv.position().line();
    if out.users.is_empty() {
        return Err(ImportError::NoUsers(if out.skipped_count > 0 {
            format!(
                "every row was skipped ({})",
                out.skipped.first().map_or("", String::as_str)
            )
        } else {
            "the CSV has a header line and nothing else".into()
        }));
    }
    Ok(out)
}

/// A CSV error: its message if it is about the CSV (the row is skipped), the import error if
/// reading failed (the file cannot load: not UTF-8 after all, over a limit, cancelled, a disk
/// error).
fn csv_error(e: csv::Error, line: u64) -> Result<String, ImportError> {
    if !e.is_io_error() {
        return Ok(e.to_string());
    }
    match e.into_kind() {
        csv::ErrorKind::Io(io) => Err(from_io(io, Some(line))),
        other => Ok(format!("{other:?}")),
    }
}

/// Which columns are read: only those that can give a user something, and of columns for the
/// same attribute only the last (the way a JSON object's repeated key is read).
struct Plan {
    /// (column, key) of the columns read.
    read: Vec<(usize, String)>,
    /// (column, key of the column read instead) of the columns left out as repeats.
    repeats: Vec<(usize, String)>,
}

impl Plan {
    fn new(keys: &[Option<String>]) -> Self {
        // The attribute a column is for: its source name, or its key for an object column.
        let identity = |key: &str| source_name(key).unwrap_or_else(|| key.to_ascii_lowercase());
        let mut last: HashMap<String, usize> = HashMap::new();
        for (index, key) in keys.iter().enumerate() {
            if let Some(key) = key
                && key_is_read(key)
            {
                last.insert(identity(key), index);
            }
        }
        let mut plan = Plan {
            read: Vec::new(),
            repeats: Vec::new(),
        };
        for (index, key) in keys.iter().enumerate() {
            let Some(key) = key else { continue };
            let Some(&kept) = last.get(&identity(key)) else {
                continue;
            };
            if kept == index {
                plan.read.push((index, key.clone()));
            } else if let Some(Some(kept_key)) = keys.get(kept) {
                plan.repeats.push((index, kept_key.clone()));
            }
        }
        plan
    }

    /// The repeated keys of this row that had a value the last column replaced.
    fn repeated(&self, record: &csv::StringRecord) -> Vec<Finding> {
        let mut found = Vec::new();
        for (index, key) in &self.repeats {
            let finding = Finding::DuplicateKey { key: key.clone() };
            if record.get(*index).is_some_and(|c| !c.is_empty()) && !found.contains(&finding) {
                found.push(finding);
            }
        }
        found
    }
}

/// Bytes read ahead of the row being read: the buffers of [`read_csv`] and of the csv crate.
const READ_AHEAD: usize = 128 * 1024;

/// Below the CSV parser: refuses a header line with more than [`MAX_COLUMNS`] cells and a row
/// larger than [`MAX_USER_BYTES`] as they stream by, before the parser holds them.
struct Guard<R> {
    inner: R,
    /// Still in the first line.
    header: bool,
    /// Commas, semicolons and tabs of the first line so far: whichever is the delimiter.
    delimiters: [usize; 3],
    /// Bytes read since the row being read started.
    record: usize,
}

impl<R> Guard<R> {
    fn new(inner: R) -> Self {
        Self {
            inner,
            header: true,
            delimiters: [0; 3],
            record: 0,
        }
    }
}

impl<R: Read> Read for Guard<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        if self.header {
            let mut part = &buf[..n];
            if let Some(end) = memchr::memchr(b'\n', part) {
                part = &part[..end];
                self.header = false;
            }
            for (count, delimiter) in self.delimiters.iter_mut().zip([b',', b';', b'\t']) {
                *count += memchr::memchr_iter(delimiter, part).count();
                if *count >= MAX_COLUMNS {
                    return Err(LimitError::io(Limit::Columns));
                }
            }
        }
        self.record += n;
        if self.record > MAX_USER_BYTES + READ_AHEAD {
            return Err(LimitError::io(Limit::UserBytes));
        }
        Ok(n)
    }
}

fn skip(out: &mut CsvUsers, why: String) {
    out.skipped_count += 1;
    if out.skipped.len() < MAX_SKIPPED_NOTES {
        out.skipped.push(why);
    }
}

/// The delimiter of the header line: comma, or the semicolon or tab that regional Excel saves.
fn delimiter(first_line: &str) -> u8 {
    let count = |c: char| first_line.matches(c).count();
    [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| (count(*d as char), *d == b','))
        .unwrap_or(b',')
}

/// The key a column header stands for: spaces dropped (`User principal name` →
/// `Userprincipalname`, which [`source_name`] matches without regard to case).
fn column_key(header: &str) -> Option<String> {
    let key: String = header
        .trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}' || c == '"')
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    (!key.is_empty()).then_some(key)
}

/// Columns that hold a whole object (the newer exporter): what they provide.
fn object_column(key: &str) -> Option<String> {
    match key.to_ascii_lowercase().as_str() {
        "employeeorgdata" => Some("employeeOrgData.division".into()),
        "onpremisesextensionattributes" | "extensionattributes" => {
            Some("extensionAttribute1".into())
        }
        "manager" => Some("manager".into()),
        _ => None,
    }
}

/// A cell's value: a JSON object or list as such, anything else as text.
fn cell_value(cell: &str) -> Value {
    let trimmed = cell.trim_start();
    if (trimmed.starts_with('{') || trimmed.starts_with('['))
        && let Ok(value) = serde_json::from_str::<Value>(cell)
    {
        return value;
    }
    Value::String(cell.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<(CsvUsers, UserReader), ImportError> {
        let mut reader = UserReader::new();
        let users = read_csv(text.as_bytes(), &mut reader, 0)?;
        Ok((users, reader))
    }

    #[test]
    fn the_documented_portal_columns_load() {
        let text = "userPrincipalName,displayName,objectId,department,accountEnabled,physicalDeliveryOfficeName,mobile\r\n\
                    ase@vindel.example,Åse Øvergård,1111,\"Vindel > Sales, EMEA\",True,Oslo,+47 1\r\n\
                    aino@vindel.example,Aino Virtanen,2222,,False,,\r\n";
        let (csv, reader) = read(text).unwrap();
        assert_eq!(csv.users.len(), 2);
        let names = &reader.names;
        let ase = &csv.users[0];
        assert_eq!(ase.text(names, "objectId"), Some("1111"));
        assert_eq!(ase.text(names, "department"), Some("Vindel > Sales, EMEA"));
        assert_eq!(ase.text(names, "physicalDeliveryOfficeName"), Some("Oslo"));
        assert_eq!(ase.text(names, "IsSoftDeleted"), Some("False"));
        let aino = &csv.users[1];
        assert_eq!(
            aino.text(names, "department"),
            None,
            "empty cell is missing"
        );
        assert_eq!(aino.text(names, "IsSoftDeleted"), Some("True"));
        assert!(csv.columns.contains(&"mobile".to_owned()));
        assert!(!csv.columns.contains(&"companyName".to_owned()));
    }

    #[test]
    fn display_labels_semicolons_and_object_cells() {
        let text = "User principal name;Object ID;Company name;Employee org data\n\
                    a@b.example;1;Vindel AS;\"{\"\"division\"\":\"\"Sales\"\",\"\"costCenter\"\":\"\"CC-1\"\"}\"\n";
        let (csv, reader) = read(text).unwrap();
        let user = &csv.users[0];
        assert_eq!(
            user.text(&reader.names, "userPrincipalName"),
            Some("a@b.example")
        );
        assert_eq!(user.text(&reader.names, "companyName"), Some("Vindel AS"));
        assert_eq!(
            user.text(&reader.names, "employeeOrgData.division"),
            Some("Sales")
        );
    }

    #[test]
    fn broken_rows_are_skipped_and_reported() {
        let text = "userPrincipalName,displayName,department\n\
                    a@x,A,Sales\n\
                    b@x,B\n\
                    c@x,C,IT,extra\n\
                    \n\
                    d@x,D,Finance\n";
        let (csv, _) = read(text).unwrap();
        assert_eq!(csv.users.len(), 2);
        assert_eq!(csv.skipped_count, 2);
        assert_eq!(
            csv.skipped,
            [
                "line 3: 2 cells where the header has 3",
                "line 4: 4 cells where the header has 3"
            ]
        );
    }

    #[test]
    fn a_csv_that_is_not_users_is_refused() {
        let err = read("name,price\napple,3\n").unwrap_err();
        assert_eq!(err.kind(), "csv-header");
        assert!(err.to_string().contains("\"name,price\""), "{err}");
        assert_eq!(
            read("userPrincipalName,department\n").unwrap_err().kind(),
            "no-users"
        );
        assert!(looks_like_header("userPrincipalName,displayName"));
        assert!(!looks_like_header("hello world"));
        assert!(looks_like_csv("name,price"));
        assert!(!looks_like_csv("Hello, here are the users you asked for."));
        assert!(!looks_like_csv("<!DOCTYPE html><html>"));
    }
}
