//! The Typst `World` of one PDF build: the template, the view model as a
//! virtual JSON file, and our fonts. Nothing else is reachable: no system
//! fonts, no packages, no network, and files only from the templates folder
//! the user chose (Typst's virtual paths cannot leave it).

use std::path::PathBuf;

use chrono::Datelike;
use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

use super::fonts::Fonts;

/// Where the template finds the view model: `json("/data.json")`.
pub const DATA_PATH: &str = "/data.json";
/// The template's own virtual path.
pub const MAIN_PATH: &str = "/plan.typ";

pub struct PlanWorld<'a> {
    library: LazyHash<Library>,
    fonts: &'a Fonts,
    main: Source,
    data_id: FileId,
    data: Bytes,
    /// The folder of a custom template, for the files it reads (a logo).
    root: Option<PathBuf>,
    /// Templates the main one imports (`/markdown.typ`), by their id.
    files: Vec<(FileId, Bytes)>,
    today: Option<chrono::NaiveDate>,
}

fn file_id(path: &str) -> FileId {
    // Both paths are constants that are valid virtual paths.
    RootedPath::new(
        VirtualRoot::Project,
        VirtualPath::new(path).expect("a constant, valid virtual path"),
    )
    .intern()
}

impl<'a> PlanWorld<'a> {
    pub fn new(
        template: String,
        data: Vec<u8>,
        fonts: &'a Fonts,
        root: Option<PathBuf>,
        today: Option<chrono::NaiveDate>,
    ) -> Self {
        PlanWorld {
            library: LazyHash::new(Library::builder().build()),
            fonts,
            main: Source::new(file_id(MAIN_PATH), template),
            data_id: file_id(DATA_PATH),
            data: Bytes::new(data),
            root,
            files: Vec::new(),
            today,
        }
    }

    /// Serves `text` at the virtual `path` (a constant, valid path): a
    /// template the main one imports, resolved like the main one.
    pub fn with_file(mut self, path: &str, text: Vec<u8>) -> Self {
        self.files.push((file_id(path), Bytes::new(text)));
        self
    }

    /// Hands the template structured data as `sys.inputs` (`--archive`'s
    /// list of attachments); without it `sys.inputs` is empty.
    pub fn with_inputs(mut self, inputs: typst::foundations::Dict) -> Self {
        self.library = LazyHash::new(Library::builder().with_inputs(inputs).build());
        self
    }

    pub fn main_source(&self) -> &Source {
        &self.main
    }
}

impl World for PlanWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.fonts.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            return Ok(self.main.clone());
        }
        let bytes = self.file(id)?;
        let text = std::str::from_utf8(&bytes).map_err(|_| FileError::InvalidUtf8)?;
        Ok(Source::new(id, text.to_string()))
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.data_id {
            return Ok(self.data.clone());
        }
        if let Some((_, bytes)) = self.files.iter().find(|(f, _)| *f == id) {
            return Ok(bytes.clone());
        }
        let rooted = id.get();
        let relative = rooted.vpath().get_without_slash();
        match (&self.root, rooted.root()) {
            (Some(root), VirtualRoot::Project) => {
                let path = root.join(relative);
                std::fs::read(&path)
                    .map(Bytes::new)
                    .map_err(|e| FileError::from_io(e, &path))
            }
            _ => Err(FileError::NotFound(PathBuf::from(relative))),
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.fonts.get(index).cloned()
    }

    fn today(&self, offset: Option<Duration>) -> Option<Datetime> {
        let _ = offset;
        let d = self.today?;
        Datetime::from_ymd(d.year(), d.month() as u8, d.day() as u8)
    }
}
