//! The text of the files `init` writes, for the languages asked for: the originals in the
//! default language, English or Korean; a translation in Korean, or in any other language the
//! English text under a line asking for it to be translated.

use std::path::PathBuf;

use super::Lang;
use crate::content::walk::PAGES_FOLDER;

/// What the new report is: its title, languages (default first) and items folder.
pub struct Report<'a> {
    pub title: &'a str,
    pub languages: &'a [Lang],
    pub items: &'a str,
    /// The date every file says it was last reviewed (YYYY-MM-DD).
    pub today: &'a str,
}

/// Keeps the built site out of the repository.
pub const GITIGNORE: &str = "# The built site: `versus build` makes it again.\n/output/\n\
    # What `versus build --cache .versus-cache` keeps for the next build (the Pages workflow).\n\
    /.versus-cache/\n";

/// A language's name in itself, for the languages a report is most often written in; the
/// code itself for any other (site.toml says where to change it).
pub fn language_name(code: &str) -> &str {
    match code {
        "en" => "English",
        "ko" => "한국어",
        "ja" => "日本語",
        "zh" => "中文",
        "de" => "Deutsch",
        "fr" => "Français",
        "es" => "Español",
        "pt" => "Português",
        "it" => "Italiano",
        "nl" => "Nederlands",
        _ => code,
    }
}

/// A phrase in English and Korean.
type Phrase<'p> = (&'p str, &'p str);

/// The `owner/name` of the repository holding versus and its Action, from Cargo.toml.
fn action_repository() -> &'static str {
    env!("CARGO_PKG_REPOSITORY")
        .trim_start_matches("https://github.com/")
        .trim_end_matches('/')
}

