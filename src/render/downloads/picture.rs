//! A chart as a picture of its own (pure): the chart drawn at fixed pixel positions with its
//! title above it, a pair's legend, and below it the source (the report and the page's
//! address) and the report's licence. Its colours are written into its own `<style>`, its text
//! in a generic font stack, so the file shows the same anywhere, without the site's stylesheet;
//! text is fitted to the width with the measure given in (SVG has no line wrapping).

use std::fmt::Write;

use crate::chart::{Chart, escape};
use crate::render::fit::{self, Measure};
use crate::render::palette::Palette;

/// The words around a chart.
pub struct Frame<'a> {
    pub lang: &'a str,
    /// "Source: Web frameworks compared, https://example.org/frameworks/django/".
    pub source: &'a str,
    pub licence: Option<&'a str>,
}

/// How wide every picture is, and its margin.
pub const WIDTH: f64 = 800.0;
const MARGIN: f64 = 32.0;
/// Room each side of a radar's labels leave at its left and right (its drawing is 520 wide).
const RADAR_LABEL: f64 = 200.0;
const FOOT_SIZE: f64 = 13.0;
const LINE: f64 = 1.35;

/// The generic font stack: the reader's own sans-serif (with Hangul) where the file is opened.
const FONTS: &str = r#"system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans KR", "Apple SD Gothic Neo", "Malgun Gothic", sans-serif"#;

/// How wide text is in the picture's fonts: regular and bold.
pub struct Measures<'a> {
    pub regular: Measure<'a>,
    pub bold: Measure<'a>,
}

/// The picture of `chart` as a standalone SVG document.
pub fn svg(chart: &Chart, frame: &Frame, palette: &Palette, measures: &Measures) -> String {
    let inner = WIDTH - 2.0 * MARGIN;
    let title = fit::fit(chart.title(), inner, &[24.0, 20.0], 2, measures.bold);
    let mut body = String::new();
    let mut y = MARGIN;
    for line in &title.lines {
        y += title.size;
        text(&mut body, "title", MARGIN, y, line);
        y += title.size * (LINE - 1.0);
    }
    y += 12.0;
    y = legend(&mut body, chart, y, measures.bold);
    let fitted = fitted_chart(chart, measures.bold);
    let (drawing, width, height) = fitted.drawing(inner);
    let x = MARGIN + (inner - width) / 2.0;
    let _ = write!(
        body,
        r#"<g class="{kind}" transform="translate({x} {y})">{drawing}</g>"#,
        kind = kind(chart),
    );
    y += height + 20.0;
    let foot = [Some(frame.source), frame.licence].into_iter().flatten();
    for line in foot.flat_map(|t| fit::fit(t, inner, &[FOOT_SIZE], 2, measures.regular).lines) {
        y += FOOT_SIZE;
        text(&mut body, "foot", MARGIN, y, &line);
        y += FOOT_SIZE * (LINE - 1.0);
    }
    let height = (y + MARGIN).ceil();
    format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" xml:lang="{lang}" role="img"><title>{title}</title><desc>{desc}</desc><style>{style}</style><rect width="100%" height="100%" fill="{bg}"/>{body}</svg>"#,
        lang = escape(frame.lang),
        title = escape(chart.title()),
        desc = escape(chart.description()),
        style = style(palette, title.size),
        bg = palette.bg,
    )
}

fn kind(chart: &Chart) -> &'static str {
    match chart {
        Chart::Bar(_) => "bars",
        Chart::Radar(_) => "radar",
    }
}

fn text(svg: &mut String, class: &str, x: f64, y: f64, content: &str) {
    let _ = write!(
        svg,
        r#"<text class="{class}" x="{x}" y="{y}">{}</text>"#,
        escape(content)
    );
}

/// A radar's series, when it has more than one: a solid and a dashed line before each name,
/// as on the page. Returns where the chart begins.
fn legend(svg: &mut String, chart: &Chart, y: f64, measure: Measure) -> f64 {
    let Chart::Radar(radar) = chart else {
        return y;
    };
    if radar.series.len() < 2 {
        return y;
    }
    let half = (WIDTH - 2.0 * MARGIN) / 2.0;
    for (index, series) in radar.series.iter().enumerate() {
        let x = MARGIN + index as f64 * half;
        let name = fit::ellipsize(&series.name, half - 48.0, 14.0, measure);
        let _ = write!(
            svg,
            r#"<g class="series-{index}"><line class="edge" x1="{x}" x2="{}" y1="{}" y2="{}"/></g>"#,
            x + 28.0,
            y + 9.0,
            y + 9.0,
        );
        text(svg, "label", x + 36.0, y + 14.0, &name);
    }
    y + 32.0
}

