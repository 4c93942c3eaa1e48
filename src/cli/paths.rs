//! `scim-preflight paths USERS... [--attribute department]`: when one attribute holds a whole
//! path, show which delimiters and how many levels the data has, the Azure expressions that
//! split it into organization, division and department, and the hierarchy they give.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::Args;

use crate::mapping::{ENTERPRISE, path_builder, presets};
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
    let delimiters: Vec<String> = analysis
        .delimiters
        .iter()
        .map(|(d, users)| format!("{d} ({users} user{})", if *users == 1 { "" } else { "s" }))
        .collect();
    let levels: Vec<String> = analysis
        .levels
        .iter()
        .map(|(levels, users)| {
            format!(
                "{levels} ({users} user{})",
                if *users == 1 { "" } else { "s" }
            )
        })
        .collect();
    println!(
        "{}: {} users have a value. Delimiters: {}. Levels: {}.",
        analysis.attribute,
        analysis.users,
        if delimiters.is_empty() {
            "none".to_owned()
        } else {
            delimiters.join(", ")
        },
        levels.join(", ")
    );
    let proposal = path_builder::propose(&analysis);
    if proposal.is_empty() {
        println!(
            "The values are not paths: map {} to department as it is.",
            analysis.attribute
        );
        return ExitCode::SUCCESS;
    }
    println!("\nIn Azure, set these mappings (mapping type Expression):");
    for mapping in &proposal {
        let target = mapping
            .target
            .strip_prefix(&format!("{ENTERPRISE}:"))
            .unwrap_or(&mapping.target);
        println!("\n  target {target}:\n  {}", mapping.source);
    }
    let mut mappings = presets::azure_defaults();
    mappings
        .mappings
        .retain(|m| !proposal.iter().any(|p| p.target == m.target));
    mappings.mappings.extend(proposal);
    let preview = preview::run(Arc::new(set), &mappings, Options::default());
    println!("\nThe hierarchy they give:\n");
    print!("{}", hierarchy::to_text(&preview.hierarchy));
    ExitCode::SUCCESS
}
