//! Every key of `site.toml` and `sources.toml`: its kind, whether it is required, its default,
//! what it means and an example. The deserialised structs (`config::Config`,
//! `model::source::Source`) hold the same keys; tests keep the two, and docs/config.md, in step.

use super::{Key, Kind};

const fn key(name: &'static str, kind: Kind, about: &'static str, example: &'static str) -> Key {
    Key {
        name,
        kind,
        required: true,
        default: "",
        about,
        example,
    }
}

const fn optional(
    name: &'static str,
    kind: Kind,
    default: &'static str,
    about: &'static str,
    example: &'static str,
) -> Key {
    Key {
        name,
        kind,
        required: false,
        default,
        about,
        example,
    }
}

/// The kinds a key fact may be (`FactKind`).
pub const FACT_TYPES: &[&str] = &["text", "list", "url", "year", "number", "choice"];
/// What raw HTML in a body may become (`RawHtml`).
pub const RAW_HTML: &[&str] = &["escape", "allow"];

/// The keys of `content/site.toml`.
pub const SITE: &[Key] = &[
    key(
        "title",
        Kind::Text,
        "The report's name: the home page's heading and every page title's end.",
        r#"{ en = "Databases, compared", ko = "데이터베이스 비교" }"#,
    ),
    key(
        "description",
        Kind::Text,
        "One sentence on what the report compares, for the home page and search engines.",
        r#""Four databases rated side by side.""#,
    ),
    key(
        "base_url",
        Kind::String,
        "The absolute http(s) address the site is published at; `build --base-url` overrides it.",
        r#""https://you.github.io/dbs/""#,
    ),
    key(
        "default_language",
        Kind::String,
        "The code of the language the originals are written in: one of `languages`.",
        r#""en""#,
    ),
    key(
        "items",
        Kind::String,
        "The folder under `content/` holding one file per item; also their address. Lowercase letters, digits, hyphens.",
        r#""databases""#,
    ),
    key(
        "item_label",
        Kind::Text,
        "What one item is called.",
        r#"{ en = "Database", ko = "데이터베이스" }"#,
    ),
    optional(
        "license",
        Kind::Text,
        "none",
        "The licence of the text and data, shown in every page's footer.",
        r#""Text and data: CC BY 4.0""#,
    ),
    optional(
        "overall_min_ratings",
        Kind::Count,
        "1",
        "Ratings an item needs for an overall rank; with fewer it is listed as not ranked, with the reason.",
        "3",
    ),
    key(
        "languages",
        Kind::Tables(LANGUAGE),
        "The languages the report is published in, the default first.",
        "[[languages]]",
    ),
    key(
        "scale",
        Kind::Table(SCALE),
        "The range every score lies in.",
        "[scale]",
    ),
    key(
        "criteria",
        Kind::Tables(CRITERION),
        "The criteria items are rated on.",
        "[[criteria]]",
    ),
    optional(
        "facts",
        Kind::Tables(FACT),
        "none",
        "The key facts every item states, under `[facts]` in its file.",
        "[[facts]]",
    ),
    optional(
        "presets",
        Kind::Tables(PRESET),
        "none",
        "Readers' goals: a weighting of the criteria each, offered on the choose page.",
        "[[presets]]",
    ),
    optional(
        "pairs",
        Kind::Table(PAIRS),
        "see its keys",
        "Which \"X vs Y\" pages are made.",
        "[pairs]",
    ),
    optional(
        "charts",
        Kind::Table(CHARTS),
        "see its keys",
        "How rankings are drawn.",
        "[charts]",
    ),
    optional(
        "lists",
        Kind::Table(LISTS),
        "see its keys",
        "How long lists are split into pages.",
        "[lists]",
    ),
    optional(
        "history",
        Kind::Table(HISTORY),
        "see its keys",
        "What the site shows of the repository's history.",
        "[history]",
    ),
    optional(
        "repository",
        Kind::Table(REPOSITORY),
        "none",
        "Where the report's files are kept, for edit links.",
        "[repository]",
    ),
    optional(
        "cards",
        Kind::Table(CARDS),
        "see its keys",
        "Which pages get a preview card (og:image) of their own.",
        "[cards]",
    ),
    optional(
        "downloads",
        Kind::Table(DOWNLOADS),
        "see its keys",
        "Which charts have downloads (SVG, PNG) and an embed page.",
        "[downloads]",
    ),
    optional(
        "markdown",
        Kind::Table(MARKDOWN),
        "see its keys",
        "How Markdown bodies become HTML.",
        "[markdown]",
    ),
];

