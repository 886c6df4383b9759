//! Rendering: turns a valid site into output files, every page in every language, in
//! parallel. Templates come from the theme (tera); each kind of page gets a typed view.

pub mod atoz;
pub mod cards;
pub mod compare;
pub mod data;
pub mod derived;
pub mod downloads;
pub mod edit;
pub mod feed;
pub mod fit;
pub mod history;
pub mod listing;
pub mod nav;
pub mod pages;
pub mod paging;
pub mod pair;
pub mod palette;
pub mod reuse;
pub mod routes;
pub mod search;
pub mod seo;
pub mod views;

use std::collections::{BTreeMap, BTreeSet};
use std::time::{Duration, Instant};

use rayon::prelude::*;
use serde::Serialize;

use crate::error::{Diagnostic, Failure};
use crate::highlight::Highlighter;
use crate::markdown;
use crate::model::Site;
use crate::theme::Theme;
use derived::Derived;
use routes::{Route, file_for, lang_prefix, root_from};
use views::{ProseView, Scope, Shared};

/// A file of the built site: its path below the output folder and its contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// The rendered site.
#[derive(Debug, Default)]
pub struct Rendered {
    pub files: Vec<OutputFile>,
    /// How many HTML pages were rendered.
    pub pages: usize,
    pub warnings: Vec<Diagnostic>,
    /// How long each stage took, in order (`load`, `search index` (part of `render`),
    /// `render`), for `--verbose`.
    pub stages: Vec<(&'static str, std::time::Duration)>,
    /// What the build says once, neither error nor warning (history unavailable).
    pub notes: Vec<String>,
}

/// Everything shared by the rendering of all pages of one build.
pub struct Renderer<'a> {
    site: &'a Site,
    theme: &'a Theme,
    tera: tera::Tera,
    highlighter: &'a Highlighter,
    /// Every route of the site (the same in every language).
    routes: Vec<Route>,
    /// Paths (below a language root) of every page, for resolving `@/` links.
    known: BTreeSet<String>,
    derived: Derived,
    /// The interface strings of each language, converted for templates once, not per page.
    strings: BTreeMap<String, tera::Value>,
    /// The preview card of each page that has one.
    cards: cards::Cards,
    /// The files of each chart to take away.
    downloads: downloads::Downloads,
    /// The previous build's output, whose cards are reused when unchanged.
    previous: Option<std::path::PathBuf>,
    nav: nav::Nav,
}

/// What becomes of each rendered file: handed the file as soon as it is made, on the thread
/// that made it; what it returns is kept in [`Rendered::files`] (a build writes the file and
/// keeps its path only, so that the site is never held in memory whole).
pub type Keep<'a> = &'a (dyn Fn(OutputFile) -> Result<OutputFile, Failure> + Sync);

/// Takes a file of the previous build's output (its full path) as the file at a path of this
/// one, if it is there, handing back what [`Keep`] would have; `None` when it is not there.
/// Files named by their content's hash (preview cards, chart pictures) are taken this way.
pub type Reuse<'a> =
    &'a (dyn Fn(&std::path::Path, &str) -> Result<Option<OutputFile>, Failure> + Sync);

/// Where rendered files go, and in what order.
pub struct Delivery<'a> {
    /// Files whose pages are rendered before any other (`serve` makes the pages open in a
    /// browser first, and shows them before the rest of the site is ready).
    pub first: &'a BTreeSet<String>,
    /// Called once the pages of `first` are made, before any other is begun.
    pub after_first: &'a (dyn Fn() + Sync),
    pub keep: Keep<'a>,
    /// How a file of the previous output is taken: by default read and handed to `keep`; a
    /// build links it into its staging folder instead (see [`crate::output::Staging::link`]).
    pub reuse: Option<Reuse<'a>>,
}

