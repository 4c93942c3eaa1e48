//! `scim-preflight import FILE...`: load exports and print what was found — users, shapes,
//! attribute coverage, warnings — as text or, with `--json`, as one JSON object. The coverage
//! lists first the attributes the mappings read (`--mapping`, `--schema` or `--preset`, as for
//! `preview`), and the export advice asks for exactly those.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::EXIT_BAD_INPUT;
use super::mappings::MappingArgs;
use super::output::{print_data, print_text, say};
use crate::import::summary;
use crate::import::{Input, Progress, UserSet};
use crate::preview::needs;

/// Options of `scim-preflight import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The exported files (Graph or PowerShell JSON, JSON Lines, the admin center's CSV). Pages
    /// of one export are loaded together and merged.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Print `{"users", "shape", "files", "coverage", "warnings"}` instead of text.
    #[arg(long)]
    pub json: bool,
    /// Which mappings the coverage is checked against (the Secure Practice preset when none is
    /// given).
    #[command(flatten)]
    pub mappings: MappingArgs,
}

/// Runs the command.
pub fn run(args: &ImportArgs) -> ExitCode {
    let needs = match args.mappings.load() {
        Ok(mappings) => needs::of(&mappings),
        Err(error) => {
            say!("scim-preflight import: {error}");
            return ExitCode::from(EXIT_BAD_INPUT);
        }
    };
    let inputs: Vec<Input> = args.files.iter().cloned().map(Input::Path).collect();
    let progress = Progress::default();
    let (set, errors) = UserSet::load(&inputs, &progress);
    if !errors.is_empty() {
        for error in &errors {
            say!("scim-preflight import: {error}");
        }
        if set.files.is_empty() {
            return ExitCode::from(EXIT_BAD_INPUT);
        }
        say!("The other files were loaded:");
    }
    let exit = if errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_BAD_INPUT)
    };
    let exit = if args.json {
        let json = summary::to_json(&set, &needs);
        print_data("import", exit, |out| writeln!(out, "{json}"))
    } else {
        print_text("import", &summary::to_text(&set, &needs), exit)
    };
    // The process ends now: freeing 100 000 users one by one would only delay it.
    std::mem::forget(set);
    exit
}
