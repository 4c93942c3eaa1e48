//! `scim-preflight preview USERS...`: what Azure would send for every user, the organization
//! hierarchy the SCIM app would build, and every problem found — as a tree, JSON or CSV.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use super::EXIT_BAD_INPUT;
use crate::mapping::{MappingSet, file, presets, schema};
pub use crate::preview::export::{to_csv, to_json, tree, user_id};
use crate::preview::{self, Options, export};

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// The hierarchy indented with counts, then the problems found.
    Tree,
    /// One JSON object: users (with their SCIM requests), hierarchy, diagnostics.
    Json,
    /// One row per user: id, userPrincipalName, skipped, and the value of every target.
    Csv,
}

/// Presets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Preset {
    /// Azure's defaults for a non-gallery SCIM app.
    Defaults,
    /// The defaults plus companyName → organization and employeeOrgData → division, costCenter.
    Securepractice,
}

/// Options of `scim-preflight preview`.
#[derive(Debug, Args)]
pub struct PreviewArgs {
    /// The exported users (any shape `import` reads).
    #[arg(required = true)]
    pub users: Vec<PathBuf>,
    /// A mapping file saved by SCIM Preflight.
    #[arg(long, conflicts_with_all = ["preset", "schema"])]
    pub mapping: Option<PathBuf>,
    /// The schema JSON Azure downloads from "Review your schema here" (its users' mappings).
    #[arg(long, conflicts_with = "preset")]
    pub schema: Option<PathBuf>,
    /// A preset mapping set.
    #[arg(long, value_enum, default_value_t = Preset::Securepractice)]
    pub preset: Preset,
    /// What to print.
    #[arg(long, value_enum, default_value_t = Format::Tree)]
    pub format: Format,
    /// The tenant URL has ?aadOptscim062020 (SCIM-compliant PATCH).
    #[arg(long)]
    pub aad_opt_scim_062020: bool,
    /// Replace names, principal names, mail addresses, phone numbers and ids with stable hashes
    /// (for sharing with a vendor's support); organization units stay readable.
    #[arg(long)]
    pub redact: bool,
}

/// Runs the command.
pub fn run(args: &PreviewArgs) -> ExitCode {
    let from_file = |path: &PathBuf, read: fn(&str) -> Result<MappingSet, String>| {
        std::fs::read_to_string(path)
            .map_err(|e| e.to_string())
            .and_then(|text| read(&text))
            .map_err(|error| format!("{}: {error}", path.display()))
    };
    let mappings = match (&args.mapping, &args.schema) {
        (Some(path), _) => from_file(path, file::from_json),
        (None, Some(path)) => from_file(path, |text| schema::import(text).map(|(set, _)| set)),
        (None, None) => Ok(match args.preset {
            Preset::Defaults => presets::azure_defaults(),
            Preset::Securepractice => presets::secure_practice(),
        }),
    };
    let mappings = match mappings {
        Ok(set) => set,
        Err(error) => {
            eprintln!("scim-preflight preview: {error}");
            return ExitCode::from(EXIT_BAD_INPUT);
        }
    };
    let set = match super::load_users("preview", &args.users) {
        Ok(set) => set,
        Err(code) => return code,
    };
    let options = Options {
        aad_opt_scim_062020: args.aad_opt_scim_062020,
    };
    let set = std::sync::Arc::new(set);
    let preview = preview::run(set.clone(), &mappings, options);
    let redacted = args.redact;
    match args.format {
        Format::Tree => print!("{}", export::tree_shown(&set, &preview, redacted)),
        Format::Json => println!("{}", export::to_json_shown(&set, &preview, redacted)),
        Format::Csv => print!("{}", to_csv(&set, &mappings, &preview, redacted)),
    }
    ExitCode::SUCCESS
}
