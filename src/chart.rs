//! SVG charts drawn at build time (pure: data in, SVG text out). Bars are laid out in percent
//! of the chart's width and text in real pixels, so charts stay legible from phone to desktop
//! without a chart library in the browser. Colours come from CSS classes, so dark mode,
//! forced colours and print restyle them.

use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt::Write;
use std::rc::Rc;

use crate::text::{Decimal, push_decimal};

/// One bar: its label, its value (`None` when not rated) and the text shown beside it.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub label: String,
    pub value: Option<f64>,
    pub shown: String,
}

/// A horizontal bar chart with an accessible name and description.
#[derive(Debug, Clone, PartialEq)]
pub struct BarChart {
    /// Unique on its page: used for the title and description element ids.
    pub id: String,
    pub title: String,
    pub description: String,
    /// The value a full bar stands for.
    pub max: f64,
    pub bars: Vec<Bar>,
}

const ROW: u32 = 46;
const LABEL_Y: u32 = 16;
const BAR_Y: u32 = 22;
const BAR_HEIGHT: u32 = 16;
/// Share of the width a full bar takes; the rest leaves room for the value text.
const BAR_SPAN: f64 = 86.0;
const AXIS: u32 = 22;

/// A page's chart: a ranking's bars or an item's (or a pair's) ratings on a radar.
#[derive(Debug, Clone, PartialEq)]
pub enum Chart {
    Bar(BarChart),
    Radar(RadarChart),
}

impl Chart {
    /// The chart as inline SVG, as wide as the page gives it.
    pub fn svg(&self) -> String {
        match self {
            Chart::Bar(chart) => bar_chart(chart),
            Chart::Radar(chart) => radar_chart(chart),
        }
    }

    pub fn title(&self) -> &str {
        match self {
            Chart::Bar(chart) => &chart.title,
            Chart::Radar(chart) => &chart.title,
        }
    }

    pub fn description(&self) -> &str {
        match self {
            Chart::Bar(chart) => &chart.description,
            Chart::Radar(chart) => &chart.description,
        }
    }

    /// The chart's elements at fixed pixel positions, for a picture of its own: the elements
    /// (no `<svg>` around them) and their width and height. A bar chart is drawn `width`
    /// wide; a radar chart has a size of its own.
    pub fn drawing(&self, width: f64) -> (String, f64, f64) {
        let mut svg = String::new();
        match self {
            Chart::Bar(chart) => {
                bar_body(&mut svg, chart, Across::Pixels(width));
                (svg, width, f64::from(bar_height(chart)))
            }
            Chart::Radar(chart) => {
                radar_body(&mut svg, chart);
                (svg, RADAR_WIDTH, RADAR_HEIGHT)
            }
        }
    }
}

/// How a bar chart's horizontal positions are written: in percent of the width the page
/// gives it, or in pixels of a fixed width.
#[derive(Debug, Clone, Copy)]
enum Across {
    Percent,
    Pixels(f64),
}

impl Across {
    /// The position `p` percent across, two decimals.
    fn at(self, p: f64) -> String {
        let (value, unit) = match self {
            Across::Percent => (p, "%"),
            Across::Pixels(width) => (p * width / 100.0, ""),
        };
        let text = format!("{value:.2}");
        let text = text.trim_end_matches('0').trim_end_matches('.');
        format!("{text}{unit}")
    }
}

fn bar_height(chart: &BarChart) -> u32 {
    chart.bars.len() as u32 * ROW + AXIS
}

/// Draws a horizontal bar chart as inline SVG.
pub fn bar_chart(chart: &BarChart) -> String {
    let height = bar_height(chart);
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg class="chart bar-chart" role="img" width="100%" height="{height}" aria-labelledby="{id}-title {id}-desc" xmlns="http://www.w3.org/2000/svg"><title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>"#,
        id = escape(&chart.id),
        title = escape(&chart.title),
        desc = escape(&chart.description),
    );
    bar_body(&mut svg, chart, Across::Percent);
    svg.push_str("</svg>");
    svg
}

fn bar_body(svg: &mut String, chart: &BarChart, across: Across) {
    grid(svg, chart.max, bar_height(chart) - AXIS, across);
    for (index, bar) in chart.bars.iter().enumerate() {
        row(svg, bar, chart.max, index as u32 * ROW, across);
    }
}

/// The most gridlines (or radar rings) a chart draws besides the one at 0.
const MAX_GRIDLINES: f64 = 10.0;

