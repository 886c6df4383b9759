//! The harness every test uses: [`SiteTest`] copies a site into a temporary folder and runs the
//! `versus` binary on it; [`Build`] is what the run printed; [`Tree`] is a folder's files, for
//! byte comparisons; the HTML helpers parse output pages with scraper; [`broken_links`] follows
//! every link of a built site.

use std::collections::{BTreeMap, BTreeSet};
use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus};

use scraper::{ElementRef, Html, Selector};
use tempfile::TempDir;

const MANIFEST_DIR: &str = env!("CARGO_MANIFEST_DIR");

/// A site in a temporary folder: `content/`, `themes/`, and `output/` once built.
pub struct SiteTest {
    /// Kept so that the folder lives as long as the test.
    _dir: TempDir,
    /// The folder, canonical so that it matches the binary's working directory exactly.
    root: PathBuf,
}

impl SiteTest {
    /// A copy of `tests/fixtures/<name>/` with the real theme.
    pub fn fixture(name: &str) -> SiteTest {
        SiteTest::fixture_without_theme(name).with_theme()
    }

    /// A copy of `tests/fixtures/<name>/` alone: the theme built into the binary is used.
    pub fn fixture_without_theme(name: &str) -> SiteTest {
        let site = SiteTest::empty();
        copy_dir(
            &Path::new(MANIFEST_DIR).join("tests/fixtures").join(name),
            &site.root,
        );
        site
    }

    /// A copy of the shipped report: `content/` and `themes/` of this repository.
    pub fn shipped() -> SiteTest {
        let site = SiteTest::empty();
        copy_dir(
            &Path::new(MANIFEST_DIR).join("content"),
            &site.path("content"),
        );
        site.with_theme()
    }

    /// An empty temporary folder.
    pub fn empty() -> SiteTest {
        let dir = tempfile::tempdir().expect("create a temporary folder");
        let root = fs::canonicalize(dir.path()).expect("canonicalize the temporary folder");
        SiteTest { _dir: dir, root }
    }

