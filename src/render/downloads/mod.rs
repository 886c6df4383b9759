//! Charts to take away: under each chart of the home page, the rankings, an item's and a
//! pair's page, "Download SVG", "Download PNG" and an "Embed" snippet. Each such chart, in each
//! language, has a folder `embed/<page's path>` holding its picture as SVG ([`picture`]) and as
//! PNG (drawn by [`crate::raster`], twice its size), and a small page meant for an `<iframe>`:
//! the chart, its data as a table and a link back to its page. `[downloads]` in site.toml says
//! which charts, and how many.
//!
//! The picture's file names hold a hash of its SVG and the fonts (see [`super::reuse`]): a
//! build takes an unchanged PNG from the previous output and draws only the charts that changed.

pub mod picture;

use std::collections::BTreeMap;
use std::path::Path;

use rayon::prelude::*;
use serde::Serialize;

use super::palette::Palette;
use super::reuse::{self, fnv};
use super::routes::{Route, lang_prefix, root_from};
use super::views::{Link, Scope, ScoreView};
use super::{Delivery, OutputFile, Renderer, cards, template_failure};
use crate::chart::{Chart, escape};
use crate::config::MOST_DOWNLOADS;
use crate::error::{Diagnostic, Failure};
use crate::raster::Raster;
use picture::{Frame, Measures};

/// The folder below a language's root that holds every chart's files.
pub const FOLDER: &str = "embed";
/// The theme's template of the page for an `<iframe>`.
pub const TEMPLATE: &str = "embed.html";
/// Changes whenever the picture changes in a way its SVG does not show (the drawing of PNGs).
const VERSION: &str = "charts 1";
/// The PNG's pixels to each of the SVG's: sharp on screens of double density.
const SCALE: u32 = 2;
/// The height the embed snippet gives its `<iframe>`; the page scrolls within it.
const IFRAME_HEIGHT: u32 = 640;

/// One chart to take away.
struct Download {
    lang: String,
    route: Route,
    /// Its folder below the output folder: `ko/embed/frameworks/django/`.
    folder: String,
    title: String,
    hash: u64,
}

impl Download {
    /// The picture's file name, `chart-<hash>.svg` or `.png`.
    fn file(&self, extension: &str) -> String {
        format!("chart-{:016x}.{extension}", self.hash)
    }
}

/// Every chart to take away of a build, and which page shows which.
#[derive(Default)]
pub struct Downloads {
    downloads: Vec<Download>,
    by_page: BTreeMap<(String, Route), usize>,
}

/// What a page shows under its chart: where its files are, and the code to embed it.
#[derive(Debug, Serialize)]
pub struct ChartLinks {
    svg: String,
    png: String,
    embed: String,
    snippet: String,
}

impl Downloads {
    /// The charts of a site in every language, as `[downloads]` in site.toml allows.
    pub fn plan(renderer: &Renderer) -> Downloads {
        let routes = cards::routes_with(renderer, &renderer.site.config.downloads, MOST_DOWNLOADS);
        let mut plan = Downloads::default();
        if routes.is_empty() {
            return plan;
        }
        let drawing = Drawing::new(renderer);
        for lang in renderer.site.config.language_codes() {
            let scope = renderer.scope(lang, String::new());
            let made: Vec<Option<Download>> = (routes.par_iter())
                .map(|(route, _)| {
                    let chart = super::pages::chart_of(&scope, route)?;
                    let svg = drawing.svg(&scope, route, &chart);
                    Some(Download {
                        lang: lang.to_string(),
                        route: route.clone(),
                        folder: folder(&scope, route),
                        title: chart.title().to_string(),
                        hash: fnv(drawing.seed, svg.as_bytes()),
                    })
                })
                .collect();
            for download in made.into_iter().flatten() {
                let key = (download.lang.clone(), download.route.clone());
                plan.by_page.insert(key, plan.downloads.len());
                plan.downloads.push(download);
            }
        }
        plan
    }

