//! The `scim-preflight` binary: all the work is in the library. On Windows it is a window
//! program (no console window opens when it is double-clicked); given a command, it prints to
//! the console it was started from. `scim-preflight-cli` is the console program for scripts.
#![cfg_attr(windows, windows_subsystem = "windows")]

mod allocator;

fn main() -> std::process::ExitCode {
    if std::env::args_os().len() > 1 {
        scim_preflight::cli::console::attach_to_parent();
    }
    scim_preflight::cli::main()
}
