//! `scim-preflight diff USERS... --from A --to B`: what changes for the loaded users between two
//! mapping sets (each a preset name, a SCIM Preflight mapping file or Azure's schema JSON).

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use clap::Args;

use super::EXIT_BAD_INPUT;
use super::input::{InputError, read_text};
use super::output::{print_text, say};
use crate::mapping::{MappingSet, presets};
use crate::preview::{self, Options, diff};

/// Options of `scim-preflight diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The exported users.
    #[arg(required = true)]
    pub users: Vec<PathBuf>,
    /// The mappings before: `defaults`, `securepractice`, or a mapping or schema file.
    #[arg(long)]
    pub from: String,
    /// The mappings after, in the same forms.
    #[arg(long)]
    pub to: String,
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
    let (from, to) = match (mapping_set(&args.from), mapping_set(&args.to)) {
        (Ok(from), Ok(to)) => (from, to),
        (Err(e), _) | (_, Err(e)) => {
            say!("scim-preflight diff: {e}");
            return ExitCode::from(EXIT_BAD_INPUT);
        }
    };
    let set = match super::load_users("diff", &args.users) {
        Ok(set) => set,
        Err(code) => return code,
    };
    let set = Arc::new(set);
    let before = preview::run(set.clone(), &from, Options::default());
    let after = preview::run(set, &to, Options::default());
    let text = diff::to_text(&diff::diff(&before, &after));
    print_text("diff", &text, ExitCode::SUCCESS)
}
