//! Synthetic content for the benchmark (see BENCHMARKS.md): writes a complete `versus` project
//! of N items in English and Korean into a folder, in the schema of docs/content.md.
//!
//! ```sh
//! cargo run --release --example synth -- 10000 /dev/shm/versus-10000
//! cargo run --release --example synth -- 10000 /dev/shm/versus-10000-one one-group
//! ```
//!
//! Each item has about 1.5 KB of prose with headings, a list, a table and one fenced code block
//! of about 15 lines (Rust, Python, JavaScript, Go and Java in turn, each block unique to its
//! item); every criterion is rated; the Korean files are in Hangul. Pair pages follow the
//! `[pairs]` rule: past `all_up_to` items, only items of the same `family` are paired. Two
//! shapes: `small-groups` (the default: three items per family, every two of them paired) and
//! `one-group` (every item in one family, so the rule's `per_item` bound is what keeps pair
//! pages linear). The output depends on N and the shape alone: no clock, no randomness from
//! the system.
//!
//! A Rust example rather than a script: no other runtime is needed, it compiles with the
//! project (so clippy and `cargo test` keep it building) and it writes 20,000 files in well
//! under a second.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Items per `family` (the fact pair pages are grouped by) in the `small-groups` shape.
const FAMILY: usize = 3;

/// How items fall into the groups of the `[pairs]` rule.
#[derive(Clone, Copy)]
enum Shape {
    /// Three items per family.
    SmallGroups,
    /// Every item in one family.
    OneGroup,
}

const CRITERIA: [(&str, &str, &str); 7] = [
    ("performance", "Performance", "성능"),
    ("learning", "Ease of learning", "배우기 쉬움"),
    ("scalability", "Scalability", "확장성"),
    ("community", "Community", "커뮤니티"),
    ("ecosystem", "Ecosystem", "생태계"),
    ("maturity", "Maturity", "성숙도"),
    ("security", "Built-in security", "내장 보안"),
];

const LANGUAGES: [(&str, &str); 5] = [
    ("rust", "Rust"),
    ("python", "Python"),
    ("javascript", "JavaScript"),
    ("go", "Go"),
    ("java", "Java"),
];

const KINDS: [(&str, &str, &str); 3] = [
    ("micro", "Microframework", "마이크로 프레임워크"),
    ("full-stack", "Full-stack", "풀스택"),
    (
        "structured",
        "Structured API framework",
        "구조화된 API 프레임워크",
    ),
];

const SOURCES: [&str; 5] = [
    "survey-2025",
    "benchmark-suite",
    "field-guide",
    "vendor-docs",
    "review-panel",
];

const EVIDENCE: [&str; 3] = ["measured", "documented", "judgement"];

const SYLLABLES: [&str; 16] = [
    "ka", "lo", "mi", "ren", "sa", "tor", "vi", "quen", "dal", "bri", "ox", "nu", "fel", "zan",
    "or", "pi",
];

const EN_SENTENCES: [&str; 12] = [
    "It keeps its core small and lets each team add the pieces it needs through plug-ins.",
    "Routing, request parsing and templates are built in, while storage is left to libraries.",
    "Teams report that the learning curve is gentle for anyone who knows the language well.",
    "Under sustained load it holds its latency steady, according to the benchmark suite.",
    "The documentation is thorough, with a tutorial, a reference and many worked examples.",
    "Its release cadence is predictable, and breaking changes come with a migration guide.",
    "Security defaults cover cross-site scripting and request forgery without extra setup.",
    "The community answers questions quickly, and meet-ups run in several large cities.",
    "Large applications need some discipline, because the framework imposes few conventions.",
    "Asynchronous handlers are first-class, so long-lived connections cost little memory.",
    "Its ecosystem covers authentication, validation, queues and most common databases.",
    "Reviewers single out its error messages, which name the file and line at fault.",
];

