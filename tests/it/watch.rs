//! `actionplan watch`: the binary as a process, with the plan edited under
//! it the ways editors save (in place, rename over, delete and re-create).

use crate::support::live;

use live::{PlanDir, Running, TODAY, eventually};

fn start(plan: &PlanDir) -> Running {
    Running::start(
        &["watch", "--today", TODAY, "--out", "out", "plan.yaml"],
        plan.dir.path(),
    )
}

/// The HTML output, once it contains `text`.
fn wait_for_html(plan: &PlanDir, watch: &Running, text: &str) -> String {
    eventually(
        &format!("out/plan.html with {text:?}"),
        || watch.stderr(),
        || {
            std::fs::read_to_string(plan.path("out/plan.html"))
                .ok()
                .filter(|html| html.contains(text))
        },
    )
}

#[test]
fn rebuilds_on_save_and_keeps_the_last_good_outputs_on_error() {
    let plan = PlanDir::new();
    let watch = start(&plan);
    let stderr = watch.wait_for("rebuilt plan.yaml in ", 1);
    assert!(
        stderr.contains("wrote out/plan.html (") && stderr.contains("out/plan.pdf ("),
        "{stderr}"
    );
    wait_for_html(&plan, &watch, "Action Plan against Violence");
    let first_pdf = std::fs::read(plan.path("out/plan.pdf")).unwrap();

    plan.set_title("Watched title one");
    wait_for_html(&plan, &watch, "Watched title one");
    // The PDF is rewritten with the page: both come from one build.
    let stderr = watch.wait_for("rebuilt plan.yaml in ", 2);
    let pdf = std::fs::read(plan.path("out/plan.pdf")).unwrap();
    assert_ne!(pdf, first_pdf, "the PDF was not rebuilt");
    assert!(pdf.starts_with(b"%PDF"));
    let line = stderr
        .lines()
        .filter(|l| l.starts_with("rebuilt "))
        .nth(1)
        .unwrap();
    assert!(
        line.contains(" ms: wrote out/plan.html (") && line.contains("pages)"),
        "{line}"
    );

    let builds = watch.builds();
    plan.break_plan();
    let stderr = watch.wait_for("not rebuilt: plan.yaml has errors", 1);
    assert!(stderr.contains("error[E003]: unknown key"), "{stderr}");
    assert!(stderr.contains(&live::broken_at()), "{stderr}");
    assert!(watch.builds() > builds);
    let html = std::fs::read_to_string(plan.path("out/plan.html")).unwrap();
    assert!(
        html.contains("Watched title one"),
        "the last good page was replaced"
    );
    assert_eq!(std::fs::read(plan.path("out/plan.pdf")).unwrap(), pdf);

    plan.set_title("Watched title two");
    wait_for_html(&plan, &watch, "Watched title two");
}

#[test]
fn keeps_watching_a_plan_that_was_replaced() {
    let plan = PlanDir::new();
    let watch = start(&plan);
    wait_for_html(&plan, &watch, "Action Plan against Violence");

    // Write a temporary file and rename it over the plan (most IDEs).
    for title in ["Renamed over once", "Renamed over twice"] {
        let temp = plan.path(".plan.yaml.tmp");
        std::fs::write(&temp, live::with_title(title)).unwrap();
        std::fs::rename(&temp, plan.plan()).unwrap();
        wait_for_html(&plan, &watch, title);
    }

    // Delete it, then create it again (vim's default).
    std::fs::remove_file(plan.plan()).unwrap();
    std::fs::write(plan.plan(), live::with_title("Created again")).unwrap();
    wait_for_html(&plan, &watch, "Created again");

    // Truncate, then write.
    let file = std::fs::OpenOptions::new()
        .write(true)
        .truncate(true)
        .open(plan.plan())
        .unwrap();
    drop(file);
    std::fs::write(plan.plan(), live::with_title("Truncated then written")).unwrap();
    wait_for_html(&plan, &watch, "Truncated then written");
}

#[test]
fn other_files_in_the_folder_do_not_rebuild() {
    let plan = PlanDir::new();
    let watch = start(&plan);
    watch.wait_for("rebuilt plan.yaml in ", 1);
    std::fs::write(plan.path("notes.txt"), "not a plan").unwrap();
    std::fs::write(plan.path(".plan.yaml.swp"), "an editor's swap file").unwrap();
    // A change of the plan after them is the next build: nothing came between.
    plan.set_title("After the noise");
    wait_for_html(&plan, &watch, "After the noise");
    // Then a change whose build prints a line of its own. Events are handled
    // in order, so a build the noise caused, however late, is printed before
    // that line: wait for it rather than for a time that might be too short.
    plan.break_plan();
    let stderr = watch.wait_for("not rebuilt: plan.yaml has errors", 1);
    let before: Vec<&str> = stderr
        .lines()
        .take_while(|l| !l.starts_with("not rebuilt"))
        .filter(|l| l.starts_with("rebuilt "))
        .collect();
    assert_eq!(before.len(), 2, "{stderr}");
}

