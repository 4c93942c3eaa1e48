//! `scim-preflight diff USERS... --from A --to B`: what changes for the loaded users between two
//! mapping sets (each a preset name, a SCIM Preflight mapping file or Azure's schema JSON), or,
//! with `--after LATER...`, between two exports of the same users; `--requests` prints the
//! PATCH requests of Azure's next cycle as JSON ([`crate::preview::next_cycle`]).

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use clap::Args;

use super::EXIT_BAD_INPUT;
use super::input::{InputError, read_text};
use super::output::{print_data, print_text, say};
use crate::mapping::{MappingSet, presets};
use crate::preview::{self, Options, diff, next_cycle};

/// Options of `scim-preflight diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The exported users.
    #[arg(required = true)]
    pub users: Vec<PathBuf>,
    /// The mappings before: `defaults`, `securepractice`, or a mapping or schema file.
    #[arg(long, default_value = "securepractice")]
    pub from: String,
    /// The mappings after, in the same forms (the same as --from when not given).
    #[arg(long)]
    pub to: Option<String>,
    /// A later export of the same users (matched by object id, else principal name): compares
    /// the users before with these, instead of the same users twice.
    #[arg(long, num_args = 1.., value_name = "LATER")]
    pub after: Vec<PathBuf>,
    /// Print the PATCH requests Azure's next cycle sends to the users it already created, as
    /// JSON: only users whose sent values change, only those attributes.
    #[arg(long)]
    pub requests: bool,
    /// The tenant URL has ?aadOptscim062020 (SCIM-compliant PATCH).
    #[arg(long)]
    pub aad_opt_scim_062020: bool,
}

/// A preset by name, or a mapping file, or Azure's schema JSON.
pub fn mapping_set(spec: &str) -> Result<MappingSet, String> {
    if let Some(set) = presets::by_name(spec) {
        return Ok(set);
    }
    let text = read_text(Path::new(spec)).map_err(|error| match error {
        InputError::Unreadable { .. } => {
            format!("{spec} is not a preset (defaults, securepractice), and {error}")
        }
        InputError::Empty { .. } | InputError::NotText { .. } => error.to_string(),
    })?;
    crate::mapping::read(&text)
        .map(|(set, _)| set)
        .map_err(|e| format!("{spec}: {e}"))
}

/// Runs the command.
pub fn run(args: &DiffArgs) -> ExitCode {
    let to = args.to.as_deref().unwrap_or(&args.from);
    let (from, to) = match (mapping_set(&args.from), mapping_set(to)) {
        (Ok(from), Ok(to)) => (from, to),
        (Err(e), _) | (_, Err(e)) => {
            say!("scim-preflight diff: {e}");
            return ExitCode::from(EXIT_BAD_INPUT);
        }
    };
    let set = match super::load_users("diff", &args.users) {
        Ok(set) => Arc::new(set),
        Err(code) => return code,
    };
    let later = if args.after.is_empty() {
        set.clone()
    } else {
        match super::load_users("diff", &args.after) {
            Ok(later) => Arc::new(later),
            Err(code) => return code,
        }
    };
    let options = Options {
        aad_opt_scim_062020: args.aad_opt_scim_062020,
    };
    let before = preview::run(set, &from, options);
    let after = preview::run(later, &to, options);
    let next = next_cycle::next_cycle(&before, &after);
    if args.requests {
        // Written as each user's requests are made.
        return print_data("diff", ExitCode::SUCCESS, |out| {
            next_cycle::write_json(out, &after, &next)
        });
    }
    let mut text = if args.after.is_empty() {
        diff::to_text(&diff::diff(&before, &after))
    } else {
        String::new()
    };
    text.push_str(&next_cycle::to_text(&next));
    print_text("diff", &text, ExitCode::SUCCESS)
}