const KO_SENTENCES: [&str; 12] = [
    "코어를 작게 유지하고, 필요한 기능은 팀마다 플러그인으로 더하게 합니다.",
    "라우팅, 요청 해석, 템플릿은 내장되어 있고 저장소는 라이브러리에 맡깁니다.",
    "해당 언어를 잘 아는 사람이라면 배우기 어렵지 않다고 여러 팀이 말합니다.",
    "벤치마크에 따르면 부하가 계속되어도 지연 시간이 안정적으로 유지됩니다.",
    "튜토리얼, 레퍼런스, 풍부한 예제까지 문서가 충실하게 갖추어져 있습니다.",
    "출시 주기가 예측 가능하고, 호환성이 깨지는 변경에는 이전 안내가 따라옵니다.",
    "기본 보안 설정만으로 사이트 간 스크립팅과 요청 위조를 막아 줍니다.",
    "커뮤니티가 질문에 빠르게 답하고, 여러 대도시에서 정기 모임이 열립니다.",
    "규칙을 거의 강제하지 않으므로 큰 애플리케이션에는 어느 정도 규율이 필요합니다.",
    "비동기 핸들러를 기본으로 지원하여 오래 유지되는 연결도 메모리를 적게 씁니다.",
    "인증, 검증, 큐, 대부분의 데이터베이스를 다루는 생태계를 갖추고 있습니다.",
    "오류 메시지가 문제의 파일과 줄을 알려 준다는 점을 평가자들이 높이 삽니다.",
];

/// A small deterministic generator (SplitMix64), seeded per item.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// One synthetic item: what both of its files share.
struct Item {
    index: usize,
    slug: String,
    name: String,
    language: usize,
    kind: usize,
    scores: [u8; 7],
    evidence: [usize; 7],
    sources: [usize; 7],
}

impl Item {
    fn new(index: usize) -> Item {
        let mut rng = Rng(index as u64 ^ 0x5eed);
        let mut name = String::new();
        for _ in 0..2 + rng.below(2) {
            name.push_str(SYLLABLES[rng.below(SYLLABLES.len())]);
        }
        let mut name = capitalise(&name);
        write!(name, " {index}").unwrap();
        Item {
            index,
            slug: format!("item-{index:05}"),
            name,
            language: index % LANGUAGES.len(),
            kind: rng.below(KINDS.len()),
            scores: std::array::from_fn(|_| 1 + rng.below(5) as u8),
            evidence: std::array::from_fn(|_| rng.below(EVIDENCE.len())),
            sources: std::array::from_fn(|_| rng.below(SOURCES.len())),
        }
    }

