//! The admin center's "Download logs" CSV: three files, joined by change ID
//! (entra-docs, docs/identity/monitoring-health/howto-analyze-provisioning-logs.md, "CSV
//! format"): `ProvisioningLogs` (one row per record, without steps and modified properties),
//! `ProvisioningLogs_ProvisioningSteps` (one row per step) and
//! `ProvisioningLogs_ModifiedProperties` (one row per property).
//!
//! Microsoft does not publish the column headers. This reader finds each column by its name
//! with spaces, punctuation and case dropped, under every name it is likely to have
//! ([`COLUMNS`]; `Change ID`, `changeId` and `Change Id` are one column), and tells the three
//! files apart by the columns they have: old and new values make the properties file, a step
//! type or description the steps file, an action or status the logs file. A step's details
//! cell may be JSON (an object or a list of key/value pairs) or `key: value` pairs separated by
//! `;` or new lines.

use std::collections::HashMap;

use super::error::LogError;
use super::{Action, Identity, LogRecord, Modified, Status, Step, StepKind};
use crate::import::error::shorten;

/// Which of the three files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CsvPart {
    /// `ProvisioningLogs`: one row per record.
    Logs,
    /// `ProvisioningLogs_ProvisioningSteps`.
    Steps,
    /// `ProvisioningLogs_ModifiedProperties`.
    Properties,
}

impl CsvPart {
    /// How the summary names it.
    pub fn label(self) -> &'static str {
        match self {
            CsvPart::Logs => "the logs",
            CsvPart::Steps => "their provisioning steps",
            CsvPart::Properties => "their modified properties",
        }
    }
}

/// A column the reader looks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Column {
    ChangeId,
    Date,
    Action,
    Status,
    SourceId,
    SourceName,
    SourceType,
    TargetId,
    TargetName,
    TargetType,
    ErrorCode,
    Reason,
    StepName,
    StepType,
    Description,
    Details,
    Property,
    OldValue,
    NewValue,
}

/// Every name a column may have, with spaces, punctuation and case dropped (the choice this app
/// makes where Microsoft publishes none).
const COLUMNS: &[(Column, &[&str])] = &[
    (Column::ChangeId, &["changeid"]),
    (
        Column::Date,
        &[
            "date",
            "activitydatetime",
            "datetime",
            "activitydate",
            "dateutc",
        ],
    ),
    (Column::Action, &["action", "provisioningaction"]),
    (
        Column::Status,
        &[
            "status",
            "provisioningstatus",
            "provisioningstatusinfostatus",
        ],
    ),
    (
        Column::SourceId,
        &["sourceid", "sourceidentityid", "sourceobjectid"],
    ),
    (
        Column::SourceName,
        &[
            "sourcename",
            "sourcedisplayname",
            "sourceidentitydisplayname",
            "sourceidentityname",
            "sourceidentity",
        ],
    ),
    (
        Column::SourceType,
        &["sourcetype", "sourceidentitytype", "identitytype"],
    ),
    (Column::TargetId, &["targetid", "targetidentityid"]),
    (
        Column::TargetName,
        &[
            "targetname",
            "targetdisplayname",
            "targetidentitydisplayname",
            "targetidentityname",
            "targetidentity",
        ],
    ),
    (Column::TargetType, &["targettype", "targetidentitytype"]),
    (
        Column::ErrorCode,
        &["errorcode", "statusreasoncode", "reasoncode"],
    ),
    (
        Column::Reason,
        &[
            "reason",
            "statusreason",
            "errorreason",
            "failurereason",
            "errormessage",
            "statusdetails",
        ],
    ),
    (Column::StepName, &["stepname", "name", "step"]),
    (
        Column::StepType,
        &["steptype", "provisioningsteptype", "type"],
    ),
    (Column::Description, &["description", "stepdescription"]),
    (Column::Details, &["details", "stepdetails"]),
    (
        Column::Property,
        &[
            "property",
            "propertyname",
            "displayname",
            "attribute",
            "attributename",
            "modifiedproperty",
            "name",
        ],
    ),
    (Column::OldValue, &["oldvalue", "old"]),
    (Column::NewValue, &["newvalue", "new"]),
];

/// The rows of the CSV files loaded so far, joined into records at the end.
#[derive(Debug, Default)]
pub struct Parts {
    records: Vec<LogRecord>,
    steps: Vec<(String, Step)>,
    properties: Vec<(String, Modified)>,
}