    fn with_theme(self) -> SiteTest {
        copy_dir(
            &Path::new(MANIFEST_DIR).join("themes"),
            &self.path("themes"),
        );
        self
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// A path below the site's folder.
    pub fn path(&self, relative: &str) -> PathBuf {
        self.root.join(relative)
    }

    /// Writes a file of the site, creating its folder.
    pub fn write(&self, relative: &str, contents: impl AsRef<[u8]>) {
        let path = self.path(relative);
        fs::create_dir_all(path.parent().expect("a file has a folder")).expect("create the folder");
        fs::write(&path, contents).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
    }

    /// Reads a file of the site.
    pub fn read(&self, relative: &str) -> Vec<u8> {
        let path = self.path(relative);
        fs::read(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
    }

    /// Adds `text` at the end of a text file (a table at the end of site.toml).
    pub fn append(&self, relative: &str, text: &str) {
        let mut contents = String::from_utf8(self.read(relative)).expect("a UTF-8 file");
        contents.push_str(text);
        self.write(relative, contents);
    }

    /// Replaces the one occurrence of `from` in a text file by `to`.
    pub fn edit(&self, relative: &str, from: &str, to: &str) {
        let text = String::from_utf8(self.read(relative)).expect("a UTF-8 file");
        assert_eq!(
            text.matches(from).count(),
            1,
            "{from:?} must occur once in {relative}"
        );
        self.write(relative, text.replacen(from, to, 1));
    }

    /// `versus build --root <site>`, run from the site's folder.
    pub fn build(&self) -> Build {
        self.build_with::<&str>(&[])
    }

    /// `versus build --root <site> <extra...>`, run from the site's folder.
    pub fn build_with<S: AsRef<OsStr>>(&self, extra: &[S]) -> Build {
        self.run("build", extra)
    }

    /// `versus <command> --root <site> <extra...>`, run from the site's folder.
    pub fn run<S: AsRef<OsStr>>(&self, command: &str, extra: &[S]) -> Build {
        let mut args: Vec<&OsStr> =
            vec![command.as_ref(), "--root".as_ref(), self.root.as_os_str()];
        args.extend(extra.iter().map(AsRef::as_ref));
        versus(&self.root, &args)
    }

    /// A page of the built site, parsed.
    pub fn page(&self, relative: &str) -> Html {
        let bytes = self.read(&format!("output/{relative}"));
        Html::parse_document(std::str::from_utf8(&bytes).expect("pages are UTF-8"))
    }

    /// Every file below a folder of the site.
    pub fn tree(&self, relative: &str) -> Tree {
        Tree::of(&self.path(relative))
    }
}

/// What one run of the binary did.
pub struct Build {
    pub status: ExitStatus,
    pub stdout: String,
    pub stderr: String,
}

impl Build {
    /// Asserts a clean success: exit 0 and nothing on stderr (no errors, no warnings).
    pub fn assert_clean(&self) -> &Build {
        assert!(
            self.status.success(),
            "the build failed ({}):\n{}",
            self.status,
            self.stderr
        );
        assert_eq!(self.stderr, "", "the build printed warnings");
        self
    }

    /// Asserts a failure whose stderr is exactly these diagnostics and the closing line, for a
    /// build into the default `output` folder.
    pub fn assert_fails_with(&self, diagnostics: &[&str]) {
        self.assert_fails_for("output", diagnostics);
    }

    /// Asserts a failure whose stderr is exactly these diagnostics (each its
    /// `path:line:col: message` line, then the lines of its source snippet if it has one) and the
    /// closing line naming the output folder as given on the command line.
    pub fn assert_fails_for(&self, output: &str, diagnostics: &[&str]) {
        let closing = format!(
            "error: build failed with {} error(s); {output} was left unchanged",
            diagnostics.len()
        );
        let expected: Vec<&str> = diagnostics
            .iter()
            .flat_map(|d| d.lines())
            .chain([closing.as_str()])
            .collect();
        assert_eq!(self.stderr.lines().collect::<Vec<_>>(), expected, "stderr");
        assert_eq!(self.status.code(), Some(1), "exit status");
    }
}

/// Runs the binary in `cwd` with `args`.
pub fn versus<S: AsRef<OsStr>>(cwd: &Path, args: &[S]) -> Build {
    let output = Command::new(env!("CARGO_BIN_EXE_versus"))
        .current_dir(cwd)
        .args(args)
        .env_remove("RUST_BACKTRACE")
        .output()
        .expect("run the versus binary");
    Build {
        status: output.status,
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    }
}

/// The files below a folder, by path relative to it (`/`-separated), with their bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tree(pub BTreeMap<String, Vec<u8>>);

impl Tree {
    pub fn of(dir: &Path) -> Tree {
        let mut files = BTreeMap::new();
        collect(dir, "", &mut files);
        Tree(files)
    }

    /// Paths of the files whose name ends with `suffix`.
    pub fn paths_ending(&self, suffix: &str) -> BTreeSet<&str> {
        self.0
            .keys()
            .map(String::as_str)
            .filter(|p| p.ends_with(suffix))
            .collect()
    }

    /// The site's own pages: every HTML file but the pages of charts for an `<iframe>`
    /// (`embed/...` in each language), which have no header, footer or preview card.
    pub fn site_pages(&self) -> BTreeSet<&str> {
        let embed = |p: &str| p.split('/').take(2).any(|folder| folder == "embed");
        (self.paths_ending(".html").into_iter())
            .filter(|p| !embed(p))
            .collect()
    }

    /// Asserts byte equality, naming the first file that differs rather than dumping bytes.
    pub fn assert_same(&self, other: &Tree, what: &str) {
        let ours: Vec<&String> = self.0.keys().collect();
        let theirs: Vec<&String> = other.0.keys().collect();
        assert_eq!(ours, theirs, "{what}: the same files");
        if let Some(path) = self.0.keys().find(|p| self.0[*p] != other.0[*p]) {
            panic!("{what}: {path} differs");
        }
    }
}

fn collect(dir: &Path, prefix: &str, files: &mut BTreeMap<String, Vec<u8>>) {
    let entries = fs::read_dir(dir).unwrap_or_else(|e| panic!("read {}: {e}", dir.display()));
    for entry in entries {
        let entry = entry.expect("a folder entry");
        let name = format!(
            "{prefix}{}",
            entry.file_name().to_str().expect("UTF-8 file names")
        );
        if entry.file_type().expect("a file type").is_dir() {
            collect(&entry.path(), &format!("{name}/"), files);
        } else {
            files.insert(name, fs::read(entry.path()).expect("read a file"));
        }
    }
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap_or_else(|e| panic!("create {}: {e}", to.display()));
    for entry in fs::read_dir(from).unwrap_or_else(|e| panic!("read {}: {e}", from.display())) {
        let entry = entry.expect("a folder entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("a file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).expect("copy a file");
        }
    }
}

/// The elements of a page matching a CSS selector.
pub fn select<'a>(html: &'a Html, css: &str) -> Vec<ElementRef<'a>> {
    html.select(&selector(css)).collect()
}

