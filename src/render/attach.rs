//! The files the archival PDF (`--archive`) carries: the plan's YAML as the
//! document's source, and for a change-marked draft the earlier version.
//!
//! They reach the template as data, never as Typst source: the list (name,
//! relationship, MIME type, description) is the structured input
//! `sys.inputs.attachments`, and each file's bytes a virtual file the
//! template reads with `read(…, encoding: none)` and hands to `pdf.attach`.
//! Without `--archive` the input is absent, the template attaches nothing,
//! and the PDF is the PDF/A-2a it always was.

use serde::Serialize;

/// The MIME type of a plan, as the attachment's `/Subtype` says it.
pub const YAML_MIME: &str = "application/yaml";

/// How an attached file relates to the document (PDF/A-3's `/AFRelationship`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Relationship {
    /// The document was built from it.
    Source,
    /// It helps to read the document: the earlier version of a draft.
    Supplement,
}

/// One file attached to the archival PDF.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attachment {
    /// Its name in the PDF, a bare file name: `plan.yaml`.
    pub name: String,
    /// Its bytes, exactly as read.
    pub bytes: Vec<u8>,
    pub relationship: Relationship,
    /// What it is, in the plan's language (PDF/UA needs it).
    pub description: String,
}

impl Attachment {
    /// A plan file attached under the bare name of `path` (`plans/x.yaml` →
    /// `x.yaml`), so `actionplan source` gives back a file of the same name,
    /// and a rebuild from it the same PDF.
    pub fn plan(
        path: &std::path::Path,
        bytes: Vec<u8>,
        relationship: Relationship,
        description: &str,
    ) -> Self {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| "plan.yaml".to_string());
        Attachment {
            name,
            bytes,
            relationship,
            description: description.to_string(),
        }
    }
}

/// Makes the names of a list unique (Typst refuses a file attached twice):
/// a later file named like an earlier one gets `earlier-` in front.
pub fn unique_names(attachments: &mut [Attachment]) {
    for i in 1..attachments.len() {
        while attachments[..i]
            .iter()
            .any(|a| a.name == attachments[i].name)
        {
            attachments[i].name = format!("earlier-{}", attachments[i].name);
        }
    }
}

/// What the template reads about one attachment, in `sys.inputs.attachments`.
#[derive(Serialize)]
pub(super) struct Entry<'a> {
    pub name: &'a str,
    /// The virtual file holding its bytes: `/attachments/0`.
    pub data: String,
    pub relationship: Relationship,
    #[serde(rename = "mime-type")]
    pub mime_type: &'static str,
    pub description: &'a str,
}

/// The entries of the list and the virtual files with the bytes.
pub(super) fn entries(attachments: &[Attachment]) -> Vec<(Entry<'_>, &[u8])> {
    attachments
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let entry = Entry {
                name: &a.name,
                data: format!("/attachments/{i}"),
                relationship: a.relationship,
                mime_type: YAML_MIME,
                description: &a.description,
            };
            (entry, a.bytes.as_slice())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn a_plan_is_attached_under_its_bare_name() {
        let a = Attachment::plan(
            Path::new("plans/umea.yaml"),
            b"x".to_vec(),
            Relationship::Source,
            "d",
        );
        assert_eq!(a.name, "umea.yaml");
    }

    #[test]
    fn a_second_file_of_the_same_name_is_renamed() {
        let plan = |r| Attachment::plan(Path::new("a/p.yaml"), vec![], r, "d");
        let mut list = vec![plan(Relationship::Source), plan(Relationship::Supplement)];
        unique_names(&mut list);
        assert_eq!(list[0].name, "p.yaml");
        assert_eq!(list[1].name, "earlier-p.yaml");
        let json = serde_json::to_value(&entries(&list)[1].0).unwrap();
        assert_eq!(json["relationship"], "supplement");
        assert_eq!(json["mime-type"], "application/yaml");
        assert_eq!(json["data"], "/attachments/1");
    }
}
