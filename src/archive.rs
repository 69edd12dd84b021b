//! Reading the plan back out of an archival PDF (`actionplan source`).
//!
//! `build --archive` attaches the plan's YAML to the PDF as its source
//! (`/AFRelationship /Source`, listed in the catalogue's `/AF`). This module
//! finds that file again and returns its bytes exactly. The PDF may be
//! anything someone hands us, so the reading is bounded: the caller reads at
//! most [`MAX_PDF_BYTES`]; the PDF is parsed by `hayro-syntax` (already part
//! of Typst, written for untrusted files); and the attachment is inflated
//! here, never past [`MAX_INPUT_BYTES`], so a compressed bomb stops at the
//! limit instead of filling memory. Nothing here panics on any input.

use std::io::Read;

use hayro_syntax::Pdf;
use hayro_syntax::object::{Array, Dict, Name, Stream};

use crate::load::MAX_INPUT_BYTES;

/// The largest PDF `actionplan source` reads. An archival plan of 10,000
/// measures is a few MB; this leaves room for images in a custom template.
pub const MAX_PDF_BYTES: u64 = 200 * 1024 * 1024;

/// The plan a PDF carries.
#[derive(Debug, PartialEq, Eq)]
pub struct Source {
    /// The file name it was attached under: `plan.yaml`. Check it with
    /// [`Source::plain_name`] before making a file of that name.
    pub name: String,
    /// Its bytes, exactly as attached.
    pub bytes: Vec<u8>,
}

/// Why no source could be taken out of a file.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum ExtractError {
    #[error("this is not a PDF (it does not start with %PDF-)")]
    NotPdf,
    #[error("the PDF is damaged or truncated and cannot be read")]
    Damaged,
    #[error("the PDF is encrypted; actionplan's archival PDFs never are")]
    Encrypted,
    #[error(
        "the PDF carries no source file (no attachment marked /AFRelationship /Source); only a PDF made with `actionplan build --archive` does"
    )]
    NoSource,
    #[error("the attached source is larger than {} MiB, the limit for a plan", MAX_INPUT_BYTES / 1024 / 1024)]
    TooLarge,
    #[error("the attached source cannot be read: {0}")]
    BadAttachment(String),
}

/// The attached source of the PDF `bytes`: the attachment marked `Source`
/// in the catalogue's `/AF` (or, for a PDF without one, in its embedded
/// files), with its name and exact bytes.
pub fn extract(bytes: Vec<u8>) -> Result<Source, ExtractError> {
    // Real PDFs may have a little junk before the header; a file without
    // one anywhere near the start is not a PDF at all.
    let head = &bytes[..bytes.len().min(1024)];
    if !head.windows(5).any(|w| w == b"%PDF-") {
        return Err(ExtractError::NotPdf);
    }
    let pdf = Pdf::new(bytes).map_err(|e| match e {
        hayro_syntax::LoadPdfError::Decryption(_) => ExtractError::Encrypted,
        hayro_syntax::LoadPdfError::Invalid => ExtractError::Damaged,
    })?;
    let xref = pdf.xref();
    let catalog: Dict<'_> = xref.get(xref.root_id()).ok_or(ExtractError::Damaged)?;
    let spec = file_specs(&catalog)
        .into_iter()
        .find(|spec| {
            spec.get::<Name<'_>>(b"AFRelationship")
                .is_some_and(|r| r.as_ref() == b"Source")
        })
        .ok_or(ExtractError::NoSource)?;
    let name = file_name(&spec)?;
    let stream: Stream<'_> = spec
        .get::<Dict<'_>>(b"EF")
        .and_then(|ef| ef.get::<Stream<'_>>(b"UF").or_else(|| ef.get(b"F")))
        .ok_or_else(|| ExtractError::BadAttachment("it has no embedded data (/EF)".into()))?;
    let bytes = contents(&stream)?;
    Ok(Source { name, bytes })
}

/// The file specifications the PDF lists: the catalogue's `/AF`, else the
/// first level of `/Names /EmbeddedFiles` (enough for any PDF that attaches
/// one file; deeper name trees are not walked, so a crafted one cannot
/// make us loop).
fn file_specs<'a>(catalog: &Dict<'a>) -> Vec<Dict<'a>> {
    if let Some(af) = catalog.get::<Array<'a>>(b"AF") {
        return af.iter::<Dict<'a>>().take(1000).collect();
    }
    let Some(tree) = catalog
        .get::<Dict<'a>>(b"Names")
        .and_then(|n| n.get::<Dict<'a>>(b"EmbeddedFiles"))
    else {
        return Vec::new();
    };
    let mut leaves = vec![tree.clone()];
    if let Some(kids) = tree.get::<Array<'a>>(b"Kids") {
        leaves.extend(kids.iter::<Dict<'a>>().take(1000));
    }
    leaves
        .iter()
        .filter_map(|leaf| leaf.get::<Array<'a>>(b"Names"))
        .flat_map(|names| {
            // [name₁ spec₁ name₂ spec₂ …]: every second entry is a spec.
            let mut it = names.flex_iter();
            let mut specs = Vec::new();
            while specs.len() < 1000 {
                if it.next::<hayro_syntax::object::String<'a>>().is_none() {
                    break;
                }
                match it.next::<Dict<'a>>() {
                    Some(spec) => specs.push(spec),
                    None => break,
                }
            }
            specs
        })
        .collect()
}