const LANGUAGE: &[Key] = &[
    key(
        "code",
        Kind::String,
        "The language's code: the suffix of its files (`<slug>.<code>.md`) and its address (`/<code>/`).",
        r#""ko""#,
    ),
    key(
        "name",
        Kind::String,
        "The language's name in itself, for the language switcher.",
        r#""한국어""#,
    ),
];

const SCALE: &[Key] = &[
    key(
        "min",
        Kind::Integer,
        "The lowest score (at least -1000).",
        "1",
    ),
    key(
        "max",
        Kind::Integer,
        "The highest score (at most 1000, and at most 100 levels above `min`).",
        "5",
    ),
];

const CRITERION: &[Key] = &[
    key(
        "id",
        Kind::String,
        "The criterion's id, as items name it under `[ratings.<id>]`: lowercase letters, digits, `-`, `_`.",
        r#""performance""#,
    ),
    key(
        "weight",
        Kind::Number,
        "Its weight in the overall score: above 0, at most 1000, relative to the others.",
        "2",
    ),
    key(
        "label",
        Kind::Text,
        "Its name.",
        r#"{ en = "Performance", ko = "성능" }"#,
    ),
    key(
        "description",
        Kind::Text,
        "What it measures.",
        r#""How much load it serves.""#,
    ),
    key(
        "rubric",
        Kind::Map(&Kind::Text),
        "What each level of the scale means, by score (levels may be left out).",
        r#"{ 1 = "Slow.", 5 = "Fast." }"#,
    ),
];

const FACT: &[Key] = &[
    key(
        "id",
        Kind::String,
        "The fact's id, as items name it under `[facts]`.",
        r#""license""#,
    ),
    key(
        "type",
        Kind::Word(FACT_TYPES),
        "What an item gives: text, a list of text, an http(s) address, a four-digit year, a number, or one of `choices`.",
        r#""choice""#,
    ),
    key(
        "label",
        Kind::Text,
        "Its name.",
        r#"{ en = "Licence", ko = "라이선스" }"#,
    ),
    optional(
        "required",
        Kind::Bool,
        "false",
        "Every item must give it.",
        "true",
    ),
    optional(
        "translate",
        Kind::Bool,
        "false",
        "A translation may give its own text.",
        "true",
    ),
    optional(
        "filter",
        Kind::Bool,
        "false",
        "The comparison table can be filtered by it.",
        "true",
    ),
    optional(
        "table",
        Kind::Bool,
        "true",
        "Shown as a column of the comparison table.",
        "false",
    ),
    optional(
        "choices",
        Kind::Map(&Kind::Text),
        "none",
        "For a `choice` fact (and only for one): the keys an item may give, with their labels.",
        r#"{ open = "Open source", commercial = "Commercial" }"#,
    ),
];

const PRESET: &[Key] = &[
    key(
        "id",
        Kind::String,
        "The goal's id, kept in the choose page's address.",
        r#""fundamentals""#,
    ),
    key(
        "label",
        Kind::Text,
        "Its name.",
        r#""Learning the fundamentals""#,
    ),
    key(
        "description",
        Kind::Text,
        "What it favours, and why.",
        r#""Easy to learn first.""#,
    ),
    key(
        "weights",
        Kind::Map(&Kind::Number),
        "Weight per criterion id, from 0 to 1000; criteria left out weigh 0; at least one above 0.",
        "{ learning = 3, community = 1 }",
    ),
];

const PAIRS: &[Key] = &[
    optional(
        "all_up_to",
        Kind::Count,
        "50",
        "Every pair of items has its page up to this many items.",
        "100",
    ),
    optional(
        "group_by",
        Kind::Strings,
        "[]",
        "Past `all_up_to`, only pairs sharing a value of one of these facts have a page (the picker compares any two).",
        r#"["language"]"#,
    ),
    optional(
        "per_item",
        Kind::Count,
        "4",
        "Past `all_up_to`, the most pair pages an item has: its nearest items by overall rank within its groups (0 to 50).",
        "6",
    ),
];