/// The values gridlines are drawn at, from 0 up to `max`: every whole number, or every 2, 5, 10,
/// 20, 50... when that would draw more than [`MAX_GRIDLINES`]. However large `max` is, a
/// chart draws at most a dozen lines.
fn gridlines(max: f64) -> impl Iterator<Item = f64> {
    let max = if max.is_finite() { max.max(0.0) } else { 0.0 };
    let step = [1.0, 2.0, 5.0]
        .iter()
        .flat_map(|m| (0..16).map(move |e| m * 10f64.powi(e)))
        .filter(|step| (max / step).floor() <= MAX_GRIDLINES)
        .fold(f64::INFINITY, f64::min);
    let count = (max / step).floor() as u32;
    (0..=count).map(move |n| f64::from(n) * step)
}

fn grid(svg: &mut String, max: f64, bottom: u32, across: Across) {
    svg.push_str(r#"<g class="grid" aria-hidden="true">"#);
    for value in gridlines(max) {
        let x = across.at(percent(value, max));
        let _ = write!(
            svg,
            r#"<line x1="{x}" x2="{x}" y1="0" y2="{bottom}"/><text x="{x}" y="{y}" text-anchor="middle">{value}</text>"#,
            y = bottom + 16,
        );
    }
    svg.push_str("</g>");
}

fn row(svg: &mut String, bar: &Bar, max: f64, top: u32, across: Across) {
    let _ = write!(
        svg,
        r#"<g class="row{unrated}"><text class="label" x="0" y="{y}">{label}</text>"#,
        unrated = if bar.value.is_none() { " unrated" } else { "" },
        y = top + LABEL_Y,
        label = escape(&bar.label),
    );
    let y = top + BAR_Y;
    let text_y = y + BAR_HEIGHT - 3;
    match bar.value {
        Some(value) => {
            let width = across.at(percent(value, max));
            let _ = write!(
                svg,
                r#"<rect class="bar" x="0" y="{y}" width="{width}" height="{BAR_HEIGHT}" rx="3"/><text class="value" x="{width}" dx="6" y="{text_y}">{shown}</text>"#,
                shown = escape(&bar.shown),
            );
        }
        None => {
            let _ = write!(
                svg,
                r#"<rect class="bar-empty" x="0" y="{y}" width="{span}" height="{BAR_HEIGHT}" rx="3"/><text class="value" x="6" y="{text_y}">{shown}</text>"#,
                span = across.at(BAR_SPAN),
                shown = escape(&bar.shown),
            );
        }
    }
    svg.push_str("</g>");
}

/// Position of `value` as a percentage of the chart's width.
fn percent(value: f64, max: f64) -> f64 {
    if max > 0.0 {
        value.clamp(0.0, max) / max * BAR_SPAN
    } else {
        0.0
    }
}

/// One series of a radar chart: a value per axis, `None` where not rated.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub name: String,
    pub values: Vec<Option<f64>>,
}

/// A radar (spider) chart: one axis per criterion, one outline per series. The first series is
/// drawn solid with round markers, the second dashed with square ones, so colour is never the
/// only way to tell them apart. Unrated axes break the outline instead of dropping to zero.
#[derive(Debug, Clone, PartialEq)]
pub struct RadarChart {
    pub id: String,
    pub title: String,
    pub description: String,
    pub axes: Vec<String>,
    /// Text under each axis label (a single series' score, or empty).
    pub axis_notes: Vec<String>,
    pub max: f64,
    pub series: Vec<Series>,
}

const RADAR_WIDTH: f64 = 520.0;
const RADAR_HEIGHT: f64 = 380.0;
const RADAR_RADIUS: f64 = 125.0;

/// Draws a radar chart as inline SVG.
pub fn radar_chart(chart: &RadarChart) -> String {
    // About 3 KB with two series: room for it from the start.
    let mut svg = String::with_capacity(4096);
    let _ = write!(
        svg,
        r#"<svg class="chart radar-chart" role="img" viewBox="0 0 {RADAR_WIDTH} {RADAR_HEIGHT}" aria-labelledby="{id}-title {id}-desc" xmlns="http://www.w3.org/2000/svg"><title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>"#,
        id = escape(&chart.id),
        title = escape(&chart.title),
        desc = escape(&chart.description),
    );
    radar_body(&mut svg, chart);
    svg.push_str("</svg>");
    svg
}

fn radar_body(svg: &mut String, chart: &RadarChart) {
    radar_grid(svg, chart);
    for (index, series) in chart.series.iter().enumerate() {
        radar_series(svg, chart, series, index);
    }
}

