//! `scim-preflight logs FILE... [--users FILE...]`: Entra's provisioning logs compared with the
//! preview under the current mappings: did Azure create or skip each user as the preview says,
//! and did it send the values the preview has.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use clap::{Args, ValueEnum};

use super::EXIT_BAD_INPUT;
use super::mappings::MappingArgs;
use super::output::{print_text, say};
use crate::import::Input;
use crate::import::logs::LogSet;
use crate::import::logs::users::users_from_logs;
use crate::preview::compare_logs::{compare, report};
use crate::preview::{self, Options};

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// The figures, then every difference with its cause, for a person.
    Text,
    /// One JSON object: records, users, compared, agree, differences, actions.
    Json,
}

/// Options of `scim-preflight logs`.
#[derive(Debug, Args)]
pub struct LogsArgs {
    /// The provisioning logs: Graph auditLogs/provisioning JSON, Get-MgAuditLogProvisioning |
    /// ConvertTo-Json, the admin center's Download logs (JSON, or its three CSV files), or a
    /// provision on demand result.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Exported users to preview (any shape `import` reads); without it, the users are the
    /// source values the logs' import steps read.
    #[arg(long, num_args = 1.., value_name = "FILE")]
    pub users: Vec<PathBuf>,
    /// Which mappings (the Secure Practice preset when none is given).
    #[command(flatten)]
    pub mappings: MappingArgs,
    /// What to print.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// Runs the command.
pub fn run(args: &LogsArgs) -> ExitCode {
    let mappings = match args.mappings.load() {
        Ok(set) => set,
        Err(error) => {
            say!("scim-preflight logs: {error}");
            return ExitCode::from(EXIT_BAD_INPUT);
        }
    };
    let inputs: Vec<Input> = args.files.iter().cloned().map(Input::Path).collect();
    let (logs, errors) = LogSet::load(&inputs);
    if !errors.is_empty() {
        for error in &errors {
            say!("scim-preflight logs: {error}");
        }
        return ExitCode::from(EXIT_BAD_INPUT);
    }
    let set = if args.users.is_empty() {
        match users_from_logs(&logs) {
            Some(set) => set,
            None => {
                say!(
                    "scim-preflight logs: the logs have no import step with the values Azure \
                     read, so there are no users to preview. Give the users too: --users FILE"
                );
                return ExitCode::from(EXIT_BAD_INPUT);
            }
        }
    } else {
        match super::load_users("logs", &args.users) {
            Ok(set) => set,
            Err(code) => return code,
        }
    };
    let preview = preview::run(Arc::new(set), &mappings, Options::default());
    let never = AtomicBool::new(false);
    let Some(comparison) = compare(&logs, &preview, &never) else {
        return ExitCode::from(super::EXIT_FAILURE);
    };
    let text = match args.format {
        Format::Json => format!("{}\n", report::to_json(&comparison, &preview)),
        Format::Text => report::to_text(&comparison, &logs, &preview),
    };
    print_text("logs", &text, ExitCode::SUCCESS)
}
