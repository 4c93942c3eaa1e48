//! `scim-preflight preview USERS...`: what Azure would send for every user, the organization
//! hierarchy Secure Practice would build, and every problem found — as a tree, JSON or CSV.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use super::EXIT_BAD_INPUT;
use super::mappings::MappingArgs;
use super::output::{print_data, print_text, say};
pub use crate::preview::export::{to_csv, to_json, tree, user_id};
use crate::preview::{self, Options, export};

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// The hierarchy indented with counts, the users Azure would skip (each with why), then the
    /// problems found.
    Tree,
    /// One JSON object: users (with their SCIM requests), hierarchy, diagnostics.
    Json,
    /// One row per user: id, userPrincipalName, skipped, and the value of every target.
    Csv,
}

/// Options of `scim-preflight preview`.
#[derive(Debug, Args)]
pub struct PreviewArgs {
    /// The exported users (any shape `import` reads).
    #[arg(required = true)]
    pub users: Vec<PathBuf>,
    /// Which mappings (the Secure Practice preset when none is given).
    #[command(flatten)]
    pub mappings: MappingArgs,
    /// What to print.
    #[arg(long, value_enum, default_value_t = Format::Tree)]
    pub format: Format,
    /// The tenant URL has ?aadOptscim062020 (SCIM-compliant PATCH).
    #[arg(long)]
    pub aad_opt_scim_062020: bool,
    /// Replace names, principal names, mail addresses, phone numbers and ids with stable hashes
    /// (for sharing with a vendor's support); organization, division and department names stay
    /// readable.
    #[arg(long)]
    pub redact: bool,
}

/// Runs the command.
pub fn run(args: &PreviewArgs) -> ExitCode {
    let mappings = match args.mappings.load() {
        Ok(set) => set,
        Err(error) => {
            say!("scim-preflight preview: {error}");
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
    let done = ExitCode::SUCCESS;
    match args.format {
        Format::Tree => print_text(
            "preview",
            &export::tree_shown(&set, &preview, redacted),
            done,
        ),
        Format::Json => {
            let json = export::to_json_shown(&set, &preview, redacted);
            print_data("preview", done, |out| writeln!(out, "{json}"))
        }
        Format::Csv => {
            let csv = to_csv(&set, &mappings, &preview, redacted);
            print_data("preview", done, |out| out.write_all(csv.as_bytes()))
        }
    }
}
