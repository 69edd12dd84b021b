//! Markdown, already parsed by the view, as plain text for the exports: a
//! spreadsheet cell or a JSON string has no markup. Paragraphs are separated
//! by a blank line, list items start with `- ` or their number, a link keeps
//! its text and adds its target in brackets when they differ.

use crate::view::markdown::{Block, Inline};

/// The blocks as plain text, or none when there are none.
pub(super) fn plain(blocks: &[Block]) -> Option<String> {
    let text = blocks
        .iter()
        .map(block)
        .filter(|b| !b.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n");
    (!text.is_empty()).then_some(text)
}

fn block(b: &Block) -> String {
    match b {
        Block::Paragraph { content } | Block::Heading { content, .. } => inlines(content),
        Block::List {
            ordered,
            start,
            items,
        } => items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                let marker = match ordered {
                    true => format!("{}. ", start + i),
                    false => "- ".to_string(),
                };
                let body = item.iter().map(block).collect::<Vec<_>>().join("\n");
                format!("{marker}{}", body.replace('\n', "\n  "))
            })
            .collect::<Vec<_>>()
            .join("\n"),
        Block::Quote { blocks } => blocks.iter().map(block).collect::<Vec<_>>().join("\n\n"),
        Block::Code { text } => text.trim_end().to_string(),
        Block::Table { header, rows, .. } => std::iter::once(header)
            .chain(rows)
            .map(|row| {
                row.iter()
                    .map(|c| inlines(c))
                    .collect::<Vec<_>>()
                    .join(" | ")
            })
            .collect::<Vec<_>>()
            .join("\n"),
        Block::Rule => String::new(),
    }
}

fn inlines(content: &[Inline]) -> String {
    let mut out = String::new();
    for i in content {
        match i {
            Inline::Text { text } | Inline::Code { text } => out.push_str(text),
            Inline::Emph { content } | Inline::Strong { content } | Inline::Strike { content } => {
                out.push_str(&inlines(content))
            }
            Inline::Link { url, content } => {
                let text = inlines(content);
                out.push_str(&text);
                let bare = url.strip_prefix("mailto:").unwrap_or(url);
                if text != *url && text != bare {
                    out.push_str(&format!(" ({url})"));
                }
            }
            Inline::Break => out.push('\n'),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::plain;
    use crate::view::markdown::parse;

    #[test]
    fn markdown_becomes_plain_text() {
        let md =
            "Ett **fett** och *kursivt* [ord](https://a.se/).\n\n- ett\n- två\n\n3. tre\n4. fyra\n";
        assert_eq!(
            plain(&parse(md, 2)).unwrap(),
            "Ett fett och kursivt ord (https://a.se/).\n\n- ett\n- två\n\n3. tre\n4. fyra"
        );
        assert_eq!(
            plain(&parse("<https://a.se/>", 2)).unwrap(),
            "https://a.se/"
        );
        assert_eq!(plain(&[]), None);
    }
}
