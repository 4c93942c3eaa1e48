//! Entra's provisioning logs, as an admin gets them: what Azure really did for each user.
//!
//! One record is Graph's `provisioningObjectSummary` (microsoft-graph-docs-contrib,
//! api-reference/v1.0/resources/provisioningobjectsummary.md): who (source and target
//! identity), the action, the status with its error or skip reason, the modified properties
//! with old and new values, and the steps (import, scoping, matching, export) with their
//! details. The shapes read:
//! - [`json`]: Graph `GET /auditLogs/provisioning` pages (Graph Explorer, `az rest`, one page
//!   or several one after another), the admin center's "Download logs" JSON (a bare array of
//!   the same records), `Get-MgAuditLogProvisioning | ConvertTo-Json` (PowerShell's
//!   PascalCase, details under `AdditionalProperties`), and provision-on-demand results
//!   (`provisionOnDemand`'s `key`/`value` pair, whose `value` is a record as JSON text);
//! - [`csv`]: the admin center's "Download logs" CSV, three files joined by change ID.
//!
//! Files are decoded by the user importer's reader ([`super::decode`]: BOMs, UTF-16,
//! Windows-1252); [`users`] turns the import steps' details (the source values Azure read)
//! into user records that stand in for a user export.

pub mod csv;
mod error;
pub mod json;
pub mod users;

use std::sync::Arc;

pub use error::{LogError, LogFileError};

use super::decode::{Encoding, decode};
use super::load::Input;

/// The largest log file read (the admin center caps a download far below this).
pub const MAX_LOG_BYTES: u64 = 1 << 30;

/// What Azure did, as the record's `provisioningAction` says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// `create`.
    Create,
    /// `update`.
    Update,
    /// `delete` or `stagedDelete`.
    Delete,
    /// `disable`.
    Disable,
    /// `other` (a skip is usually logged as other), or a value this app does not know.
    Other,
}

impl Action {
    /// Reads Graph's value (`create`, `Create`, beta's `Create user`), without regard to case.
    pub fn parse(text: &str) -> Action {
        let lower = text.trim().to_ascii_lowercase();
        let word = lower.split_whitespace().next().unwrap_or("");
        match word {
            "create" | "add" => Action::Create,
            "update" => Action::Update,
            "delete" | "stageddelete" => Action::Delete,
            "disable" => Action::Disable,
            _ => Action::Other,
        }
    }
}

/// The status of a record or of one step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// `success`.
    Success,
    /// `warning`.
    Warning,
    /// `failure`.
    Failure,
    /// `skipped`.
    Skipped,
    /// Missing, or a value this app does not know.
    Unknown,
}

impl Status {
    /// Reads Graph's value without regard to case (`success`, `Skipped`, `Failed`).
    pub fn parse(text: &str) -> Status {
        match text.trim().to_ascii_lowercase().as_str() {
            "success" | "succeeded" => Status::Success,
            "warning" => Status::Warning,
            "failure" | "failed" | "error" => Status::Failure,
            "skipped" | "skip" => Status::Skipped,
            _ => Status::Unknown,
        }
    }

    /// How the window names it.
    pub fn label(self) -> &'static str {
        match self {
            Status::Success => "success",
            Status::Warning => "warning",
            Status::Failure => "failure",
            Status::Skipped => "skipped",
            Status::Unknown => "unknown",
        }
    }
}

/// The kind of a step (`provisioningStepType`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepKind {
    /// `import`: the source object read, with its values in the details.
    Import,
    /// `scoping`: assignment and scoping filters.
    Scoping,
    /// `matching`: the target object found (or not), with its values in the details.
    Matching,
    /// `processing`.
    Processing,
    /// `referenceResolution` (the manager).
    ReferenceResolution,
    /// `export`: the request sent.
    Export,
    /// A value this app does not know.
    Other,
}

impl StepKind {
    /// Reads Graph's value without regard to case.
    pub fn parse(text: &str) -> StepKind {
        match text.trim().to_ascii_lowercase().as_str() {
            "import" => StepKind::Import,
            "scoping" => StepKind::Scoping,
            "matching" => StepKind::Matching,
            "processing" => StepKind::Processing,
            "referenceresolution" => StepKind::ReferenceResolution,
            "export" => StepKind::Export,
            _ => StepKind::Other,
        }
    }

    /// How the window names it.
    pub fn label(self) -> &'static str {
        match self {
            StepKind::Import => "Import",
            StepKind::Scoping => "Scoping",
            StepKind::Matching => "Matching",
            StepKind::Processing => "Processing",
            StepKind::ReferenceResolution => "Reference resolution",
            StepKind::Export => "Export",
            StepKind::Other => "Other",
        }
    }
}

/// A source or target object (`provisionedIdentity`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Identity {
    /// Its id (the Entra object id for the source; the SCIM id for the target).
    pub id: String,
    /// Its display name.
    pub display_name: String,
    /// `User`, `Group`, or the SCIM schema of the target.
    pub kind: String,
}

