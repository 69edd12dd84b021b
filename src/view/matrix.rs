//! The responsibility matrix: bodies × goals, counted and put in words.
//!
//! A pure function of the plan, unit-tested in `view/tests.rs`, so the
//! templates only draw the table.

use super::types::{Anchor, Matrix, MatrixCell, MatrixGoal, MatrixRow};
use crate::i18n::Lang;
use crate::model::Plan;

pub fn matrix(plan: &Plan, lang: &Lang) -> Matrix {
    let w = &lang.matrix;
    let (r, p, rw, pw) = (
        &w.responsible_mark,
        &w.partner_mark,
        &w.responsible,
        &w.partner,
    );
    let mut rows = Vec::new();
    for (b, body) in plan.bodies.iter().enumerate() {
        let cells: Vec<MatrixCell> = plan
            .goals
            .iter()
            .map(|goal| {
                let responsible = goal
                    .measures
                    .iter()
                    .filter(|m| m.responsible.0 == b)
                    .count();
                let partner = goal
                    .measures
                    .iter()
                    .filter(|m| m.partners.iter().any(|x| x.0 == b))
                    .count();
                let mut lines = Vec::new();
                let mut words = Vec::new();
                if responsible > 0 {
                    lines.push(format!("{r}\u{a0}{responsible}"));
                    words.push(format!("{rw} {responsible}"));
                }
                if partner > 0 {
                    lines.push(format!("{p}\u{a0}{partner}"));
                    words.push(format!("{pw} {partner}"));
                }
                MatrixCell {
                    responsible,
                    partner,
                    text: lines.join(" · "),
                    lines,
                    words: words.join(", "),
                }
            })
            .collect();
        if cells.iter().any(|c| c.responsible + c.partner > 0) {
            rows.push(MatrixRow {
                body_id: body.id.to_string(),
                body: body.name.clone(),
                cells,
            });
        }
    }
    Matrix {
        goals: plan
            .goals
            .iter()
            .map(|g| MatrixGoal {
                id: g.id.to_string(),
                at: Anchor::goal(g.id.as_str()),
                title: g.title.clone(),
            })
            .collect(),
        rows,
    }
}
