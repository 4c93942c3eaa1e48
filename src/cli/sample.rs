//! `scim-preflight sample`: a realistic fictional export on standard output.

use std::process::ExitCode;

use clap::{Args, ValueEnum};

use super::output::print_data;
use crate::import::sample::{self, SampleShape};

/// The shapes `sample` can write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShapeArg {
    /// A Microsoft Graph /users page ({"@odata.context": …, "value": [...]}).
    Graph,
    /// A bare JSON array, as the az CLI prints.
    Array,
    /// Get-MgUser | ConvertTo-Json -Depth 5 (PascalCase).
    Mggraph,
    /// The Entra admin center's "Download users" CSV.
    Csv,
}

/// Options of `scim-preflight sample`.
#[derive(Debug, Args)]
pub struct SampleArgs {
    /// How many users.
    #[arg(long, default_value_t = 100, value_parser = clap::value_parser!(u32).range(1..=5_000_000))]
    pub users: u32,
    /// The same seed gives the same file.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// The shape of the export.
    #[arg(long, value_enum, default_value_t = ShapeArg::Graph)]
    pub shape: ShapeArg,
}

/// Runs the command.
pub fn run(args: &SampleArgs) -> ExitCode {
    let shape = match args.shape {
        ShapeArg::Graph => SampleShape::Graph,
        ShapeArg::Array => SampleShape::Array,
        ShapeArg::Mggraph => SampleShape::MgGraph,
        ShapeArg::Csv => SampleShape::Csv,
    };
    print_data("sample", ExitCode::SUCCESS, |out| {
        sample::write(out, shape, args.users as usize, args.seed)
    })
}