impl Report<'_> {
    /// Every file, by path below the report's folder.
    pub fn files(&self) -> Vec<(PathBuf, String)> {
        let mut files = vec![
            (PathBuf::from("content/site.toml"), self.site_toml()),
            (PathBuf::from("content/sources.toml"), SOURCES.to_string()),
            (
                PathBuf::from(".github/workflows/pages.yml"),
                self.workflow(),
            ),
        ];
        for lang in self.languages {
            let item = self.content_file(self.items, "example", lang, &self.example_item(lang));
            let home = self.content_file(PAGES_FOLDER, "home", lang, &self.home(lang));
            let text = methodology(lang, self.today);
            let method = self.content_file(PAGES_FOLDER, "methodology", lang, &text);
            files.extend([item, home, method]);
            if !crate::theme::has_strings(&lang.code) {
                let path = format!("themes/default/i18n/{}.toml", lang.code);
                files.push((
                    PathBuf::from(path),
                    crate::theme::strings_to_translate(&lang.code, &lang.name),
                ));
            }
        }
        files
    }

    fn default(&self) -> &Lang {
        &self.languages[0]
    }

    /// `content/<folder>/<slug>.md` for the default language, `<slug>.<code>.md` for another,
    /// asking for a translation where the text is not in its language.
    fn content_file(&self, folder: &str, slug: &str, lang: &Lang, text: &str) -> (PathBuf, String) {
        let is_default = lang.code == self.default().code;
        let name = if is_default {
            format!("{slug}.md")
        } else {
            format!("{slug}.{}.md", lang.code)
        };
        let text = if written_in(lang) || is_default {
            text.to_string()
        } else {
            let ask = format!(
                "# Translate this file into {} ({}): it is the English text.\n",
                lang.name, lang.code
            );
            text.replacen("+++\n", &format!("+++\n{ask}"), 1)
        };
        (PathBuf::from(format!("content/{folder}/{name}")), text)
    }

    /// A phrase in one language: Korean where asked, else English.
    fn say<'p>(&self, lang: &Lang, phrase: Phrase<'p>) -> &'p str {
        if lang.code == "ko" {
            phrase.1
        } else {
            phrase.0
        }
    }

    /// A label of site.toml, `{ en = "...", ko = "..." }`: the default language always, every
    /// other language whose text is known (the others fall back to the default, and the
    /// build's coverage lists them).
    fn text(&self, phrase: Phrase) -> String {
        let entries: Vec<String> = self
            .languages
            .iter()
            .enumerate()
            .filter(|(n, lang)| *n == 0 || written_in(lang))
            .map(|(_, lang)| format!("{} = {}", lang.code, quote(self.say(lang, phrase))))
            .collect();
        format!("{{ {} }}", entries.join(", "))
    }

    fn site_toml(&self) -> String {
        let languages: String = self
            .languages
            .iter()
            .map(|l| {
                format!(
                    "\n[[languages]]\ncode = {}\nname = {}\n",
                    quote(&l.code),
                    quote(&l.name)
                )
            })
            .collect();
        let t = |phrase| self.text(phrase);
        SITE_TOML
            .replace("{title}", &quote(self.title))
            .replace("{default_language}", &quote(&self.default().code))
            .replace("{items}", &quote(self.items))
            .replace("{languages}", &languages)
            .replace("{description}", &t(DESCRIPTION))
            .replace("{item_label}", &t(("Item", "항목")))
            .replace(
                "{license}",
                &t(("Text and data: CC BY 4.0", "글과 데이터: CC BY 4.0")),
            )
            .replace("{quality}", &t(("Quality", "품질")))
            .replace("{quality_about}", &t(QUALITY))
            .replace(
                "{quality_1}",
                &t((
                    "Poor: sources report frequent problems.",
                    "나쁨: 출처들이 문제가 잦다고 보고합니다.",
                )),
            )
            .replace("{quality_3}", &t(("Adequate.", "보통.")))
            .replace(
                "{quality_5}",
                &t((
                    "Excellent: singled out for its quality.",
                    "매우 좋음: 품질로 특히 꼽힙니다.",
                )),
            )
            .replace("{value}", &t(("Value for money", "가격 대비 가치")))
            .replace("{value_about}", &t(VALUE))
            .replace(
                "{value_1}",
                &t(("Expensive for what it gives.", "주는 것에 비해 비쌉니다.")),
            )
            .replace("{value_3}", &t(("Fair.", "적당합니다.")))
            .replace(
                "{value_5}",
                &t((
                    "Free, or cheap for what it gives.",
                    "무료이거나 주는 것에 비해 쌉니다.",
                )),
            )
            .replace("{license_label}", &t(("Licence", "라이선스")))
            .replace("{kind_label}", &t(("Kind", "종류")))
            .replace("{open}", &t(("Open source", "오픈 소스")))
            .replace("{commercial}", &t(("Commercial", "상용")))
            .replace("{first_release}", &t(("First release", "첫 출시")))
            .replace("{preset}", &t(("Best value", "가성비 우선")))
            .replace("{preset_about}", &t(PRESET))
    }

    fn example_item(&self, lang: &Lang) -> String {
        let s = |phrase| self.say(lang, phrase);
        if lang.code != self.default().code {
            return format!(
                "+++\nsummary = {}\nupdated = {}\nbest_for = [{}]\npros = [{}]\ncons = [{}]\n\n\
                 [ratings.quality]\nnote = {}\n\n[ratings.value]\nnote = {}\n+++\n\n{}\n",
                quote(s(EXAMPLE_SUMMARY)),
                self.today,
                quote(s(EXAMPLE_BEST_FOR)),
                quote(s(EXAMPLE_PRO)),
                quote(s(EXAMPLE_CON)),
                quote(s(QUALITY_NOTE)),
                quote(s(VALUE_NOTE)),
                s(EXAMPLE_BODY)
            );
        }
        EXAMPLE_ITEM
            .replace("{summary}", &quote(s(EXAMPLE_SUMMARY)))
            .replace("{today}", self.today)
            .replace("{best_for}", &quote(s(EXAMPLE_BEST_FOR)))
            .replace("{pro}", &quote(s(EXAMPLE_PRO)))
            .replace("{con}", &quote(s(EXAMPLE_CON)))
            .replace("{quality_note}", &quote(s(QUALITY_NOTE)))
            .replace("{value_note}", &quote(s(VALUE_NOTE)))
            .replace("{body}", s(EXAMPLE_BODY))
    }

    fn home(&self, lang: &Lang) -> String {
        let title = if lang.code == self.default().code {
            self.title
        } else {
            self.say(lang, ("The comparison", "비교"))
        };
        format!(
            "+++\ntitle = {}\nupdated = {}\n+++\n\n{}\n",
            quote(title),
            self.today,
            self.say(lang, HOME).replace("{items}", self.items)
        )
    }

    fn workflow(&self) -> String {
        WORKFLOW
            .replace("{repository}", action_repository())
            .replace("{version}", env!("CARGO_PKG_VERSION"))
    }
}

