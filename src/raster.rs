//! Pictures from SVG text: turns an SVG document into PNG, and measures text in the fonts it
//! is drawn with. The only module that knows resvg and its font reader (skrifa). Text is
//! drawn with the theme's own fonts alone, never a system font, so a card looks the same on
//! every machine that builds it; external images are never loaded.

use std::sync::Arc;

use resvg::{tiny_skia, usvg};
use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider};

/// Draws SVG with a fixed set of fonts.
pub struct Raster {
    options: usvg::Options<'static>,
    /// Each font's bytes with its weight (400 regular, 700 bold), for measuring.
    fonts: Vec<(u16, Vec<u8>)>,
}

impl Raster {
    /// A rasteriser drawing text only with `fonts` (OpenType or TrueType files); the first
    /// font's family is the one used for every `font-family` an SVG names.
    pub fn new(fonts: &[Vec<u8>]) -> Raster {
        let mut db = usvg::fontdb::Database::new();
        for font in fonts {
            db.load_font_data(font.clone());
        }
        let family = db
            .faces()
            .next()
            .and_then(|f| f.families.first())
            .map(|(name, _)| name.clone())
            .unwrap_or_default();
        db.set_sans_serif_family(family.clone());
        let weights: Vec<u16> = db.faces().map(|f| f.weight.0).collect();
        let options = usvg::Options {
            font_family: family,
            fontdb: Arc::new(db),
            image_href_resolver: usvg::ImageHrefResolver {
                resolve_data: Box::new(|_, _, _| None),
                resolve_string: Box::new(|_, _| None),
            },
            ..usvg::Options::default()
        };
        Raster {
            options,
            fonts: weights.into_iter().zip(fonts.iter().cloned()).collect(),
        }
    }

    /// The SVG document drawn at its own size, as PNG.
    pub fn png(&self, svg: &str) -> Result<Vec<u8>, String> {
        self.png_at(svg, 1)
    }

    /// The SVG document drawn `scale` times its own size (2 for screens that show two pixels
    /// to each of the document's), as PNG.
    pub fn png_at(&self, svg: &str, scale: u32) -> Result<Vec<u8>, String> {
        let tree = usvg::Tree::from_str(svg, &self.options).map_err(|e| e.to_string())?;
        let size = tree.size().to_int_size();
        let (width, height) = (size.width() * scale, size.height() * scale);
        let mut pixmap = tiny_skia::Pixmap::new(width, height)
            .ok_or_else(|| format!("cannot draw an image of {width}×{height}"))?;
        let transform = tiny_skia::Transform::from_scale(scale as f32, scale as f32);
        resvg::render(&tree, transform, &mut pixmap.as_mut());
        encode_png(pixmap).map_err(|e| e.to_string())
    }

    /// The width of `text` set in `size` pixels at `weight` (the nearest font's), without
    /// kerning; a character the font lacks counts as wide as the size.
    pub fn width(&self, text: &str, size: f64, weight: u16) -> f64 {
        let Some(font) = self.font(weight) else {
            return text.chars().count() as f64 * size;
        };
        let charmap = font.charmap();
        let metrics = font.glyph_metrics(Size::new(size as f32), LocationRef::default());
        text.chars()
            .map(|c| {
                charmap
                    .map(c)
                    .and_then(|g| metrics.advance_width(g))
                    .map_or(size, f64::from)
            })
            .sum()
    }

    /// The characters of `text` that no font has a glyph for (each once, in order).
    pub fn missing(&self, text: &str) -> Vec<char> {
        let fonts: Vec<FontRef> = (self.fonts.iter())
            .filter_map(|(_, data)| FontRef::new(data).ok())
            .collect();
        let mut missing: Vec<char> = Vec::new();
        for c in text.chars().filter(|c| !c.is_control()) {
            if !fonts.iter().any(|f| f.charmap().map(c).is_some()) && !missing.contains(&c) {
                missing.push(c);
            }
        }
        missing
    }

    fn font(&self, weight: u16) -> Option<FontRef<'_>> {
        let (_, data) = (self.fonts.iter()).min_by_key(|(w, _)| w.abs_diff(weight))?;
        FontRef::new(data).ok()
    }
}

/// The pixels as PNG, compressed for speed (fdeflate: most of the time a card took was the
/// default deflate's). Each pixel is handled by tiny-skia and png alone, which are optimised
/// even in the debug builds `cargo run` makes.
fn encode_png(pixmap: tiny_skia::Pixmap) -> Result<Vec<u8>, png::EncodingError> {
    let (width, height) = (pixmap.width(), pixmap.height());
    let pixels = pixmap.take_demultiplied();
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, width, height);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Fast);
    let mut writer = encoder.write_header()?;
    writer.write_image_data(&pixels)?;
    writer.finish()?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raster() -> Raster {
        let (theme, _) =
            crate::theme::Theme::load(std::path::Path::new("/nonexistent"), &["en"]).unwrap();
        Raster::new(&theme.fonts)
    }

    #[test]
    fn draws_svg_at_its_size() {
        let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><text x="2" y="15" font-size="12">가A</text></svg>"#;
        let png = raster().png(svg).unwrap();
        assert_eq!(&png[1..4], b"PNG");
        assert_eq!(&png[16..24], &[0, 0, 0, 40, 0, 0, 0, 20]);
        let twice = raster().png_at(svg, 2).unwrap();
        assert_eq!(&twice[16..24], &[0, 0, 0, 80, 0, 0, 0, 40]);
    }

    #[test]
    fn keeps_colours_and_transparency() {
        let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" width="2" height="1"><rect width="1" height="1" fill="#336699"/></svg>"##;
        let (colour, pixels) = decode(raster().png(svg).unwrap());
        assert_eq!(colour, png::ColorType::Rgba);
        assert_eq!(pixels, [0x33, 0x66, 0x99, 0xff, 0, 0, 0, 0]);
    }

    fn decode(bytes: Vec<u8>) -> (png::ColorType, Vec<u8>) {
        let mut reader = png::Decoder::new(std::io::Cursor::new(bytes))
            .read_info()
            .unwrap();
        let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
        let frame = reader.next_frame(&mut pixels).unwrap();
        pixels.truncate(frame.buffer_size());
        (frame.color_type, pixels)
    }

    #[test]
    fn measures_text_bold_wider_and_hangul_full_width() {
        let r = raster();
        let regular = r.width("Django", 40.0, 400);
        assert!(regular > 80.0 && regular < 160.0, "{regular}");
        assert!(r.width("Django", 40.0, 700) > regular);
        let hangul = r.width("장고", 40.0, 400);
        assert!((64.0..=80.0).contains(&hangul), "{hangul}");
    }

    #[test]
    fn names_the_characters_the_fonts_lack() {
        let r = raster();
        assert_eq!(r.missing("Ünïcode 한국어 — “ok” ₩"), Vec::<char>::new());
        assert_eq!(r.missing("漢字 漢 😀"), vec!['漢', '字', '😀']);
    }
}
