//! The theme's colours for pictures drawn at build time (preview cards, charts to download):
//! read from the custom properties of the stylesheet's first `:root` rule (the light scheme),
//! so a theme that changes `--accent` in its `style.css` changes its cards too.

use serde::Serialize;

/// The colours a picture is drawn in, as CSS colour values.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize)]
pub struct Palette {
    pub bg: String,
    pub surface: String,
    pub text: String,
    pub muted: String,
    pub border: String,
    pub accent: String,
    pub bar: String,
    pub bar_2: String,
    pub bar_track: String,
}

impl Palette {
    /// The palette of a stylesheet; a colour it does not set keeps the default theme's.
    pub fn from_css(css: &str) -> Palette {
        let vars = root_variables(css);
        let pick = |name: &str, default: &str| {
            (vars.iter())
                .find(|(n, _)| n == name)
                .map_or_else(|| default.to_string(), |(_, v)| v.clone())
        };
        Palette {
            bg: pick("bg", "#ffffff"),
            surface: pick("surface", "#f6f7f9"),
            text: pick("text", "#1b1f24"),
            muted: pick("muted", "#57606a"),
            border: pick("border", "#d8dee4"),
            accent: pick("accent", "#1f5fbf"),
            bar: pick("bar", "#2563c9"),
            bar_2: pick("bar-2", "#b35900"),
            bar_track: pick("bar-track", "#e3e8ee"),
        }
    }
}

/// `--name: value` declarations of the first `:root { ... }` rule, names without `--`; values
/// that could break out of an SVG attribute are left out.
fn root_variables(css: &str) -> Vec<(String, String)> {
    let Some(start) = css.find(":root") else {
        return Vec::new();
    };
    let rest = &css[start..];
    let (Some(open), Some(close)) = (rest.find('{'), rest.find('}')) else {
        return Vec::new();
    };
    if close < open {
        return Vec::new();
    }
    rest[open + 1..close]
        .split(';')
        .filter_map(|declaration| {
            let (name, value) = declaration.split_once(':')?;
            let name = name.trim().strip_prefix("--")?;
            let value = value.trim();
            let safe = value
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "#(),.% -".contains(c));
            safe.then(|| (name.to_string(), value.to_string()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_light_scheme_and_keeps_defaults_for_the_rest() {
        let css = ":root {\n  --bg: #fffdf8;\n  --accent: rgb(10, 20, 30);\n  --bar: \"><script>;\n}\n@media (prefers-color-scheme: dark) { :root { --bg: #000; } }";
        let palette = Palette::from_css(css);
        assert_eq!(palette.bg, "#fffdf8");
        assert_eq!(palette.accent, "rgb(10, 20, 30)");
        assert_eq!(palette.bar, "#2563c9", "an unsafe value is ignored");
        assert_eq!(palette.text, "#1b1f24");
    }

    #[test]
    fn the_default_theme_has_every_colour() {
        let css = include_str!("../../themes/default/static/style.css");
        let palette = Palette::from_css(css);
        assert_eq!(palette.bar_2, "#b35900");
        assert_eq!(palette.bar_track, "#e3e8ee");
    }
}