impl<'a> Delivery<'a> {
    /// Every file to `keep`, in the order that renders fastest.
    pub fn to(keep: Keep<'a>) -> Delivery<'a> {
        static NONE: BTreeSet<String> = BTreeSet::new();
        Delivery {
            first: &NONE,
            after_first: &|| {},
            keep,
            reuse: None,
        }
    }

    /// The file of `previous` (the last build's output) at `path` taken as this build's, or
    /// `None` when there is none to take.
    pub fn reused(
        &self,
        previous: &std::path::Path,
        path: &str,
    ) -> Result<Option<OutputFile>, Failure> {
        let file = previous.join(path);
        match self.reuse {
            Some(reuse) => reuse(&file, path),
            None => match std::fs::read(&file) {
                Ok(bytes) => (self.keep)(OutputFile {
                    path: path.to_string(),
                    bytes,
                })
                .map(Some),
                Err(_) => Ok(None),
            },
        }
    }
}

/// A rendered page with its warnings, or the errors that stopped it.
type PageResult = Result<(OutputFile, Vec<Diagnostic>), Vec<Diagnostic>>;

/// The folder static files are copied to.
pub const ASSETS: &str = "assets/";

/// Room a page is rendered into at first: most pages are 10 to 30 KB, and growing by doubling
/// from nothing copied each one several times.
const PAGE_CAPACITY: usize = 32 * 1024;

impl<'a> Renderer<'a> {
    pub fn new(
        site: &'a Site,
        theme: &'a Theme,
        highlighter: &'a Highlighter,
    ) -> Result<Self, Failure> {
        let mut tera = tera::Tera::new();
        tera.autoescape_on([".html", ".xml", ".svg"]);
        tera.add_raw_templates(
            theme
                .templates
                .iter()
                .map(|(n, s)| (n.as_str(), s.as_str())),
        )
        .map_err(|e| template_failure(&e, theme))?;
        let derived = Derived::new(site);
        let routes = routes_of(site, &derived.pairs);
        let known = routes.iter().map(|r| r.path(&site.config.items)).collect();
        let strings = (theme.strings.iter())
            .map(|(lang, strings)| (lang.clone(), tera::Value::from_serializable(strings)))
            .collect();
        let mut renderer = Renderer {
            site,
            theme,
            tera,
            highlighter,
            routes,
            known,
            derived,
            strings,
            cards: cards::Cards::default(),
            downloads: downloads::Downloads::default(),
            previous: None,
            nav: nav::Nav::new(site),
        };
        renderer.cards = cards::Cards::plan(&renderer);
        renderer.downloads = downloads::Downloads::plan(&renderer);
        Ok(renderer)
    }

    /// Takes unchanged preview cards from `previous` (the last build's output folder).
    pub fn reusing(mut self, previous: &std::path::Path) -> Self {
        self.previous = Some(previous.to_path_buf());
        self
    }

    /// Renders every page in every language, and the static files, in parallel, each file
    /// handed on as soon as it is made (see [`Delivery`]). The first failure of `keep` stops the
    /// rendering and is returned alone.
    pub fn render_all_into(&self, delivery: &Delivery) -> Result<Rendered, Failure> {
        let languages: Vec<&str> = self.site.config.language_codes().collect();
        let (first, rest): (Vec<usize>, Vec<usize>) = (0..self.routes.len()).partition(|&route| {
            !delivery.first.is_empty() && self.files_of(route).any(|f| delivery.first.contains(&f))
        });
        let mut results = self.render_jobs(first, &languages, delivery.keep)?;
        if !results.is_empty() {
            (delivery.after_first)();
        }
        // The files that are not pages are made before the pages, not after: they are made and
        // handed on while what the pages gather (highlighted code above all) is not yet held,
        // which keeps the peak of memory lower (by about 90 MB at 10,000 items).
        let (data_files, indexed) = self.data_files(delivery.keep)?;
        results.extend(self.render_jobs(rest, &languages, delivery.keep)?);
        // Files in language order: every page of one language, then the next.
        results.sort_unstable_by_key(|(route, _)| *route);
        let mut by_language: Vec<Vec<PageResult>> = vec![Vec::new(); languages.len()];
        for (_, pages) in results {
            for (lang, page) in pages.into_iter().enumerate() {
                by_language[lang].push(page);
            }
        }
        let mut rendered = Rendered::default();
        let mut errors = Vec::new();
        for result in by_language.into_iter().flatten() {
            match result {
                Ok((file, warnings)) => {
                    rendered.files.push(file);
                    rendered.warnings.extend(warnings);
                }
                Err(problems) => errors.extend(problems),
            }
        }
        if errors.iter().any(Diagnostic::is_error) {
            errors.extend(rendered.warnings);
            return Err(Failure::new(errors));
        }
        rendered.pages = rendered.files.len();
        let (cards, card_warnings) =
            (self.cards).files(self, self.previous.as_deref(), delivery)?;
        rendered.files.extend(cards);
        rendered.warnings.extend(card_warnings);
        let charts = (self.downloads).files(self, self.previous.as_deref(), delivery)?;
        rendered.files.extend(charts);
        rendered.files.extend(data_files);
        rendered.stages.push(("search index", indexed));
        rendered.warnings.sort();
        rendered.warnings.dedup();
        Ok(rendered)
    }

