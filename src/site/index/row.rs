//! One row of the index: a published plan, in the index's language, with
//! its links and what the script filters and sorts it by.

use chrono::NaiveDate;
use serde::Serialize;

use super::IndexOptions;
use crate::i18n::{Lang, fill};
use crate::model::{Keyword, Language, Plan};
use crate::site::order::{collate_key, ranks, status_rank};
use crate::site::{Entry, find::href};

/// A published plan as its row shows it.
#[derive(Serialize)]
pub(super) struct Row<'a> {
    pub(super) title: &'a str,
    pub(super) subtitle: Option<&'a str>,
    /// The plan's language tag when it differs from the index's.
    pub(super) lang: Option<&'static str>,
    /// The plan's page, if it has one.
    pub(super) href: Option<String>,
    pub(super) case_number: Option<&'a str>,
    pub(super) document_type: &'static str,
    pub(super) owner: &'a str,
    pub(super) status: Status,
    pub(super) period: Period,
    pub(super) decision: Option<Dated>,
    pub(super) revise_by: Option<Dated>,
    pub(super) overdue: bool,
    pub(super) documents: Vec<Link>,
    /// Lower-case words the search matches.
    pub(super) search: String,
    pub(super) rank: Ranks,
}

#[derive(Serialize)]
pub(super) struct Status {
    pub(super) key: &'static str,
    pub(super) label: &'static str,
}

/// The days a plan is valid.
#[derive(Serialize)]
pub(super) struct Period {
    pub(super) from: Dated,
    pub(super) to: Dated,
}

/// A text and the ISO date it stands for.
#[derive(Serialize)]
pub(super) struct Dated {
    pub(super) iso: String,
    pub(super) text: String,
}

#[derive(Serialize)]
pub(super) struct Link {
    pub(super) label: String,
    pub(super) href: String,
    pub(super) size: String,
}

/// Each row's place in each order the script offers.
#[derive(Clone, Copy, Default, Serialize)]
pub(super) struct Ranks {
    pub(super) owner: usize,
    pub(super) status: usize,
    pub(super) title: usize,
    pub(super) revise_by: usize,
}

pub(super) fn row<'a>(
    e: &'a Entry,
    plan: &'a Plan,
    lang: &'static Lang,
    options: &IndexOptions<'_>,
) -> Row<'a> {
    let m = &plan.meta;
    let words = &lang.site;
    let plan_tag = &crate::i18n::lang(m.language).language.tag;
    let owner = plan.body(m.owner).name.as_str();
    let status = Status {
        key: m.status.as_str(),
        label: &lang.plan_status(m.status).label,
    };
    let document_type = lang.document_type(m.document_type);
    let decision = m.decision.as_ref().map(|d| Dated {
        iso: d.date.to_string(),
        text: format!(
            "{}, {}, {}",
            plan.body(d.body).name,
            lang.date(d.date),
            d.paragraph
        ),
    });
    let documents: Vec<Link> = e
        .published
        .iter()
        .map(|p| Link {
            label: words.output(p.output, p.extension),
            href: href(&p.path),
            size: size(p.bytes, lang),
        })
        .collect();
    let page = e
        .published
        .iter()
        .find(|p| p.output == crate::render::formats::HTML.name);
    let search = [
        Some(m.title.as_str()),
        m.subtitle.as_deref(),
        m.case_number.as_deref(),
        Some(owner),
        Some(document_type),
        Some(status.label),
        Some(m.municipality.as_str()),
        decision.as_ref().map(|d| d.text.as_str()),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ")
    .to_lowercase();
    Row {
        title: &m.title,
        subtitle: m.subtitle.as_deref(),
        lang: (plan_tag != &lang.language.tag).then_some(plan_tag.as_str()),
        href: page.map(|p| href(&p.path)),
        case_number: m.case_number.as_deref(),
        document_type,
        owner,
        status,
        period: Period {
            from: dated(m.period.from, lang),
            to: dated(m.period.to, lang),
        },
        decision,
        revise_by: m.revise_by.map(|d| dated(d, lang)),
        overdue: m.revision_overdue(options.today),
        documents,
        search,
        rank: Ranks {
            status: status_rank(m.status),
            ..Ranks::default()
        },
    }
}

fn dated(day: NaiveDate, lang: &Lang) -> Dated {
    Dated {
        iso: day.to_string(),
        text: lang.date(day),
    }
}

/// "95 kB", "1,2 MB": rounded up to whole kilobytes below a megabyte.
fn size(bytes: u64, lang: &Lang) -> String {
    let kb = bytes.div_ceil(1024);
    let words = &lang.site;
    if kb < 1024 {
        fill(&words.kilobytes, &[("n", &kb.to_string())])
    } else {
        let mb = (bytes as f64 / (1024.0 * 1024.0) * 10.0).round() / 10.0;
        fill(&words.megabytes, &[("n", &lang.number(mb))])
    }
}

/// Each row's place in every order the script offers: by owner, status
/// (in [`status_rank`]'s order), title, or revise-by date (soonest first,
/// none last); ties go by title, names sorted as `language` sorts them.
pub(super) fn rank(rows: &mut [Row], language: Language) {
    let key = |s: &str| collate_key(s, language);
    let by_title = |a: &Row, b: &Row| key(a.title).cmp(&key(b.title));
    let owner = ranks(rows, |a, b| {
        key(a.owner).cmp(&key(b.owner)).then(by_title(a, b))
    });
    let status = ranks(rows, |a, b| {
        a.rank.status.cmp(&b.rank.status).then(by_title(a, b))
    });
    let title = ranks(rows, by_title);
    let revise_by = ranks(rows, |a, b| {
        let date = |r: &Row| r.revise_by.as_ref().map(|d| d.iso.clone());
        // Plans without a revise-by date last.
        (date(a).is_none(), date(a))
            .cmp(&(date(b).is_none(), date(b)))
            .then(by_title(a, b))
    });
    for (i, row) in rows.iter_mut().enumerate() {
        row.rank = Ranks {
            owner: owner[i],
            status: status[i],
            title: title[i],
            revise_by: revise_by[i],
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::lang;
    use crate::model::Language;

    #[test]
    fn sizes_in_kilobytes_then_megabytes_in_the_languages_writing() {
        let (sv, en) = (lang(Language::Swedish), lang(Language::English));
        assert_eq!(size(1, sv), "1 kB");
        assert_eq!(size(1024 * 95 + 1, sv), "96 kB");
        assert_eq!(size(1024 * 1023, sv), "1023 kB");
        assert_eq!(size(1024 * 1024 * 12 / 10, sv), "1,2 MB");
        assert_eq!(size(1024 * 1024 * 12 / 10, en), "1.2 MB");
    }
}