#[test]
fn ctrl_c_ends_with_0_and_leaves_no_temporary_files() {
    let plan = PlanDir::new();
    let mut watch = start(&plan);
    watch.wait_for("rebuilt plan.yaml in ", 1);
    plan.set_title("Interrupted");
    // Interrupt while the rebuild may be writing.
    std::thread::sleep(std::time::Duration::from_millis(150));
    let status = watch.interrupt();
    assert_eq!(status.code(), Some(0), "{}", watch.stderr());
    assert_eq!(
        crate::support::file_names(&plan.path("out")),
        ["plan.html", "plan.pdf"]
    );
}

#[test]
fn a_missing_plan_folder_is_exit_2() {
    let plan = PlanDir::new();
    let mut watch = Running::start(&["watch", "no-such-folder/plan.yaml"], plan.dir.path());
    assert_eq!(watch.wait().code(), Some(2));
    assert!(
        watch.stderr().contains("no-such-folder"),
        "{}",
        watch.stderr()
    );
}

/// A folder `plans/` in a fresh directory, holding `files` (name, text).
fn plans_folder(files: &[(&str, String)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("plans")).unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join("plans").join(name), text).unwrap();
    }
    dir
}

fn watch_folder(dir: &tempfile::TempDir, folder: &str) -> Running {
    Running::start(
        &["watch", "--today", TODAY, "--out", "out", folder],
        dir.path(),
    )
}

/// Saves `path` at once, through a hidden temporary file renamed over it,
/// so that one save is one build however busy the machine is.
fn save(path: &std::path::Path, text: &str) {
    let temp = path.with_file_name(".saving.tmp");
    std::fs::write(&temp, text).unwrap();
    std::fs::rename(&temp, path).unwrap();
}

/// A file in `dir`, once it exists and contains `text`.
fn wait_for_file(dir: &tempfile::TempDir, watch: &Running, name: &str, text: &str) -> String {
    eventually(
        &format!("{name} with {text:?}"),
        || watch.stderr(),
        || {
            std::fs::read_to_string(dir.path().join(name))
                .ok()
                .filter(|content| content.contains(text))
        },
    )
}

#[test]
fn a_plan_created_in_a_watched_folder_is_built_and_a_deleted_one_dropped() {
    let dir = plans_folder(&[("a.yaml", live::with_title("Plan A"))]);
    let watch = watch_folder(&dir, "plans");
    watch.wait_for("rebuilt plans/a.yaml in ", 1);

    // Created (as `cp` or an editor's first save makes it).
    std::fs::write(dir.path().join("plans/b.yaml"), live::with_title("Plan B")).unwrap();
    wait_for_file(&dir, &watch, "out/b.html", "Plan B");
    let stderr = watch.wait_for("rebuilt plans/b.yaml in ", 1);
    assert!(
        stderr.contains("wrote out/b.html (") && stderr.contains("out/b.pdf ("),
        "{stderr}"
    );
    // A folder holding a plan, moved in: its plan is found too, named as the others.
    std::fs::create_dir(dir.path().join("elsewhere")).unwrap();
    let c = dir.path().join("elsewhere/c.yml");
    std::fs::write(&c, live::with_title("Plan C")).unwrap();
    std::fs::rename(
        dir.path().join("elsewhere"),
        dir.path().join("plans/social"),
    )
    .unwrap();
    wait_for_file(&dir, &watch, "out/c.html", "Plan C");
    watch.wait_for("rebuilt plans/social/c.yml in ", 1);

    std::fs::remove_file(dir.path().join("plans/b.yaml")).unwrap();
    let stderr = watch.wait_for("dropped plans/b.yaml: ", 1);
    assert!(
        stderr.contains("dropped plans/b.yaml: it was deleted or moved away"),
        "{stderr}"
    );
    // Its last outputs stay.
    assert!(dir.path().join("out/b.html").exists());
    // A was not built again for B, C or B's going (it would have been built
    // in the same round, and printed before them).
    assert_eq!(
        stderr.matches("rebuilt plans/a.yaml").count(),
        1,
        "{stderr}"
    );
    let builds = watch.builds();

    // An edit of A rebuilds A alone: B is no longer built (not even as a
    // file that cannot be read), and the others were never built again.
    save(
        &dir.path().join("plans/a.yaml"),
        &live::with_title("Plan A2"),
    );
    wait_for_file(&dir, &watch, "out/a.html", "Plan A2");
    let stderr = watch.wait_for("rebuilt plans/a.yaml in ", 2);
    assert_eq!(watch.builds(), builds + 1, "{stderr}");
    assert!(!stderr.contains("not rebuilt"), "{stderr}");
    assert_eq!(
        stderr.matches("plans/social/c.yml in ").count(),
        1,
        "{stderr}"
    );
    assert_eq!(stderr.matches("dropped ").count(), 1, "{stderr}");
}