/// The elements below `element` matching a CSS selector.
pub fn within<'a>(element: ElementRef<'a>, css: &str) -> Vec<ElementRef<'a>> {
    element.select(&selector(css)).collect()
}

/// The one element of a page matching a CSS selector.
pub fn one<'a>(html: &'a Html, css: &str) -> ElementRef<'a> {
    let found = select(html, css);
    assert_eq!(found.len(), 1, "exactly one element matches {css:?}");
    found[0]
}

/// An element's text, with runs of white space collapsed to one space.
pub fn text(element: ElementRef) -> String {
    element
        .text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The texts of the elements matching a CSS selector.
pub fn texts(html: &Html, css: &str) -> Vec<String> {
    select(html, css).into_iter().map(text).collect()
}

/// An attribute that must be present.
pub fn attr<'a>(element: ElementRef<'a>, name: &str) -> &'a str {
    element
        .value()
        .attr(name)
        .unwrap_or_else(|| panic!("<{}> has no {name} attribute", element.value().name()))
}

fn selector(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|e| panic!("bad selector {css:?}: {e}"))
}

/// Width and height from a PNG's header (signature, then the IHDR chunk).
pub fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "a PNG signature");
    assert_eq!(&bytes[12..16], b"IHDR", "IHDR first");
    let be = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    (be(16), be(20))
}

/// Where a link leads, from the page at `page` (a path below the output): the output file and
/// the fragment, decoded. `None` for links that leave the site; `Err` for relative links that climb
/// above the output's root.
pub fn resolve(page: &str, href: &str, base_url: &str) -> Option<Result<(String, String), String>> {
    let (address, fragment) = href.split_once('#').unwrap_or((href, ""));
    let address = address.split_once('?').map_or(address, |(a, _)| a);
    let from_root = if let Some(rest) = address.strip_prefix(base_url) {
        rest.to_string()
    } else if address.contains(':') || address.starts_with("//") {
        return None;
    } else if address.is_empty() {
        page.to_string()
    } else {
        match versus::url::join(page, address) {
            Some(joined) => joined,
            None => return Some(Err(format!("{page}: {href} leaves the site"))),
        }
    };
    let file = if from_root.is_empty() || from_root.ends_with('/') {
        format!("{from_root}index.html")
    } else {
        from_root
    };
    // A browser finds the element whose id is the fragment percent-decoded (a Korean heading's
    // id is written escaped in a link).
    let fragment = versus::url::percent_decode(fragment).unwrap_or_else(|| fragment.to_string());
    Some(Ok((file, fragment)))
}

/// Every link of every page of a built site (`a[href]`, `link[href]`, `script[src]`,
/// `img[src]`) that points into the site, relative or under `base_url`, and does not lead to an
/// existing file, or to an existing `id` where it names a fragment.
pub fn broken_links(output: &Tree, base_url: &str) -> Vec<String> {
    let pages: BTreeMap<&str, Html> = output
        .paths_ending(".html")
        .into_iter()
        .map(|p| {
            (
                p,
                Html::parse_document(std::str::from_utf8(&output.0[p]).expect("UTF-8 pages")),
            )
        })
        .collect();
    let ids: BTreeMap<&str, BTreeSet<&str>> = pages
        .iter()
        .map(|(page, html)| {
            (
                *page,
                select(html, "[id]")
                    .into_iter()
                    .map(|e| attr(e, "id"))
                    .collect(),
            )
        })
        .collect();
    let mut broken = Vec::new();
    for (page, html) in &pages {
        for element in select(html, "a[href], link[href], script[src], img[src]") {
            let href = element
                .value()
                .attr("href")
                .or(element.value().attr("src"))
                .unwrap_or_default();
            let problem = match resolve(page, href, base_url) {
                None => None,
                Some(Err(problem)) => Some(problem),
                Some(Ok((file, _))) if !output.0.contains_key(&file) => {
                    Some(format!("{page}: {href} -> {file} does not exist"))
                }
                Some(Ok((file, fragment))) => ids
                    .get(file.as_str())
                    .filter(|ids| !fragment.is_empty() && !ids.contains(fragment.as_str()))
                    .map(|_| format!("{page}: {href} -> no id {fragment:?} in {file}")),
            };
            broken.extend(problem);
        }
    }
    broken
}

/// The names at the top of a folder, sorted.
pub fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("list the folder")
        .map(|e| {
            e.expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    names
}
