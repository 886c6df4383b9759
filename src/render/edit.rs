//! "Edit this page" and "Suggest a correction": with `[repository]` configured, links from an
//! item or free page to its file on the repository's host (its web editor) and to a new-issue
//! form naming the page. GitHub's addresses, or GitLab's where the host is a GitLab.

use serde::Serialize;

use crate::config::RepositoryConfig;

/// The two links of a page.
#[derive(Debug, Serialize)]
pub struct EditView {
    pub edit: String,
    pub suggest: String,
}

/// The links for the file `file` (below `content/`) of the page titled `title`, published at
/// `url`.
pub fn links(repository: &RepositoryConfig, file: &str, title: &str, url: &str) -> EditView {
    let base = repository.url.trim_end_matches('/');
    let path = format!(
        "{}content/{file}",
        match repository.path.trim_matches('/') {
            "" => String::new(),
            folder => format!("{folder}/"),
        }
    );
    let (edit, issue, title_key, body_key) = if is_gitlab(base) {
        (
            "-/edit",
            "-/issues/new",
            "issue[title]",
            "issue[description]",
        )
    } else {
        ("edit", "issues/new", "title", "body")
    };
    let query = ::url::form_urlencoded::Serializer::new(String::new())
        .append_pair(title_key, &format!("Correction: {title}"))
        .append_pair(body_key, &format!("Page: {url}\nFile: {path}\n\n"))
        .finish();
    EditView {
        edit: format!("{base}/{edit}/{}/{path}", repository.branch),
        suggest: format!("{base}/{issue}?{query}"),
    }
}

fn is_gitlab(url: &str) -> bool {
    ::url::Url::parse(url)
        .ok()
        .and_then(|u| u.host_str().map(|h| h.contains("gitlab")))
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repository(url: &str, path: &str) -> RepositoryConfig {
        RepositoryConfig {
            url: url.into(),
            branch: "main".into(),
            path: path.into(),
        }
    }

    #[test]
    fn links_to_the_file_and_a_new_issue_on_github() {
        let links = links(
            &repository("https://github.com/o/r/", ""),
            "items/alpha.ko.md",
            "알파 & co",
            "https://example.org/ko/items/alpha/",
        );
        assert_eq!(
            links.edit,
            "https://github.com/o/r/edit/main/content/items/alpha.ko.md"
        );
        assert_eq!(
            links.suggest,
            "https://github.com/o/r/issues/new?title=Correction%3A+%EC%95%8C%ED%8C%8C+%26+co&body=Page%3A+https%3A%2F%2Fexample.org%2Fko%2Fitems%2Falpha%2F%0AFile%3A+content%2Fitems%2Falpha.ko.md%0A%0A"
        );
    }

    #[test]
    fn gitlab_and_a_project_in_a_subfolder() {
        let links = links(
            &repository("https://gitlab.com/o/r/", "/report/"),
            "pages/guide.md",
            "Guide",
            "https://example.org/guide/",
        );
        assert_eq!(
            links.edit,
            "https://gitlab.com/o/r/-/edit/main/report/content/pages/guide.md"
        );
        assert!(links.suggest.starts_with(
            "https://gitlab.com/o/r/-/issues/new?issue%5Btitle%5D=Correction%3A+Guide&"
        ));
    }
}
