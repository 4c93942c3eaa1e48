//! The Entra admin center's "Download users" CSV.
//!
//! Its header line names the columns, in API names (`userPrincipalName`, `objectId`,
//! `officeLocation`) or, in the newer exporter, display labels (`User principal name`); both are
//! matched by dropping spaces and case. Empty cells are missing values. Cells holding a JSON
//! object (the newer exporter writes `employeeOrgData` whole in one cell) are read as objects.
//! Rows with the wrong number of cells are skipped and reported; the rest load.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read};

use serde_json::{Map, Value};

use super::error::ImportError;
use super::names::source_name;
use super::normalize::{Finding, UserReader};
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
    pub findings: BTreeMap<Finding, usize>,
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
    let mut input = BufReader::with_capacity(64 * 1024, input);
    let head = input
        .fill_buf()
        .map_err(|e| ImportError::Io(e.to_string()))?;
    let first_line = String::from_utf8_lossy(head.split(|b| *b == b'\n').next().unwrap_or(&[]))
        .trim_end()
        .to_owned();
    let mut csv = csv::ReaderBuilder::new()
        .delimiter(delimiter(&first_line))
        .flexible(true)
        .from_reader(input);
    let headers = csv
        .headers()
        .map_err(|e| ImportError::CsvHeader(e.to_string()))?
        .clone();
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
        return Err(ImportError::CsvHeader(format!("`{shown}`")));
    }
    let mut out = CsvUsers {
        users: Vec::new(),
        columns,
        skipped: Vec::new(),
        skipped_count: 0,
        findings: BTreeMap::new(),
    };
    let mut record = csv::StringRecord::new();
    loop {
        let line = csv.position().line();
        match csv.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) if record.len() == headers.len() => {
                let mut object = Map::new();
                for (key, cell) in keys.iter().zip(record.iter()) {
                    if let Some(key) = key
                        && !cell.is_empty()
                    {
                        object.insert(key.clone(), cell_value(cell));
                    }
                }
                let position = out.users.len();
                let value = Value::Object(object);
                if let Ok((user, findings)) = reader.read(&value, file, position) {
                    for finding in findings {
                        *out.findings.entry(finding).or_default() += 1;
                    }
                    out.users.push(user);
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
            Err(e) => skip(&mut out, format!("line {line}: {e}")),
        }
    }
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
        assert!(err.to_string().contains("`name,price`"), "{err}");
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