    /// The files that are not pages (the search indexes, the open data, the listings and the
    /// compare view's data, feeds, static files, sitemaps), each handed to `keep` as it is
    /// made, so that one kind at most is held at a time (at 10,000 items, all of them made
    /// before any was written were 130 MB); and how long the search indexes took, timed on
    /// their own (`build --verbose`: their share of the build is a target of issue 19).
    fn data_files(&self, keep: Keep) -> Result<(Vec<OutputFile>, Duration), Failure> {
        let indexing = Instant::now();
        let mut files = self.search_indexes(keep)?;
        let indexed = indexing.elapsed();
        hand_on(&mut files, keep, data::files(self.site))?;
        hand_on(&mut files, keep, self.listings())?;
        hand_on(&mut files, keep, self.compare_data())?;
        hand_on(&mut files, keep, self.feeds())?;
        hand_on(&mut files, keep, self.static_files())?;
        hand_on(
            &mut files,
            keep,
            seo::files(&self.site.config, &self.routes),
        )?;
        Ok((files, indexed))
    }

    /// The pages of `routes` in every language, each handed to `keep`.
    fn render_jobs(
        &self,
        mut routes: Vec<usize>,
        languages: &[&str],
        keep: Keep,
    ) -> Result<Vec<(usize, Vec<PageResult>)>, Failure> {
        // Pages listing every item first: they take longest, and one of them left for last
        // would keep one thread busy while the others wait.
        routes.sort_by_key(|&route| !self.routes[route].lists_items());
        // A job is a route in every language: one thread renders an item's pages one after the
        // other, so the code they share is highlighted once, not raced for by two threads.
        routes
            .par_iter()
            .with_max_len(1)
            .map(|&route| Ok((route, self.render_route(route, languages, keep)?)))
            .collect()
    }

    /// The files of a route's page, one per language.
    fn files_of(&self, route: usize) -> impl Iterator<Item = String> + '_ {
        (self.site.config.language_codes())
            .map(move |lang| file_for(&self.path_in(lang, &self.routes[route])))
    }

    /// The path of a route's page in `lang`, below the site's root: `ko/frameworks/gin/`.
    fn path_in(&self, lang: &str, route: &Route) -> String {
        let config = &self.site.config;
        [
            lang_prefix(lang, &config.default_language).as_str(),
            route.path(&config.items).as_str(),
        ]
        .concat()
    }

    /// One route's page in every language, each handed to `keep`.
    fn render_route(
        &self,
        route: usize,
        languages: &[&str],
        keep: Keep,
    ) -> Result<Vec<PageResult>, Failure> {
        let mut pages = Vec::with_capacity(languages.len());
        for lang in languages {
            pages.push(match self.render_page(lang, &self.routes[route]) {
                Ok((file, warnings)) => Ok((keep(file)?, warnings)),
                Err(problems) => Err(problems),
            });
        }
        Ok(pages)
    }

