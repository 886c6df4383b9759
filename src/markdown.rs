//! Markdown to HTML with pulldown-cmark, as a chain of small passes over the event stream:
//! emphasis next to Hangul (which CommonMark's flanking rules leave unrendered), links
//! (`@/` site links resolved, unsafe schemes refused), heading ids, highlighted code blocks,
//! raw HTML escaped, footnote ids made unique per document.

use std::collections::BTreeSet;
use std::ops::Range;

use pulldown_cmark::{
    CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html,
};

use crate::highlight::Highlighter;

/// What rendering needs from the rest of the site.
pub struct Context<'a> {
    /// Turns a site path such as `frameworks/django#x` into a link from the current page.
    pub resolve: &'a (dyn Fn(&str) -> Option<String> + Sync),
    pub highlighter: &'a Highlighter,
    /// Prefix for footnote ids, so that two documents on one page never collide.
    pub footnote_prefix: &'a str,
}

/// A heading of the document, for tables of contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// Something wrong in the Markdown, at a byte offset of the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub offset: usize,
    pub message: String,
    pub is_error: bool,
}

/// The rendered document.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub html: String,
    pub headings: Vec<Heading>,
    pub problems: Vec<Problem>,
}

type Spanned<'a> = (Event<'a>, Range<usize>);

/// Renders Markdown to HTML.
pub fn render(source: &str, context: &Context) -> Rendered {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS;
    let events: Vec<Spanned> = Parser::new_ext(source, options)
        .into_offset_iter()
        .collect();
    let mut rendered = Rendered::default();
    let events = hangul_emphasis(events, source);
    let events = links(events, context, &mut rendered.problems);
    let events = heading_ids(events, &mut rendered.headings);
    let events = code_blocks(events, context.highlighter, &mut rendered.problems);
    let events = events.into_iter().map(|(event, _)| escape_raw_html(event));
    let events = events.map(|event| prefix_footnotes(event, context.footnote_prefix));
    html::push_html(&mut rendered.html, events);
    rendered
}

/// Emphasis that CommonMark leaves as literal `**` next to Hangul (commonmark-spec#650), such
/// as `**마크다운(Markdown)**을`, is turned into `<strong>`/`<em>` here. Only asterisks written
/// literally in the source count (not escaped ones), and never inside code.
fn hangul_emphasis<'a>(events: Vec<Spanned<'a>>, source: &str) -> Vec<Spanned<'a>> {
    let mut out = Vec::with_capacity(events.len());
    let mut run: Vec<Spanned<'a>> = Vec::new();
    let mut in_code = false;
    for (event, range) in events {
        match &event {
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => in_code = false,
            _ => {}
        }
        if matches!(event, Event::Text(_)) && !in_code {
            run.push((event, range));
            continue;
        }
        flush_emphasis(&mut run, source, &mut out);
        out.push((event, range));
    }
    flush_emphasis(&mut run, source, &mut out);
    out
}

fn flush_emphasis<'a>(run: &mut Vec<Spanned<'a>>, source: &str, out: &mut Vec<Spanned<'a>>) {
    let has_star = run
        .iter()
        .any(|(e, _)| matches!(e, Event::Text(t) if t.contains('*')));
    if !has_star {
        out.append(run);
        return;
    }
    let start = run.first().map_or(0, |(_, r)| r.start);
    let end = run.last().map_or(0, |(_, r)| r.end);
    let mut chars: Vec<(char, bool)> = Vec::new();
    for (event, range) in run.drain(..) {
        if let Event::Text(text) = event {
            let literal = source.get(range.clone()) == Some(&*text);
            // An escaped `\*` arrives as text starting right after its backslash.
            let escaped = range.start > 0 && source.as_bytes()[range.start - 1] == b'\\';
            chars.extend(
                text.chars()
                    .enumerate()
                    .map(|(i, c)| (c, literal && c == '*' && !(i == 0 && escaped))),
            );
        }
    }
    for event in emphasis_events(&chars) {
        out.push((event, start..end));
    }
}

/// Splits text into text, strong and emphasis events at matching literal delimiters.
fn emphasis_events(chars: &[(char, bool)]) -> Vec<Event<'static>> {
    let text = |slice: &[(char, bool)]| slice.iter().map(|(c, _)| c).collect::<String>();
    for (delimiter, tag, end) in [
        (2, Tag::Strong, TagEnd::Strong),
        (1, Tag::Emphasis, TagEnd::Emphasis),
    ] {
        if let Some((open, close)) = find_pair(chars, delimiter) {
            let mut events = vec![Event::Text(text(&chars[..open]).into())];
            events.push(Event::Start(tag));
            events.extend(emphasis_events(&chars[open + delimiter..close]));
            events.push(Event::End(end));
            events.extend(emphasis_events(&chars[close + delimiter..]));
            events.retain(|e| !matches!(e, Event::Text(t) if t.is_empty()));
            return events;
        }
    }
    vec![Event::Text(text(chars).into())]
}