/// The chart with its labels cut to the room the picture gives them.
fn fitted_chart(chart: &Chart, measure: Measure) -> Chart {
    let mut chart = chart.clone();
    let cut = |text: &mut String, width: f64, size: f64| {
        *text = fit::ellipsize(text, width, size, measure);
    };
    match &mut chart {
        Chart::Bar(bars) => {
            for bar in &mut bars.bars {
                cut(&mut bar.label, WIDTH - 2.0 * MARGIN, 14.0);
            }
        }
        Chart::Radar(radar) => {
            for axis in &mut radar.axes {
                cut(axis, RADAR_LABEL, 13.0);
            }
        }
    }
    chart
}

/// The site's chart styles with the theme's colours written in.
fn style(p: &Palette, title: f64) -> String {
    format!(
        concat!(
            "text{{font-family:{fonts};fill:{text}}}",
            ".title{{font-size:{title}px;font-weight:700}}",
            ".foot{{font-size:{foot}px;fill:{muted}}}",
            ".label{{font-size:14px;font-weight:600}}",
            ".radar .label{{font-size:13px}}",
            ".value{{font-size:13px;font-weight:700}}",
            ".unrated .value,.unrated .label{{fill:{muted};font-weight:500}}",
            ".bar{{fill:{bar}}}",
            ".bar-empty{{fill:none;stroke:{border};stroke-dasharray:4 3}}",
            ".grid line,.grid polygon{{fill:none;stroke:{border};stroke-width:1}}",
            ".grid text{{font-size:11px;fill:{muted}}}",
            ".series-0 .area{{fill:{bar};fill-opacity:0.18;stroke:{bar};stroke-width:2.5}}",
            ".series-0 .edge{{stroke:{bar};stroke-width:2.5}}",
            ".series-0 circle{{fill:{bar}}}",
            ".series-1 .area{{fill:{bar2};fill-opacity:0.12;stroke:{bar2};stroke-width:2.5;stroke-dasharray:7 4}}",
            ".series-1 .edge{{stroke:{bar2};stroke-width:2.5;stroke-dasharray:7 4}}",
            ".series-1 rect{{fill:{bar2}}}",
        ),
        fonts = FONTS,
        text = p.text,
        muted = p.muted,
        border = p.border,
        bar = p.bar,
        bar2 = p.bar_2,
        foot = FOOT_SIZE,
        title = title,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::{Bar, BarChart, RadarChart, Series};

    fn measures() -> (impl Fn(&str, f64) -> f64, impl Fn(&str, f64) -> f64) {
        let width = |text: &str, size: f64| text.chars().count() as f64 * size * 0.6;
        (width, width)
    }

    fn frame() -> Frame<'static> {
        Frame {
            lang: "en",
            source: "Source: Widgets, https://example.org/",
            licence: Some("CC BY 4.0"),
        }
    }

    #[test]
    fn a_long_label_is_cut_to_the_picture_and_every_line_is_drawn() {
        let long = "A widget with a very long name ".repeat(6);
        let chart = Chart::Bar(BarChart {
            id: "chart-overall".into(),
            title: "Overall <score>".into(),
            description: "Alpha leads".into(),
            max: 5.0,
            bars: vec![Bar {
                label: long.clone(),
                value: Some(4.0),
                shown: "4.0".into(),
            }],
        });
        let (regular, bold) = measures();
        let measures = Measures {
            regular: &regular,
            bold: &bold,
        };
        let svg = svg(&chart, &frame(), &Palette::from_css(""), &measures);
        assert!(svg.starts_with(r#"<svg xmlns="http://www.w3.org/2000/svg" width="800""#));
        assert!(
            svg.contains(">Overall &lt;score&gt;</text>"),
            "the title, escaped"
        );
        assert!(!svg.contains(long.trim()), "the label is cut");
        assert!(svg.contains("…</text>"));
        assert!(svg.contains(">Source: Widgets, https://example.org/</text>"));
        assert!(svg.contains(">CC BY 4.0</text>"));
        assert!(svg.contains(".bar{fill:#2563c9}"), "the colours written in");
    }

    #[test]
    fn a_pair_has_a_legend_and_no_licence_means_no_line() {
        let chart = Chart::Radar(RadarChart {
            id: "chart-pair".into(),
            title: "Alpha vs Beta".into(),
            description: String::new(),
            axes: vec!["Speed".into(), "Docs".into(), "Scale".into()],
            axis_notes: Vec::new(),
            max: 5.0,
            series: ["Alpha", "Beta"]
                .map(|name| Series {
                    name: name.into(),
                    values: vec![Some(3.0); 3],
                })
                .to_vec(),
        });
        let (regular, bold) = measures();
        let measures = Measures {
            regular: &regular,
            bold: &bold,
        };
        let frame = Frame {
            licence: None,
            ..frame()
        };
        let svg = svg(&chart, &frame, &Palette::from_css(""), &measures);
        assert!(
            svg.contains(r#"<g class="series-1"><line class="edge""#),
            "{svg}"
        );
        assert!(svg.contains(">Beta</text>"));
        assert!(!svg.contains("CC BY"));
    }
}
