//! Preview cards: a 1200×630 PNG for the home page, each ranking, item and pair, in every
//! language, that a chat or a post shows when a page is shared (`og:image`). A card is the
//! theme's SVG template (`templates/cards/card.svg`) filled from the page's data ([`view`]),
//! its text fitted to its boxes, drawn by [`crate::raster`].
//!
//! Cards are cached by content: a card's file name holds a hash of everything it is drawn
//! from (its data, the template, the colours, the fonts), so a build that finds a file of
//! that name in the previous output takes its bytes and draws only the cards that changed.
//! Nothing is kept anywhere but in the output itself.

pub mod view;

use std::collections::BTreeMap;
use std::path::Path;

use rayon::prelude::*;
use serde::Serialize;

use super::fit::{self, Fitted};
use super::palette::Palette;
use super::reuse::{self, fnv};
use super::routes::{Route, lang_prefix};
use super::views::Scope;
use super::{Delivery, OutputFile, Renderer, template_failure};
use crate::config::{MOST_CARDS, PageKind, PageKinds};
use crate::error::{Diagnostic, Failure};
use crate::raster::Raster;
use view::CardView;

/// A card's size in pixels, the one preview services show whole.
pub const WIDTH: u32 = 1200;
pub const HEIGHT: u32 = 630;
/// The theme's card template.
pub const TEMPLATE: &str = "cards/card.svg";
/// Changes whenever the drawing changes in a way the template does not show (layout rules),
/// so that cards of an older versus are drawn again.
const VERSION: &str = "cards 1";

/// What a page's `<head>` says of its card.
#[derive(Debug, Clone, Serialize)]
pub struct CardMeta {
    /// Absolute address (with the base URL), as preview services require.
    pub url: String,
    pub alt: String,
    pub width: u32,
    pub height: u32,
}

/// One card to make: for which page, its file, its data.
struct Card {
    /// The file below the output folder: `frameworks/django/card-<hash>.png`.
    path: String,
    view: CardView,
}

/// Every card of a build, and which page shows which.
#[derive(Default)]
pub struct Cards {
    cards: Vec<Card>,
    palette: Palette,
    by_page: BTreeMap<(String, Route), usize>,
}

impl Cards {
    /// The cards of a site in every language, as `[cards]` in site.toml allows.
    pub fn plan(renderer: &Renderer) -> Cards {
        let seed = seed(renderer, &palette(renderer));
        let routes = routes_with(renderer, &renderer.site.config.cards, MOST_CARDS);
        let mut cards = Cards {
            palette: palette(renderer),
            ..Cards::default()
        };
        for lang in renderer.site.config.language_codes() {
            let scope = Scope {
                site: renderer.site,
                lang,
                strings: &renderer.theme.strings[lang],
                root: String::new(),
                derived: &renderer.derived,
            };
            let made: Vec<Card> = (routes.par_iter())
                .map(|(route, kind)| {
                    let view = card_view(&scope, route, *kind);
                    let hash = hash_of(seed, &view);
                    let folder = route.path(&renderer.site.config.items);
                    let prefix = lang_prefix(lang, scope.default_lang());
                    Card {
                        path: format!("{prefix}{folder}card-{hash:016x}.png"),
                        view,
                    }
                })
                .collect();
            for ((route, _), card) in routes.iter().zip(made) {
                let key = (lang.to_string(), route.clone());
                cards.by_page.insert(key, cards.cards.len());
                cards.cards.push(card);
            }
        }
        cards
    }

    /// The card a page shows when shared: its own, else the home page's (none if the home
    /// page has none either).
    pub fn for_page(&self, lang: &str, route: &Route, base_url: &str) -> Option<CardMeta> {
        let own = match route {
            Route::Rankings(_) => Route::Rankings(1),
            Route::Ranking(id, _) => Route::Ranking(id.clone(), 1),
            other => other.clone(),
        };
        let found = (self.by_page.get(&(lang.to_string(), own)))
            .or_else(|| self.by_page.get(&(lang.to_string(), Route::Home)))?;
        let card = &self.cards[*found];
        Some(CardMeta {
            url: format!("{base_url}{}", card.path),
            alt: card.view.alt.clone(),
            width: WIDTH,
            height: HEIGHT,
        })
    }