fn methodology(lang: &Lang, today: &str) -> String {
    let say = |phrase: Phrase<'static>| {
        if lang.code == "ko" {
            phrase.1
        } else {
            phrase.0
        }
    };
    format!(
        "+++\ntitle = {}\nupdated = {today}\n+++\n\n{}\n",
        quote(say(("Methodology", "방법론"))),
        say(METHODOLOGY)
    )
}

/// Whether the starter has its own text in this language.
fn written_in(lang: &Lang) -> bool {
    lang.code == "en" || lang.code == "ko"
}

/// A TOML basic string, escaped.
fn quote(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

const DESCRIPTION: Phrase = (
    "A few things rated side by side, every score traced to its source.",
    "몇 가지를 나란히 평가하고, 모든 점수에 출처를 밝힙니다.",
);
const QUALITY: Phrase = (
    "How well it does its job, as the sources report it.",
    "출처들이 보고하는, 맡은 일을 얼마나 잘 해내는지.",
);
const VALUE: Phrase = (
    "What it costs for what it gives.",
    "주는 것에 비해 드는 비용.",
);
const PRESET: Phrase = (
    "Value for money first, then quality.",
    "가격 대비 가치를 먼저, 그다음 품질을 봅니다.",
);
const EXAMPLE_SUMMARY: Phrase = (
    "The example item: replace it with the first thing you compare.",
    "예시 항목입니다. 비교할 첫 번째 대상으로 바꾸세요.",
);
const EXAMPLE_BEST_FOR: Phrase = ("Trying versus out", "versus를 시험해 볼 때");
const EXAMPLE_PRO: Phrase = ("Builds at once", "바로 빌드됩니다");
const EXAMPLE_CON: Phrase = ("Not a real thing", "실제 대상이 아닙니다");
const QUALITY_NOTE: Phrase = (
    "The example review calls it good.",
    "예시 리뷰가 좋다고 평가합니다.",
);
const VALUE_NOTE: Phrase = (
    "The example review finds it fairly priced.",
    "예시 리뷰가 값이 적당하다고 봅니다.",
);
const EXAMPLE_BODY: Phrase = (
    "## Overview\n\nThe body is Markdown: say what the scores cannot. Link to other pages with \
     `@/`, such as [the methodology](@/methodology).",
    "## 개요\n\n본문은 마크다운입니다. 점수로 말할 수 없는 것을 쓰세요. 다른 페이지는 `@/`로 \
     링크합니다. 예: [방법론](@/methodology).",
);
const HOME: Phrase = (
    "Start with [the comparison table](@/compare), or read [how items are rated](@/methodology).\n\n\
     Add an item with `versus new <slug>`: it writes `content/{items}/<slug>.md` ready to fill in.",
    "[비교표](@/compare)에서 시작하거나 [평가 방법](@/methodology)을 읽어 보세요.\n\n\
     `versus new <slug>`로 항목을 더하면 `content/{items}/<slug>.md`가 채울 준비가 된 채로 생깁니다.",
);
const METHODOLOGY: Phrase = (
    "Every score cites a source from `content/sources.toml` and says what kind of evidence it \
     rests on. The criteria, their weights and what each level of the scale means are below.",
    "모든 점수는 `content/sources.toml`의 출처를 인용하고, 어떤 근거에 기대는지 밝힙니다. \
     기준, 가중치, 척도의 각 단계가 뜻하는 바는 아래에 있습니다.",
);

const SOURCES: &str = r#"# The sources ratings cite, by id: each rating names ids from here in its `sources`.
# Keys: id and title (required); author, publisher, date (YYYY-MM-DD or YYYY-MM), language
# (the source's own), url (leave it out when no public address is known: never guess one)
# and note (one text, or a table with one text per language). See docs/config.md of versus.

[[sources]]
id = "example-review"
title = "An example review"
author = "A. Reviewer"
publisher = "Example Magazine"
date = "2026-01-01"
language = "en"
url = "https://example.org/review"
note = "Replace it with the first source you cite."
"#;

const SITE_TOML: &str = r#"# The report's configuration. Every key is written here, the optional ones with their
# default; docs/config.md of versus describes each. A text is one string, the same in every
# language, or a table with one string per language code: { en = "...", ko = "..." }.

# The report's name and its one-line description.
title = {title}
description = {description}
# The address the site is published at. The Pages workflow builds with the real one
# (--base-url), so this one is for building by hand.
base_url = "https://example.github.io/report/"
# The language the originals are written in; the first of the languages below.
default_language = {default_language}
# The folder under content/ with one Markdown file per compared item; also their address.
items = {items}
# What one item is called: "Database", "Laptop".
item_label = {item_label}
# Shown in every page's footer. Optional.
license = {license}
# Ratings an item needs for an overall rank; with fewer it is listed, not ranked. Default 1.
overall_min_ratings = 1

# The languages the report is published in, the default first. A translation of
# <slug>.md is <slug>.<code>.md beside it.
{languages}
# The scale every criterion is rated on: whole numbers from min to max.
[scale]
min = 1
max = 5

# The criteria items are rated on. `weight` counts in the overall score (above 0, relative);
# `rubric` says what each level of the scale means (levels may be left out).
[[criteria]]
id = "quality"
weight = 2
label = {quality}
description = {quality_about}
[criteria.rubric]
1 = {quality_1}
3 = {quality_3}
5 = {quality_5}

[[criteria]]
id = "value"
weight = 1
label = {value}
description = {value_about}
[criteria.rubric]
1 = {value_1}
3 = {value_3}
5 = {value_5}

# The key facts every item states, under [facts] in its file. `type`: text, list, url,
# year, number or choice. `required` (default false): an item must give it. `translate`
# (default false): a translation may give its own text. `filter` (default false): the
# comparison table can be filtered by it. `table` (default true): a column of the table.
[[facts]]
id = "license"
type = "text"
label = {license_label}
required = true
translate = false
filter = false
table = true

# A choice fact: the item gives one of the keys of `choices`.
[[facts]]
id = "kind"
type = "choice"
label = {kind_label}
required = true
filter = true
[facts.choices]
open = {open}
commercial = {commercial}

[[facts]]
id = "first_release"
type = "year"
label = {first_release}

# Goals a reader may have: a weighting of the criteria each (criteria left out weigh 0),
# offered on the choose page and ranked there without JavaScript too.
[[presets]]
id = "best-value"
label = {preset}
description = {preset_about}
weights = { value = 3, quality = 1 }

# Which "X vs Y" pages are made: every pair up to `all_up_to` items (default 50); past it,
# only pairs sharing a value of one of the `group_by` facts (default none), each item with at
# most `per_item` others (default 4), its nearest by overall rank.
[pairs]
all_up_to = 50
group_by = []
per_item = 4

# Most bars a ranking's chart shows (default 30); its table always lists every item.
[charts]
bars = 30

# Items a page of the comparison table, a ranking, the A-Z list or the picker shows (default
# 100); a longer list takes several pages.
[lists]
page_size = 100

# What the site shows of the repository's history (when the report is a git repository): a
# score changed within `recent_days` of the latest commit is marked; the changes page and each
# item's history list at most `limit` changes; each language's feed at most `feed_entries`.
[history]
recent_days = 30
limit = 200
feed_entries = 50

# Which pages get a preview card (the image shown when a link is shared) of their own: home,
# ranking, item, pair; every other page shares the home page's. `max` caps how many are made
# in each language.
[cards]
kinds = ["home", "ranking", "item", "pair"]
max = 500

# Which charts have "Download SVG", "Download PNG" and an embed page (for an <iframe>): the
# chart of the home page, of a ranking, an item or a pair. `max` caps how many in each
# language; a chart's PNG is drawn again only when the chart changes.
[downloads]
kinds = ["home", "ranking", "item", "pair"]
max = 200

# With the repository's address, every item and page links to its file there ("Edit this
# page") and to a new issue ("Suggest a correction"):
# [repository]
# url = "https://github.com/<owner>/<repo>"
# branch = "main"
# path = ""

# What HTML written in a Markdown body becomes: "escape" (the default, shown as text) or
# "allow" (kept as markup: only when every editor is trusted).
[markdown]
raw_html = "escape"
"#;

const EXAMPLE_ITEM: &str = r#"+++
# The example item: `versus new <slug>` writes another one like it, every field present.
name = "Example"
summary = {summary}
homepage = "https://example.org/"
# When this file was last reviewed: a translation older than its original is listed as out
# of date.
updated = {today}
best_for = [{best_for}]
pros = [{pro}]
cons = [{con}]

[facts]
license = "MIT"
kind = "open"
first_release = 2024

# One table per criterion: `score` on the scale, the `sources` (ids from sources.toml) it
# rests on, the kind of `evidence` (measured, documented or judgement) and a `note`.
[ratings.quality]
score = 4
sources = ["example-review"]
evidence = "judgement"
note = {quality_note}

[ratings.value]
score = 5
sources = ["example-review"]
evidence = "documented"
note = {value_note}
+++

{body}
"#;

/// The Pages workflow of a content-only repository: the Action builds, checks and uploads;
/// only the deploy job may write to Pages.
const WORKFLOW: &str = r#"# Builds the report with versus, checks it, and publishes it on GitHub Pages on every push
# to main; a pull request is built and checked, not published.
# One-time setup: Settings → Pages → Build and deployment → Source: "GitHub Actions".
name: Pages

on:
  push:
    branches: [main]
  pull_request:
  workflow_dispatch:

permissions:
  contents: read

# One deployment at a time; a newer push waits instead of cancelling one in progress.
concurrency:
  group: pages-${{ github.ref }}
  cancel-in-progress: false

jobs:
  build:
    runs-on: ubuntu-latest
    permissions:
      contents: read
      pages: read
    steps:
      - uses: actions/checkout@v6
        with:
          fetch-depth: 0  # the whole history: item pages, the changes page and feeds are made from it
      # Gets the versus release binary, builds for the Pages address (going on from what the
      # last run kept, carried in the Actions cache), runs `versus check` and uploads the site
      # as the Pages artifact.
      - uses: {repository}@v{version}

  deploy:
    if: github.event_name != 'pull_request'
    needs: build
    runs-on: ubuntu-latest
    permissions:
      pages: write
      id-token: write
    environment:
      name: github-pages
      url: ${{ steps.deployment.outputs.page_url }}
    steps:
      - name: Deploy to GitHub Pages
        id: deployment
        uses: actions/deploy-pages@v5
"#;
