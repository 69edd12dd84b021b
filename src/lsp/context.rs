//! Where the cursor stands in the plan, read from the text around it.
//!
//! Completion is asked for in the middle of typing, when the YAML is most
//! often broken (`respo`, `responsible:` with nothing after it, an open
//! `[`), so the tree cannot say where the cursor is. The lines can: the
//! path of a place is found by indentation, walking up from the cursor's
//! line to each less indented `key:` or `- ` that holds it, and the
//! cursor's own line says whether a key or a value is being typed. Flow
//! collections (`{ from: …, to: … }`, `[a, b]`) on the cursor's line are
//! followed too.

use super::schema::Step;

/// What the cursor is typing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum What {
    /// A key of the mapping at the path.
    Key,
    /// The value at the path.
    Value,
    /// After `- `: the item itself (a value) or the first key of an item mapping.
    KeyOrValue,
}

/// The cursor's place in the plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Spot {
    /// For a key: the mapping's path; for a value: the value's own path.
    pub path: Vec<Step>,
    pub what: What,
    /// The bytes of the word typed so far, which a completion replaces.
    pub token: (usize, usize),
    /// For a key: the keys the mapping already has.
    pub siblings: Vec<String>,
}

/// A piece of a line, at a byte column: each is inside the one before it.
#[derive(Clone, Copy, Debug)]
enum Elem<'a> {
    Dash(usize),
    Key {
        col: usize,
        name: &'a str,
        /// What follows `key:` on the line, from its first non-space.
        value: &'a str,
        value_col: usize,
    },
    Scalar {
        col: usize,
    },
}

impl Elem<'_> {
    fn col(&self) -> usize {
        match *self {
            Elem::Dash(col) | Elem::Key { col, .. } | Elem::Scalar { col } => col,
        }
    }

    fn step(&self) -> Step {
        match self {
            Elem::Key { name, .. } => Step::Key((*name).to_string()),
            _ => Step::Item,
        }
    }
}

/// The pieces of a line (without its line break).
fn elements(line: &str) -> Vec<Elem<'_>> {
    let mut elems = Vec::new();
    let mut i = line.len() - line.trim_start_matches(' ').len();
    loop {
        let rest = &line[i..];
        if rest.is_empty() || rest.starts_with('#') {
            break;
        }
        if rest == "-" || rest.starts_with("- ") {
            elems.push(Elem::Dash(i));
            i += 1;
            i += line[i..].len() - line[i..].trim_start_matches(' ').len();
            continue;
        }
        match key_end(rest) {
            Some((name, colon)) => {
                let after = i + colon + 1;
                let value_col = after + (line[after..].len() - line[after..].trim_start().len());
                elems.push(Elem::Key {
                    col: i,
                    name,
                    value: &line[value_col..],
                    value_col,
                });
            }
            None => elems.push(Elem::Scalar { col: i }),
        }
        break;
    }
    elems
}

/// A `key:` at the start of `rest`: the key's name and the colon's offset.
fn key_end(rest: &str) -> Option<(&str, usize)> {
    let ends_key = |i: usize| {
        rest[i + 1..]
            .chars()
            .next()
            .is_none_or(|c| c == ' ' || c == '\t')
    };
    if let Some(quote @ ('"' | '\'')) = rest.chars().next() {
        let close = rest[1..].find(quote)? + 1;
        let colon = close + 1;
        return (rest[colon..].starts_with(':') && ends_key(colon))
            .then(|| (&rest[1..close], colon));
    }
    if rest.starts_with(['[', '{', '|', '>', '&', '*', '!', '%', '@', '`']) {
        return None;
    }
    let mut previous = ' ';
    for (i, c) in rest.char_indices() {
        if c == '#' && previous == ' ' {
            return None;
        }
        if c == ':' && ends_key(i) {
            return Some((rest[..i].trim_end(), i));
        }
        previous = c;
    }
    None
}