/// A header cell as a key: letters and digits only, in lower case.
fn key(cell: &str) -> String {
    cell.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// The delimiter of a header line: the most frequent of `,` `;` tab.
fn delimiter(line: &str) -> u8 {
    [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| line.bytes().filter(|b| b == d).count())
        .unwrap_or(b',')
}

/// True when the header line names a change ID column: a "Download logs" CSV.
pub fn looks_like_log_header(first_line: &str) -> bool {
    let delimiter = delimiter(first_line) as char;
    first_line
        .split(delimiter)
        .any(|cell| key(cell) == "changeid")
}

impl Parts {
    /// Reads one CSV file; returns which of the three it is and how many rows it had.
    pub fn add(&mut self, text: &str, file: usize) -> Result<(CsvPart, usize), LogError> {
        let first_line = text.lines().next().unwrap_or("");
        let mut reader = ::csv::ReaderBuilder::new()
            .delimiter(delimiter(first_line))
            .flexible(true)
            .from_reader(text.as_bytes());
        let header_error = || LogError::CsvHeader(shorten(first_line, 120));
        let headers = reader.headers().map_err(|_| header_error())?.clone();
        let keys: Vec<String> = headers.iter().map(key).collect();
        let mut at: HashMap<Column, usize> = HashMap::new();
        for (column, names) in COLUMNS {
            if let Some(i) = keys.iter().position(|k| names.contains(&k.as_str())) {
                at.insert(*column, i);
            }
        }
        if !at.contains_key(&Column::ChangeId) {
            return Err(header_error());
        }
        let part = if at.contains_key(&Column::OldValue) || at.contains_key(&Column::NewValue) {
            CsvPart::Properties
        } else if at.contains_key(&Column::StepType) || at.contains_key(&Column::Description) {
            CsvPart::Steps
        } else if at.contains_key(&Column::Action) || at.contains_key(&Column::Status) {
            CsvPart::Logs
        } else {
            return Err(header_error());
        };
        let mut rows = 0;
        for row in reader.records() {
            let Ok(row) = row else { continue };
            let cell = |c: Column| {
                at.get(&c)
                    .and_then(|&i| row.get(i))
                    .map(str::trim)
                    .filter(|v| !v.is_empty())
                    .map(str::to_owned)
            };
            let Some(change_id) = cell(Column::ChangeId) else {
                continue;
            };
            rows += 1;
            match part {
                CsvPart::Logs => self.records.push(LogRecord {
                    change_id,
                    time: cell(Column::Date).unwrap_or_default(),
                    action: cell(Column::Action).map_or(Action::Other, |a| Action::parse(&a)),
                    status: cell(Column::Status).map_or(Status::Unknown, |s| Status::parse(&s)),
                    error_code: cell(Column::ErrorCode),
                    reason: cell(Column::Reason),
                    source: Identity {
                        id: cell(Column::SourceId).unwrap_or_default(),
                        display_name: cell(Column::SourceName).unwrap_or_default(),
                        kind: cell(Column::SourceType).unwrap_or_default(),
                    },
                    target: Identity {
                        id: cell(Column::TargetId).unwrap_or_default(),
                        display_name: cell(Column::TargetName).unwrap_or_default(),
                        kind: cell(Column::TargetType).unwrap_or_default(),
                    },
                    modified: Vec::new(),
                    steps: Vec::new(),
                    file,
                }),
                CsvPart::Steps => self.steps.push((
                    change_id,
                    Step {
                        kind: cell(Column::StepType)
                            .map_or(StepKind::Other, |t| StepKind::parse(&t)),
                        name: cell(Column::StepName).unwrap_or_default(),
                        status: cell(Column::Status).map_or(Status::Unknown, |s| Status::parse(&s)),
                        description: cell(Column::Description).unwrap_or_default(),
                        details: cell(Column::Details)
                            .map(|d| details(&d))
                            .unwrap_or_default(),
                    },
                )),
                CsvPart::Properties => {
                    let Some(name) = cell(Column::Property) else {
                        continue;
                    };
                    self.properties.push((
                        change_id,
                        Modified {
                            name,
                            old: cell(Column::OldValue),
                            new: cell(Column::NewValue),
                        },
                    ));
                }
            }
        }
        if rows == 0 {
            return Err(LogError::NoRecords);
        }
        Ok((part, rows))
    }

    /// The records with their steps and properties, and notes on rows that had no record.
    pub fn join(self) -> (Vec<LogRecord>, Vec<String>) {
        let Parts {
            mut records,
            steps,
            properties,
        } = self;
        let mut notes = Vec::new();
        let by_change: HashMap<String, usize> = records
            .iter()
            .enumerate()
            .map(|(i, r)| (r.change_id.clone(), i))
            .collect();
        let mut orphans = (0usize, 0usize);
        for (change, step) in steps {
            match by_change.get(&change) {
                Some(&i) => records[i].steps.push(step),
                None => orphans.0 += 1,
            }
        }
        for (change, property) in properties {
            match by_change.get(&change) {
                Some(&i) => records[i].modified.push(property),
                None => orphans.1 += 1,
            }
        }
        if orphans != (0, 0) {
            notes.push(format!(
                "{} of the Download logs CSV have no record in the logs file \
                 (ProvisioningLogs): load the three files of one download together.",
                match orphans {
                    (s, 0) => crate::import::logs::plural(s, "step row"),
                    (0, p) => crate::import::logs::plural(p, "property row"),
                    (s, p) => format!(
                        "{} and {}",
                        crate::import::logs::plural(s, "step row"),
                        crate::import::logs::plural(p, "property row")
                    ),
                }
            ));
        }
        (records, notes)
    }
}

/// A details cell: JSON (an object or key/value pairs), else `key: value` pairs separated by
/// `;` or new lines.
fn details(cell: &str) -> Vec<(String, String)> {
    if let Ok(value) = serde_json::from_str::<serde_json::Value>(cell)
        && (value.is_object() || value.is_array())
    {
        return super::json::flatten_details(&value);
    }
    cell.split([';', '\n'])
        .filter_map(|pair| {
            let (k, v) = pair.split_once([':', '='])?;
            let k = k.trim();
            (!k.is_empty()).then(|| (k.to_owned(), v.trim().to_owned()))
        })
        .collect()
}
