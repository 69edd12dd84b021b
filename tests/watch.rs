//! `actionplan watch`: the binary as a process, with the plan edited under
//! it the ways editors save (in place, rename over, delete and re-create).

#[path = "support/live.rs"]
mod live;

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
    // The page is written before the line saying so is printed: wait for the
    // line, then give a build the noise might have caused time to show.
    watch.wait_for("rebuilt plan.yaml in ", 2);
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert_eq!(watch.builds(), 2, "{}", watch.stderr());
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
    let mut names: Vec<String> = std::fs::read_dir(plan.path("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["plan.html", "plan.pdf"]);
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
