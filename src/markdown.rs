//! Markdown to HTML with pulldown-cmark, as a chain of small passes over the event stream:
//! emphasis next to Hangul (which CommonMark's flanking rules leave unrendered), links
//! (`@/` site links resolved, unsafe schemes refused), heading ids, highlighted code blocks,
//! raw HTML escaped (unless the site allows it), footnote ids made unique per document.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use pulldown_cmark::{
    Alignment, CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html,
};

use crate::highlight::Highlighter;

/// What rendering needs from the rest of the site.
pub struct Context<'a> {
    /// Turns a site path such as `frameworks/django#x` into a link from the current page.
    /// The address of an `@/` link's target, or why there is none (ending with the closest
    /// page, where one is alike).
    pub resolve: &'a (dyn Fn(&str) -> Result<String, String> + Sync),
    pub highlighter: &'a Highlighter,
    /// Prefix for footnote ids, so that two documents on one page never collide.
    pub footnote_prefix: &'a str,
    /// What raw HTML in the Markdown becomes.
    pub raw_html: RawHtml,
}

/// The policy for raw HTML in Markdown bodies (`markdown.raw_html` in site.toml).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RawHtml {
    /// Shown as text: content can never add markup, scripts or styles to a page.
    #[default]
    Escape,
    /// Kept as markup, for sites whose editors are all trusted.
    Allow,
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
    let mut rendered = Rendered {
        // Room for the markup around the text, which would otherwise be copied as it grows.
        html: String::with_capacity(source.len() * 2),
        ..Rendered::default()
    };
    let events = hangul_emphasis(events, source);
    let events = links(events, context, &mut rendered.problems);
    let events = heading_ids(events, &mut rendered.headings);
    // Before code blocks, whose highlighted HTML is the only markup not escaped.
    let events = raw_html(events, context.raw_html);
    let events = aligned_cells(events);
    let events = code_blocks(events, context.highlighter, &mut rendered.problems);
    let events = events
        .into_iter()
        .map(|(event, _)| prefix_footnotes(event, context.footnote_prefix));
    html::push_html(&mut rendered.html, events);
    limit_problems(&mut rendered.problems);
    rendered
}

/// The most problems listed for one document; a document with thousands of broken links
/// would otherwise make the report long and slow to print.
const MAX_PROBLEMS: usize = 100;

/// Keeps the first [`MAX_PROBLEMS`] problems, in the order of the document, and says how many
/// more there are.
fn limit_problems(problems: &mut Vec<Problem>) {
    if problems.len() <= MAX_PROBLEMS {
        return;
    }
    problems.sort_by_key(|p| p.offset);
    let dropped = problems.split_off(MAX_PROBLEMS);
    let last = problems.last().map_or(0, |p| p.offset);
    problems.push(Problem {
        offset: last,
        message: format!(
            "{} more problems in this document are not listed: fix these first",
            dropped.len()
        ),
        is_error: dropped.iter().any(|p| p.is_error),
    });
}

/// A part of a document as plain text, for the search index: the text before the first
/// heading (no heading), then each heading with the text up to the next one. Code blocks are
/// left out; heading ids are those [`render`] gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub heading: Option<Heading>,
    pub text: String,
}

/// The sections of a document (see [`Section`]).
pub fn sections(source: &str) -> Vec<Section> {
    let events: Vec<Spanned> = Parser::new_ext(source, Options::ENABLE_TABLES)
        .into_offset_iter()
        .collect();
    let mut headings = Vec::new();
    let events = heading_ids(events, &mut headings);
    let mut headings = headings.into_iter();
    let mut sections = vec![Section {
        heading: None,
        text: String::new(),
    }];
    let mut skip = 0usize;
    for (event, _) in &events {
        let current = sections.last_mut().expect("one section at least");
        match event {
            Event::Start(Tag::Heading { .. }) => {
                sections.push(Section {
                    heading: headings.next(),
                    text: String::new(),
                });
                skip += 1;
            }
            Event::End(TagEnd::Heading(_)) => skip -= 1,
            Event::Start(Tag::CodeBlock(_)) => skip += 1,
            Event::End(TagEnd::CodeBlock) => skip -= 1,
            Event::Text(text) | Event::Code(text) if skip == 0 => current.text.push_str(text),
            Event::SoftBreak
            | Event::HardBreak
            | Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell)
                if skip == 0 && !current.text.ends_with(' ') && !current.text.is_empty() =>
            {
                current.text.push(' ');
            }
            _ => {}
        }
    }
    for section in &mut sections {
        section.text.truncate(section.text.trim_end().len());
    }
    sections.retain(|s| s.heading.is_some() || !s.text.is_empty());
    sections
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
    for event in emphasis_events(&chars, 0) {
        out.push((event, start..end));
    }
}