    /// The links under the chart of the page of `route` in the scope's language, if its chart
    /// can be taken away.
    pub fn for_page(&self, scope: &Scope, route: &Route) -> Option<ChartLinks> {
        let found = self.by_page.get(&(scope.lang.to_string(), route.clone()))?;
        let download = &self.downloads[*found];
        let href = format!("{}{}", scope.root, download.folder);
        // Absolute, as the code is pasted into another site (base_url is always absolute).
        let address = format!("{}{}", scope.site.config.base_url, download.folder);
        Some(ChartLinks {
            svg: format!("{href}{}", download.file("svg")),
            png: format!("{href}{}", download.file("png")),
            snippet: format!(
                r#"<iframe src="{}" title="{}" width="100%" height="{IFRAME_HEIGHT}" style="border:0" loading="lazy"></iframe>"#,
                escape(&address),
                escape(&download.title),
            ),
            embed: href,
        })
    }

    /// Every chart's files (its SVG, its PNG, its page for an `<iframe>`), handed on as they
    /// are made; a PNG is taken from `previous` (the last build's output) when it is there.
    pub fn files(
        &self,
        renderer: &Renderer,
        previous: Option<&Path>,
        delivery: &Delivery,
    ) -> Result<Vec<OutputFile>, Failure> {
        if self.downloads.is_empty() {
            return Ok(Vec::new());
        }
        let drawing = Drawing::new(renderer);
        let made: Vec<Vec<OutputFile>> = (self.downloads.par_iter())
            .with_max_len(1)
            .map(|download| drawing.files(renderer, download, previous, delivery))
            .collect::<Result<_, Failure>>()?;
        Ok(made.into_iter().flatten().collect())
    }
}

/// The folder of a chart's files: `embed/` and its page's path, below the language's root.
fn folder(scope: &Scope, route: &Route) -> String {
    format!(
        "{}{FOLDER}/{}",
        lang_prefix(scope.lang, scope.default_lang()),
        route.path(&scope.site.config.items)
    )
}

/// What pictures are drawn with: the theme's fonts and colours.
struct Drawing {
    raster: Raster,
    palette: Palette,
    /// The hash every picture's starts from.
    seed: u64,
}

impl Drawing {
    fn new(renderer: &Renderer) -> Drawing {
        let fonts = &renderer.theme.fonts;
        Drawing {
            raster: Raster::new(fonts),
            palette: cards::palette(renderer),
            seed: reuse::seed(VERSION, fonts),
        }
    }

    /// The picture of `chart`, the chart of the page of `route`, as SVG.
    fn svg(&self, scope: &Scope, route: &Route, chart: &Chart) -> String {
        let config = &scope.site.config;
        let url = format!(
            "{}{}{}",
            config.base_url,
            lang_prefix(scope.lang, scope.default_lang()),
            route.path(&config.items)
        );
        let site = scope.text(&config.title);
        let source = scope.fill("chart_source", &[("site", site), ("url", url)]);
        let licence = config.license.as_ref().map(|l| scope.text(l));
        let frame = Frame {
            lang: scope.lang,
            source: &source,
            licence: licence.as_deref(),
        };
        let regular = |text: &str, size: f64| self.raster.width(text, size, 400);
        let bold = |text: &str, size: f64| self.raster.width(text, size, 700);
        let measures = Measures {
            regular: &regular,
            bold: &bold,
        };
        picture::svg(chart, &frame, &self.palette, &measures)
    }