    /// Every card's file, handed to `keep` as it is made: taken from `previous` (the last
    /// build's output) when a file of the same name is there, else drawn.
    pub fn files(
        &self,
        renderer: &Renderer,
        previous: Option<&Path>,
        delivery: &Delivery,
    ) -> Result<(Vec<OutputFile>, Vec<Diagnostic>), Failure> {
        let raster = Raster::new(&renderer.theme.fonts);
        let results: Vec<(OutputFile, Option<Diagnostic>)> = (self.cards.par_iter())
            .with_max_len(1)
            .map(|card| {
                let file = match reuse::reused(delivery, previous, &card.path)? {
                    Some(file) => file,
                    None => (delivery.keep)(OutputFile {
                        path: card.path.clone(),
                        bytes: draw(renderer, &raster, &self.palette, card)?,
                    })?,
                };
                Ok((file, lacking(&raster, card)))
            })
            .collect::<Result<_, Failure>>()?;
        let (files, warnings): (Vec<_>, Vec<_>) = results.into_iter().unzip();
        Ok((files, warnings.into_iter().flatten().collect()))
    }
}

/// The pages with a picture of their own as `config` allows (a card, a chart to download),
/// in the order its `max` counts them.
pub(super) fn routes_with(
    renderer: &Renderer,
    config: &PageKinds,
    default_max: usize,
) -> Vec<(Route, PageKind)> {
    let site = renderer.site;
    let mut routes = vec![
        (Route::Home, PageKind::Home),
        (Route::Rankings(1), PageKind::Ranking),
    ];
    routes.extend(
        (site.config.criteria.iter()).map(|c| (Route::Ranking(c.id.clone(), 1), PageKind::Ranking)),
    );
    routes.extend(
        (renderer.derived.overall.iter())
            .map(|s| (Route::Item(site.items[s.item].slug.clone()), PageKind::Item)),
    );
    routes.extend((renderer.derived.pairs.iter()).map(|p| {
        let (a, b) = (&site.items[p.a].slug, &site.items[p.b].slug);
        (Route::Pair(a.clone(), b.clone()), PageKind::Pair)
    }));
    (routes.into_iter())
        .filter(|(_, kind)| config.kinds.contains(kind))
        .take(config.most(default_max))
        .collect()
}

fn card_view(scope: &Scope, route: &Route, kind: PageKind) -> CardView {
    let index = |slug: &str| super::derived::item_index(scope.site, slug).unwrap_or_default();
    match (kind, route) {
        (PageKind::Item, Route::Item(slug)) => view::item(scope, index(slug)),
        (PageKind::Pair, Route::Pair(a, b)) => view::pair(scope, index(a), index(b)),
        (PageKind::Ranking, Route::Ranking(id, _)) => view::ranking(scope, Some(id)),
        (PageKind::Ranking, _) => view::ranking(scope, None),
        _ => view::home(scope),
    }
}

/// The hash every card's starts from: the drawing's version, the template, colours, fonts.
fn seed(renderer: &Renderer, palette: &Palette) -> u64 {
    let template = (renderer.theme.templates.iter())
        .find(|(name, _)| name == TEMPLATE)
        .map_or("", |(_, source)| source.as_str());
    let hash = reuse::seed(VERSION, &renderer.theme.fonts);
    let hash = fnv(hash, template.as_bytes());
    fnv(hash, format!("{palette:?}").as_bytes())
}

fn hash_of(seed: u64, view: &CardView) -> u64 {
    fnv(seed, &serde_json::to_vec(view).unwrap_or_default())
}

