//! git in a test's temporary repository (for `REV:PATH` and `--compare REV`).

use std::path::Path;
use std::process::Command;

/// Runs `git ARGS` in `dir` with a fixed author; whether it succeeded.
pub fn git(dir: &Path, args: &[&str]) -> bool {
    Command::new("git")
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.org"])
        .args(args)
        .current_dir(dir)
        .output()
        .is_ok_and(|o| o.status.success())
}