#[test]
fn yaml_that_is_not_a_plan_and_editors_files_start_nothing() {
    let dir = plans_folder(&[
        ("a.yaml", live::example()),
        ("lint.yml", "rules: {}\n".into()),
    ]);
    let watch = watch_folder(&dir, "plans");
    let stderr = watch.wait_for("rebuilt plans/a.yaml in ", 1);
    // At the start, as `site` says it.
    assert!(
        stderr.contains("skipped plans/lint.yml: no top-level `actionplan:` key"),
        "{stderr}"
    );

    let plans = dir.path().join("plans");
    std::fs::write(
        plans.join("ci.yml"),
        "stages: [build]\nscript: actionplan: 1\n",
    )
    .unwrap();
    std::fs::write(plans.join("lint.yml"), "rules: {indent: 2}\n").unwrap();
    // Swap, backup and temporary files of editors, with a plan's text.
    for name in [".a.yaml.swp", "a.yaml~", "#a.yaml#", "a.yaml.tmp", "4913"] {
        std::fs::write(plans.join(name), live::example()).unwrap();
    }
    save(&plans.join("a.yaml"), &live::with_title("After the noise"));
    wait_for_file(&dir, &watch, "out/a.html", "After the noise");
    // The events of the other files came before this rebuild's, so they
    // have been handled by the time it is printed.
    let stderr = watch.wait_for("rebuilt plans/a.yaml in ", 2);
    assert_eq!(watch.builds(), 2, "{stderr}");
    assert!(!stderr.contains("ci.yml"), "{stderr}");
    assert_eq!(stderr.matches("lint.yml").count(), 1, "{stderr}");
    assert_eq!(
        crate::support::file_names(&dir.path().join("out")),
        ["a.html", "a.pdf"]
    );
}

#[test]
fn an_empty_folder_is_watched_until_a_plan_is_saved_in_it() {
    let dir = tempfile::tempdir().unwrap();
    // The outputs go into the watched folder: writing them starts nothing.
    let watch = watch_folder(&dir, ".");
    watch.wait_for("no plans yet", 1);
    save(
        &dir.path().join("plan.yaml"),
        &live::with_title("Saved first"),
    );
    wait_for_file(&dir, &watch, "out/plan.html", "Saved first");
    watch.wait_for("rebuilt ./plan.yaml in ", 1);

    save(
        &dir.path().join("plan.yaml"),
        &live::with_title("Saved again"),
    );
    wait_for_file(&dir, &watch, "out/plan.html", "Saved again");
    let stderr = watch.wait_for("rebuilt ./plan.yaml in ", 2);
    assert_eq!(watch.builds(), 2, "{stderr}");
}

#[test]
fn help_says_how_a_folder_is_watched() {
    let dir = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_actionplan"))
        .args(["watch", "--help"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    // However the lines wrap.
    let help = String::from_utf8(out.stdout).unwrap();
    let help = help.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        help.contains("a plan created in it is built, a deleted one is dropped"),
        "{help}"
    );
}

#[cfg(unix)]
#[test]
fn a_plan_swapped_for_a_named_pipe_is_reported_and_the_real_file_rebuilt() {
    let plan = PlanDir::new();
    let watch = start(&plan);
    wait_for_html(&plan, &watch, "Action Plan against Violence");
    std::fs::remove_file(plan.plan()).unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(plan.plan())
        .status()
        .unwrap();
    assert!(made.success());
    watch.wait_for("it is a named pipe (FIFO), not a regular file", 1);
    // The rebuild did not wait in the pipe: the real file is built again.
    std::fs::remove_file(plan.plan()).unwrap();
    std::fs::write(plan.plan(), live::with_title("Back from the pipe")).unwrap();
    wait_for_html(&plan, &watch, "Back from the pipe");
}

#[cfg(unix)]
#[test]
fn a_folder_whose_links_loop_is_watched() {
    let dir = plans_folder(&[("a.yaml", live::with_title("Plan A"))]);
    std::os::unix::fs::symlink(".", dir.path().join("plans/again")).unwrap();
    std::os::unix::fs::symlink(".", dir.path().join("plans/more")).unwrap();
    let watch = watch_folder(&dir, "plans");
    let stderr = watch.wait_for("rebuilt plans/a.yaml in ", 1);
    assert_eq!(stderr.matches("rebuilt ").count(), 1, "{stderr}");
    wait_for_file(&dir, &watch, "out/a.html", "Plan A");
}