/// How deep emphasis may nest inside emphasis before the rest is left as text.
const MAX_EMPHASIS_DEPTH: usize = 16;

/// Splits text into text, strong and emphasis events at matching literal delimiters: strong
/// first, and the text after each pair in a loop rather than by recursion, so that a paragraph
/// of thousands of pairs neither overflows the stack nor takes quadratic time.
fn emphasis_events(chars: &[(char, bool)], depth: usize) -> Vec<Event<'static>> {
    let text = |slice: &[(char, bool)]| slice.iter().map(|(c, _)| c).collect::<String>();
    let mut events = Vec::new();
    let mut rest = chars;
    // What follows a pair never starts with a delimiter, so a text with no strong pair has
    // none in what follows either: searching again would only cost time.
    let mut strong_left = true;
    while depth < MAX_EMPHASIS_DEPTH && !rest.is_empty() {
        let strong = strong_left.then(|| find_pair(rest, 2)).flatten();
        strong_left = strong.is_some();
        let found = match strong {
            Some(pair) => Some((pair, 2, Tag::Strong, TagEnd::Strong)),
            None => find_pair(rest, 1).map(|pair| (pair, 1, Tag::Emphasis, TagEnd::Emphasis)),
        };
        let Some(((open, close), delimiter, tag, end)) = found else {
            break;
        };
        events.push(Event::Text(text(&rest[..open]).into()));
        events.push(Event::Start(tag));
        events.extend(emphasis_events(&rest[open + delimiter..close], depth + 1));
        events.push(Event::End(end));
        rest = &rest[close + delimiter..];
    }
    events.push(Event::Text(text(rest).into()));
    events.retain(|e| !matches!(e, Event::Text(t) if t.is_empty()));
    events
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
            Ok(resolved) => resolved.into(),
            Err(why) => problem(format!("link to \"{url}\": {why}")),
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

/// The URL's scheme, lowercased, if it has one, read as a browser reads it: white space and
/// control characters around it ignored, and inside it too (a browser drops tabs and newlines
/// anywhere), so that `< javascript:...>` or `java\tscript:` is seen for what it is.
fn scheme(url: &str) -> Option<String> {
    let ignored = |c: char| c.is_whitespace() || c.is_control();
    let url = url.trim_start_matches(ignored);
    let candidate = &url[..url.find(':')?];
    let valid = candidate
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic())
        && candidate
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c) || ignored(c));
    valid.then(|| {
        candidate
            .chars()
            .filter(|c| !ignored(*c))
            .collect::<String>()
            .to_ascii_lowercase()
    })
}

/// Gives every heading a unique id made from its text.
fn heading_ids<'a>(mut events: Vec<Spanned<'a>>, headings: &mut Vec<Heading>) -> Vec<Spanned<'a>> {
    let mut used = UniqueIds::default();
    for index in 0..events.len() {
        let Event::Start(Tag::Heading { level, .. }) = &events[index].0 else {
            continue;
        };
        let level = *level;
        let text = heading_text(&events[index + 1..]);
        let id = used.claim(&slugify(&text));
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

/// The ids given so far, and for each base the next number to try, so that a document of many
/// equal headings gets its ids in linear time, not quadratic.
#[derive(Default)]
struct UniqueIds {
    used: BTreeSet<String>,
    next: BTreeMap<String, usize>,
}

impl UniqueIds {
    /// `base`, or `base-2`, `base-3`... whichever is free first.
    fn claim(&mut self, base: &str) -> String {
        if self.used.insert(base.to_string()) {
            return base.to_string();
        }
        let n = self.next.entry(base.to_string()).or_insert(2);
        loop {
            let id = format!("{base}-{n}");
            *n += 1;
            if self.used.insert(id.clone()) {
                return id;
            }
        }
    }
}

/// How much code one document may have highlighted: highlighting costs milliseconds per
/// kilobyte (a 6 MB block took a minute), so past this a hostile document would make the
/// build take minutes.
const MAX_HIGHLIGHTED_BYTES: usize = 200_000;

/// Replaces fenced code blocks by highlighted HTML (up to [`MAX_HIGHLIGHTED_BYTES`] of code;
/// the rest is shown without highlighting, with a warning).
fn code_blocks<'a>(
    events: Vec<Spanned<'a>>,
    highlighter: &Highlighter,
    problems: &mut Vec<Problem>,
) -> Vec<Spanned<'a>> {
    let mut budget = MAX_HIGHLIGHTED_BYTES;
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
                    let refusal = unaffordable(&code, budget);
                    budget = budget.saturating_sub(code.len());
                    let highlighter = refusal.is_none().then_some(highlighter);
                    if let Some(message) = refusal.filter(|_| !lang.is_empty()) {
                        problems.push(Problem {
                            offset: start,
                            message,
                            is_error: false,
                        });
                    }
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

