//! `scim-preflight preview USERS...`: what Azure would send for every user, the organization
//! hierarchy the SCIM app would build, and every problem found — as a tree, JSON or CSV.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use super::EXIT_BAD_INPUT;
use super::input::read_text;
use super::output::{print_data, print_text, say};
use crate::mapping::{self, Kind, MappingSet, file, presets};
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
    let mappings = match (&args.mapping, &args.schema) {
        (Some(path), _) => from_file(path, Kind::File),
        (None, Some(path)) => from_file(path, Kind::Schema),
        (None, None) => Ok(match args.preset {
            Preset::Defaults => presets::azure_defaults(),
            Preset::Securepractice => presets::secure_practice(),
        }),
    };
    let mappings = match mappings {
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

/// The mappings in the file at `path`, which the option says is of kind `expected`: a mapping
/// file for `--mapping`, Azure's schema JSON for `--schema`. The other kind is refused with the
/// option to use instead.
fn from_file(path: &Path, expected: Kind) -> Result<MappingSet, String> {
    let shown = path.display();
    let text = read_text(path).map_err(|error| error.to_string())?;
    match (mapping::read(&text), expected) {
        (Ok((set, found)), _) if found == expected => Ok(set),
        (Ok((_, Kind::Schema)), _) => Err(format!(
            "{shown}: this is Azure's schema JSON, not a mapping file saved by SCIM Preflight; \
             use --schema {shown}"
        )),
        (Ok((_, Kind::File)), _) => Err(format!(
            "{shown}: this is a mapping file saved by SCIM Preflight, not Azure's schema JSON; \
             use --mapping {shown}"
        )),
        // Neither kind: the error of the kind the option asks for.
        (Err(_), Kind::File) => file::from_json(&text).map_err(|error| format!("{shown}: {error}")),
        (Err(error), Kind::Schema) => Err(format!("{shown}: {error}")),
    }
}
