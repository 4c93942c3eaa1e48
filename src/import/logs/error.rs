//! Why a provisioning log file could not be loaded, with a message for the admin that names the
//! cause and the fix.

use std::fmt;

use super::super::decode::DecodeError;

/// Why one log file could not be loaded. Files loaded before are kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LogError {
    /// The file could not be read at all.
    Io(String),
    /// Larger than any download of provisioning logs.
    TooLarge,
    /// Not text: empty or binary.
    Decode(DecodeError),
    /// Not valid JSON at this place.
    Json {
        /// 1-based line.
        line: u64,
        /// 1-based column.
        column: u64,
        /// What was expected there.
        message: String,
    },
    /// The file ends in the middle of the JSON.
    Truncated {
        /// 1-based line of the end.
        line: u64,
    },
    /// An error response from Microsoft Graph saved instead of the logs.
    GraphError(String),
    /// `ConvertTo-Json` without `-Depth`: the steps and their details were written as type
    /// names.
    DepthCut,
    /// A user export, not logs.
    UserExport,
    /// JSON of some other kind.
    NotLogs(String),
    /// A list or page with no records.
    NoRecords,
    /// A CSV that is none of the three "Download logs" files.
    CsvHeader(String),
}

impl fmt::Display for LogError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LogError::Io(e) => write!(
                f,
                "The file could not be read ({e}). Check that it exists and that you may open it."
            ),
            LogError::TooLarge => write!(
                f,
                "The file is larger than {} GiB, far more than a download of provisioning logs. \
                 Download the logs again with a filter (a date range, one application).",
                super::MAX_LOG_BYTES >> 30
            ),
            LogError::Decode(DecodeError::Empty) => f.write_str(
                "The file is empty. Download the provisioning logs again and check that the \
                 download finished.",
            ),
            LogError::Decode(DecodeError::Binary { offset }) => write!(
                f,
                "This is not a text file (binary data at byte {offset}). Load the JSON or CSV \
                 file of the provisioning logs, not a spreadsheet or a zip file (unzip a \
                 download first)."
            ),
            LogError::Json {
                line,
                column,
                message,
            } => write!(
                f,
                "line {line}, column {column}: {message}. The file is not valid JSON there; if \
                 you edited it by hand, check that spot, otherwise download the logs again."
            ),
            LogError::Truncated { line } => write!(
                f,
                "The file ends in the middle of the JSON (line {line}): it was cut off while \
                 saving, copying or downloading. Download the logs again."
            ),
            LogError::GraphError(message) => write!(
                f,
                "This file holds an error from Microsoft Graph instead of provisioning logs: \
                 \"{message}\". Fix the request (the AuditLog.Read.All permission, the filter) \
                 and download again."
            ),
            LogError::DepthCut => f.write_str(
                "PowerShell cut these log records short: ConvertTo-Json writes only two levels \
                 unless told otherwise, so the steps and their details are missing. Export \
                 again with: Get-MgAuditLogProvisioning -All | ConvertTo-Json -Depth 10",
            ),
            LogError::UserExport => f.write_str(
                "This is a user export, not provisioning logs. Load it as users (scim-preflight \
                 logs --users FILE, or step 2 without logs).",
            ),
            LogError::NotLogs(what) => write!(
                f,
                "This JSON is not provisioning logs: {what}. Load the file the admin center's \
                 Download logs, GET /auditLogs/provisioning or Get-MgAuditLogProvisioning wrote."
            ),
            LogError::NoRecords => f.write_str(
                "The file has no provisioning log records. Check the filter you downloaded \
                 with (the date range, the application) and download again.",
            ),
            LogError::CsvHeader(header) => write!(
                f,
                "This CSV's first line ({header}) is not one of the admin center's three \
                 Download logs files (the logs, their provisioning steps, their modified \
                 properties). Load those files unchanged, with their header lines."
            ),
        }
    }
}

impl std::error::Error for LogError {}

/// A log file that could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogFileError {
    /// The file's name.
    pub name: String,
    /// Why.
    pub error: LogError,
}

impl fmt::Display for LogFileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.name, self.error)
    }
}