/// The point at `value` on axis `axis` of `count`, as rounded SVG coordinates.
fn radar_point(axis: usize, count: usize, value: f64, max: f64) -> (f64, f64) {
    let r = if max > 0.0 {
        value.clamp(0.0, max) / max * RADAR_RADIUS
    } else {
        0.0
    };
    point_at(axis, count, r)
}

/// The point `r` pixels from the centre along axis `axis` of `count`.
fn point_at(axis: usize, count: usize, r: f64) -> (f64, f64) {
    let angle = -std::f64::consts::FRAC_PI_2 + axis as f64 * std::f64::consts::TAU / count as f64;
    let round = |v: f64| (v * 10.0).round() / 10.0;
    (
        round(RADAR_WIDTH / 2.0 + r * angle.cos()),
        round(RADAR_HEIGHT / 2.0 + r * angle.sin()),
    )
}

/// What a thread has drawn of radars' frames, by the number of axes, the scale and the labels
/// (none for the web alone): every chart of a report draws the same rings and spokes, and
/// every pair page of a language the same labels around them, so each is drawn once and the
/// few there are kept.
fn kept_frame(key: (usize, f64, Option<String>), draw: impl FnOnce() -> String) -> Rc<str> {
    const KEPT: usize = 16;
    /// The number of axes, the scale's bits, and the labels.
    type Key = (usize, u64, Option<String>);
    thread_local! {
        static FRAMES: RefCell<HashMap<Key, Rc<str>>> = RefCell::default();
    }
    FRAMES.with_borrow_mut(|frames| {
        if frames.len() >= KEPT {
            frames.clear();
        }
        let frame = frames.entry((key.0, key.1.to_bits(), key.2));
        frame.or_insert_with(|| draw().into()).clone()
    })
}