/// The attachment's file name (`/UF`, else `/F`), as the PDF says it.
fn file_name(spec: &Dict<'_>) -> Result<String, ExtractError> {
    let raw = spec
        .get::<hayro_syntax::object::String<'_>>(b"UF")
        .or_else(|| spec.get(b"F"))
        .ok_or_else(|| ExtractError::BadAttachment("it has no file name".into()))?;
    Ok(text_string(raw.as_ref()))
}

impl Source {
    /// The attached name, if it is a plain file name that stays in the
    /// current folder (no folders, no `..`, no control characters): the
    /// PDF may be hostile, and the name becomes a file.
    pub fn plain_name(&self) -> Option<&str> {
        let name = self.name.as_str();
        let plain = !name.is_empty()
            && name != "."
            && name != ".."
            && !name.contains(['/', '\\', ':'])
            && !name.chars().any(char::is_control);
        plain.then_some(name)
    }
}

/// A PDF text string: UTF-16BE after a byte-order mark, else PDFDocEncoding
/// (read as Latin-1, which it equals for every character a file name has).
fn text_string(bytes: &[u8]) -> String {
    match bytes.strip_prefix(&[0xFE, 0xFF]) {
        Some(utf16) => {
            let units: Vec<u16> = utf16
                .chunks_exact(2)
                .map(|c| u16::from_be_bytes([c[0], c[1]]))
                .collect();
            String::from_utf16_lossy(&units)
        }
        None => bytes.iter().map(|&b| char::from(b)).collect(),
    }
}

/// The stream's data: as stored, or inflated (`/FlateDecode`, the only
/// filter Typst writes), never more than [`MAX_INPUT_BYTES`].
fn contents(stream: &Stream<'_>) -> Result<Vec<u8>, ExtractError> {
    let dict = stream.dict();
    let declared = dict
        .get::<Dict<'_>>(b"Params")
        .and_then(|p| p.get::<i64>(b"Size"));
    if declared.is_some_and(|size| size < 0 || size as u64 > MAX_INPUT_BYTES) {
        return Err(ExtractError::TooLarge);
    }
    let filters: Vec<Vec<u8>> = match dict.get::<Name<'_>>(b"Filter") {
        Some(name) => vec![name.as_ref().to_vec()],
        None => dict
            .get::<Array<'_>>(b"Filter")
            .map(|a| a.iter::<Name<'_>>().map(|n| n.as_ref().to_vec()).collect())
            .unwrap_or_default(),
    };
    if dict.contains_key(b"DecodeParms") {
        return Err(ExtractError::BadAttachment(
            "its data has decoding parameters, which actionplan never writes".into(),
        ));
    }
    let raw = stream.raw_data();
    let limit = MAX_INPUT_BYTES;
    let bytes = match filters.as_slice() {
        [] => raw.into_owned(),
        [f] if f == b"FlateDecode" => {
            let mut out = Vec::new();
            flate2::read::ZlibDecoder::new(raw.as_ref())
                .take(limit + 1)
                .read_to_end(&mut out)
                .map_err(|e| {
                    ExtractError::BadAttachment(format!("its data does not inflate: {e}"))
                })?;
            out
        }
        _ => {
            let names: Vec<_> = filters.iter().map(|f| String::from_utf8_lossy(f)).collect();
            return Err(ExtractError::BadAttachment(format!(
                "its data is encoded with {}, which actionplan never writes",
                names.join(", ")
            )));
        }
    };
    if bytes.len() as u64 > limit {
        return Err(ExtractError::TooLarge);
    }
    if declared.is_some_and(|size| size as u64 != bytes.len() as u64) {
        return Err(ExtractError::BadAttachment(
            "its length is not the one its /Params /Size declares; the PDF is damaged".into(),
        ));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_strings_in_both_encodings() {
        assert_eq!(text_string(b"plan.yaml"), "plan.yaml");
        assert_eq!(text_string(&[0xFE, 0xFF, 0, b'a', 0, 0xE5]), "aå");
        assert_eq!(text_string(&[b'v', 0xE4, b'g']), "väg");
    }

    #[test]
    fn only_a_plain_name_becomes_a_file() {
        let named = |name: &str| Source {
            name: name.into(),
            bytes: Vec::new(),
        };
        assert_eq!(named("umeå plan.yaml").plain_name(), Some("umeå plan.yaml"));
        for bad in ["", ".", "..", "../x.yaml", "/etc/x", "a\\b", "c:x", "a\nb"] {
            assert_eq!(named(bad).plain_name(), None, "{bad:?}");
        }
    }

    #[test]
    fn not_a_pdf_is_said_so() {
        assert_eq!(extract(b"key: value\n".to_vec()), Err(ExtractError::NotPdf));
        assert_eq!(extract(Vec::new()), Err(ExtractError::NotPdf));
        assert_eq!(
            extract(b"%PDF-1.7\n%%EOF".to_vec()),
            Err(ExtractError::Damaged)
        );
    }
}
