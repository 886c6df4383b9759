//! Addresses: the site's base URL, parsed once where it enters (site.toml or `--base-url`);
//! and, as `check`, `serve` and the tests read them, the path part of that URL, relative links
//! joined to the page they are on, and percent-decoding.

/// The site's address as given (in site.toml or on the command line) checked and written in
/// its one canonical form, ending with `/`; or why it cannot be one, as the words that follow
/// the field's name (`base_url "x" ...`). Only an absolute `http`/`https` address with a host
/// and nothing else (no user, query or fragment) is one: it goes into every page, the sitemap
/// and robots.txt, so a space, a line break or another scheme must never get through.
pub fn base_url(given: &str) -> Result<String, String> {
    if given.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(format!(
            "{given:?} must not contain spaces, line breaks or control characters"
        ));
    }
    let not_http = || format!("{given:?} must be an absolute http:// or https:// address");
    if !given.contains("://") && !given.contains(':') {
        let suggestion = format!("https://{}/", given.trim_end_matches('/'));
        return Err(format!(
            "{given:?} has no scheme: write the whole address, such as {suggestion}"
        ));
    }
    let mut url = ::url::Url::parse(given).map_err(|e| format!("{}: {e}", not_http()))?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none_or(str::is_empty) {
        return Err(not_http());
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(format!("{given:?} must not hold a user name or password"));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(format!("{given:?} must not have a ?query or #fragment"));
    }
    if !url.path().ends_with('/') {
        url.set_path(&format!("{}/", url.path()));
    }
    Ok(url.into())
}

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
    fn a_base_url_is_written_in_its_canonical_form_ending_with_a_slash() {
        for (given, canonical) in [
            (
                "https://example.github.io/dbs",
                "https://example.github.io/dbs/",
            ),
            (
                "https://example.github.io/dbs/",
                "https://example.github.io/dbs/",
            ),
            ("HTTP://Example.ORG", "http://example.org/"),
            ("http://127.0.0.1:8000/a", "http://127.0.0.1:8000/a/"),
            ("https://example.org/a<b>/", "https://example.org/a%3Cb%3E/"),
        ] {
            assert_eq!(base_url(given).as_deref(), Ok(canonical), "{given}");
        }
    }

    #[test]
    fn a_base_url_that_is_not_an_absolute_http_address_is_refused_saying_why() {
        for (given, why) in [
            (
                "example.github.io/dbs",
                r#""example.github.io/dbs" has no scheme: write the whole address, such as https://example.github.io/dbs/"#,
            ),
            (
                "javascript:alert(1)",
                r#""javascript:alert(1)" must be an absolute http:// or https:// address"#,
            ),
            (
                "https://exa mple.org/",
                r#""https://exa mple.org/" must not contain spaces, line breaks or control characters"#,
            ),
            (
                "https://example.org/\nSitemap: https://evil.example/",
                r#""https://example.org/\nSitemap: https://evil.example/" must not contain spaces, line breaks or control characters"#,
            ),
            (
                "https://user:secret@example.org/",
                r#""https://user:secret@example.org/" must not hold a user name or password"#,
            ),
            (
                "https://example.org/?a=1",
                r#""https://example.org/?a=1" must not have a ?query or #fragment"#,
            ),
            (
                "ftp://example.org/",
                r#""ftp://example.org/" must be an absolute http:// or https:// address"#,
            ),
            (
                "https://",
                r#""https://" must be an absolute http:// or https:// address: empty host"#,
            ),
        ] {
            assert_eq!(base_url(given), Err(why.to_string()), "{given}");
        }
    }

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
