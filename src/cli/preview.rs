//! `scim-preflight preview USERS...`: what Azure would send for every user, the organization
//! hierarchy Secure Practice would build, and every problem found — as a tree, JSON or CSV.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use super::EXIT_BAD_INPUT;
use super::mappings::MappingArgs;
use super::output::{Escaped, print_data, say};
use crate::import::assignments::{
    Assignments, assignment_commands, member_commands, not_loaded_message,
};
use crate::preview::export::{self, JsonStyle, Watch};
pub use crate::preview::export::{to_csv, to_json, tree, user_id};
use crate::preview::{self, Options};

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
    /// Who is assigned to the app: the output of servicePrincipals/{id}/appRoleAssignedTo and
    /// of groups/{id}/members for its assigned groups (Graph JSON, az rest, ConvertTo-Json).
    /// Without them every loaded user is taken as assigned.
    #[arg(long, num_args = 1.., value_name = "FILE")]
    pub assignments: Vec<PathBuf>,
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
    let mut set = match super::load_users("preview", &args.users) {
        Ok(set) => set,
        Err(code) => return code,
    };
    if !args.assignments.is_empty() {
        match load_assignments(&args.assignments) {
            Ok(assignments) => {
                set.assignments = Some(std::sync::Arc::new(assignments));
                preview::assigned::apply_app_roles(&mut set);
                let missing = preview::assigned::assigned_not_loaded(&set);
                if missing > 0 {
                    say!("{}", not_loaded_message(missing));
                }
            }
            Err(error) => {
                say!("scim-preflight preview: {error}");
                return ExitCode::from(EXIT_BAD_INPUT);
            }
        }
    }
    let options = Options {
        aad_opt_scim_062020: args.aad_opt_scim_062020,
    };
    let set = std::sync::Arc::new(set);
    let preview = preview::run(set.clone(), &mappings, options);
    let redacted = args.redact;
    let done = ExitCode::SUCCESS;
    // Written as it is made, user by user, straight to standard output.
    let exit = match args.format {
        Format::Tree => print_data("preview", done, |out| {
            export::write_tree(&mut Escaped(out), &set, &preview, redacted)
        }),
        Format::Json => print_data("preview", done, |out| {
            let style = JsonStyle {
                pretty: false,
                redacted,
            };
            Ok(export::write_json(
                out,
                &set,
                &preview,
                style,
                Watch::default(),
            )?)
        }),
        Format::Csv => print_data("preview", done, |out| {
            let watch = Watch::default();
            Ok(export::write_csv(
                out, &set, &mappings, &preview, redacted, watch,
            )?)
        }),
    };
    // The process ends now: freeing every user and every value one by one (a tenth of the
    // whole run for 100 000 users) would only delay it.
    std::mem::forget(preview);
    std::mem::forget(set);
    exit
}

/// Reads the assignment and group-member files, and says on standard error what was loaded
/// and which assigned groups have no member list yet (with the commands that export it).
fn load_assignments(paths: &[PathBuf]) -> Result<Assignments, String> {
    let mut assignments = Assignments::default();
    for path in paths {
        let name = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|error| format!("{name}: {error}"))?;
        assignments.add(&name, &bytes)?;
    }
    for line in assignments.summary() {
        say!("Loaded {line}");
    }
    if !assignments.has_assignments() {
        say!(
            "No file of the app's assignments was given (only group member lists), so every \
             loaded user is taken as assigned. Export them with: {}",
            assignment_commands()[0]
        );
    }
    for group in assignments.groups_without_members() {
        let [az, powershell] = member_commands(&group.principal_id);
        say!(
            "The assigned group {} has no member list loaded; its members count as not \
             assigned. Export it with: {az}  (or in PowerShell: {powershell})",
            assignments.group_name(&group.principal_id)
        );
    }
    Ok(assignments)
}
