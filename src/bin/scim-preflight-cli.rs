//! `scim-preflight-cli`: the commands without the window, as a console program. On Windows
//! this is the one to run from PowerShell or cmd, which wait for a console program and give it
//! the console's input and output (a window program like `scim-preflight.exe` is not waited
//! for).

#[path = "../allocator.rs"]
mod allocator;

fn main() -> std::process::ExitCode {
    scim_preflight::cli::main_without_window()
}
