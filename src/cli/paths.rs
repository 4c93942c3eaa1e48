//! `scim-preflight paths USERS... [--attribute department]`: when one attribute holds a whole
//! path, show which delimiters and how many levels the data has, the Azure expressions that
//! split it into organization, division and department, and the hierarchy they give.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::Args;

use super::EXIT_BAD_INPUT;
use super::output::{print_text, say};
use crate::import::UserSet;
use crate::mapping::path_builder::{self, PathAnalysis};
use crate::mapping::{ENTERPRISE, presets};
use crate::preview::{self, Options, hierarchy};

/// Options of `scim-preflight paths`.
#[derive(Debug, Args)]
pub struct PathsArgs {
    /// The exported users.
    #[arg(required = true)]
    pub users: Vec<PathBuf>,
    /// The attribute that holds the path.
    #[arg(long, default_value = "department")]
    pub attribute: String,
}

/// Runs the command.
pub fn run(args: &PathsArgs) -> ExitCode {
    let set = match super::load_users("paths", &args.users) {
        Ok(set) => set,
        Err(code) => return code,
    };
    let analysis = path_builder::analyze(&set, &args.attribute);
    if analysis.users == 0 {
        say!(
            "scim-preflight paths: {}",
            no_values_message(&set, &args.attribute)
        );
        return ExitCode::from(EXIT_BAD_INPUT);
    }
    let mut text = summary_line(&analysis);
    let proposal = path_builder::propose(&analysis);
    if proposal.is_empty() {
        text.push_str(&format!(
            "The values are not paths: map {} to department as it is.\n",
            analysis.attribute
        ));
        return print_text("paths", &text, ExitCode::SUCCESS);
    }
    text.push_str("\nIn Azure, set these mappings (mapping type Expression):\n");
    for mapping in &proposal {
        let target = mapping
            .target
            .strip_prefix(&format!("{ENTERPRISE}:"))
            .unwrap_or(&mapping.target);
        text.push_str(&format!("\n  target {target}:\n  {}\n", mapping.source));
    }
    let mut mappings = presets::azure_defaults();
    mappings
        .mappings
        .retain(|m| !proposal.iter().any(|p| p.target == m.target));
    mappings.mappings.extend(proposal);
    let preview = preview::run(Arc::new(set), &mappings, Options::default());
    text.push_str("\nThe hierarchy they give:\n\n");
    text.push_str(&hierarchy::to_text(&preview.hierarchy));
    print_text("paths", &text, ExitCode::SUCCESS)
}

/// `department: 8 users have a value. Delimiters: > (1 user). Levels: 1 (7 users), 3 (1 user).`
fn summary_line(analysis: &PathAnalysis) -> String {
    let counted = |what: String, users: usize| format!("{what} ({users} user{})", plural(users));
    let delimiters: Vec<String> = analysis
        .delimiters
        .iter()
        .map(|(d, users)| counted(d.to_string(), *users))
        .collect();
    let levels: Vec<String> = analysis
        .levels
        .iter()
        .map(|(levels, users)| counted(levels.to_string(), *users))
        .collect();
    format!(
        "{}: {} users have a value. Delimiters: {}. Levels: {}.\n",
        analysis.attribute,
        analysis.users,
        if delimiters.is_empty() {
            "none".to_owned()
        } else {
            delimiters.join(", ")
        },
        levels.join(", ")
    )
}

/// What to do when no loaded user has a value in `attribute`: the same name in another case,
/// if some users have that, or the spelling and the export to check.
fn no_values_message(set: &UserSet, attribute: &str) -> String {
    let other_case = set.names.iter().enumerate().find(|(index, name)| {
        *name != attribute && name.eq_ignore_ascii_case(attribute) && set.users_with(*index) > 0
    });
    match other_case {
        Some((index, name)) => {
            let users = set.users_with(index);
            format!(
                "no loaded user has [{attribute}], but {users} user{} ha{} [{name}]: attribute \
                 names are case-sensitive. Use --attribute {name} instead.",
                plural(users),
                if users == 1 { "s" } else { "ve" }
            )
        }
        None => format!(
            "no loaded user has [{attribute}]. Check the spelling (attribute names are \
             case-sensitive, e.g. department, companyName), or include [{attribute}] in the \
             export and load it again."
        ),
    }
}

fn plural(count: usize) -> &'static str {
    if count == 1 { "" } else { "s" }
}