    fn family(&self, shape: Shape) -> String {
        match shape {
            Shape::SmallGroups => format!("family-{:05}", self.index / FAMILY),
            Shape::OneGroup => "family-all".to_string(),
        }
    }
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
        .unwrap_or_default()
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let shape = match args.get(2).map(String::as_str) {
        None | Some("small-groups") => Some(Shape::SmallGroups),
        Some("one-group") => Some(Shape::OneGroup),
        Some(_) => None,
    };
    let (Some(n), Some(out), Some(shape)) = (
        args.first().and_then(|n| n.parse::<usize>().ok()),
        args.get(1),
        shape,
    ) else {
        eprintln!(
            "usage: synth N OUTDIR [small-groups|one-group]   (writes OUTDIR/content/ with N items in en and ko)"
        );
        return ExitCode::from(2);
    };
    match write_project(n, Path::new(out), shape) {
        Ok(files) => {
            println!("wrote {files} files for {n} items into {out}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("synth: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Writes `out/content/` afresh; returns the number of files written.
fn write_project(n: usize, out: &Path, shape: Shape) -> std::io::Result<usize> {
    let content = out.join("content");
    if content.exists() {
        fs::remove_dir_all(&content)?;
    }
    let items = content.join("items");
    let pages = content.join("pages");
    fs::create_dir_all(&items)?;
    fs::create_dir_all(&pages)?;
    let mut files = vec![
        (content.join("site.toml"), site_toml(n)),
        (content.join("sources.toml"), sources_toml()),
    ];
    files.extend(pages_md(&pages));
    for index in 0..n {
        let item = Item::new(index);
        let next = Item::new(if index + 1 < n { index + 1 } else { 0 });
        files.push((
            items.join(format!("{}.md", item.slug)),
            item_en(&item, &next, shape),
        ));
        files.push((
            items.join(format!("{}.ko.md", item.slug)),
            item_ko(&item, &next),
        ));
    }
    for (path, text) in &files {
        fs::write(path, text)?;
    }
    Ok(files.len())
}

fn site_toml(n: usize) -> String {
    let mut s = format!(
        r#"# Synthetic report of {n} items for the benchmark (examples/synth.rs).
title = {{ en = "Synthetic frameworks, compared", ko = "합성 프레임워크 비교" }}
description = {{ en = "{n} synthetic frameworks rated on seven criteria.", ko = "합성 프레임워크 {n}종을 일곱 가지 기준으로 평가합니다." }}
base_url = "https://example.org/synth/"
default_language = "en"
items = "items"
item_label = {{ en = "Framework", ko = "프레임워크" }}
overall_min_ratings = 4
license = {{ en = "Text and data: CC BY 4.0", ko = "글과 데이터: CC BY 4.0" }}

[[languages]]
code = "en"
name = "English"

[[languages]]
code = "ko"
name = "한국어"

[scale]
min = 1
max = 5
"#
    );
    for (i, (id, en, ko)) in CRITERIA.iter().enumerate() {
        let weight = if i % 3 == 0 { 2 } else { 1 };
        write!(
            s,
            r#"
[[criteria]]
id = "{id}"
weight = {weight}
label = {{ en = "{en}", ko = "{ko}" }}
description = {{ en = "How the framework does on {en_lower}.", ko = "{ko} 기준으로 본 프레임워크의 수준." }}
[criteria.rubric]
1 = {{ en = "Poor.", ko = "나쁨." }}
2 = {{ en = "Weak.", ko = "약함." }}
3 = {{ en = "Moderate.", ko = "보통." }}
4 = {{ en = "Good.", ko = "좋음." }}
5 = {{ en = "Excellent.", ko = "매우 좋음." }}
"#,
            en_lower = en.to_lowercase()
        )
        .unwrap();
    }
    s.push_str(
        r#"
[[presets]]
id = "fundamentals"
label = { en = "Learning the fundamentals", ko = "기초 다지기" }
description = { en = "Easy to learn, with a large community.", ko = "배우기 쉽고 커뮤니티가 큰 쪽." }
weights = { learning = 3, community = 2, ecosystem = 1 }

[[presets]]
id = "performance"
label = { en = "High performance", ko = "고성능" }
description = { en = "Speed and headroom under load first.", ko = "무엇보다 속도와 부하 여유." }
weights = { performance = 3, scalability = 2, ecosystem = 1 }

[[presets]]
id = "enterprise"
label = { en = "Enterprise systems", ko = "엔터프라이즈 시스템" }
description = { en = "Proven, secure and built to scale.", ko = "검증, 보안, 확장성." }
weights = { maturity = 3, security = 2, scalability = 2 }

[[facts]]
id = "language"
type = "choice"
required = true
filter = true
label = { en = "Language", ko = "언어" }
[facts.choices]
"#,
    );
    for (id, name) in LANGUAGES {
        writeln!(s, "{id} = \"{name}\"").unwrap();
    }
    s.push_str(
        r#"
[[facts]]
id = "kind"
type = "choice"
required = true
filter = true
label = { en = "Kind", ko = "유형" }
[facts.choices]
"#,
    );
    for (id, en, ko) in KINDS {
        writeln!(s, "{id} = {{ en = \"{en}\", ko = \"{ko}\" }}").unwrap();
    }
    write!(
        s,
        r#"
[[facts]]
id = "first_release"
type = "year"
required = true
label = {{ en = "First release", ko = "첫 출시" }}

[[facts]]
id = "license"
type = "text"
required = true
label = {{ en = "Licence", ko = "라이선스" }}

[[facts]]
id = "async_model"
type = "text"
required = true
translate = true
label = {{ en = "Async model", ko = "비동기 모델" }}

[[facts]]
id = "features"
type = "list"
required = true
translate = true
table = false
label = {{ en = "Built-in features", ko = "내장 기능" }}

[[facts]]
id = "family"
type = "text"
required = true
table = false
label = {{ en = "Family", ko = "계열" }}

# Every pair up to 50 items; past that, only items of the same family, at most 4 for any
# item (the default per_item), so pair pages grow linearly with the number of items.
[pairs]
all_up_to = 50
group_by = ["family"]

# Zola and Hugo draw no preview cards and no chart pictures: the benchmark compares equal
# work (BENCHMARKS.md measures them apart, with these tables removed).
[cards]
kinds = []

[downloads]
kinds = []
"#
    )
    .unwrap();
    s
}

fn sources_toml() -> String {
    let mut s = String::from("# Synthetic sources for the benchmark.\n");
    for (i, id) in SOURCES.iter().enumerate() {
        write!(
            s,
            r#"
[[sources]]
id = "{id}"
title = "Synthetic source {n}: {id}"
publisher = "Example Press"
date = "2025-0{n}-1{n}"
language = "en"
url = "https://example.org/sources/{id}"
note = {{ en = "A synthetic source.", ko = "합성 출처입니다." }}
"#,
            n = i + 1
        )
        .unwrap();
    }
    s
}

fn pages_md(pages: &Path) -> Vec<(PathBuf, String)> {
    let page = |title: &str, body: &str| format!("+++\ntitle = \"{title}\"\n+++\n\n{body}\n");
    vec![
        (
            pages.join("home.md"),
            page(
                "Synthetic frameworks, compared",
                "Synthetic items for the benchmark. See [the table](@/compare) and [the sources](@/sources).",
            ),
        ),
        (
            pages.join("home.ko.md"),
            page(
                "합성 프레임워크 비교",
                "벤치마크용 합성 항목입니다. [비교표](@/compare)와 [출처](@/sources)를 보세요.",
            ),
        ),
        (
            pages.join("sources.md"),
            page("Sources", "Every rating cites one of these sources."),
        ),
        (
            pages.join("sources.ko.md"),
            page("출처", "모든 평가는 아래 출처 중 하나를 인용합니다."),
        ),
    ]
}

/// A TOML list of strings.
fn list(values: &[String]) -> String {
    let quoted: Vec<String> = values.iter().map(|v| format!("\"{v}\"")).collect();
    format!("[{}]", quoted.join(", "))
}

fn item_en(item: &Item, next: &Item, shape: Shape) -> String {
    let mut rng = Rng(item.index as u64 ^ 0xe2);
    let (lang_id, lang_name) = LANGUAGES[item.language];
    let mut s = format!(
        r#"+++
name = "{name}"
summary = "A synthetic {kind} for {lang_name}, number {index}, generated for the benchmark."
homepage = "https://example.org/{slug}/"
updated = 2026-{month:02}-{day:02}
best_for = {best_for}
pros = {pros}
cons = {cons}

[facts]
language = "{lang_id}"
kind = "{kind_id}"
first_release = {year}
license = "{license}"
async_model = "Event loop with async handlers"
features = ["Routing", "Templates", "Sessions", "Test client"]
family = "{family}"
"#,
        name = item.name,
        kind = KINDS[item.kind].1.to_lowercase(),
        kind_id = KINDS[item.kind].0,
        index = item.index,
        slug = item.slug,
        month = 1 + item.index % 12,
        day = 1 + item.index % 28,
        best_for = list(&["Small services".into(), "APIs".into(), "Prototypes".into()]),
        pros = list(&[
            "Small, readable core".into(),
            "Fast under load".into(),
            "Good documentation".into()
        ]),
        cons = list(&["Few conventions".into(), "Young ecosystem".into()]),
        year = 2000 + item.index % 25,
        license = ["MIT", "Apache-2.0", "BSD-3-Clause"][item.index % 3],
        family = item.family(shape),
    );
    for (c, (id, label, _)) in CRITERIA.iter().enumerate() {
        write!(
            s,
            r#"
[ratings.{id}]
score = {score}
sources = ["{source}"]
evidence = "{evidence}"
note = "{label}: {source} rates it {score} of 5 for {name}."
"#,
            score = item.scores[c],
            source = SOURCES[item.sources[c]],
            evidence = EVIDENCE[item.evidence[c]],
            name = item.name,
        )
        .unwrap();
    }
    s.push_str("+++\n\n## Overview\n\n");
    paragraph(&mut s, &mut rng, &EN_SENTENCES, 4);
    write!(
        s,
        "It is often compared with [{}](@/items/{}), and every rating cites \
         [a source](@/sources#{}).\n\n",
        next.name, next.slug, SOURCES[item.sources[0]]
    )
    .unwrap();
    s.push_str("## Strengths\n\n");
    for _ in 0..4 {
        writeln!(s, "- {}", rng.pick(&EN_SENTENCES)).unwrap();
    }
    s.push_str("\n## At a glance\n\n| Aspect | Rating | Note |\n|---|---|---|\n");
    for (c, (_, label, _)) in CRITERIA.iter().enumerate().take(4) {
        writeln!(s, "| {label} | {} | from the ratings |", item.scores[c]).unwrap();
    }
    write!(s, "\n## Hello world\n\n```{lang_id}\n").unwrap();
    s.push_str(&code(item));
    s.push_str("```\n\n## When to choose it\n\n");
    paragraph(&mut s, &mut rng, &EN_SENTENCES, 3);
    s
}

fn item_ko(item: &Item, next: &Item) -> String {
    let mut rng = Rng(item.index as u64 ^ 0x4b);
    let lang_id = LANGUAGES[item.language].0;
    let mut s = format!(
        r#"+++
summary = "벤치마크를 위해 만든 {index}번째 합성 {kind}입니다."
updated = 2026-{month:02}-{day:02}
best_for = {best_for}
pros = {pros}
cons = {cons}

[facts]
async_model = "비동기 핸들러를 쓰는 이벤트 루프"
features = ["라우팅", "템플릿", "세션", "테스트 클라이언트"]
"#,
        index = item.index,
        kind = KINDS[item.kind].2,
        month = 1 + item.index % 12,
        day = 1 + item.index % 28,
        best_for = list(&["작은 서비스".into(), "API".into(), "프로토타입".into()]),
        pros = list(&[
            "작고 읽기 쉬운 코어".into(),
            "부하에 강함".into(),
            "충실한 문서".into()
        ]),
        cons = list(&["규칙이 적음".into(), "젊은 생태계".into()]),
    );
    for (c, (id, _, label)) in CRITERIA.iter().enumerate() {
        write!(
            s,
            "\n[ratings.{id}]\nnote = \"{label}: {source} 출처는 5점 만점에 {score}점을 줍니다.\"\n",
            source = SOURCES[item.sources[c]],
            score = item.scores[c],
        )
        .unwrap();
    }
    s.push_str("+++\n\n## 개요\n\n");
    paragraph(&mut s, &mut rng, &KO_SENTENCES, 4);
    write!(
        s,
        "[{}](@/items/{})와 자주 비교되며, 모든 평가는 [출처](@/sources#{})를 밝힙니다.\n\n",
        next.name, next.slug, SOURCES[item.sources[0]]
    )
    .unwrap();
    s.push_str("## 강점\n\n");
    for _ in 0..4 {
        writeln!(s, "- {}", rng.pick(&KO_SENTENCES)).unwrap();
    }
    s.push_str("\n## 한눈에 보기\n\n| 항목 | 점수 | 비고 |\n|---|---|---|\n");
    for (c, (_, _, label)) in CRITERIA.iter().enumerate().take(4) {
        writeln!(s, "| {label} | {} | 평가에서 |", item.scores[c]).unwrap();
    }
    // Translators keep code as it is: the Korean page shows the same block.
    write!(s, "\n## 헬로 월드\n\n```{lang_id}\n").unwrap();
    s.push_str(&code(item));
    s.push_str("```\n\n## 이럴 때 고르세요\n\n");
    paragraph(&mut s, &mut rng, &KO_SENTENCES, 3);
    s
}

fn paragraph(s: &mut String, rng: &mut Rng, sentences: &[&str], count: usize) {
    let chosen: Vec<&str> = (0..count).map(|_| *rng.pick(sentences)).collect();
    s.push_str(&chosen.join(" "));
    s.push_str("\n\n");
}

/// About 15 lines of code in the item's language, unique to the item.
fn code(item: &Item) -> String {
    let n = item.index;
    match LANGUAGES[item.language].0 {
        "rust" => format!(
            r#"use std::collections::HashMap;

/// Handles a request for item {n}.
pub fn handle_{n}(path: &str, store: &mut HashMap<String, u64>) -> String {{
    let count = store.entry(path.to_string()).or_insert(0);
    *count += 1;
    match path {{
        "/" => format!("Hello from {n}, visit {{}}", count),
        "/health" => "ok".to_string(),
        other => format!("not found: {{other}}"),
    }}
}}

fn main() {{
    let mut store = HashMap::new();
    println!("{{}}", handle_{n}("/", &mut store));
}}
"#
        ),
        "python" => format!(
            r#"from dataclasses import dataclass


@dataclass
class Request{n}:
    path: str
    visits: int = 0


def handle_{n}(request: Request{n}) -> str:
    request.visits += 1
    if request.path == "/":
        return f"Hello from {n}, visit {{request.visits}}"
    if request.path == "/health":
        return "ok"
    return f"not found: {{request.path}}"


print(handle_{n}(Request{n}("/")))
"#
        ),
        "javascript" => format!(
            r#"const http = require("http");

const visits{n} = new Map();

function handle{n}(path) {{
  const count = (visits{n}.get(path) || 0) + 1;
  visits{n}.set(path, count);
  if (path === "/") return `Hello from {n}, visit ${{count}}`;
  if (path === "/health") return "ok";
  return `not found: ${{path}}`;
}}

http
  .createServer((req, res) => res.end(handle{n}(req.url)))
  .listen(3000, () => console.log("listening on 3000"));
"#
        ),
        "go" => format!(
            r#"package main

import (
	"fmt"
	"net/http"
)

var visits{n} = map[string]int{{}}

func handle{n}(w http.ResponseWriter, r *http.Request) {{
	visits{n}[r.URL.Path]++
	fmt.Fprintf(w, "Hello from {n}, visit %d", visits{n}[r.URL.Path])
}}

func main() {{
	http.HandleFunc("/", handle{n})
	http.ListenAndServe(":8080", nil)
}}
"#
        ),
        _ => format!(
            r#"import java.util.HashMap;
import java.util.Map;

public class Handler{n} {{
    private final Map<String, Integer> visits = new HashMap<>();

    public String handle(String path) {{
        int count = visits.merge(path, 1, Integer::sum);
        if (path.equals("/")) {{
            return "Hello from {n}, visit " + count;
        }}
        return path.equals("/health") ? "ok" : "not found: " + path;
    }}

    public static void main(String[] args) {{
        System.out.println(new Handler{n}().handle("/"));
    }}
}}
"#
        ),
    }
}
