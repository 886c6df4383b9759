//! SVG charts drawn at build time (pure: data in, SVG text out). Bars are laid out in percent
//! of the chart's width and text in real pixels, so charts stay legible from phone to desktop
//! without a chart library in the browser. Colours come from CSS classes, so dark mode,
//! forced colours and print restyle them.

use std::fmt::Write;

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

/// Draws a horizontal bar chart as inline SVG.
pub fn bar_chart(chart: &BarChart) -> String {
    let height = chart.bars.len() as u32 * ROW + AXIS;
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg class="chart bar-chart" role="img" width="100%" height="{height}" aria-labelledby="{id}-title {id}-desc" xmlns="http://www.w3.org/2000/svg"><title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>"#,
        id = escape(&chart.id),
        title = escape(&chart.title),
        desc = escape(&chart.description),
    );
    grid(&mut svg, chart.max, height - AXIS);
    for (index, bar) in chart.bars.iter().enumerate() {
        row(&mut svg, bar, chart.max, index as u32 * ROW);
    }
    svg.push_str("</svg>");
    svg
}

fn grid(svg: &mut String, max: f64, bottom: u32) {
    let steps = max.ceil() as u32;
    svg.push_str(r#"<g class="grid" aria-hidden="true">"#);
    for step in 0..=steps {
        let x = percent(f64::from(step), max);
        let _ = write!(
            svg,
            r#"<line x1="{x}%" x2="{x}%" y1="0" y2="{bottom}"/><text x="{x}%" y="{y}" text-anchor="middle">{step}</text>"#,
            y = bottom + 16,
        );
    }
    svg.push_str("</g>");
}

fn row(svg: &mut String, bar: &Bar, max: f64, top: u32) {
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
            let width = percent(value, max);
            let _ = write!(
                svg,
                r#"<rect class="bar" x="0" y="{y}" width="{width}%" height="{BAR_HEIGHT}" rx="3"/><text class="value" x="{width}%" dx="6" y="{text_y}">{shown}</text>"#,
                shown = escape(&bar.shown),
            );
        }
        None => {
            let _ = write!(
                svg,
                r#"<rect class="bar-empty" x="0" y="{y}" width="{BAR_SPAN}%" height="{BAR_HEIGHT}" rx="3"/><text class="value" x="6" y="{text_y}">{shown}</text>"#,
                shown = escape(&bar.shown),
            );
        }
    }
    svg.push_str("</g>");
}

/// Position of `value` as a percentage of the chart's width, two decimals.
fn percent(value: f64, max: f64) -> String {
    let p = if max > 0.0 {
        value.clamp(0.0, max) / max * BAR_SPAN
    } else {
        0.0
    };
    let text = format!("{p:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// Escapes text for XML content and attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
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

    #[test]
    fn output_is_deterministic() {
        assert_eq!(bar_chart(&chart()), bar_chart(&chart()));
    }
}