    /// The index of items scripts read, in each language (see [`listing`]).
    fn listings(&self) -> impl Iterator<Item = OutputFile> + '_ {
        (self.site.config.language_codes())
            .map(|lang| listing::file(&self.scope(lang, String::new())))
    }

    /// The search index of each language (see [`search`]), the languages in parallel, each
    /// language's files handed to `keep` as soon as they are made.
    fn search_indexes(&self, keep: Keep) -> Result<Vec<OutputFile>, Failure> {
        let languages: Vec<&str> = self.site.config.language_codes().collect();
        let kept: Vec<Vec<OutputFile>> = (languages.par_iter())
            .map(|lang| {
                (search::files(&self.scope(lang, String::new())).into_iter())
                    .map(keep)
                    .collect()
            })
            .collect::<Result<_, Failure>>()?;
        Ok(kept.into_iter().flatten().collect())
    }

    /// Every item's data for the compare view, in each language (see [`compare`]), made one
    /// file at a time.
    fn compare_data(&self) -> impl Iterator<Item = OutputFile> + '_ {
        (self.site.config.language_codes())
            .flat_map(|lang| compare::files(self.scope(lang, String::new())))
    }

    /// The Atom feed of each language, when the site shows history; it links with absolute
    /// addresses.
    fn feeds(&self) -> impl Iterator<Item = OutputFile> + '_ {
        (self.site.config.language_codes())
            .filter_map(|lang| feed::file(&self.scope(lang, self.site.config.base_url.clone())))
    }

    /// The scope of a page in `lang` whose relative link to the root is `root`.
    fn scope<'s>(&'s self, lang: &'s str, root: String) -> Scope<'s> {
        Scope {
            site: self.site,
            lang,
            strings: &self.theme.strings[lang],
            root,
            derived: &self.derived,
        }
    }

    fn static_files(&self) -> Vec<OutputFile> {
        let mut files: Vec<OutputFile> = self
            .theme
            .static_files
            .iter()
            .map(|(name, bytes)| OutputFile {
                path: format!("{ASSETS}{name}"),
                bytes: bytes.clone(),
            })
            .collect();
        files.push(OutputFile {
            path: format!("{ASSETS}highlight.css"),
            bytes: Highlighter::stylesheet().into_bytes(),
        });
        files
    }

    fn render_page(
        &self,
        lang: &str,
        route: &Route,
    ) -> Result<(OutputFile, Vec<Diagnostic>), Vec<Diagnostic>> {
        let config = &self.site.config;
        let path = self.path_in(lang, route);
        let root = match route {
            Route::NotFound => config.base_url.clone(),
            _ => root_from(&path),
        };
        let scope = Scope {
            site: self.site,
            lang,
            strings: &self.theme.strings[lang],
            root,
            derived: &self.derived,
        };
        let mut warnings = Vec::new();
        let page = pages::build(&scope, route, self, &mut warnings)?;
        let common = self.common(&scope, route, &path, &page);
        let mut context = tera::Context::new();
        context.insert("c", &common);
        context.insert_value("t", self.strings[lang].clone());
        context.insert("page", &page.view);
        let template = self.template_for(route);
        // Straight into bytes: `render` would check the whole page is UTF-8 (2% of a build),
        // which every part of it already is.
        let mut bytes = Vec::with_capacity(PAGE_CAPACITY);
        (self.tera)
            .render_to(&template, &context, &mut bytes)
            .map_err(|e| template_failure(&e, self.theme).diagnostics)?;
        Ok((
            OutputFile {
                path: file_for(&path),
                bytes,
            },
            warnings,
        ))
    }

    fn template_for(&self, route: &Route) -> String {
        let name = match route {
            Route::Home => "home.html".to_string(),
            Route::Item(_) => "item.html".into(),
            Route::Table(_) => "table.html".into(),
            Route::Rankings(_) => "rankings.html".into(),
            Route::Ranking(..) => "ranking.html".into(),
            Route::Choose => "choose.html".into(),
            Route::Pair(..) => "pair.html".into(),
            Route::Picker(_) => "picker.html".into(),
            Route::AtoZ(_) => "a-z.html".into(),
            Route::Compare => "compare.html".into(),
            Route::Page(slug) => format!("page-{slug}.html"),
            Route::NotFound => "404.html".into(),
            Route::Changes => "changes.html".into(),
        };
        if self.tera.contains_template(&name) {
            name
        } else {
            "page.html".into()
        }
    }

    /// Renders Markdown for a page, resolving `@/` links from it; problems come back as
    /// diagnostics at the file's own lines.
    pub fn prose(
        &self,
        scope: &Scope,
        body: &str,
        body_line: usize,
        path: &std::path::Path,
        prefix: &str,
    ) -> (ProseView, Vec<Diagnostic>) {
        let resolve = |target: &str| {
            let (page, fragment) = target
                .split_once('#')
                .map_or((target, None), |(p, f)| (p, Some(f)));
            let page = page.trim_end_matches('/');
            let page = if page.is_empty() {
                String::new()
            } else {
                format!("{page}/")
            };
            if !self.known.contains(&page) {
                let known = self.known.iter().map(|p| p.trim_end_matches('/'));
                let hint = crate::suggest::closest(page.trim_end_matches('/'), known)
                    .map_or_else(String::new, |p| format!(": did you mean \"@/{p}\"?"));
                return Err(format!("no such page in this site{hint}"));
            }
            let base = format!(
                "{}{}{}",
                scope.root,
                lang_prefix(scope.lang, scope.default_lang()),
                page
            );
            Ok(match fragment {
                Some(f) => format!("{base}#{f}"),
                None => base,
            })
        };
        let context = markdown::Context {
            resolve: &resolve,
            highlighter: self.highlighter,
            footnote_prefix: prefix,
            raw_html: self.site.config.markdown.raw_html,
        };
        let rendered = markdown::render(body, &context);
        let diagnostics = rendered
            .problems
            .iter()
            .map(|p| {
                let mut position = crate::error::position_of(body, p.offset);
                position.line += body_line - 1;
                let d = if p.is_error {
                    Diagnostic::error(path, &p.message)
                } else {
                    Diagnostic::warning(path, &p.message)
                };
                d.at(Some(position))
            })
            .collect();
        (
            ProseView {
                html: rendered.html,
                toc: rendered.headings,
            },
            diagnostics,
        )
    }

    fn common(&self, scope: &Scope, route: &Route, path: &str, page: &pages::Page) -> Common {
        let config = &self.site.config;
        let languages = config
            .languages
            .iter()
            .map(|l| {
                let target = self.path_in(&l.code, route);
                Alternate {
                    code: l.code.clone(),
                    name: l.name.clone(),
                    href: [scope.root.as_str(), &target].concat(),
                    url: [config.base_url.as_str(), &target].concat(),
                    current: l.code == scope.lang,
                }
            })
            .collect();
        let site_title = scope.text(&config.title);
        let title = if page.title.is_empty() {
            site_title.clone()
        } else {
            [page.title.as_str(), " · ", &site_title].concat()
        };
        Common {
            lang: scope.lang.to_string(),
            content_lang: if page.translated {
                scope.lang.to_string()
            } else {
                config.default_language.clone()
            },
            translated: page.translated,
            root: scope.root.clone(),
            home: scope.href(&Route::Home),
            search: scope.href(&Route::AtoZ(1)),
            search_index: [
                scope.root.as_str(),
                &lang_prefix(scope.lang, scope.default_lang()),
                search::FOLDER,
            ]
            .concat(),
            assets: [scope.root.as_str(), ASSETS].concat(),
            title,
            heading: page.title.clone(),
            site_title,
            description: page
                .description
                .clone()
                .unwrap_or_else(|| scope.text(&config.description)),
            canonical: [config.base_url.as_str(), path].concat(),
            nav: self.nav.for_page(scope, route),
            card: (self.cards).for_page(scope.lang, route, &config.base_url),
            chart_links: self.downloads.for_page(scope, route),
            languages,
            license: config.license.as_ref().map(|l| scope.text(l)),
            changes: (self.site.history.is_available()).then(|| scope.href(&Route::Changes)),
            feed: (self.site.history.is_available()).then(|| {
                history::feed_href(&self.scope(scope.lang, self.site.config.base_url.clone()))
            }),
            edit: self.edit_links(
                scope,
                route,
                &page.title,
                &[config.base_url.as_str(), path].concat(),
            ),
        }
    }

    /// "Edit this page" and "Suggest a correction" for an item or free page, with
    /// `[repository]` configured: to the file the page shows.
    fn edit_links(
        &self,
        scope: &Scope,
        route: &Route,
        title: &str,
        url: &str,
    ) -> Option<edit::EditView> {
        let repository = self.site.config.repository.as_ref()?;
        let (folder, slug, translated) = match route {
            Route::Item(slug) => {
                let item = self.site.item(slug)?;
                (
                    self.site.config.items.as_str(),
                    slug,
                    item.texts.contains_key(scope.lang),
                )
            }
            Route::Page(slug) => {
                let page = self.site.page(slug)?;
                (
                    crate::content::walk::PAGES_FOLDER,
                    slug,
                    page.texts.contains_key(scope.lang),
                )
            }
            _ => return None,
        };
        let file = if translated && scope.lang != scope.default_lang() {
            format!("{folder}/{slug}.{}.md", scope.lang)
        } else {
            format!("{folder}/{slug}.md")
        };
        Some(edit::links(repository, &file, title, url))
    }
}