const LISTS: &[Key] = &[optional(
    "page_size",
    Kind::Count,
    "100",
    "Items a page of the comparison table, a ranking, the A-Z list or the picker's list shows; longer lists take several pages (at least 1).",
    "50",
)];

const CHARTS: &[Key] = &[optional(
    "bars",
    Kind::Count,
    "30",
    "Most bars a ranking's chart shows, the first by rank (at least 1); its table lists every item.",
    "20",
)];

const HISTORY: &[Key] = &[
    optional(
        "recent_days",
        Kind::Count,
        "30",
        "A score changed within this many days before the latest commit is marked in the table and on pair pages; 0 marks none.",
        "14",
    ),
    optional(
        "limit",
        Kind::Count,
        "200",
        "Most changes listed on the changes page, in an item's history and in each feed entry.",
        "100",
    ),
    optional(
        "feed_entries",
        Kind::Count,
        "50",
        "Most commits in each language's Atom feed.",
        "20",
    ),
];

const REPOSITORY: &[Key] = &[
    key(
        "url",
        Kind::String,
        "The repository's address, for \"Edit this page\" and \"Suggest a correction\" links (GitHub's or GitLab's form).",
        r#""https://github.com/owner/report""#,
    ),
    optional(
        "branch",
        Kind::String,
        "\"main\"",
        "The branch edits are proposed on.",
        r#""main""#,
    ),
    optional(
        "path",
        Kind::String,
        "\"\"",
        "The project's folder (holding `content/`) inside the repository; empty at its root.",
        r#""report""#,
    ),
];

const CARDS: &[Key] = &[
    optional(
        "kinds",
        Kind::Strings,
        r#"["home", "ranking", "item", "pair"]"#,
        "The kinds of page with a preview card of their own (home, ranking, item, pair); every other page shares the home page's.",
        r#"["home", "ranking"]"#,
    ),
    optional(
        "max",
        Kind::Count,
        "500",
        "Most cards made in each language, in the order home, rankings, items by overall rank, pairs (at least 1); pages past it share the home page's card.",
        "2000",
    ),
];

const DOWNLOADS: &[Key] = &[
    optional(
        "kinds",
        Kind::Strings,
        r#"["home", "ranking", "item", "pair"]"#,
        "The kinds of page whose chart has \"Download SVG\", \"Download PNG\" and an embed page (home, ranking, item, pair).",
        r#"["home", "ranking"]"#,
    ),
    optional(
        "max",
        Kind::Count,
        "200",
        "Most charts with downloads in each language, in the order home, rankings, items by overall rank, pairs (at least 1); each has a PNG drawn when it changes.",
        "2000",
    ),
];

const MARKDOWN: &[Key] = &[optional(
    "raw_html",
    Kind::Word(RAW_HTML),
    "\"escape\"",
    "What HTML written in a body becomes: shown as text (`escape`) or kept as markup (`allow`, only when every editor is trusted).",
    r#""allow""#,
)];

/// The keys of `content/sources.toml`.
pub const SOURCES: &[Key] = &[optional(
    "sources",
    Kind::Tables(SOURCE),
    "none",
    "The sources ratings cite.",
    "[[sources]]",
)];

const SOURCE: &[Key] = &[
    key(
        "id",
        Kind::String,
        "The id ratings name in their `sources`: lowercase letters, digits, `-`, `_`.",
        r#""filatov-2024""#,
    ),
    key(
        "title",
        Kind::String,
        "The source's title.",
        r#""Top Backend Frameworks""#,
    ),
    optional(
        "author",
        Kind::String,
        "none",
        "Who wrote it.",
        r#""Vladyslav Filatov""#,
    ),
    optional(
        "publisher",
        Kind::String,
        "none",
        "Where it was published.",
        r#""daily.dev""#,
    ),
    optional(
        "date",
        Kind::String,
        "none",
        "When it was published: YYYY-MM-DD or YYYY-MM.",
        r#""2024-11-18""#,
    ),
    optional(
        "language",
        Kind::String,
        "none",
        "The language it is written in.",
        r#""en""#,
    ),
    optional(
        "url",
        Kind::String,
        "none",
        "Its absolute http(s) address; leave it out when none is known (never guess one).",
        r#""https://example.org/review""#,
    ),
    optional(
        "note",
        Kind::Text,
        "none",
        "What it covers, for the sources page.",
        r#"{ en = "Pros and cons of ten frameworks." }"#,
    ),
];
