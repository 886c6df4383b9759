//! Colour contrast (pure): WCAG relative luminance and contrast ratio, and a pass that makes
//! every text colour in a stylesheet readable on a given background (at least 4.5:1) by
//! mixing it toward white or black. Used on syntax-highlighting themes, whose palettes were
//! not designed for accessibility.

/// An sRGB colour.
pub type Rgb = (u8, u8, u8);

/// WCAG 2 contrast ratio needed for normal text.
pub const TEXT_CONTRAST: f64 = 4.5;

fn channel(c: u8) -> f64 {
    let c = f64::from(c) / 255.0;
    if c <= 0.04045 {
        c / 12.92
    } else {
        ((c + 0.055) / 1.055).powf(2.4)
    }
}

/// WCAG relative luminance.
pub fn luminance((r, g, b): Rgb) -> f64 {
    0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
}

/// WCAG contrast ratio of two colours (1 to 21).
pub fn ratio(a: Rgb, b: Rgb) -> f64 {
    let (x, y) = (luminance(a), luminance(b));
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

/// `colour`, mixed toward white on a dark background or black on a light one just enough to
/// reach [`TEXT_CONTRAST`] against `background`.
pub fn readable(colour: Rgb, background: Rgb) -> Rgb {
    let target: Rgb = if luminance(background) < 0.5 {
        (255, 255, 255)
    } else {
        (0, 0, 0)
    };
    let mix = |t: f64| {
        let m = |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * t).round() as u8;
        (
            m(colour.0, target.0),
            m(colour.1, target.1),
            m(colour.2, target.2),
        )
    };
    (0..=20)
        .map(|step| mix(f64::from(step) / 20.0))
        .find(|c| ratio(*c, background) >= TEXT_CONTRAST)
        .unwrap_or(target)
}

fn parse_hex(hex: &str) -> Option<Rgb> {
    let byte = |i: usize| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok();
    (hex.len() == 6)
        .then(|| Some((byte(0)?, byte(2)?, byte(4)?)))
        .flatten()
}

/// Rewrites every `color: #rrggbb` declaration of `css` (not `background-color`) so that the
/// colour is readable on `background`.
pub fn readable_css(css: &str, background: Rgb) -> String {
    css.lines()
        .map(|line| {
            let trimmed = line.trim_start();
            let Some(hex) = trimmed
                .strip_prefix("color: #")
                .and_then(|rest| rest.get(..6))
            else {
                return line.to_string();
            };
            match parse_hex(hex) {
                Some(colour) => {
                    let (r, g, b) = readable(colour, background);
                    line.replacen(hex, &format!("{r:02x}{g:02x}{b:02x}"), 1)
                }
                None => line.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_ratios_match_wcag() {
        assert!((ratio((0, 0, 0), (255, 255, 255)) - 21.0).abs() < 1e-9);
        assert!((ratio((0x77, 0x77, 0x77), (255, 255, 255)) - 4.48).abs() < 0.01);
    }

    #[test]
    fn colours_too_faint_for_their_background_are_strengthened() {
        let dark = (0x17, 0x1e, 0x26);
        let fixed = readable((0xbf, 0x61, 0x6a), dark);
        assert!(ratio(fixed, dark) >= TEXT_CONTRAST);
        assert_eq!(
            readable((0xff, 0xff, 0xff), dark),
            (0xff, 0xff, 0xff),
            "already readable: unchanged"
        );
    }

    #[test]
    fn only_text_colours_are_rewritten() {
        let css = ".a {\n background-color: #171e26;\n color: #a71d5d;\n}";
        let out = readable_css(css, (0x17, 0x1e, 0x26));
        assert!(out.contains("background-color: #171e26;"));
        assert!(!out.contains("color: #a71d5d;"));
    }
}
