//! Fitting text into a box for pictures drawn at build time (SVG has no line wrapping): the
//! largest size at which a text wraps into its lines, else the smallest size with the last
//! line cut short by an ellipsis. Pure: the width of a string comes from a measure given in.

use serde::Serialize;

/// Text laid out in lines at one size.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fitted {
    pub size: f64,
    pub lines: Vec<String>,
}

/// How wide a string is at a size, in the picture's pixels.
pub type Measure<'a> = &'a dyn Fn(&str, f64) -> f64;

/// `text` in at most `max_lines` lines no wider than `width`, at the first of `sizes`
/// (largest first) where it fits whole; else at the last size, cut with an ellipsis.
pub fn fit(text: &str, width: f64, sizes: &[f64], max_lines: usize, measure: Measure) -> Fitted {
    let smallest = sizes.last().copied().unwrap_or(16.0);
    for &size in sizes {
        let lines = wrap(text, width, size, measure);
        if lines.len() <= max_lines {
            return Fitted { size, lines };
        }
    }
    let mut lines = wrap(text, width, smallest, measure);
    if lines.len() > max_lines {
        let rest = lines.split_off(max_lines.max(1) - 1).join(" ");
        lines.push(ellipsize(&rest, width, smallest, measure));
    }
    Fitted {
        size: smallest,
        lines,
    }
}

/// `text` on one line no wider than `width`, cut with an ellipsis if it must be.
pub fn ellipsize(text: &str, width: f64, size: f64, measure: Measure) -> String {
    if measure(text, size) <= width {
        return text.to_string();
    }
    let chars: Vec<char> = text.chars().collect();
    let mut keep = chars.len();
    while keep > 0 {
        keep -= 1;
        let cut: String = chars[..keep].iter().collect();
        let candidate = format!("{}…", cut.trim_end());
        if measure(&candidate, size) <= width {
            return candidate;
        }
    }
    "…".to_string()
}

/// Greedy wrapping at spaces; a word wider than the line is broken between characters.
fn wrap(text: &str, width: f64, size: f64, measure: Measure) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let joined = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if measure(&joined, size) <= width {
            line = joined;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        for c in word.chars() {
            let longer = format!("{line}{c}");
            if !line.is_empty() && measure(&longer, size) > width {
                lines.push(std::mem::replace(&mut line, c.to_string()));
            } else {
                line = longer;
            }
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every character half the size wide.
    fn half(text: &str, size: f64) -> f64 {
        text.chars().count() as f64 * size / 2.0
    }

    #[test]
    fn a_short_text_keeps_the_largest_size_on_one_line() {
        let fitted = fit("Django vs Flask", 600.0, &[60.0, 40.0], 2, &half);
        assert_eq!(fitted.size, 60.0);
        assert_eq!(fitted.lines, ["Django vs Flask"]);
    }

    #[test]
    fn a_longer_text_wraps_then_shrinks() {
        let text = "Spring Boot with WebFlux vs Ruby on Rails";
        let fitted = fit(text, 500.0, &[60.0, 40.0, 30.0], 2, &half);
        assert_eq!(fitted.size, 40.0);
        assert_eq!(
            fitted.lines,
            ["Spring Boot with WebFlux", "vs Ruby on Rails"]
        );
        assert!(fitted.lines.iter().all(|l| half(l, 40.0) <= 500.0));
    }

    #[test]
    fn a_text_too_long_at_the_smallest_size_ends_in_an_ellipsis() {
        let text = "word ".repeat(60);
        let fitted = fit(&text, 200.0, &[40.0, 20.0], 2, &half);
        assert_eq!(fitted.size, 20.0);
        assert_eq!(fitted.lines.len(), 2);
        assert!(fitted.lines[1].ends_with('…'));
        assert!(fitted.lines.iter().all(|l| half(l, 20.0) <= 200.0));
    }

    #[test]
    fn a_word_wider_than_the_line_breaks_between_characters() {
        let fitted = fit("가나다라마바사아자차카타파하", 100.0, &[20.0], 3, &half);
        assert_eq!(fitted.lines, ["가나다라마바사아자차", "카타파하"]);
    }

    #[test]
    fn ellipsize_keeps_a_fitting_text() {
        assert_eq!(ellipsize("Koa", 100.0, 20.0, &half), "Koa");
        assert_eq!(ellipsize("Express.js", 50.0, 20.0, &half), "Expr…");
    }
}
