//! Addresses, as `check`, `serve` and the tests read them: the path part of the site's base
//! URL, relative links joined to the page they are on, and percent-decoding.

/// The path of a base URL: `/versus/` for `https://example.github.io/versus/`, `/` for a site
/// at the root of its host.
pub fn base_path(base_url: &str) -> &str {
    let after_scheme = base_url
        .split_once("://")
        .map_or(base_url, |(_, rest)| rest);
    after_scheme.find('/').map_or("/", |i| &after_scheme[i..])
}

/// `relative` seen from the folder of the file `from` (both below the site's root), as a path
/// from the root; `None` if it climbs above the root.
pub fn join(from: &str, relative: &str) -> Option<String> {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for segment in relative.split('/').filter(|s| !s.is_empty() && *s != ".") {
        if segment == ".." {
            parts.pop()?;
        } else {
            parts.push(segment);
        }
    }
    let joined = parts.join("/");
    Some(if relative.ends_with('/') && !joined.is_empty() {
        format!("{joined}/")
    } else {
        joined
    })
}

/// `%XX` escapes decoded as UTF-8; `None` if an escape is malformed or the result is not UTF-8.
pub fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_paths() {
        assert_eq!(base_path("https://example.github.io/versus/"), "/versus/");
        assert_eq!(base_path("https://example.org/"), "/");
        assert_eq!(base_path("http://127.0.0.1:8000/a/b/"), "/a/b/");
    }

    #[test]
    fn decodes_escapes_and_refuses_broken_ones() {
        assert_eq!(
            percent_decode("%EA%B0%9C%EC%9A%94").as_deref(),
            Some("개요")
        );
        assert_eq!(percent_decode("a%2fb").as_deref(), Some("a/b"));
        assert_eq!(percent_decode("plain").as_deref(), Some("plain"));
        assert_eq!(percent_decode("%zz"), None);
        assert_eq!(percent_decode("%e"), None);
        assert_eq!(percent_decode("%ff"), None);
    }
}