/// Every route of the site (the same in every language), with a page for each of `pairs`.
pub fn routes_of(site: &Site, pairs: &[crate::pairs::Pair]) -> Vec<Route> {
    let pages = paging::count(site.items.len(), site.config.lists.page_size);
    let mut routes = vec![Route::Home, Route::Choose, Route::Compare, Route::NotFound];
    for page in 1..=pages {
        routes.push(Route::Table(page));
        routes.push(Route::Rankings(page));
        routes.push(Route::AtoZ(page));
        routes.push(Route::Picker(page));
        routes.extend((site.config.criteria.iter()).map(|c| Route::Ranking(c.id.clone(), page)));
    }
    routes.extend(site.items.iter().map(|i| Route::Item(i.slug.clone())));
    routes.extend(
        pairs
            .iter()
            .map(|p| Route::Pair(site.items[p.a].slug.clone(), site.items[p.b].slug.clone())),
    );
    routes.extend(
        site.pages
            .iter()
            .filter(|p| p.slug != "home")
            .map(|p| Route::Page(p.slug.clone())),
    );
    if site.history.is_available() {
        routes.push(Route::Changes);
    }
    routes
}

/// A template error as a diagnostic at the template's file, line and column where tera knows
/// them (syntax and rendering errors), else naming the theme.
/// Hands each file of `made` to `keep` as it is made, adding what `keep` gives back to `files`.
fn hand_on(
    files: &mut Vec<OutputFile>,
    keep: Keep,
    made: impl IntoIterator<Item = OutputFile>,
) -> Result<(), Failure> {
    for file in made {
        files.push(keep(file)?);
    }
    Ok(())
}

