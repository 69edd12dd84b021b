//! The orders of the index: by owner, status, title or revise-by date,
//! computed here so the page's script only compares numbers, and names sort
//! as the index's language does (in Swedish å, ä and ö come after z).

use std::cmp::Ordering;

use crate::model::{Language, PlanStatus};

/// A key that sorts text as `language` does: case and the accents a
/// language does not count as letters of their own are ignored, then the
/// text itself breaks ties, so the order is total and repeatable.
pub fn collate_key(text: &str, language: Language) -> (Vec<u32>, String) {
    let primary = text
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| letter(c, language))
        .collect();
    (primary, text.to_string())
}

/// A letter's place: letters of the Swedish alphabet after `z` in Swedish;
/// otherwise a letter with a diacritic sorts as its base letter.
fn letter(c: char, language: Language) -> u32 {
    const Z: u32 = 'z' as u32;
    if language == Language::Swedish {
        match c {
            'å' => return Z + 1,
            'ä' | 'æ' => return Z + 2,
            'ö' | 'ø' => return Z + 3,
            'ü' => return 'y' as u32,
            _ => {}
        }
    }
    let base = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'æ' => 'a',
        'ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'ý' | 'ÿ' => 'y',
        other => other,
    };
    base as u32
}

/// Where a plan status stands when the index is sorted by status: what is
/// in force first, then what is on its way, then what no longer applies.
pub fn status_rank(status: PlanStatus) -> usize {
    match status {
        PlanStatus::Adopted => 0,
        PlanStatus::Proposal => 1,
        PlanStatus::Draft => 2,
        PlanStatus::Revoked => 3,
    }
}

/// The rank of each item (0 first) in the order `cmp` gives.
pub fn ranks<T>(items: &[T], cmp: impl Fn(&T, &T) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by(|&a, &b| cmp(&items[a], &items[b]).then(a.cmp(&b)));
    let mut ranks = vec![0; items.len()];
    for (rank, i) in order.into_iter().enumerate() {
        ranks[i] = rank;
    }
    ranks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(words: &[&str], language: Language) -> Vec<String> {
        let mut words: Vec<String> = words.iter().map(|w| w.to_string()).collect();
        words.sort_by_key(|w| collate_key(w, language));
        words
    }

    #[test]
    fn swedish_letters_come_after_z_in_swedish_only() {
        let words = ["Östra", "Zeta", "älv", "Alfa", "Åsa", "Éva", "beta"];
        assert_eq!(
            sorted(&words, Language::Swedish),
            ["Alfa", "beta", "Éva", "Zeta", "Åsa", "älv", "Östra"]
        );
        assert_eq!(
            sorted(&words, Language::English),
            ["Alfa", "älv", "Åsa", "beta", "Éva", "Östra", "Zeta"]
        );
    }

    #[test]
    fn ranks_follow_the_order_and_ties_keep_the_given_order() {
        assert_eq!(ranks(&[3, 1, 2, 1], |a, b| a.cmp(b)), [3, 0, 2, 1]);
    }
}