fn draw_radar_web(count: usize, max: f64) -> String {
    let mut svg = String::from(r#"<g class="grid" aria-hidden="true">"#);
    for ring in gridlines(max).skip(1) {
        let points: Vec<String> = (0..count)
            .map(|axis| {
                let (x, y) = radar_point(axis, count, ring, max);
                format!("{x},{y}")
            })
            .collect();
        let _ = write!(svg, r#"<polygon points="{}"/>"#, points.join(" "));
    }
    for axis in 0..count {
        let (x, y) = radar_point(axis, count, max, max);
        let _ = write!(
            svg,
            r#"<line x1="{cx}" y1="{cy}" x2="{x}" y2="{y}"/>"#,
            cx = RADAR_WIDTH / 2.0,
            cy = RADAR_HEIGHT / 2.0
        );
    }
    svg.push_str("</g>");
    svg
}

fn radar_grid(svg: &mut String, chart: &RadarChart) {
    let count = chart.axes.len();
    let web = kept_frame((count, chart.max, None), || {
        draw_radar_web(count, chart.max)
    });
    if chart.axis_notes.iter().all(String::is_empty) {
        let labels = chart.axes.join("\u{0}");
        svg.push_str(&kept_frame((count, chart.max, Some(labels)), || {
            let mut frame = String::from(&*web);
            radar_labels(&mut frame, chart);
            frame
        }));
    } else {
        svg.push_str(&web);
        radar_labels(svg, chart);
    }
}

/// The label of each axis, with its note (the score shown) below it.
fn radar_labels(svg: &mut String, chart: &RadarChart) {
    let count = chart.axes.len();
    for (axis, label) in chart.axes.iter().enumerate() {
        let (x, y) = point_at(axis, count, RADAR_RADIUS + 16.0);
        let anchor = match x - RADAR_WIDTH / 2.0 {
            dx if dx > 8.0 => "start",
            dx if dx < -8.0 => "end",
            _ => "middle",
        };
        let note = chart.axis_notes.get(axis).filter(|n| !n.is_empty());
        let y = if y < RADAR_HEIGHT / 2.0 - 8.0 && note.is_some() {
            y - 8.0
        } else {
            y
        };
        let (x, y) = (Decimal(x), Decimal(y));
        let _ = write!(
            svg,
            r#"<text class="label" x="{x}" y="{y}" text-anchor="{anchor}">{}"#,
            escape(label)
        );
        if let Some(note) = note {
            let _ = write!(
                svg,
                r#"<tspan class="value" x="{x}" dy="16">{}</tspan>"#,
                escape(note)
            );
        }
        svg.push_str("</text>");
    }
}

fn radar_series(svg: &mut String, chart: &RadarChart, series: &Series, index: usize) {
    let count = chart.axes.len();
    let points: Vec<Option<(f64, f64)>> = (series.values.iter().enumerate())
        .map(|(axis, v)| v.map(|v| radar_point(axis, count, v, chart.max)))
        .collect();
    let _ = write!(svg, r#"<g class="series series-{index}">"#);
    let complete = points.iter().all(Option::is_some);
    if complete && count > 2 {
        svg.push_str(r#"<polygon class="area" points=""#);
        for (n, &point) in points.iter().flatten().enumerate() {
            push_point(svg, [if n > 0 { " " } else { "" }, ",", ""], point);
        }
        svg.push_str(r#""/>"#);
    } else {
        for axis in 0..count {
            if let (Some(from), Some(to)) = (points[axis], points[(axis + 1) % count]) {
                push_point(svg, [r#"<line class="edge" x1=""#, r#"" y1=""#, ""], from);
                push_point(svg, [r#"" x2=""#, r#"" y2=""#, r#""/>"#], to);
            }
        }
    }
    for &(x, y) in points.iter().flatten() {
        match index {
            0 => push_point(
                svg,
                [r#"<circle cx=""#, r#"" cy=""#, r#"" r="4.5"/>"#],
                (x, y),
            ),
            _ => push_point(
                svg,
                [r#"<rect x=""#, r#"" y=""#, r#"" width="8" height="8"/>"#],
                (x - 4.0, y - 4.0),
            ),
        }
    }
    svg.push_str("</g>");
}

/// Appends `before`, `x`, `between`, `y` and `after` (`parts`), the coordinates as `Display`
/// writes them, without the formatting machinery: a radar has a few dozen.
fn push_point(svg: &mut String, [before, between, after]: [&str; 3], (x, y): (f64, f64)) {
    svg.push_str(before);
    push_decimal(svg, x);
    svg.push_str(between);
    push_decimal(svg, y);
    svg.push_str(after);
}

/// Escapes text for XML content and attributes (`& < > " '`, as tera's escaping does).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // Writing into a String cannot fail.
    let _ = pulldown_cmark_escape::escape_html(&mut out, text);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart() -> BarChart {
        BarChart {
            id: "overall".into(),
            title: "Overall <score>".into(),
            description: "Django leads".into(),
            max: 5.0,
            bars: vec![
                Bar {
                    label: "장고 & co".into(),
                    value: Some(4.5),
                    shown: "4.5".into(),
                },
                Bar {
                    label: "Koa".into(),
                    value: None,
                    shown: "not rated".into(),
                },
            ],
        }
    }

    #[test]
    fn bar_chart_snapshot() {
        let expected = concat!(
            r#"<svg class="chart bar-chart" role="img" width="100%" height="114" aria-labelledby="overall-title overall-desc" xmlns="http://www.w3.org/2000/svg">"#,
            r#"<title id="overall-title">Overall &lt;score&gt;</title><desc id="overall-desc">Django leads</desc>"#,
            r#"<g class="grid" aria-hidden="true">"#,
            r#"<line x1="0%" x2="0%" y1="0" y2="92"/><text x="0%" y="108" text-anchor="middle">0</text>"#,
            r#"<line x1="17.2%" x2="17.2%" y1="0" y2="92"/><text x="17.2%" y="108" text-anchor="middle">1</text>"#,
            r#"<line x1="34.4%" x2="34.4%" y1="0" y2="92"/><text x="34.4%" y="108" text-anchor="middle">2</text>"#,
            r#"<line x1="51.6%" x2="51.6%" y1="0" y2="92"/><text x="51.6%" y="108" text-anchor="middle">3</text>"#,
            r#"<line x1="68.8%" x2="68.8%" y1="0" y2="92"/><text x="68.8%" y="108" text-anchor="middle">4</text>"#,
            r#"<line x1="86%" x2="86%" y1="0" y2="92"/><text x="86%" y="108" text-anchor="middle">5</text>"#,
            r#"</g>"#,
            r#"<g class="row"><text class="label" x="0" y="16">장고 &amp; co</text>"#,
            r#"<rect class="bar" x="0" y="22" width="77.4%" height="16" rx="3"/><text class="value" x="77.4%" dx="6" y="35">4.5</text></g>"#,
            r#"<g class="row unrated"><text class="label" x="0" y="62">Koa</text>"#,
            r#"<rect class="bar-empty" x="0" y="68" width="86%" height="16" rx="3"/><text class="value" x="6" y="81">not rated</text></g>"#,
            r#"</svg>"#,
        );
        assert_eq!(bar_chart(&chart()), expected);
    }

    fn radar() -> RadarChart {
        RadarChart {
            id: "radar".into(),
            title: "Ratings".into(),
            description: "Strongest: speed".into(),
            axes: vec!["Speed".into(), "학습".into(), "Scale".into()],
            axis_notes: vec!["5".into(), "not rated".into(), "3".into()],
            max: 5.0,
            series: vec![Series {
                name: "A".into(),
                values: vec![Some(5.0), None, Some(3.0)],
            }],
        }
    }

    #[test]
    fn radar_chart_snapshot() {
        let expected = concat!(
            r#"<svg class="chart radar-chart" role="img" viewBox="0 0 520 380" aria-labelledby="radar-title radar-desc" xmlns="http://www.w3.org/2000/svg">"#,
            r#"<title id="radar-title">Ratings</title><desc id="radar-desc">Strongest: speed</desc>"#,
            r#"<g class="grid" aria-hidden="true"><polygon points="260,165 281.7,202.5 238.3,202.5"/>"#,
            r#"<polygon points="260,140 303.3,215 216.7,215"/><polygon points="260,115 325,227.5 195,227.5"/>"#,
            r#"<polygon points="260,90 346.6,240 173.4,240"/><polygon points="260,65 368.3,252.5 151.7,252.5"/>"#,
            r#"<line x1="260" y1="190" x2="260" y2="65"/><line x1="260" y1="190" x2="368.3" y2="252.5"/>"#,
            r#"<line x1="260" y1="190" x2="151.7" y2="252.5"/></g>"#,
            r#"<text class="label" x="260" y="41" text-anchor="middle">Speed<tspan class="value" x="260" dy="16">5</tspan></text>"#,
            r#"<text class="label" x="382.1" y="260.5" text-anchor="start">학습<tspan class="value" x="382.1" dy="16">not rated</tspan></text>"#,
            r#"<text class="label" x="137.9" y="260.5" text-anchor="end">Scale<tspan class="value" x="137.9" dy="16">3</tspan></text>"#,
            r#"<g class="series series-0"><line class="edge" x1="195" y1="227.5" x2="260" y2="65"/>"#,
            r#"<circle cx="260" cy="65" r="4.5"/><circle cx="195" cy="227.5" r="4.5"/></g></svg>"#,
        );
        assert_eq!(radar_chart(&radar()), expected);
    }

    #[test]
    fn a_second_series_is_drawn_with_square_markers() {
        let mut chart = radar();
        chart.series.push(Series {
            name: "B".into(),
            values: vec![Some(1.0), Some(1.0), Some(1.0)],
        });
        let svg = radar_chart(&chart);
        assert!(svg.contains(r#"<g class="series series-1"><polygon class="area""#));
        assert_eq!(svg.matches("<rect").count(), 3);
    }

    #[test]
    fn a_large_scale_draws_a_dozen_gridlines_at_most() {
        let at = |max: f64| gridlines(max).collect::<Vec<f64>>();
        assert_eq!(at(5.0), [0.0, 1.0, 2.0, 3.0, 4.0, 5.0]);
        assert_eq!(at(10.0).len(), 11);
        assert_eq!(at(11.0), [0.0, 2.0, 4.0, 6.0, 8.0, 10.0]);
        assert_eq!(at(100.0).last(), Some(&100.0));
        assert_eq!(at(1000.0).len(), 11);
        assert_eq!(at(1e300).len(), 1, "beyond any real scale: the line at 0");
        assert_eq!(at(f64::NAN), [0.0]);
        let mut chart = chart();
        chart.max = 1_000_000.0;
        assert_eq!(bar_chart(&chart).matches("<line").count(), 11);
        let mut radar = radar();
        radar.max = 1_000_000.0;
        assert_eq!(radar_chart(&radar).matches("<polygon").count(), 10);
    }

    #[test]
    fn a_drawing_of_a_bar_chart_is_in_pixels_of_its_width() {
        let (svg, width, height) = Chart::Bar(chart()).drawing(500.0);
        assert_eq!((width, height), (500.0, 114.0));
        assert!(!svg.contains('%') && !svg.contains("<svg"), "{svg}");
        assert!(
            svg.contains(r#"<rect class="bar" x="0" y="22" width="387" "#),
            "{svg}"
        );
        assert!(svg.contains(r#"<rect class="bar-empty" x="0" y="68" width="430" "#));
        let (radar, width, height) = Chart::Radar(radar()).drawing(500.0);
        assert_eq!((width, height), (RADAR_WIDTH, RADAR_HEIGHT));
        assert!(radar.starts_with(r#"<g class="grid""#), "{radar}");
    }

    #[test]
    fn output_is_deterministic() {
        assert_eq!(bar_chart(&chart()), bar_chart(&chart()));
    }
}