fn template_failure(error: &tera::Error, theme: &Theme) -> Failure {
    let (mut message, diagnostic) = match error.kind() {
        tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
            let span = report.span();
            let at = crate::error::Position {
                line: span.start_line,
                column: span.start_col + 1,
            };
            let file = Diagnostic::error(theme.origin(report.filename()), "").at(Some(at));
            (report.message().to_string(), file)
        }
        _ => (error.to_string(), Diagnostic::error("themes", "")),
    };
    let mut source = std::error::Error::source(error);
    while let Some(inner) = source {
        message.push_str(&format!(": {inner}"));
        source = inner.source();
    }
    Failure::single(Diagnostic {
        message: format!("template error: {message}"),
        ..diagnostic
    })
}

/// Values every template gets as `c`.
#[derive(Debug, Serialize)]
struct Common {
    lang: String,
    /// Language of the main content: the default language where it is not translated.
    content_lang: String,
    translated: bool,
    root: String,
    home: String,
    /// The list of every item, where the search box leads without JavaScript.
    search: String,
    /// The folder of the language's search index, relative.
    search_index: String,
    assets: String,
    title: String,
    heading: String,
    site_title: String,
    description: String,
    canonical: String,
    nav: Shared<Vec<nav::NavLink>>,
    /// The preview card shown when the page is shared.
    card: Option<cards::CardMeta>,
    /// Under the page's chart: its downloads and the code to embed it.
    chart_links: Option<downloads::ChartLinks>,
    languages: Vec<Alternate>,
    license: Option<String>,
    /// The changes page, when the site shows history.
    changes: Option<String>,
    /// The absolute address of the page language's Atom feed, when there is one.
    feed: Option<String>,
    /// Links to the page's file in the repository, when one is configured.
    edit: Option<edit::EditView>,
}

/// The same page in one language.
#[derive(Debug, Serialize)]
struct Alternate {
    code: String,
    name: String,
    href: String,
    url: String,
    current: bool,
}