/// The longest line highlighted: the grammars' regular expressions search the rest of a line
/// at every token, so a line costs time in the square of its length (a JavaScript identifier
/// of 2, 4 and 8 KB took 56, 222 and 878 ms: a 40 KB line stopped the build). At 1 KB a line
/// takes about 14 ms, so a document's 200 KB costs seconds at most. No real line of code is
/// this long; a minified one is shown plain.
const MAX_HIGHLIGHTED_LINE: usize = 1_000;

/// Why a block cannot be highlighted within the document's remaining `budget`, if it cannot.
fn unaffordable(code: &str, budget: usize) -> Option<String> {
    if code.len() > budget {
        return Some(format!(
            "code shown without highlighting: a document highlights at most {} KB of code",
            MAX_HIGHLIGHTED_BYTES / 1000
        ));
    }
    let longest = code.lines().map(str::len).max().unwrap_or(0);
    (longest > MAX_HIGHLIGHTED_LINE).then(|| {
        format!(
            "code shown without highlighting: a line of {longest} bytes is longer than the {MAX_HIGHLIGHTED_LINE} highlighted"
        )
    })
}

/// A code block's HTML, highlighted unless `highlighter` is `None` (over the budget).
fn code_html(
    lang: &str,
    code: &str,
    highlighter: Option<&Highlighter>,
    offset: usize,
    problems: &mut Vec<Problem>,
) -> String {
    let Some(highlighter) = highlighter else {
        return code_element(lang, &crate::chart::escape(code));
    };
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
    code_element(lang, &inner)
}

fn code_element(lang: &str, inner: &str) -> String {
    let lang_attr = crate::chart::escape(lang);
    format!(
        "<pre class=\"code\" tabindex=\"0\"><code class=\"language-{lang_attr}\">{inner}</code></pre>\n"
    )
}

/// Table cells aligned by a class (`align-left`, `align-center`, `align-right`) rather than
/// the `style` attribute pulldown-cmark would write, which a Content-Security-Policy without
/// `'unsafe-inline'` styles blocks; and each table inside a box that scrolls sideways when the
/// table is wider than the page, focusable so that a keyboard can scroll it too.
fn aligned_cells(events: Vec<Spanned<'_>>) -> Vec<Spanned<'_>> {
    let mut alignments = Vec::new();
    let mut cell = 0;
    let mut head = false;
    let open = |head: bool, alignment: Option<&Alignment>| {
        let element = if head { "th" } else { "td" };
        let class = match alignment {
            Some(Alignment::Left) => " class=\"align-left\"",
            Some(Alignment::Center) => " class=\"align-center\"",
            Some(Alignment::Right) => " class=\"align-right\"",
            _ => "",
        };
        Event::Html(format!("<{element}{class}>").into())
    };
    let scroll_box = |range: &std::ops::Range<usize>, html: &'static str| {
        (Event::Html(html.into()), range.clone())
    };
    events
        .into_iter()
        .flat_map(|(event, range)| {
            let event = match event {
                Event::Start(Tag::Table(given)) => {
                    let none = vec![Alignment::None; given.len()];
                    alignments = given;
                    let open = "<div class=\"table-wrap\" tabindex=\"0\">\n";
                    return vec![
                        scroll_box(&range, open),
                        (Event::Start(Tag::Table(none)), range),
                    ];
                }
                Event::End(TagEnd::Table) => {
                    return vec![(event, range.clone()), scroll_box(&range, "</div>\n")];
                }
                Event::Start(Tag::TableHead) => {
                    (head, cell) = (true, 0);
                    event
                }
                Event::End(TagEnd::TableHead) => {
                    head = false;
                    event
                }
                Event::Start(Tag::TableRow) => {
                    cell = 0;
                    event
                }
                Event::Start(Tag::TableCell) => {
                    cell += 1;
                    open(head, alignments.get(cell - 1))
                }
                other => other,
            };
            vec![(event, range)]
        })
        .collect()
}

