//! Where the addresses of the built site lead: [`resolve`] turns an address written on a page
//! into a file of the site (and a fragment), an external address, or a way out of the site;
//! [`broken`] lists every link, anchor and asset that leads nowhere.

use std::collections::BTreeMap;

use super::html::{Kind, Reference, Scan};
use crate::url::{base_path, percent_decode};

/// Where an address leads.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Target {
    /// A file of the site (`items/alpha/index.html`) and the fragment after `#`, decoded.
    Internal {
        file: String,
        fragment: Option<String>,
    },
    /// An `http`/`https` address on another site.
    External(String),
    /// Above the site's root, or outside its base path.
    Outside,
    /// Addresses that are not checked: `mailto:`, `tel:`, `data:`.
    Unchecked,
}

/// A reference that leads nowhere, on the page `page`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Broken<'a> {
    pub page: &'a str,
    pub reference: &'a Reference,
    pub target: Target,
    /// Why it leads nowhere.
    pub problem: String,
}

/// Where `url`, written in the file `from` (a path below the site's root), leads.
pub fn resolve(from: &str, url: &str, base_url: &str) -> Target {
    let (address, fragment) = match url.split_once('#') {
        Some((address, fragment)) => (address, Some(fragment)),
        None => (url, None),
    };
    let address = address.split_once('?').map_or(address, |(a, _)| a);
    let path = if let Some(rest) = address.strip_prefix(base_url) {
        Some(rest.to_string())
    } else if let Some(scheme) = scheme(address) {
        return match scheme.as_str() {
            "http" | "https" => Target::External(url.to_string()),
            _ => Target::Unchecked,
        };
    } else if address.starts_with("//") {
        return Target::External(url.to_string());
    } else if let Some(absolute) = address.strip_prefix('/') {
        format!("/{absolute}")
            .strip_prefix(base_path(base_url))
            .map(str::to_string)
    } else if address.is_empty() {
        Some(from.to_string())
    } else {
        crate::url::join(from, address)
    };
    let Some(path) = path.and_then(|p| percent_decode(&p)) else {
        return Target::Outside;
    };
    let file = if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path
    };
    Target::Internal {
        file,
        fragment: fragment
            .filter(|f| !f.is_empty())
            .map(|f| percent_decode(f).unwrap_or_else(|| f.to_string())),
    }
}

/// The scheme of an absolute address (`https`, `mailto`), lowercased.
fn scheme(address: &str) -> Option<String> {
    let (scheme, _) = address.split_once(':')?;
    let valid = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    valid.then(|| scheme.to_ascii_lowercase())
}

/// Every reference of every scanned file that leads to no file of the site, to no element of
/// its target page, or out of the site.
pub fn broken<'a>(scans: &'a BTreeMap<String, Scan>, base_url: &str) -> Vec<Broken<'a>> {
    let mut found = Vec::new();
    for (page, scan) in scans {
        for reference in &scan.references {
            let target = resolve(page, &reference.url, base_url);
            if let Some(problem) = problem(scans, reference.kind, &target) {
                found.push(Broken {
                    page,
                    reference,
                    target,
                    problem,
                });
            }
        }
    }
    found
}

fn problem(scans: &BTreeMap<String, Scan>, kind: Kind, target: &Target) -> Option<String> {
    let (file, fragment) = match target {
        Target::Internal { file, fragment } => (file, fragment),
        Target::Outside => return Some("it leads outside the site".into()),
        Target::External(_) | Target::Unchecked => return None,
    };
    let Some(scan) = scans.get(file) else {
        return Some(match kind {
            Kind::Link => format!("no page {file} in the site"),
            Kind::Asset => format!("no file {file} in the site"),
        });
    };
    match fragment {
        Some(id) if file.ends_with(".html") && !scan.ids.contains(id) => {
            Some(format!("{file} has no element with id \"{id}\""))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "https://example.org/widgets/";

    fn internal(file: &str, fragment: Option<&str>) -> Target {
        Target::Internal {
            file: file.into(),
            fragment: fragment.map(String::from),
        }
    }

    #[test]
    fn resolves_relative_absolute_and_external_addresses() {
        let page = "ko/items/alpha/index.html";
        assert_eq!(
            resolve(page, "../../../about/#method", BASE),
            internal("about/index.html", Some("method"))
        );
        assert_eq!(
            resolve(page, "#%EA%B0%9C%EC%9A%94", BASE),
            internal(page, Some("개요"))
        );
        assert_eq!(
            resolve(page, "https://example.org/widgets/assets/style.css", BASE),
            internal("assets/style.css", None)
        );
        assert_eq!(
            resolve(page, "/widgets/?x=1", BASE),
            internal("index.html", None)
        );
        assert_eq!(resolve(page, "/elsewhere/", BASE), Target::Outside);
        assert_eq!(resolve(page, "../../../../x", BASE), Target::Outside);
        assert_eq!(
            resolve(page, "HTTPS://rust-lang.org", BASE),
            Target::External("HTTPS://rust-lang.org".into())
        );
        assert_eq!(resolve(page, "mailto:a@b.c", BASE), Target::Unchecked);
    }

    #[test]
    fn lists_missing_pages_files_and_anchors() {
        let page = |ids: &[&str], urls: &[(Kind, &str)]| Scan {
            ids: ids.iter().map(|s| s.to_string()).collect(),
            references: urls
                .iter()
                .map(|(kind, url)| Reference {
                    kind: *kind,
                    url: url.to_string(),
                })
                .collect(),
        };
        let scans = BTreeMap::from([
            (
                "index.html".to_string(),
                page(
                    &["top"],
                    &[
                        (Kind::Link, "about/#method"),
                        (Kind::Link, "about/#nope"),
                        (Kind::Link, "gone/"),
                        (Kind::Asset, "assets/x.css"),
                        (Kind::Link, "#top"),
                    ],
                ),
            ),
            ("about/index.html".to_string(), page(&["method"], &[])),
        ]);
        let problems: Vec<(&str, String)> = broken(&scans, BASE)
            .into_iter()
            .map(|b| (b.reference.url.as_str(), b.problem))
            .collect();
        assert_eq!(
            problems,
            [
                (
                    "about/#nope",
                    "about/index.html has no element with id \"nope\"".into()
                ),
                ("gone/", "no page gone/index.html in the site".into()),
                ("assets/x.css", "no file assets/x.css in the site".into()),
            ]
        );
    }
}
