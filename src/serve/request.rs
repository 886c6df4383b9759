//! What `serve` answers to a request path (pure): a file of the site, a redirect (to the base
//! path, or to the folder form `frameworks/django/` as GitHub Pages does), the server's own
//! live-reload endpoints, or a refusal. The site lives in memory, so no path can reach the
//! disk; paths that try anyway (`..`, encoded traversal, absolute paths, very long URLs) are
//! still refused outright.

use crate::url::percent_decode;

/// Where the live-reload script is served.
pub const SCRIPT: &str = "/__versus/live.js";
/// Where the reload events are streamed.
pub const EVENTS: &str = "/__versus/events";
/// Longest request target accepted.
const MAX_URL: usize = 2048;

/// What a request gets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// This file of the site (a path below its root).
    File(String),
    /// A redirect to this absolute path.
    Redirect(String),
    /// The live-reload script.
    Script,
    /// The stream of reload events.
    Events,
    /// Not a file of the site: the site's 404 page.
    NotFound,
    /// A refused request: its status code and why.
    Refused(u16, &'static str),
}

/// The answer to a request for `target` (the request line's path and query), for a site served
/// under `base_path` (`/versus/`) whose files `exists` tells.
pub fn answer(target: &str, base_path: &str, exists: impl Fn(&str) -> bool) -> Answer {
    if target.len() > MAX_URL {
        return Answer::Refused(414, "the address is too long");
    }
    let raw = target.split(['?', '#']).next().unwrap_or_default();
    let Some(path) = safe_path(raw) else {
        return Answer::Refused(400, "the address is not a plain path inside the site");
    };
    match path.as_str() {
        SCRIPT => return Answer::Script,
        EVENTS => return Answer::Events,
        _ => {}
    }
    let Some(rest) = path.strip_prefix(base_path) else {
        return if path == "/" || format!("{path}/") == base_path {
            Answer::Redirect(base_path.to_string())
        } else {
            Answer::NotFound
        };
    };
    let file = if rest.is_empty() || rest.ends_with('/') {
        format!("{rest}index.html")
    } else {
        rest.to_string()
    };
    if exists(&file) {
        Answer::File(file)
    } else if exists(&format!("{rest}/index.html")) {
        Answer::Redirect(format!("{path}/"))
    } else {
        Answer::NotFound
    }
}

/// The page an event stream's request says it comes from (`/__versus/events?page=...`): the
/// page's own address path, as the browser shows it (still percent-encoded).
pub fn events_page(target: &str) -> Option<String> {
    let (_, query) = target.split_once('?')?;
    let value = query
        .split('&')
        .find_map(|pair| pair.strip_prefix("page="))?;
    percent_decode(value)
}

/// The decoded path, if it is absolute (`/...`) and every segment is a plain name: no `..` or
/// `.`, no backslash, colon or control character (even percent-encoded), no empty segment
/// (`//`) except a trailing slash.
fn safe_path(raw: &str) -> Option<String> {
    let path = percent_decode(raw)?;
    let inner = path.strip_prefix('/')?;
    let inner = inner.strip_suffix('/').unwrap_or(inner);
    let plain = |segment: &str| {
        !segment.is_empty()
            && segment != "."
            && segment != ".."
            && !segment
                .chars()
                .any(|c| c == '\\' || c == ':' || c.is_control())
    };
    (inner.is_empty() || inner.split('/').all(plain)).then_some(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(path: &str) -> bool {
        [
            "index.html",
            "frameworks/django/index.html",
            "assets/style.css",
            "404.html",
        ]
        .contains(&path)
    }

    fn at(target: &str) -> Answer {
        answer(target, "/versus/", site)
    }

    #[test]
    fn serves_files_under_the_base_path() {
        assert_eq!(at("/versus/"), Answer::File("index.html".into()));
        assert_eq!(at("/versus/?x=1#y"), Answer::File("index.html".into()));
        assert_eq!(
            at("/versus/assets/style.css"),
            Answer::File("assets/style.css".into())
        );
        assert_eq!(
            at("/versus/frameworks/django/"),
            Answer::File("frameworks/django/index.html".into())
        );
        assert_eq!(
            at("/versus/frameworks/django"),
            Answer::Redirect("/versus/frameworks/django/".into())
        );
        assert_eq!(at("/versus/nope/"), Answer::NotFound);
        assert_eq!(answer("/", "/", site), Answer::File("index.html".into()));
    }

    #[test]
    fn redirects_to_the_base_path() {
        assert_eq!(at("/"), Answer::Redirect("/versus/".into()));
        assert_eq!(at("/versus"), Answer::Redirect("/versus/".into()));
        assert_eq!(at("/other/"), Answer::NotFound);
    }

    #[test]
    fn live_reload_endpoints_are_outside_the_site() {
        assert_eq!(at("/__versus/live.js"), Answer::Script);
        assert_eq!(at("/__versus/events"), Answer::Events);
    }

    #[test]
    fn an_event_stream_names_its_page() {
        assert_eq!(
            events_page("/__versus/events?page=%2Fversus%2Fko%2F%25EB%25B9%2584%2F"),
            Some("/versus/ko/%EB%B9%84/".into())
        );
        assert_eq!(
            events_page("/__versus/events?x=1&page=%2F"),
            Some("/".into())
        );
        assert_eq!(events_page("/__versus/events"), None);
    }

    #[test]
    fn refuses_traversal_absolute_paths_and_long_urls() {
        for bad in [
            "/versus/../etc/passwd",
            "/versus/%2e%2e/%2E%2E/etc/passwd",
            "/versus/a%2f..%2f..%2fb",
            "/versus/..%5c..%5cwindows",
            "//etc/passwd",
            "/versus//etc/passwd",
            "/versus/C:/windows",
            "/versus/%00",
            "/versus/%zz",
            "http://127.0.0.1/versus/",
            "versus/",
        ] {
            assert_eq!(
                at(bad),
                Answer::Refused(400, "the address is not a plain path inside the site"),
                "{bad}"
            );
        }
        let long = format!("/versus/{}", "a".repeat(3000));
        assert_eq!(at(&long), Answer::Refused(414, "the address is too long"));
    }
}
