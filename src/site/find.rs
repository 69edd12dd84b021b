//! Which files under the folders given to `site` are plans, and where each
//! plan's documents go in the site.
//!
//! A folder is searched recursively for `*.yaml` and `*.yml` (hidden entries
//! skipped, in sorted order; see [`crate::files`]). A plan repository also
//! holds YAML that is not a plan (a CI configuration, a linter's settings),
//! so a file found in a folder is a plan when it has the format's required
//! top-level key: a line that starts with `actionplan:`. That test does not
//! parse the file, so a plan with a syntax error further down is still a plan
//! (and is listed as invalid), and a file that is no plan is never reported
//! as a broken one. A file named on the command line is always a plan.
//!
//! Each plan's documents keep the plan's place below its folder:
//! `plans/social/vald.yaml` (given `plans`) → `PUBLIC/social/vald.html`.
//!
//! The output folder is never a folder searched (the site would overwrite
//! the files there), and when it lies inside one it is not searched: what
//! the site wrote is no plan. Symbolic links are followed only inside a
//! searched folder (see [`crate::files`]). Two plans clash when their
//! documents' paths are the same after Unicode normalisation (NFC) and case
//! folding, as they would be on macOS and Windows.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use unicode_normalization::UnicodeNormalization;

use crate::engine::{self, Input};
use crate::error::AppError;
use crate::render::Output;

pub use crate::files::is_plan;

/// The files of the site itself, which no plan's document may replace.
pub const INDEX: &str = "index.html";
pub const REGISTER: &str = "plans.json";

/// A plan to build, and its place in the site.
#[derive(Clone, Debug)]
pub struct Found {
    pub input: Input,
    /// The plan file below the folder it was found in, `/`-separated:
    /// `social/vald.yaml`. What the index and the register call it, so they
    /// do not depend on where the repository was checked out.
    pub source: String,
    /// The folder of its documents in the site, `/`-separated; empty for the top.
    pub folder: String,
}

impl Found {
    /// The path of an output's file in the site, `/`-separated: `social/vald.pdf`.
    pub fn site_path(&self, output: &dyn Output) -> String {
        let name = engine::file_name(&engine::stem(self.input.path()), output, false);
        match self.folder.is_empty() {
            true => name,
            false => format!("{}/{name}", self.folder),
        }
    }
}

/// What the search found: the plans, and the YAML files that are not plans.
#[derive(Debug, Default)]
pub struct Search {
    pub plans: Vec<Found>,
    pub skipped: Vec<PathBuf>,
}

/// Finds the plans in `args` (folders and files), in the order given, each
/// folder's sorted, leaving out the site's folder `out`. A path that does
/// not exist, a folder without any YAML file, and `out` being a folder
/// searched are usage errors; so are
/// two plans whose documents would have the same path in the site, or one
/// whose document would replace the index or the register.
pub fn find(args: &[PathBuf], outputs: &[&dyn Output], out: &Path) -> Result<Search, AppError> {
    let mut search = Search::default();
    let mut seen = std::collections::HashSet::new();
    let out_id = std::fs::metadata(out)
        .ok()
        .and_then(|m| crate::write::identity(&m));
    for arg in args {
        // A mistyped folder must not publish an empty index over the real one.
        if !arg.exists() {
            return Err(AppError::Usage(format!(
                "{}: no such file or folder; give the folders of the plans (or plan files)",
                arg.display()
            )));
        }
        if arg.is_dir() {
            let arg_id = std::fs::metadata(arg)
                .ok()
                .and_then(|m| crate::write::identity(&m));
            if out_id.is_some() && arg_id == out_id {
                return Err(AppError::Usage(format!(
                    "--out {} is {}, a folder searched for plans: the site would overwrite the files \
                     there; give the site a folder of its own, such as --out public",
                    out.display(),
                    arg.display()
                )));
            }
            let walk = crate::files::walk_except(arg, &["yaml", "yml"], Some(out))?;
            for link in &walk.links_out {
                crate::files::note_link_out(link, arg);
            }
            let files = walk.files;
            if files.is_empty() {
                return Err(AppError::NoPlans(arg.clone()));
            }
            for file in files {
                if !is_plan(&file) {
                    search.skipped.push(file);
                    continue;
                }
                let relative = file.strip_prefix(arg).unwrap_or(&file).to_path_buf();
                if seen.insert(identity(&file)) {
                    search.plans.push(found(file, &relative));
                }
            }
        } else if seen.insert(identity(arg)) {
            let name = PathBuf::from(arg.file_name().unwrap_or(arg.as_os_str()));
            search.plans.push(found(arg.clone(), &name));
        }
    }
    check_paths(&search.plans, outputs)?;
    Ok(search)
}

/// The same file named twice (as a folder's and on its own) is built once.
fn identity(path: &Path) -> PathBuf {
    path.canonicalize().unwrap_or_else(|_| path.to_path_buf())
}

fn found(file: PathBuf, relative: &Path) -> Found {
    let parts: Vec<String> = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let folder = parts[..parts.len().saturating_sub(1)].join("/");
    Found {
        input: Input::File(file),
        source: parts.join("/"),
        folder,
    }
}