/// The theme's colours, from its stylesheet.
pub fn palette(renderer: &Renderer) -> Palette {
    let css = (renderer.theme.static_files.iter())
        .find(|(name, _)| name == "style.css")
        .map(|(_, bytes)| String::from_utf8_lossy(bytes).into_owned())
        .unwrap_or_default();
    Palette::from_css(&css)
}

/// The card's text laid out in its boxes (widths in the template's pixels).
#[derive(Debug, Serialize)]
struct Layout {
    site: String,
    title: Fitted,
    subtitle: Fitted,
    figure_size: f64,
    figure_label: String,
    /// Each bar's label, cut to its width.
    labels: Vec<String>,
    /// A pair's two names, cut to the width of half the chart.
    legend: Vec<String>,
}

/// Widths of the template's boxes: the left column (title, subtitle, figure) and the chart's
/// labels on the right.
const TEXT_WIDTH: f64 = 520.0;
const LABEL_WIDTH: f64 = 340.0;
const LEGEND_WIDTH: f64 = 190.0;

fn layout(raster: &Raster, view: &CardView) -> Layout {
    let bold = |text: &str, size: f64| raster.width(text, size, 700);
    let regular = |text: &str, size: f64| raster.width(text, size, 400);
    let figure = fit::fit(
        &view.figure,
        TEXT_WIDTH,
        &[96.0, 80.0, 64.0, 48.0],
        1,
        &bold,
    );
    Layout {
        site: fit::ellipsize(&view.site, TEXT_WIDTH, 26.0, &bold),
        title: fit::fit(&view.title, TEXT_WIDTH, &[64.0, 56.0, 48.0, 40.0], 2, &bold),
        subtitle: fit::fit(&view.subtitle, TEXT_WIDTH, &[26.0], 3, &regular),
        figure_size: figure.size,
        figure_label: fit::ellipsize(&view.figure_label, TEXT_WIDTH, 24.0, &regular),
        legend: (view.legend.iter())
            .map(|name| fit::ellipsize(name, LEGEND_WIDTH, 22.0, &regular))
            .collect(),
        labels: (view.bars.iter())
            .map(|b| fit::ellipsize(&b.label, LABEL_WIDTH, 24.0, &regular))
            .collect(),
    }
}

/// Draws a card: the template filled in, then rasterised.
fn draw(
    renderer: &Renderer,
    raster: &Raster,
    palette: &Palette,
    card: &Card,
) -> Result<Vec<u8>, Failure> {
    let mut context = tera::Context::new();
    context.insert("card", &card.view);
    context.insert("layout", &layout(raster, &card.view));
    context.insert("colors", palette);
    context.insert("width", &WIDTH);
    context.insert("height", &HEIGHT);
    let svg = (renderer.tera.render(TEMPLATE, &context))
        .map_err(|e| template_failure(&e, renderer.theme))?;
    raster.png(&svg).map_err(|why| {
        let origin = renderer.theme.origin(TEMPLATE);
        Failure::single(Diagnostic::error(
            origin,
            format!("cannot draw the card {}: {why}", card.path),
        ))
    })
}

/// A warning naming the characters of the card's text that its fonts lack.
fn lacking(raster: &Raster, card: &Card) -> Option<Diagnostic> {
    let v = &card.view;
    let text: String = [&v.title, &v.subtitle, &v.figure, &v.figure_label, &v.site]
        .into_iter()
        .chain(v.bars.iter().map(|b| &b.label))
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(" ");
    let missing = raster.missing(&text);
    (!missing.is_empty()).then(|| {
        let list: Vec<String> = missing.iter().map(char::to_string).collect();
        let list = list.join(" ");
        Diagnostic::warning(
            &card.path,
            format!("the card font has no glyph for {list}: drawn as empty boxes (see themes/default/fonts/README.md)"),
        )
    })
}