    /// A chart's SVG, PNG and page, each handed to the delivery; the pictures taken from
    /// `previous` when they are there (drawn again only when one is missing).
    fn files(
        &self,
        renderer: &Renderer,
        download: &Download,
        previous: Option<&Path>,
        delivery: &Delivery,
    ) -> Result<Vec<OutputFile>, Failure> {
        let scope = renderer.scope(&download.lang, String::new());
        let Some(chart) = super::pages::chart_of(&scope, &download.route) else {
            return Ok(Vec::new());
        };
        let at = |extension: &str| format!("{}{}", download.folder, download.file(extension));
        let taken = |extension: &str| reuse::reused(delivery, previous, &at(extension));
        // Drawn only if one of the pictures is not there to take.
        let picture = std::cell::OnceCell::new();
        let drawn = || picture.get_or_init(|| self.svg(&scope, &download.route, &chart));
        let png = match taken("png")? {
            Some(png) => png,
            None => (delivery.keep)(OutputFile {
                path: at("png"),
                bytes: self.raster.png_at(drawn(), SCALE).map_err(|why| {
                    let message = format!("cannot draw the chart {}: {why}", at("png"));
                    Failure::single(Diagnostic::error(at("png"), message))
                })?,
            })?,
        };
        let svg = match taken("svg")? {
            Some(svg) => svg,
            None => (delivery.keep)(OutputFile {
                path: at("svg"),
                bytes: drawn().clone().into_bytes(),
            })?,
        };
        let page = OutputFile {
            path: format!("{}index.html", download.folder),
            bytes: embed_page(renderer, download, &chart)?.into_bytes(),
        };
        Ok(vec![svg, png, (delivery.keep)(page)?])
    }
}

/// What the page for an `<iframe>` shows.
#[derive(Debug, Serialize)]
struct EmbedView {
    lang: String,
    title: String,
    site_title: String,
    /// The folder of the theme's static files, relative.
    assets: String,
    /// The chart as on its page, inline SVG.
    chart: String,
    radar: bool,
    /// A pair's two names, in the order of their lines' keys.
    legend: Vec<String>,
    table: DataTable,
    back: Link,
    licence: Option<String>,
}

/// A chart's data: a row per bar or per radar axis, a column per value.
#[derive(Debug, Serialize)]
struct DataTable {
    head: Vec<String>,
    rows: Vec<DataRow>,
}

#[derive(Debug, Serialize)]
struct DataRow {
    label: String,
    values: Vec<String>,
}

fn embed_page(renderer: &Renderer, download: &Download, chart: &Chart) -> Result<String, Failure> {
    let root = root_from(&download.folder);
    let scope = renderer.scope(&download.lang, root.clone());
    let config = &renderer.site.config;
    let view = EmbedView {
        lang: download.lang.clone(),
        title: chart.title().to_string(),
        site_title: scope.text(&config.title),
        assets: format!("{root}{}", super::ASSETS),
        chart: chart.svg(),
        radar: matches!(chart, Chart::Radar(_)),
        legend: match chart {
            Chart::Radar(radar) if radar.series.len() > 1 => {
                radar.series.iter().map(|s| s.name.clone()).collect()
            }
            _ => Vec::new(),
        },
        table: data_table(&scope, chart),
        back: Link {
            href: scope.href(&download.route),
            label: scope.fill("chart_back", &[("title", chart.title().to_string())]),
        },
        licence: config.license.as_ref().map(|l| scope.text(l)),
    };
    let mut context = tera::Context::new();
    context.insert("e", &view);
    context.insert_value("t", renderer.strings[download.lang.as_str()].clone());
    (renderer.tera.render(TEMPLATE, &context)).map_err(|e| template_failure(&e, renderer.theme))
}

fn data_table(scope: &Scope, chart: &Chart) -> DataTable {
    match chart {
        Chart::Bar(bars) => DataTable {
            head: vec![scope.t("col_name"), scope.t("col_score")],
            rows: (bars.bars.iter())
                .map(|bar| DataRow {
                    label: bar.label.clone(),
                    values: vec![bar.shown.clone()],
                })
                .collect(),
        },
        Chart::Radar(radar) => {
            let shown = |value: &Option<f64>| {
                value.map_or_else(
                    || scope.t("not_rated"),
                    |v| ScoreView::new(v, radar.max, false).text,
                )
            };
            let names = radar.series.iter().map(|s| s.name.clone());
            DataTable {
                head: std::iter::once(scope.t("col_criterion"))
                    .chain(names)
                    .collect(),
                rows: (radar.axes.iter().enumerate())
                    .map(|(axis, label)| DataRow {
                        label: label.clone(),
                        values: (radar.series.iter())
                            .map(|s| shown(&s.values[axis]))
                            .collect(),
                    })
                    .collect(),
            }
        }
    }
}
