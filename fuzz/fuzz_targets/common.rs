//! Shared by the fuzz targets: a valid plan built from fuzzer-chosen parts,
//! and the oracles the regression tests use too.

use arbitrary::Arbitrary;

#[path = "../../tests/it/support/oracles.rs"]
#[allow(dead_code)]
mod oracles;
#[allow(unused_imports)]
pub use oracles::{build_both, check_any_bytes, markdown_plan, q};

#[derive(Debug, Arbitrary)]
pub struct Measure {
    pub title: String,
    pub description: Option<String>,
    pub responsible: u8,
    pub partners: Vec<u8>,
    pub start: Option<(u8, u8)>,
    pub deadline: (u8, u8),
    pub status: u8,
    pub cost: Option<String>,
}

#[derive(Debug, Arbitrary)]
pub struct Goal {
    pub title: String,
    pub description: Option<String>,
    pub measures: Vec<Measure>,
}

#[derive(Debug, Arbitrary)]
pub struct PlanParts {
    pub title: String,
    pub english: bool,
    pub status: u8,
    pub summary: Option<String>,
    pub body_names: Vec<String>,
    pub goals: Vec<Goal>,
}

const STATUSES: [&str; 5] = ["planned", "ongoing", "done", "delayed", "cancelled"];
const PLAN_STATUSES: [&str; 4] = ["draft", "proposal", "adopted", "revoked"];

/// The YAML of a plan made of `parts`; always valid but for empty texts.
pub fn plan_yaml(parts: &PlanParts) -> String {
    let bodies = parts.body_names.len().clamp(1, 6);
    let mut y = String::from("actionplan: 1\nplan:\n");
    y += &format!(
        "  title: {}\n  municipality: Fuzz kommun\n",
        q(&parts.title)
    );
    y += &format!("  language: {}\n", if parts.english { "en" } else { "sv" });
    y += &format!("  status: {}\n", PLAN_STATUSES[parts.status as usize % 4]);
    y += "  decision: { body: b0, date: 2020-01-01, paragraph: \"§ 1\" }\n  case_number: KS-1\n";
    y += "  version: \"1\"\n  period: { from: 2020-01-01, to: 2024-12-31 }\n  owner: b0\n";
    if let Some(s) = &parts.summary {
        y += &format!("  summary: {}\n", q(s));
    }
    y += "bodies:\n";
    for i in 0..bodies {
        let name = parts.body_names.get(i).map_or("Nämnd", |s| s.as_str());
        y += &format!("  b{i}: {{ name: {}, kind: committee }}\n", q(name));
    }
    y += "goals:\n";
    for (g, goal) in parts.goals.iter().take(8).enumerate() {
        y += &format!("  - id: G{g}\n    title: {}\n", q(&goal.title));
        if let Some(d) = &goal.description {
            y += &format!("    description: {}\n", q(d));
        }
        y += "    measures:\n";
        for (m, measure) in goal.measures.iter().take(80).enumerate() {
            y += &format!(
                "      - id: \"{g}.{m}\"\n        title: {}\n",
                q(&measure.title)
            );
            if let Some(d) = &measure.description {
                y += &format!("        description: {}\n", q(d));
            }
            y += &format!(
                "        responsible: b{}\n",
                measure.responsible as usize % bodies
            );
            let partners: Vec<String> = measure
                .partners
                .iter()
                .take(4)
                .map(|p| format!("b{}", *p as usize % bodies))
                .collect();
            y += &format!("        partners: [{}]\n", partners.join(", "));
            let month = |(year, month): (u8, u8)| {
                format!("{}-{:02}", 2020 + year as u32 % 5, 1 + month as u32 % 12)
            };
            let (start, deadline) = match measure.start {
                Some(s) => {
                    let (a, b) = (month(s), month(measure.deadline));
                    if a <= b { (Some(a), b) } else { (Some(b), a) }
                }
                None => (None, month(measure.deadline)),
            };
            if let Some(start) = start {
                y += &format!("        start: {start}\n");
            }
            y += &format!(
                "        deadline: {deadline}\n        status: {}\n",
                STATUSES[measure.status as usize % 5]
            );
            if let Some(c) = &measure.cost {
                y += &format!("        cost: {}\n", q(c));
            }
        }
    }
    if parts.goals.is_empty() {
        y += "  - { id: G, title: Mål, measures: [] }\n";
    }
    y
}
