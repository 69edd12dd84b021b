//! The order of items: ids compared naturally (`1.2` before `1.10`), and
//! the measures goal by goal in that order. A leaf of the view, used by the
//! view, the changes and the follow-up report alike.

use crate::model::{Goal, Measure, Plan};

/// All measures, goal by goal, each goal's sorted naturally by id.
pub(super) fn sorted_measures(plan: &Plan) -> impl Iterator<Item = (&Goal, &Measure)> {
    plan.goals.iter().flat_map(|g| {
        let mut ms: Vec<&Measure> = g.measures.iter().collect();
        ms.sort_by(|a, b| natural_cmp(a.id.as_str(), b.id.as_str()));
        ms.into_iter().map(move |m| (g, m))
    })
}

/// Compares ids so that runs of digits compare as numbers: `1.2` < `1.10`.
pub fn natural_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    fn chunks(s: &str) -> Vec<(bool, &str)> {
        let mut out = Vec::new();
        let mut start = 0;
        let bytes = s.as_bytes();
        for i in 1..=bytes.len() {
            if i == bytes.len() || bytes[i].is_ascii_digit() != bytes[start].is_ascii_digit() {
                out.push((bytes[start].is_ascii_digit(), &s[start..i]));
                start = i;
            }
        }
        out
    }
    let (ca, cb) = (chunks(a), chunks(b));
    for (x, y) in ca.iter().zip(&cb) {
        let ord = match (x, y) {
            ((true, x), (true, y)) => {
                let (x, y) = (x.trim_start_matches('0'), y.trim_start_matches('0'));
                x.len().cmp(&y.len()).then_with(|| x.cmp(y))
            }
            ((_, x), (_, y)) => x.cmp(y),
        };
        if ord != std::cmp::Ordering::Equal {
            return ord;
        }
    }
    ca.len().cmp(&cb.len()).then_with(|| a.cmp(b))
}