/// One modified property (`modifiedProperty`): named as the target app names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Modified {
    /// The attribute (`displayName` of the modified property).
    pub name: String,
    /// Its value before, if any.
    pub old: Option<String>,
    /// Its value after, if any.
    pub new: Option<String>,
}

/// One step of a record (`provisioningStep`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// Its kind.
    pub kind: StepKind,
    /// Its name (`EntryImport`, `EntrySynchronizationSkip`, `EntryExportAdd`).
    pub name: String,
    /// Its status.
    pub status: Status,
    /// What happened, in Azure's words.
    pub description: String,
    /// Its details, in the order written: for the import step, the source values Azure read.
    pub details: Vec<(String, String)>,
}

impl Step {
    /// The detail named `key` (without regard to case).
    pub fn detail(&self, key: &str) -> Option<&str> {
        self.details
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v.as_str())
    }
}

/// One provisioning log record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogRecord {
    /// Its change id (what the CSV files are joined by).
    pub change_id: String,
    /// When it happened (ISO 8601 UTC as Graph writes it), empty when not given.
    pub time: String,
    /// The action.
    pub action: Action,
    /// The status.
    pub status: Status,
    /// The error code (`errorInformation.errorCode`), if any.
    pub error_code: Option<String>,
    /// The error's or skip's reason in Azure's words, if any.
    pub reason: Option<String>,
    /// The source object.
    pub source: Identity,
    /// The target object.
    pub target: Identity,
    /// The modified properties.
    pub modified: Vec<Modified>,
    /// The steps.
    pub steps: Vec<Step>,
    /// Which loaded file (0-based).
    pub file: usize,
}

impl LogRecord {
    /// True when the record is about a user (a group's records are left out of the
    /// comparison): the source's type says `User`, or says nothing.
    pub fn is_user(&self) -> bool {
        self.source.kind.is_empty() || self.source.kind.eq_ignore_ascii_case("user")
    }

    /// The import step, if any (the first).
    pub fn import_step(&self) -> Option<&Step> {
        self.steps.iter().find(|s| s.kind == StepKind::Import)
    }

    /// Azure's skip reason code (`SkipReason` in a step's details: `NotEffectivelyEntitled`,
    /// `RedundantExport`), else, for a skipped record, its error code.
    pub fn skip_code(&self) -> Option<&str> {
        self.steps
            .iter()
            .find_map(|s| s.detail("SkipReason"))
            .filter(|c| !c.is_empty())
            .or_else(|| {
                (self.status == Status::Skipped)
                    .then_some(self.error_code.as_deref())
                    .flatten()
            })
    }

    /// The source object's id: the source identity's, else the import step's `objectId`.
    pub fn source_id(&self) -> Option<&str> {
        Some(self.source.id.as_str())
            .filter(|id| !id.is_empty())
            .or_else(|| self.import_step()?.detail("objectId"))
    }

    /// How messages name the user: the import step's `userPrincipalName`, else the source's
    /// display name, else its id.
    pub fn user_label(&self) -> String {
        let upn = self
            .import_step()
            .and_then(|s| s.detail("userPrincipalName"));
        let name = upn
            .filter(|n| !n.is_empty())
            .or(Some(self.source.display_name.as_str()).filter(|n| !n.is_empty()))
            .or(self.source_id())
            .unwrap_or("a user with no id");
        super::error::shorten(name, 80)
    }

    /// True when Azure sent a request (a create or update whose export step succeeded, or a
    /// create or update record with no steps, as a CSV without its steps file gives).
    pub fn exported(&self) -> bool {
        if !matches!(self.action, Action::Create | Action::Update) {
            return false;
        }
        let exports: Vec<&Step> = self
            .steps
            .iter()
            .filter(|s| s.kind == StepKind::Export)
            .collect();
        if exports.is_empty() {
            return self.steps.is_empty() && self.status == Status::Success;
        }
        exports.iter().any(|s| s.status == Status::Success)
    }
}

/// The shape of one log file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogShape {
    /// Graph `auditLogs/provisioning` pages (Graph Explorer, `az rest`), how many.
    GraphPages(usize),
    /// A bare JSON array of records (the admin center's "Download logs" JSON).
    Array,
    /// `Get-MgAuditLogProvisioning | ConvertTo-Json` (PowerShell's names).
    PowerShell,
    /// One record on its own.
    Single,
    /// Provision on demand's result (`key` and `value`).
    OnDemand,
    /// One of the admin center's three "Download logs" CSV files.
    Csv(csv::CsvPart),
}

