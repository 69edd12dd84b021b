//! Outside tools some tests need (`git`, `pdftotext`): one rule for when
//! one is missing, and one way to say that a test did not run.
//!
//! In CI (the variable `CI` set, as CI services and `.ci/run` set it) every
//! tool is installed, so a missing one is a broken run and fails the test:
//! a suite that passes without its tools has tested nothing. Elsewhere the
//! test skips, and says so on stderr (`skipped: <test>: <tool> not installed`).

use std::io::Write;
use std::path::Path;

/// Whether `tool` is on the `PATH`. When it is not, [`skip`]s: in CI the
/// test fails here; elsewhere it says so, and the caller returns.
pub fn installed(tool: &str, test: &str) -> bool {
    let found = on_path(tool);
    if !found {
        skip(test, &format!("{tool} not installed"));
    }
    found
}

/// Says that `test` does not run, and why, where it is seen; in CI, where
/// everything a test needs is there, fails it instead.
pub fn skip(test: &str, why: &str) {
    let line = skip_line(in_ci(), test, why);
    // The harness keeps what `eprintln!` prints for failing tests only, so
    // this writes to stderr itself.
    let _ = writeln!(std::io::stderr(), "{line}");
}

/// [`skip`], apart from the environment and stderr, so it can be tested.
fn skip_line(ci: bool, test: &str, why: &str) -> String {
    assert!(
        !ci,
        "{test}: {why}, and in CI (CI is set) no test may skip: provide it (.ci/run does)"
    );
    format!("skipped: {test}: {why}")
}

/// `CI` set to anything but empty, `0` or `false`.
fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !matches!(v.as_str(), "" | "0" | "false"))
}

/// An executable file named `tool` in a folder of the `PATH`.
fn on_path(tool: &str) -> bool {
    let Some(path) = std::env::var_os("PATH") else {
        return false;
    };
    std::env::split_paths(&path).any(|dir| executable(&dir.join(tool)))
}

#[cfg(unix)]
fn executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

#[cfg(not(unix))]
fn executable(path: &Path) -> bool {
    path.is_file() || path.with_extension("exe").is_file()
}

#[cfg(unix)]
#[test]
fn a_tool_is_found_on_the_path_and_a_missing_one_is_not() {
    assert!(on_path("sh"));
    assert!(!on_path("no-such-tool-actionplan"));
}

#[test]
fn outside_ci_a_test_skips_saying_so() {
    assert_eq!(
        skip_line(false, "a_test", "no-such-tool not installed"),
        "skipped: a_test: no-such-tool not installed"
    );
}

#[test]
#[should_panic(expected = "a_test: no-such-tool not installed, and in CI")]
fn in_ci_a_test_that_would_skip_fails() {
    skip_line(true, "a_test", "no-such-tool not installed");
}