/// The path of the collection that holds element `i` of line `l`; `None`
/// when the place is inside a text (a block scalar or a multi-line value).
fn path_to(lines: &[&str], l: usize, elems: &[Elem<'_>], i: usize) -> Option<Vec<Step>> {
    if i > 0 {
        let mut path = path_to(lines, l, elems, i - 1)?;
        path.push(elems[i - 1].step());
        return Some(path);
    }
    let col = elems[0].col();
    let is_dash = matches!(elems[0], Elem::Dash(_));
    for l2 in (0..l).rev() {
        let above = elements(lines[l2]);
        // The deepest piece of that line that can hold ours: anything less
        // indented, or a key as indented as a `- ` (a list under a key may
        // start at the key's column).
        let holder = above.iter().rposition(|e| {
            e.col() < col || (is_dash && matches!(e, Elem::Key { .. }) && e.col() <= col)
        });
        let Some(j) = holder else { continue };
        match above[j] {
            Elem::Key { value, .. } if !value.is_empty() && !value.starts_with(['#', '&', '!']) => {
                return None;
            }
            Elem::Scalar { .. } => return None,
            _ => {}
        }
        let mut path = path_to(lines, l2, &above, j)?;
        path.push(above[j].step());
        return Some(path);
    }
    Some(Vec::new())
}

/// The keys already in the mapping whose keys stand at `col` around line `l`.
fn siblings(lines: &[&str], l: usize, col: usize) -> Vec<String> {
    let mut keys = Vec::new();
    let mut look = |l2: usize| -> bool {
        let elems = elements(lines[l2]);
        let Some(first) = elems.first() else {
            return true;
        };
        for e in &elems {
            if let Elem::Key { col: c, name, .. } = e
                && *c == col
            {
                keys.push((*name).to_string());
            }
        }
        first.col() >= col
    };
    for l2 in (0..l).rev() {
        if !look(l2) {
            break;
        }
    }
    for l2 in l + 1..lines.len() {
        if !look(l2) {
            break;
        }
    }
    keys
}

/// Where the cursor at byte `offset` stands, or `None` where nothing can be
/// completed (a comment, a quoted or block text).
pub fn spot(text: &str, offset: usize) -> Option<Spot> {
    let line_start = text[..offset].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let lines: Vec<&str> = text.split('\n').map(|l| l.trim_end_matches('\r')).collect();
    let l = text[..line_start].matches('\n').count();
    let prefix = &text[line_start..offset];
    // The lines up to the cursor's, which ends at the cursor.
    let mut upto: Vec<&str> = lines[..l.min(lines.len())].to_vec();
    upto.push(prefix);
    let mut elems = elements(prefix);
    let at = |col: usize| line_start + col;
    let key_spot = |path: Vec<Step>, what: What, col: usize| Spot {
        siblings: siblings(&lines, l, col),
        path,
        what,
        token: (at(col), offset),
    };
    match elems.last().copied() {
        None => {
            if !prefix.chars().all(|c| c == ' ') {
                return None;
            }
            // A key about to be typed where the cursor is.
            let col = prefix.len();
            elems.push(Elem::Key {
                col,
                name: "",
                value: "",
                value_col: col,
            });
            let path = path_to(&upto, l, &elems, 0)?;
            Some(key_spot(path, What::Key, col))
        }
        Some(Elem::Dash(col)) => {
            let i = elems.len() - 1;
            let mut path = path_to(&upto, l, &elems, i)?;
            path.push(Step::Item);
            let col = prefix.len().max(col + 1);
            Some(key_spot(path, What::KeyOrValue, col))
        }
        Some(Elem::Scalar { col }) => {
            if prefix[col..].starts_with(['[', '{', '"', '\'', '|', '>', '&', '*', '!', '%', '@']) {
                return None;
            }
            let i = elems.len() - 1;
            let path = path_to(&upto, l, &elems, i)?;
            let what = if i == 0 { What::Key } else { What::KeyOrValue };
            Some(key_spot(path, what, col))
        }
        Some(Elem::Key {
            name,
            value,
            value_col,
            ..
        }) => {
            let i = elems.len() - 1;
            let mut path = path_to(&upto, l, &elems, i)?;
            path.push(Step::Key(name.to_string()));
            flow(path, value, at(value_col), offset)
        }
    }
}

/// The cursor in the value after `key:`, which may open flow collections.
fn flow(mut path: Vec<Step>, value: &str, start: usize, offset: usize) -> Option<Spot> {
    if value.starts_with(['"', '\'', '|', '>', '&', '*', '!', '%', '@', '#']) {
        return None;
    }
    // Each open `[` or `{`, with the key being written in a `{`.
    let mut open: Vec<(char, Option<&str>)> = Vec::new();
    let mut segment = 0;
    let mut quote = None;
    for (i, c) in value.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '[' | '{') => {
                open.push((c, None));
                segment = i + 1;
            }
            (None, ']' | '}') => {
                open.pop();
            }
            (None, ',') => {
                segment = i + 1;
                if let Some(top) = open.last_mut() {
                    top.1 = None;
                }
            }
            (None, ':') if value[i + 1..].is_empty() || value[i + 1..].starts_with(' ') => {
                if let Some(top @ ('{', _)) = open.last_mut() {
                    top.1 = Some(value[segment..i].trim());
                    segment = i + 1;
                }
            }
            (None, '#') if value[..i].ends_with(' ') => return None,
            _ => {}
        }
    }
    if quote.is_some() {
        return None;
    }
    if open.is_empty() && value.contains([']', '}']) {
        return None;
    }
    let word = &value[segment..];
    let token = (
        start + segment + (word.len() - word.trim_start().len()),
        offset,
    );
    let Some((&last, holders)) = open.split_last() else {
        return Some(Spot {
            path,
            what: What::Value,
            token,
            siblings: Vec::new(),
        });
    };
    for &(c, key) in holders {
        path.push(match (c, key) {
            ('{', Some(k)) => Step::Key(k.to_string()),
            ('{', None) => return None,
            _ => Step::Item,
        });
    }
    let what = match last {
        ('[', _) => {
            path.push(Step::Item);
            What::Value
        }
        (_, Some(k)) => {
            path.push(Step::Key(k.to_string()));
            What::Value
        }
        (_, None) => What::Key,
    };
    Some(Spot {
        path,
        what,
        token,
        siblings: Vec::new(),
    })
}

#[cfg(test)]
mod tests;