impl LogShape {
    /// How the summary names it.
    pub fn label(self) -> String {
        match self {
            LogShape::GraphPages(1) => "Microsoft Graph auditLogs/provisioning response".into(),
            LogShape::GraphPages(n) => {
                format!("{n} Microsoft Graph auditLogs/provisioning pages, one after another")
            }
            LogShape::Array => {
                "provisioning logs as a JSON list (admin center Download logs)".into()
            }
            LogShape::PowerShell => {
                "Microsoft Graph PowerShell (Get-MgAuditLogProvisioning | ConvertTo-Json)".into()
            }
            LogShape::Single => "one provisioning log record".into(),
            LogShape::OnDemand => "provision on demand result".into(),
            LogShape::Csv(part) => format!("admin center Download logs CSV ({})", part.label()),
        }
    }
}

/// What loading one log file found.
#[derive(Debug, Clone)]
pub struct LogFile {
    /// The file's name.
    pub name: String,
    /// Its shape.
    pub shape: LogShape,
    /// The encoding it was read with.
    pub encoding: Encoding,
    /// How many records (for a steps or properties CSV: rows) it held.
    pub records: usize,
    /// Things the admin should know.
    pub notes: Vec<String>,
}

impl LogFile {
    /// How many records it held ("6 records"), or rows for a steps or properties CSV.
    pub fn count(&self) -> String {
        match self.shape {
            LogShape::Csv(csv::CsvPart::Steps | csv::CsvPart::Properties) => {
                plural(self.records, "row")
            }
            _ => plural(self.records, "record"),
        }
    }

    /// One line for the file: its name, what it is, its encoding and how much it held.
    pub fn summary(&self) -> String {
        format!(
            "{}: {}, {}, {}",
            self.name,
            self.shape.label(),
            self.encoding.label(),
            self.count()
        )
    }
}

/// Provisioning log records loaded from one or more files.
#[derive(Debug, Clone, Default)]
pub struct LogSet {
    /// The records, in the order of their files and of each file.
    pub records: Vec<LogRecord>,
    /// One per file loaded.
    pub files: Vec<LogFile>,
    /// Things about the set as a whole (CSV files that could not be joined).
    pub notes: Vec<String>,
}

impl LogSet {
    /// Loads `inputs`: files that fail are reported and left out; the others load. The CSV
    /// files of one download are joined by change ID whatever order they come in.
    pub fn load(inputs: &[Input]) -> (LogSet, Vec<LogFileError>) {
        let mut set = LogSet::default();
        let mut errors = Vec::new();
        let mut parts = csv::Parts::default();
        for input in inputs {
            let index = set.files.len();
            match load_one(input, index, &mut parts) {
                Ok((records, file)) => {
                    set.records.extend(records);
                    set.files.push(file);
                }
                Err(error) => errors.push(LogFileError {
                    name: input.name(),
                    error,
                }),
            }
        }
        let csv = set
            .files
            .iter()
            .any(|f| matches!(f.shape, LogShape::Csv(_)));
        let (records, notes) = parts.join();
        set.records.extend(records);
        set.notes.extend(notes);
        if csv {
            set.notes.push(
                "Microsoft does not publish the columns of the Download logs CSV: they were \
                 found by their names. Azure may differ here; the JSON download has everything."
                    .to_owned(),
            );
        }
        (set, errors)
    }

    /// The records about users.
    pub fn user_records(&self) -> impl Iterator<Item = &LogRecord> + '_ {
        self.records.iter().filter(|r| r.is_user())
    }
}

/// Loads one file: JSON records are returned, CSV rows kept in `parts` to be joined.
fn load_one(
    input: &Input,
    index: usize,
    parts: &mut csv::Parts,
) -> Result<(Vec<LogRecord>, LogFile), LogError> {
    let bytes = read(input)?;
    let decoded = decode(&bytes).map_err(LogError::Decode)?;
    drop(bytes);
    let text = decoded.text.trim_start();
    let mut file = LogFile {
        name: input.name(),
        shape: LogShape::Array,
        encoding: decoded.encoding,
        records: 0,
        notes: decoded.notes.clone(),
    };
    if text.starts_with(['{', '[']) {
        let read = json::read(text, index)?;
        file.shape = read.shape;
        file.records = read.records.len();
        file.notes.extend(read.notes);
        return Ok((read.records, file));
    }
    let (part, rows) = parts.add(text, index)?;
    file.shape = LogShape::Csv(part);
    file.records = rows;
    Ok((Vec::new(), file))
}

/// The bytes of `input`, refusing one larger than [`MAX_LOG_BYTES`].
fn read(input: &Input) -> Result<Arc<[u8]>, LogError> {
    if input.size().is_some_and(|size| size > MAX_LOG_BYTES) {
        return Err(LogError::TooLarge);
    }
    match input {
        Input::Bytes { bytes, .. } | Input::LogImportSteps(bytes) => Ok(bytes.clone()),
        Input::Path(path) => {
            if path.is_dir() {
                return Err(LogError::Io("it is a folder, not a file".into()));
            }
            std::fs::read(path)
                .map(Arc::from)
                .map_err(|e| LogError::Io(e.to_string()))
        }
    }
}

#[cfg(test)]
mod tests;

/// `n` and `word`, with an `s` when `n` is not 1 ("1 step row", "2 step rows").
pub(crate) fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}