/// The first opening and closing run of exactly `len` literal asterisks around non-blank text.
fn find_pair(chars: &[(char, bool)], len: usize) -> Option<(usize, usize)> {
    let is_run = |i: usize| {
        i + len <= chars.len()
            && chars[i..i + len].iter().all(|(_, d)| *d)
            && (i == 0 || !chars[i - 1].1)
            && chars.get(i + len).is_none_or(|(_, d)| !*d)
    };
    let open = (0..chars.len())
        .find(|&i| is_run(i) && chars.get(i + len).is_some_and(|(c, _)| !c.is_whitespace()))?;
    let close =
        (open + len + 1..chars.len()).find(|&i| is_run(i) && !chars[i - 1].0.is_whitespace())?;
    Some((open, close))
}

/// Resolves `@/` links to site pages and refuses schemes other than http, https and mailto.
fn links<'a>(
    events: Vec<Spanned<'a>>,
    context: &Context,
    problems: &mut Vec<Problem>,
) -> Vec<Spanned<'a>> {
    events
        .into_iter()
        .map(|(mut event, range)| {
            if let Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) =
                &mut event
            {
                let url = std::mem::replace(dest_url, CowStr::Borrowed(""));
                *dest_url = checked_url(url, range.start, context, problems);
            }
            (event, range)
        })
        .collect()
}

fn checked_url<'a>(
    url: CowStr<'a>,
    offset: usize,
    context: &Context,
    problems: &mut Vec<Problem>,
) -> CowStr<'a> {
    let mut problem = |message: String| {
        problems.push(Problem {
            offset,
            message,
            is_error: true,
        });
        CowStr::from("#")
    };
    if let Some(target) = url.strip_prefix("@/") {
        return match (context.resolve)(target) {
            Some(resolved) => resolved.into(),
            None => problem(format!("link to \"{url}\": no such page in this site")),
        };
    }
    match scheme(&url) {
        None => url,
        Some(s) if ["http", "https", "mailto"].contains(&s.as_str()) => url,
        Some(s) => problem(format!(
            "link to \"{url}\": the `{s}:` scheme is not allowed (use http, https, mailto or a relative link)"
        )),
    }
}

/// The URL's scheme, lowercased, if it has one.
fn scheme(url: &str) -> Option<String> {
    let colon = url.find(':')?;
    let candidate = &url[..colon];
    let valid = candidate
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic())
        && candidate.chars().all(|c| {
            c.is_ascii_alphanumeric() || "+-.".contains(c) || c.is_whitespace() || c.is_control()
        });
    valid.then(|| {
        candidate
            .chars()
            .filter(|c| !c.is_whitespace() && !c.is_control())
            .collect::<String>()
            .to_ascii_lowercase()
    })
}

/// Gives every heading a unique id made from its text.
fn heading_ids<'a>(mut events: Vec<Spanned<'a>>, headings: &mut Vec<Heading>) -> Vec<Spanned<'a>> {
    let mut used = BTreeSet::new();
    for index in 0..events.len() {
        let Event::Start(Tag::Heading { level, .. }) = &events[index].0 else {
            continue;
        };
        let level = *level;
        let text = heading_text(&events[index + 1..]);
        let id = unique_id(&slugify(&text), &mut used);
        if let Event::Start(Tag::Heading { id: slot, .. }) = &mut events[index].0 {
            *slot = Some(id.clone().into());
        }
        headings.push(Heading {
            level: level_number(level),
            id,
            text,
        });
    }
    events
}

fn heading_text(events: &[Spanned]) -> String {
    events
        .iter()
        .take_while(|(e, _)| !matches!(e, Event::End(TagEnd::Heading(_))))
        .filter_map(|(e, _)| match e {
            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
            _ => None,
        })
        .collect()
}

fn level_number(level: HeadingLevel) -> u8 {
    level as u8
}

/// An id from heading text: letters and digits of any script, words joined by hyphens.
pub fn slugify(text: &str) -> String {
    let mut slug = String::new();
    for c in text.trim().chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if (c.is_whitespace() || c == '-' || c == '_')
            && !slug.ends_with('-')
            && !slug.is_empty()
        {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-').to_string();
    if slug.is_empty() {
        "section".to_string()
    } else {
        slug
    }
}

fn unique_id(base: &str, used: &mut BTreeSet<String>) -> String {
    let mut id = base.to_string();
    let mut n = 2;
    while !used.insert(id.clone()) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

/// Replaces fenced code blocks by highlighted HTML.
fn code_blocks<'a>(
    events: Vec<Spanned<'a>>,
    highlighter: &Highlighter,
    problems: &mut Vec<Problem>,
) -> Vec<Spanned<'a>> {
    let mut out = Vec::with_capacity(events.len());
    let mut block: Option<(String, String, usize)> = None;
    for (event, range) in events {
        match (event, &mut block) {
            (Event::Start(Tag::CodeBlock(kind)), None) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => {
                        info.split_whitespace().next().unwrap_or("").to_string()
                    }
                    CodeBlockKind::Indented => String::new(),
                };
                block = Some((lang, String::new(), range.start));
            }
            (Event::Text(text), Some((_, code, _))) => code.push_str(&text),
            (Event::End(TagEnd::CodeBlock), Some(_)) => {
                if let Some((lang, code, start)) = block.take() {
                    out.push((
                        Event::Html(code_html(&lang, &code, highlighter, start, problems).into()),
                        range,
                    ));
                }
            }
            (event, _) => out.push((event, range)),
        }
    }
    out
}

