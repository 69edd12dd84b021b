//! The `actionplan` command. All behaviour lives in the library's `cli` module.

fn main() -> std::process::ExitCode {
    actionplan::cli::main()
}