/// Raw HTML in Markdown shown as text under [`RawHtml::Escape`]: content never injects markup,
/// scripts or styles.
fn raw_html(events: Vec<Spanned<'_>>, policy: RawHtml) -> Vec<Spanned<'_>> {
    if policy == RawHtml::Allow {
        return events;
    }
    events
        .into_iter()
        .map(|(event, range)| match event {
            Event::Html(html) | Event::InlineHtml(html) => (Event::Text(html), range),
            other => (other, range),
        })
        .collect()
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
        render_with(source, RawHtml::Escape)
    }

    fn render_with(source: &str, raw_html: RawHtml) -> Rendered {
        let highlighter = Highlighter::default();
        let resolve = |path: &str| {
            (path == "frameworks/django")
                .then(|| "../frameworks/django/".to_string())
                .ok_or_else(|| "no such page in this site".to_string())
        };
        let context = Context {
            resolve: &resolve,
            highlighter: &highlighter,
            footnote_prefix: "d-",
            raw_html,
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
    fn thousands_of_hangul_emphasis_pairs_in_one_paragraph() {
        // Found by hostile input: one recursion per pair overflowed the stack at about 1000.
        let strong = "**가(A)**을 ".repeat(50_000);
        let html = render_plain(&strong).html;
        assert_eq!(html.matches("<strong>가(A)</strong>을").count(), 50_000);
        let emphasis = "*가(A)*을 ".repeat(50_000);
        let html = render_plain(&emphasis).html;
        assert_eq!(html.matches("<em>가(A)</em>을").count(), 50_000);
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
    fn sections_are_plain_text_under_their_headings_without_code() {
        let found = sections(
            "Intro *text*.\n\n## 먼저 볼 것\n\nOne\ntwo.\n\n```rust\nfn x() {}\n```\n\n## Two\n",
        );
        let ids: Vec<_> = found
            .iter()
            .map(|s| s.heading.as_ref().map(|h| h.id.as_str()))
            .collect();
        assert_eq!(ids, [None, Some("먼저-볼-것"), Some("two")]);
        assert_eq!(found[0].text, "Intro text.");
        assert_eq!(found[1].text, "One two.");
        assert_eq!(found[2].text, "");
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
    fn many_equal_headings_get_ids_quickly() {
        // Found by hostile input: 100,000 equal headings took minutes, each id counting up
        // from 2 again.
        let r = render_plain(&"# h\n# h-3\n".repeat(20_000));
        let ids: Vec<&str> = r.headings.iter().map(|h| h.id.as_str()).take(6).collect();
        assert_eq!(ids, ["h", "h-3", "h-2", "h-3-2", "h-4", "h-3-3"]);
        let unique: BTreeSet<&str> = r.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(unique.len(), 40_000);
    }

    #[test]
    fn code_past_the_highlighting_budget_is_shown_plain() {
        let block = format!("```python\n{}```\n\n", "x = 1  # <b>\n".repeat(12_000));
        let r = render_plain(&block.repeat(2));
        assert!(
            r.html
                .split("<pre")
                .nth(1)
                .is_some_and(|b| b.contains("hl-"))
        );
        let second = r.html.split("<pre").nth(2).expect("two code blocks");
        assert!(!second.contains("hl-"), "the second block is plain");
        assert!(second.contains("x = 1  # &lt;b&gt;"));
        assert_eq!(r.problems.len(), 1);
        assert_eq!(
            r.problems[0].message,
            "code shown without highlighting: a document highlights at most 200 KB of code"
        );
    }

    #[test]
    fn a_very_long_line_of_code_is_shown_plain() {
        let line = "var a = [1, '2', {b: 3}]; ".repeat(1600);
        let r = render_plain(&format!("```javascript\n{line}\n```\n"));
        assert!(!r.html.contains("hl-"), "plain");
        assert!(r.html.contains("var a = [1, &#39;2&#39;, {b: 3}];"));
        assert_eq!(
            r.problems[0].message,
            "code shown without highlighting: a line of 41600 bytes is longer than the 1000 highlighted"
        );
        let short = render_plain(&format!("```javascript\n{}\n```\n", &line[..990]));
        assert!(short.html.contains("hl-") && short.problems.is_empty());
    }

    #[test]
    fn a_document_lists_at_most_a_hundred_problems() {
        let r = render_plain(&"[x](@/nope) ".repeat(150));
        assert_eq!(r.problems.len(), 101);
        assert!(
            r.problems[..100]
                .iter()
                .all(|p| p.message.contains("no such page"))
        );
        assert_eq!(
            r.problems[100].message,
            "50 more problems in this document are not listed: fix these first"
        );
        assert!(r.problems[100].is_error);
    }

    #[test]
    fn table_alignment_is_a_class_not_a_style_and_the_table_scrolls_in_a_focusable_box() {
        let html = render_plain("| a | b | c | d |\n|:--|:-:|--:|---|\n| 1 | 2 | 3 | 4 |\n").html;
        assert!(!html.contains("style"), "{html}");
        assert_eq!(
            html,
            concat!(
                "<div class=\"table-wrap\" tabindex=\"0\">\n",
                "<table><thead><tr><th class=\"align-left\">a</th><th class=\"align-center\">b</th>",
                "<th class=\"align-right\">c</th><th>d</th></tr></thead><tbody>\n",
                "<tr><td class=\"align-left\">1</td><td class=\"align-center\">2</td>",
                "<td class=\"align-right\">3</td><td>4</td></tr>\n</tbody></table>\n</div>\n"
            )
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
    fn every_disguise_of_an_unsafe_scheme_is_refused() {
        for source in [
            "[x](JavaScript:alert(1))",
            "[x](<java\tscript:alert(1)>)",
            "[x](< javascript:alert(1)>)",
            "[x](javascript&colon;alert(1))",
            "[x](&#106;avascript:alert(1))",
            "<javascript:alert(1)>",
            "[x][r]\n\n[r]: javascript:alert(1)",
            "![x](data:image/svg+xml;base64,PHN2Zz4=)",
            "[x](vbscript:msgbox(1))",
        ] {
            let r = render_plain(source);
            assert_eq!(r.problems.len(), 1, "{source}: {:?}", r.problems);
            assert!(
                r.problems[0].message.contains("scheme is not allowed"),
                "{source}: {}",
                r.problems[0].message
            );
            for attribute in ["href=\"", "src=\""] {
                assert_eq!(
                    r.html.matches(attribute).count(),
                    r.html.matches(&format!("{attribute}#\"")).count(),
                    "{source}: every link leads to #: {}",
                    r.html
                );
            }
        }
        for fine in [
            "[x](https://a.example/)",
            "[x](../b/)",
            "[x](#top)",
            "[x](mailto:a@b.c)",
        ] {
            assert_eq!(render_plain(fine).problems, [], "{fine}");
        }
    }

    #[test]
    fn raw_html_that_looks_like_a_code_block_is_escaped_too() {
        let html = render_plain("<pre class=\"code\"><script>alert(1)</script>\n").html;
        assert_eq!(
            html,
            "&lt;pre class=\"code\"&gt;&lt;script&gt;alert(1)&lt;/script&gt;\n"
        );
    }

    #[test]
    fn raw_html_is_kept_when_the_site_allows_it() {
        let source =
            "<details><summary>More</summary>\n\nText\n\n</details>\n\nA <kbd>key</kbd>.\n";
        let html = render_with(source, RawHtml::Allow).html;
        assert!(html.contains("<details><summary>More</summary>"), "{html}");
        assert!(html.contains("<kbd>key</kbd>"), "{html}");
        let escaped = render_plain(source).html;
        assert!(!escaped.contains("<kbd>"), "{escaped}");
        assert!(escaped.contains("&lt;kbd&gt;key&lt;/kbd&gt;"), "{escaped}");
    }

    #[test]
    fn code_is_highlighted_and_unknown_languages_warn() {
        let r = render_plain("```python\nprint(1)\n```\n\n```nolang\nx\n```\n");
        assert!(r.html.contains("hl-"));
        assert_eq!(r.problems.len(), 1);
        assert!(!r.problems[0].is_error);
    }
}