fn code_html(
    lang: &str,
    code: &str,
    highlighter: &Highlighter,
    offset: usize,
    problems: &mut Vec<Problem>,
) -> String {
    let highlighted = (!lang.is_empty())
        .then(|| highlighter.highlight(code, lang))
        .flatten();
    if highlighted.is_none() && !lang.is_empty() {
        problems.push(Problem {
            offset,
            message: format!("unknown code language `{lang}`: shown without highlighting"),
            is_error: false,
        });
    }
    let inner = highlighted.unwrap_or_else(|| crate::chart::escape(code));
    let lang_attr = crate::chart::escape(lang);
    format!(
        "<pre class=\"code\" tabindex=\"0\"><code class=\"language-{lang_attr}\">{inner}</code></pre>\n"
    )
}

/// Raw HTML in Markdown is shown as text: content never injects markup or scripts.
fn escape_raw_html(event: Event) -> Event {
    match event {
        Event::Html(html) if !html.starts_with("<pre class=\"code\"") => Event::Text(html),
        Event::InlineHtml(html) => Event::Text(html),
        other => other,
    }
}

fn prefix_footnotes<'a>(event: Event<'a>, prefix: &str) -> Event<'a> {
    match event {
        Event::FootnoteReference(label) => {
            Event::FootnoteReference(format!("{prefix}{label}").into())
        }
        Event::Start(Tag::FootnoteDefinition(label)) => {
            Event::Start(Tag::FootnoteDefinition(format!("{prefix}{label}").into()))
        }
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render_plain(source: &str) -> Rendered {
        let highlighter = Highlighter::default();
        let resolve =
            |path: &str| (path == "frameworks/django").then(|| "../frameworks/django/".to_string());
        let context = Context {
            resolve: &resolve,
            highlighter: &highlighter,
            footnote_prefix: "d-",
        };
        render(source, &context)
    }

    #[test]
    fn strong_next_to_hangul_renders() {
        let html = render_plain("**마크다운(Markdown)**을 씁니다.").html;
        assert_eq!(
            html,
            "<p><strong>마크다운(Markdown)</strong>을 씁니다.</p>\n"
        );
    }

    #[test]
    fn emphasis_next_to_hangul_renders_and_escaped_stars_stay() {
        assert_eq!(
            render_plain("*강조(A)*를").html,
            "<p><em>강조(A)</em>를</p>\n"
        );
        assert_eq!(render_plain("\\*\\*별표\\*\\*").html, "<p>**별표**</p>\n");
        assert_eq!(render_plain("5 * 3 = 15").html, "<p>5 * 3 = 15</p>\n");
    }

    #[test]
    fn site_links_resolve_and_unknown_ones_are_errors() {
        let r = render_plain("[D](@/frameworks/django) [X](@/nope)");
        assert!(
            r.html.contains("href=\"../frameworks/django/\""),
            "{}",
            r.html
        );
        assert_eq!(r.problems.len(), 1);
        assert_eq!(
            r.problems[0].message,
            "link to \"@/nope\": no such page in this site"
        );
        assert_eq!(r.problems[0].offset, 25);
    }

    #[test]
    fn javascript_links_are_refused() {
        let r = render_plain("[x](javascript:alert(1))");
        assert!(
            r.problems[0]
                .message
                .contains("`javascript:` scheme is not allowed")
        );
        assert!(!r.html.contains("javascript:"));
    }

    #[test]
    fn headings_get_unique_ids_in_any_script() {
        let r = render_plain("## When to choose\n## 이럴 때 고르세요\n## When to choose\n");
        let ids: Vec<&str> = r.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(
            ids,
            ["when-to-choose", "이럴-때-고르세요", "when-to-choose-2"]
        );
    }

    #[test]
    fn raw_html_is_escaped() {
        assert_eq!(
            render_plain("<script>x</script>\n").html,
            "&lt;script&gt;x&lt;/script&gt;\n"
        );
    }

    #[test]
    fn code_is_highlighted_and_unknown_languages_warn() {
        let r = render_plain("```python\nprint(1)\n```\n\n```nolang\nx\n```\n");
        assert!(r.html.contains("hl-"));
        assert_eq!(r.problems.len(), 1);
        assert!(!r.problems[0].is_error);
    }
}
