//! The `scim-preflight` binary: all the work is in the library.

fn main() -> std::process::ExitCode {
    scim_preflight::cli::main()
}
