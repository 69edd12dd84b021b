//! The document's metadata: the governing-document block, the banner and
//! mark a status carries, and the one footer both outputs print.

use super::types::*;
use super::url;
use super::values::{body, date, plan_status};
use crate::i18n::{Lang, non_empty};
use crate::model::{Keyword, Plan};

pub(super) fn meta(plan: &Plan, lang: &'static Lang) -> MetaView {
    let m = &plan.meta;
    let labels = &lang.facts;
    let document_type = lang.document_type(m.document_type);
    let period = PeriodView {
        from: date(lang, m.period.from),
        to: date(lang, m.period.to),
        iso: format!("{}/{}", m.period.from, m.period.to),
        text: format!("{} – {}", lang.date(m.period.from), lang.date(m.period.to)),
    };
    let decision = m.decision.as_ref().map(|d| DecisionView {
        body: body(plan, lang, d.body),
        date: date(lang, d.date),
        paragraph: d.paragraph.clone(),
    });
    let revise_by = m.revise_by.map(|r| date(lang, r));
    let status = plan_status(lang, m.status);
    let fact = |key, label: &'static String, value: String, iso: Option<String>| Fact {
        key,
        label,
        value,
        iso,
        change: None,
    };
    let mut facts = vec![fact(
        "document_type",
        &labels.document_type,
        document_type.to_string(),
        None,
    )];
    if let Some(case) = &m.case_number {
        facts.push(fact("case_number", &labels.case_number, case.clone(), None));
    }
    if let Some(d) = &decision {
        facts.push(fact(
            "decided_by",
            &labels.decided_by,
            d.body.name.clone(),
            None,
        ));
        facts.push(fact(
            "decision_date",
            &labels.decision_date,
            format!("{}, {}", d.date.text, d.paragraph),
            Some(d.date.iso.clone()),
        ));
    }
    facts.push(fact(
        "valid",
        &labels.valid,
        period.text.clone(),
        Some(period.iso.clone()),
    ));
    facts.push(fact(
        "owner",
        &labels.owner,
        plan.body(m.owner).name.clone(),
        None,
    ));
    if let Some(r) = &revise_by {
        facts.push(fact(
            "revise_by",
            &labels.revise_by,
            r.text.clone(),
            Some(r.iso.clone()),
        ));
    }
    facts.push(fact("version", &labels.version, m.version.clone(), None));
    facts.push(fact(
        "status",
        &labels.status,
        status.label.to_string(),
        None,
    ));
    let subject = match &m.subtitle {
        Some(s) => format!("{document_type}: {s}"),
        None => document_type.to_string(),
    };
    let mut keywords = vec![document_type.to_string(), m.municipality.clone()];
    keywords.extend(m.case_number.clone());
    let words = lang.plan_status(m.status);
    MetaView {
        title: m.title.clone(),
        subtitle: m.subtitle.clone(),
        municipality: m.municipality.clone(),
        document_type: KindView {
            key: m.document_type.as_str(),
            label: document_type,
        },
        status,
        mark: non_empty(&words.mark),
        banner: non_empty(&words.banner),
        version: m.version.clone(),
        case_number: m.case_number.clone(),
        owner: body(plan, lang, m.owner),
        period,
        decision,
        revise_by,
        subject,
        keywords,
        facts,
        replaces: m.replaces.clone(),
        related: m
            .related
            .iter()
            .map(|r| RelatedView {
                title: r.title.clone(),
                url: r.url.as_deref().and_then(url::safe_url),
            })
            .collect(),
    }
}

/// The footer of both outputs: municipality, case number, version, status.
pub(super) fn footer(plan: &Plan, lang: &Lang) -> FooterView {
    let m = &plan.meta;
    let mut parts = vec![m.municipality.clone()];
    parts.extend(m.case_number.clone());
    parts.push(format!("{} {}", lang.labels.version, m.version));
    parts.push(lang.plan_status(m.status).label.clone());
    FooterView { parts }
}
