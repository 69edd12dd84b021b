//! Link targets as the outputs may use them.
//!
//! A plan may link to http, https, mailto or relative addresses; any other
//! scheme (`javascript:`, `data:`, …) loses its target. What is kept is
//! percent-encoded here, once, so that neither template has to: a `"`, `<`,
//! space or stray `%` in a plan cannot break the page's HTML or the PDF's
//! link, and both outputs link to the same address.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

/// Everything but the characters a URL may hold as they are (RFC 3986's
/// unreserved and reserved characters). `%` is kept and handled apart, so an
/// address that is already encoded stays as it is.
const ENCODED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b':')
    .remove(b'/')
    .remove(b'?')
    .remove(b'#')
    .remove(b'[')
    .remove(b']')
    .remove(b'@')
    .remove(b'!')
    .remove(b'$')
    .remove(b'&')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')')
    .remove(b'*')
    .remove(b'+')
    .remove(b',')
    .remove(b';')
    .remove(b'=')
    .remove(b'%');

/// A link target as the outputs may use it: http, https, mailto or relative,
/// percent-encoded (UTF-8, upper-case hex); a `%` not followed by two hex
/// digits becomes `%25`. `None` for any other scheme.
pub fn safe_url(url: &str) -> Option<String> {
    if !is_safe_url(url) {
        return None;
    }
    let encoded = utf8_percent_encode(url.trim(), ENCODED).to_string();
    // Every `%` the encoder wrote is followed by two hex digits; one of the
    // plan's own is kept only if it is too (`%C3%A5`), else it is encoded.
    let bytes = encoded.as_bytes();
    let hex = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_hexdigit);
    let mut out = String::with_capacity(encoded.len());
    for (i, c) in encoded.char_indices() {
        if c == '%' && !(hex(i + 1) && hex(i + 2)) {
            out.push_str("%25");
        } else {
            out.push(c);
        }
    }
    Some(out)
}

/// Whether a link target may be kept: http, https, mailto, or relative.
pub fn is_safe_url(url: &str) -> bool {
    let url = url.trim();
    let scheme_end = url.find([':', '/', '?', '#']);
    match scheme_end {
        Some(i) if url[i..].starts_with(':') => {
            let scheme = url[..i].to_ascii_lowercase();
            matches!(scheme.as_str(), "http" | "https" | "mailto")
        }
        // No scheme: a relative link, unless it is protocol-relative (`//host`).
        _ => !url.starts_with("//") && !url.contains('\\'),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_safe_schemes_are_kept() {
        assert!(is_safe_url("mailto:a@b.se"));
        assert!(is_safe_url("HTTPS://a.se"));
        assert!(is_safe_url("../plan.html#m1"));
        assert!(!is_safe_url("//evil.example/x"));
        assert!(!is_safe_url("vbscript:x"));
        assert!(!is_safe_url("/x\\y"));
        assert_eq!(safe_url("javascript:alert(1)"), None);
        assert_eq!(safe_url(" JaVaScRiPt:1"), None);
        assert_eq!(safe_url("data:text/html,1"), None);
    }

    #[test]
    fn characters_that_may_break_html_are_percent_encoded() {
        assert_eq!(
            safe_url("https://a.se/x y\"<>").as_deref(),
            Some("https://a.se/x%20y%22%3C%3E")
        );
        // The ten the HTML template used to replace itself.
        assert_eq!(
            safe_url("https://a.se/\"<> ^`{|}").as_deref(),
            Some("https://a.se/%22%3C%3E%20%5E%60%7B%7C%7D")
        );
        assert_eq!(safe_url("a\tb\u{7f}").as_deref(), Some("a%09b%7F"));
    }

    #[test]
    fn reserved_characters_and_encodings_are_kept() {
        let url = "https://a.se/p?q=1&r=(2)#f-_.~!$'*+,;=:@[]";
        assert_eq!(safe_url(url).as_deref(), Some(url));
        assert_eq!(
            safe_url("https://a.se/%C3%A5").as_deref(),
            Some("https://a.se/%C3%A5")
        );
        assert_eq!(
            safe_url("  https://a.se  ").as_deref(),
            Some("https://a.se")
        );
    }

    #[test]
    fn a_stray_percent_is_encoded() {
        assert_eq!(
            safe_url("https://a.se/100%").as_deref(),
            Some("https://a.se/100%25")
        );
        assert_eq!(safe_url("a%4").as_deref(), Some("a%254"));
        assert_eq!(safe_url("a%4g").as_deref(), Some("a%254g"));
        assert_eq!(safe_url("a% 1").as_deref(), Some("a%25%201"));
        assert_eq!(safe_url("a%å").as_deref(), Some("a%25%C3%A5"));
    }

    #[test]
    fn non_ascii_is_encoded_as_utf8() {
        assert_eq!(
            safe_url("https://umeå.se").as_deref(),
            Some("https://ume%C3%A5.se")
        );
        assert_eq!(
            safe_url("mailto:å@ö.se").as_deref(),
            Some("mailto:%C3%A5@%C3%B6.se")
        );
    }
}