/// Refuses plans whose documents would overwrite each other's or the site's own files.
fn check_paths(plans: &[Found], outputs: &[&dyn Output]) -> Result<(), AppError> {
    let mut taken: BTreeMap<String, &str> = BTreeMap::new();
    for plan in plans {
        for output in outputs {
            let path = plan.site_path(*output);
            let key = fold(&path);
            if key == INDEX || key == REGISTER {
                return Err(AppError::Usage(format!(
                    "{} would be written as {path}, which is the site's own {}; rename the plan file",
                    plan.input.path().display(),
                    if key == INDEX { "index" } else { "register" },
                )));
            }
            if let Some(first) = taken.insert(key, &plan.source) {
                return Err(AppError::Usage(format!(
                    "{first} and {} would both be written as {path}; rename one of them",
                    plan.source
                )));
            }
        }
    }
    Ok(())
}

/// A site path as file systems compare names: case-insensitive ones
/// (macOS, Windows) merge `A.html` and `a.html`, and macOS also `Å` written
/// as one character and as `A` with a combining ring. NFC, case folding
/// (lower case), and NFC again, which lower-casing can undo.
fn fold(path: &str) -> String {
    path.nfc()
        .collect::<String>()
        .to_lowercase()
        .nfc()
        .collect()
}

/// Characters left as they are in a link to a site path: letters, digits
/// and `-._~`; everything else is percent-encoded (as UTF-8).
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// A site path as a relative link from the index: each segment percent-encoded.
pub fn href(site_path: &str) -> String {
    site_path
        .split('/')
        .map(|segment| utf8_percent_encode(segment, SEGMENT).to_string())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::{html::HtmlOutput, pdf::PdfOutput};

    const OUTPUTS: &[&dyn Output] = &[&HtmlOutput, &PdfOutput];

    fn write(root: &Path, name: &str, text: &str) {
        let path = root.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    #[test]
    fn a_yaml_file_is_a_plan_when_it_has_the_actionplan_key() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(root, "a.yaml", "# a plan\nactionplan: 1\nplan: [broken\n");
        write(root, "b.yml", "\u{feff}\"actionplan\" : 1\n");
        write(root, "ci.yaml", "stages: [build]\nscript: actionplan: 1\n");
        write(root, "nested.yaml", "x:\n  actionplan: 1\n");
        let is = |name: &str| is_plan(&root.join(name));
        assert!(is("a.yaml") && is("b.yml"));
        assert!(!is("ci.yaml") && !is("nested.yaml"));
        assert!(
            is("missing.yaml"),
            "an unreadable file is reported by the build"
        );
    }

    #[test]
    fn plans_keep_their_folder_and_other_yaml_is_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(root, "b/vald.yaml", "actionplan: 1\n");
        write(root, "a.yaml", "actionplan: 1\n");
        write(root, "lint.yml", "rules: {}\n");
        let search = find(&[root.to_path_buf()], OUTPUTS, &root.join("public")).unwrap();
        let sources: Vec<_> = search.plans.iter().map(|f| f.source.as_str()).collect();
        assert_eq!(sources, ["a.yaml", "b/vald.yaml"]);
        assert_eq!(search.plans[1].folder, "b");
        assert_eq!(search.plans[1].site_path(&PdfOutput), "b/vald.pdf");
        assert_eq!(search.skipped, [root.join("lint.yml")]);
        // Named twice: built once.
        let twice = find(
            &[root.to_path_buf(), root.join("a.yaml")],
            OUTPUTS,
            &root.join("public"),
        )
        .unwrap();
        assert_eq!(twice.plans.len(), 2);
    }

    #[test]
    fn clashing_or_reserved_paths_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(root, "one/x.yaml", "actionplan: 1\n");
        write(root, "two/x.yaml", "actionplan: 1\n");
        write(root, "index.yaml", "actionplan: 1\n");
        let clash = find(
            &[root.join("one"), root.join("two")],
            OUTPUTS,
            &root.join("public"),
        )
        .unwrap_err();
        assert!(
            clash
                .to_string()
                .contains("would both be written as x.html"),
            "{clash}"
        );
        let reserved = find(&[root.join("index.yaml")], OUTPUTS, &root.join("public")).unwrap_err();
        assert!(
            reserved.to_string().contains("site's own index"),
            "{reserved}"
        );
    }

    #[test]
    fn names_that_differ_only_in_unicode_normalisation_clash() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        // `Å` as one character, and as `A` with a combining ring: one file on macOS.
        write(root, "one/\u{c5}tgärder.yaml", "actionplan: 1\n");
        write(root, "two/A\u{30a}TGÄRDER.yaml", "actionplan: 1\n");
        let clash = find(
            &[root.join("one"), root.join("two")],
            OUTPUTS,
            &root.join("public"),
        )
        .unwrap_err()
        .to_string();
        assert!(clash.contains("would both be written as"), "{clash}");
        assert_eq!(fold("A\u{30a}.html"), fold("\u{e5}.HTML"));
    }

    #[test]
    fn links_encode_each_segment() {
        assert_eq!(
            href("social/våld plan.html"),
            "social/v%C3%A5ld%20plan.html"
        );
        assert_eq!(href("a-b_c.d~e.pdf"), "a-b_c.d~e.pdf");
    }
}
