//! The command line: the same core as the window, as commands.
//!
//! `scim-preflight` with no command opens the window (`scim-preflight FILE...` opens it with
//! those exports loaded); `scim-preflight token` makes the secret token on a terminal;
//! `scim-preflight eval` evaluates a mapping expression; `scim-preflight import` loads exports
//! and prints what it found; `scim-preflight sample` writes a fictional export;
//! `scim-preflight logs` compares Entra's provisioning logs with the preview. Every command
//! writes its result to standard output and its messages to standard error, and exits with 0 (done), 2 (bad input: the message says what to fix) or 1
//! (something outside the admin's input failed, e.g. no display for the window).

pub mod console;
mod diff;
mod eval;
mod import;
mod input;
mod logs;
mod mappings;
mod output;
mod paths;
pub mod preview;
mod sample;
mod token;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use output::say;

/// Exit code for input the admin must fix.
pub const EXIT_BAD_INPUT: u8 = 2;
/// Exit code for a failure that is not about the input.
pub const EXIT_FAILURE: u8 = 1;

/// SCIM Preflight: check your Microsoft Entra ID → SCIM provisioning before Azure runs it.
#[derive(Debug, Parser)]
#[command(
    name = "scim-preflight",
    version,
    about = "Make the Azure provisioning secret token, load Entra user exports and preview what \
             Azure would send to a SCIM app, offline.",
    long_about = None,
    after_help = "With no command, the window opens; with files, it opens with them loaded.",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// What to do; with none, the window opens.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Files to open in the window, each in the step that handles it: user exports, provisioning
    /// logs, assignments and group member lists in step 2; mapping files and schemas in step 3.
    #[arg(value_name = "FILE")]
    pub files: Vec<std::path::PathBuf>,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Make the secret token for Azure's "Secret Token" field from your API key and API secret.
    ///
    /// On a terminal, asks for the key and then the secret without showing them. Otherwise reads
    /// them as the first two lines of standard input. Prints the token and nothing else on
    /// standard output; notes and errors go to standard error. The secret is never taken as an
    /// argument, because arguments are visible to every user of the computer.
    Token(token::TokenArgs),

    /// Evaluate a mapping expression the way Azure would, for a test user you describe with
    /// --attr, or for a batch of cases. Parse errors show the position with a caret.
    Eval(eval::EvalArgs),

    /// Write a realistic fictional export of Entra users to standard output (several companies,
    /// delimited department paths, managers, unicode names, gaps, disabled users and guests).
    /// The same seed always gives the same file.
    Sample(sample::SampleArgs),

    /// Load Entra user exports and print what was found: users, the shape of each file,
    /// attribute coverage (with what each gap means and how to export it), warnings. The
    /// coverage checks the attributes the mappings read: --mapping, --schema or --preset, as for
    /// preview (the Secure Practice preset when none is given). Exits 2 with a message naming
    /// the cause and the fix when a file cannot be read.
    Import(import::ImportArgs),

    /// Preview what Azure would send for every user (SCIM POST and PATCH), the organization
    /// hierarchy the SCIM app would build, and every problem found.
    Preview(preview::PreviewArgs),

    /// When one attribute (department) holds a whole path ("Contoso > Sales > EMEA"): the
    /// delimiters and levels in your data, the Azure expressions that split it into
    /// organization, division and department, and the hierarchy they give.
    Paths(paths::PathsArgs),

    /// What changes for the loaded users between two mapping sets (or two exports of the same
    /// users, with --after): per target attribute, how many users change and the most common
    /// before -> after pairs; who moves in the hierarchy; what Azure's next cycle sends
    /// (--requests: its PATCH requests as JSON).
    Diff(diff::DiffArgs),

    /// Compare Entra's provisioning logs with the preview under the current mappings: per
    /// user, did Azure create or skip them as the preview says, and for each attribute Azure
    /// sent, does the preview have the same value. Users come from --users, else from the
    /// logs' import steps (the values Azure read).
    Logs(logs::LogsArgs),
}

/// Loads every export in `paths` for command `command`; if any cannot be read, prints why
/// (one line per file) and gives the exit code for bad input.
fn load_users(
    command: &str,
    paths: &[std::path::PathBuf],
) -> Result<crate::import::UserSet, ExitCode> {
    let inputs: Vec<crate::import::Input> = paths
        .iter()
        .cloned()
        .map(crate::import::Input::Path)
        .collect();
    let (set, errors) = crate::import::UserSet::load(&inputs, &crate::import::Progress::default());
    if errors.is_empty() {
        return Ok(set);
    }
    for error in &errors {
        say!("scim-preflight {command}: {error}");
    }
    Err(ExitCode::from(EXIT_BAD_INPUT))
}

/// Runs the program with the process's arguments.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        None => run_window(cli.files),
        Some(command) => run_command(command),
    }
}

/// Runs the commands only (`scim-preflight-cli`): with no command, says where the window is.
pub fn main_without_window() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        None => {
            say!(
                "This is the command-line program of SCIM Preflight: give it a command (see \
                 --help). For the window, start scim-preflight (scim-preflight.exe on Windows)."
            );
            ExitCode::from(EXIT_BAD_INPUT)
        }
        Some(command) => run_command(command),
    }
}

fn run_command(command: Command) -> ExitCode {
    match command {
        Command::Token(args) => token::run(&args),
        Command::Eval(args) => eval::run(&args),
        Command::Sample(args) => sample::run(&args),
        Command::Import(args) => import::run(&args),
        Command::Preview(args) => preview::run(&args),
        Command::Paths(args) => paths::run(&args),
        Command::Diff(args) => diff::run(&args),
        Command::Logs(args) => logs::run(&args),
    }
}

#[cfg(not(feature = "gui"))]
fn run_window(_files: Vec<std::path::PathBuf>) -> ExitCode {
    say!("scim-preflight: this build has no window (built without the `gui` feature).");
    say!("Use the commands instead: scim-preflight --help");
    ExitCode::from(EXIT_FAILURE)
}

#[cfg(feature = "gui")]
fn run_window(files: Vec<std::path::PathBuf>) -> ExitCode {
    match crate::gui::run(files) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            say!("scim-preflight: could not open the window: {error}");
            say!(
                "If this computer has no display, use the commands instead: scim-preflight --help"
            );
            ExitCode::from(EXIT_FAILURE)
        }
    }
}
