//! The language files: complete, alike, and what they write.

use std::collections::BTreeSet;

use chrono::NaiveDate;

use super::*;
use crate::model::{BodyKind, DocumentType, Frequency, MeasureStatus, PlanStatus};

fn every_language() -> impl Iterator<Item = Language> {
    Language::ALL.iter().map(|&(_, l)| l)
}

/// Every key path of a TOML table: `labels.goal`, `plan_status.draft.mark`, …
fn key_paths(prefix: &str, table: &toml::Table, out: &mut BTreeSet<String>) {
    for (key, value) in table {
        let path = format!("{prefix}{key}");
        match value {
            toml::Value::Table(t) => key_paths(&format!("{path}."), t, out),
            _ => {
                out.insert(path);
            }
        }
    }
}

#[test]
fn every_language_file_parses_into_the_struct() {
    for language in every_language() {
        // Panics, naming the file and the key, when a key is missing or unknown.
        let lang = lang(language);
        assert!(!lang.labels.contents.is_empty(), "{language:?}");
    }
}

#[test]
fn every_language_file_has_the_same_keys() {
    let mut files = every_language().map(|l| {
        let table: toml::Table = toml::from_str(file(l).1).unwrap();
        let mut keys = BTreeSet::new();
        key_paths("", &table, &mut keys);
        (l, keys)
    });
    let (first, expected) = files.next().unwrap();
    for (language, keys) in files {
        let missing: Vec<_> = expected.difference(&keys).collect();
        let extra: Vec<_> = keys.difference(&expected).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{language:?} against {first:?}: missing {missing:?}, extra {extra:?}"
        );
    }
}

/// The keyword tables name every keyword and nothing else.
#[test]
fn every_keyword_has_a_word_in_every_language() {
    fn keys<K: Keyword>() -> BTreeSet<String> {
        K::ALL.iter().map(|(k, _)| k.to_string()).collect()
    }
    fn table_keys<V>(t: &BTreeMap<String, V>) -> BTreeSet<String> {
        t.keys().cloned().collect()
    }
    for language in every_language() {
        let lang = lang(language);
        assert_eq!(table_keys(&lang.plan_status), keys::<PlanStatus>());
        assert_eq!(table_keys(&lang.measure_status), keys::<MeasureStatus>());
        assert_eq!(table_keys(&lang.document_type), keys::<DocumentType>());
        assert_eq!(table_keys(&lang.body_kind), keys::<BodyKind>());
        assert_eq!(table_keys(&lang.frequency), keys::<Frequency>());
        assert!(lang.language.months.iter().all(|m| !m.is_empty()));
    }
}

#[test]
fn a_missing_or_unknown_key_is_refused() {
    let sv = file(Language::Swedish).1;
    let missing = sv.replace("generated_by = \"Skapad med actionplan\"\n", "");
    let err = toml::from_str::<Lang>(&missing).unwrap_err().to_string();
    assert!(err.contains("generated_by"), "{err}");
    let unknown = sv.replace("[labels]\n", "[labels]\nwelcome = \"Välkommen\"\n");
    let err = toml::from_str::<Lang>(&unknown).unwrap_err().to_string();
    assert!(err.contains("welcome"), "{err}");
}

#[test]
fn dates_in_swedish_and_english() {
    let (sv, en) = (lang(Language::Swedish), lang(Language::English));
    let d = NaiveDate::from_ymd_opt(2018, 6, 25).unwrap();
    assert_eq!(sv.date(d), "25 juni 2018");
    assert_eq!(en.date(d), "25 June 2018");
    let december = Time::Month {
        year: 2018,
        month: 12,
    };
    assert_eq!(sv.time(december), "december 2018");
    assert_eq!(en.time(december), "December 2018");
    assert_eq!(sv.time(Time::Year(2020)), "2020");
    assert_eq!(sv.time(Time::Ongoing), "löpande");
}

#[test]
fn numbers_use_the_languages_decimal_sign() {
    let (sv, en) = (lang(Language::Swedish), lang(Language::English));
    assert_eq!(sv.number(12.5), "12,5");
    assert_eq!(en.number(12.5), "12.5");
    assert_eq!(sv.number(80.0), "80");
    assert_eq!(sv.number(-3.25), "\u{2212}3,25");
    assert_eq!(en.number(-3.25), "-3.25");
    assert_eq!(sv.number(1.0 / 3.0), "0,333");
}

#[test]
fn statuses_and_kinds_in_words() {
    let sv = lang(Language::Swedish);
    assert_eq!(sv.measure_status(MeasureStatus::Ongoing), "Pågår");
    assert_eq!(sv.document_type(DocumentType::ActionPlan), "Handlingsplan");
    assert_eq!(sv.body_kind(BodyKind::Committee), "Nämnd");
    assert_eq!(sv.frequency(Frequency::HalfYearly), "Halvårsvis");
    let en = lang(Language::English);
    assert_eq!(en.plan_status(PlanStatus::Proposal).mark, "PROPOSAL");
    assert_eq!(non_empty(&en.plan_status(PlanStatus::Adopted).banner), None);
}

/// Each field and item of the diff names a gender its language has participles for.
#[test]
fn every_gender_the_diff_names_has_participles() {
    for language in every_language() {
        let d = &lang(language).diff;
        let i = &d.items;
        let items = [
            &i.plan,
            &i.body,
            &i.section,
            &i.goal,
            &i.indicator,
            &i.measure,
            &i.follow_up,
            &i.report,
            &i.revision,
        ];
        let genders = d.fields.values().chain([&d.other_field]).map(|f| &f.gender);
        for gender in genders.chain(items.iter().map(|i| &i.gender)) {
            assert!(d.genders.contains_key(gender), "{language:?}: {gender}");
        }
    }
}

#[test]
fn fill_replaces_named_placeholders_once() {
    let filled = fill("{a} → {b} {c}", &[("a", "{b}"), ("b", "två")]);
    assert_eq!(filled, "{b} → två {c}");
    let sv = &lang(Language::Swedish).diff;
    assert_eq!(sv.sentences.months.count(1), "1 månad");
    assert_eq!(sv.sentences.months.count(3), "3 månader");
}
