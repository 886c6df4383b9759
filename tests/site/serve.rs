//! `versus serve`, run as a real process on the `bilingual` fixture and spoken to over
//! loopback only: it listens on 127.0.0.1 (or where `--bind` says), serves the site under its
//! base path with the live-reload script, refuses paths that try to leave the site and
//! requests it does not serve or whose head is over the limits (431, with the server's memory
//! unchanged by a 64 MB header), keeps connections alive, pushes a reload event after a change,
//! shows a bad edit's errors without stopping, and serves many requests and reload streams at
//! once. Every wait is bounded.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use super::support::SiteTest;

/// The longest any single step may take.
const PATIENCE: Duration = Duration::from_secs(20);
const ALPHA: &str = "content/items/alpha.md";

/// A running `versus serve`, stopped when dropped.
struct Served {
    child: Child,
    /// `127.0.0.1:<port>`.
    address: String,
    /// What it printed to stdout after its address.
    _stdout: Receiver<String>,
}

impl Served {
    fn start(site: &SiteTest) -> Served {
        Served::start_with(site, &[])
    }

    /// `versus serve --port 0 --root <site> <extra...>`.
    fn start_with(site: &SiteTest, extra: &[&str]) -> Served {
        let mut child = Command::new(env!("CARGO_BIN_EXE_versus"))
            .current_dir(site.root())
            .args(["serve", "--port", "0", "--root"])
            .arg(site.root())
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start versus serve");
        let stdout = BufReader::new(child.stdout.take().expect("piped stdout"));
        let (sender, lines) = channel();
        std::thread::spawn(move || {
            for line in stdout.lines().map_while(Result::ok) {
                if sender.send(line).is_err() {
                    break;
                }
            }
        });
        let mut served = Served {
            child,
            address: String::new(),
            _stdout: lines,
        };
        served.address = loop {
            let line = served
                ._stdout
                .recv_timeout(PATIENCE)
                .expect("serve prints its address");
            if let Some(rest) = line.strip_prefix("serving http://") {
                let (address, rest) = rest.split_once('/').expect("an address and a path");
                assert_eq!(
                    rest, "widgets/ (Ctrl-C to stop)",
                    "the base path of base_url"
                );
                break address.to_string();
            }
        };
        served
    }

    /// A GET request: the status, the headers, the body.
    fn get(&self, target: &str) -> (u16, String, String) {
        let mut stream = self.connect(target);
        let mut response = Vec::new();
        stream
            .read_to_end(&mut response)
            .expect("read the response");
        let response = String::from_utf8_lossy(&response).into_owned();
        let (head, body) = response.split_once("\r\n\r\n").expect("a head and a body");
        let status = head[9..12].parse().expect("a status code");
        (status, head.to_string(), body.to_string())
    }

    /// Sends `request` as it is; the status of the answer, or `None` if the connection was
    /// closed without one.
    fn raw(&self, request: &[u8]) -> Option<u16> {
        self.answer(request)
            .strip_prefix("HTTP/1.1 ")
            .and_then(|rest| rest.get(..3))
            .and_then(|code| code.parse().ok())
    }

    /// Sends `request` as it is; everything the server answers until it closes.
    fn answer(&self, request: &[u8]) -> String {
        let mut stream = TcpStream::connect(&self.address).expect("connect over loopback");
        stream.set_read_timeout(Some(PATIENCE)).expect("a timeout");
        // The server may answer and close before reading all of a very long request.
        let _ = stream.write_all(request);
        let mut answer = Vec::new();
        let _ = stream.read_to_end(&mut answer);
        String::from_utf8_lossy(&answer).into_owned()
    }

    /// The most memory the server has held so far, in kB (Linux's `VmHWM`).
    fn peak_memory(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .expect("the server's /proc status");
        status
            .lines()
            .find_map(|line| line.strip_prefix("VmHWM:"))
            .and_then(|kb| kb.trim().trim_end_matches(" kB").parse().ok())
            .expect("a VmHWM line")
    }

    fn connect(&self, target: &str) -> TcpStream {
        let mut stream = TcpStream::connect(&self.address).expect("connect over loopback");
        stream.set_read_timeout(Some(PATIENCE)).expect("a timeout");
        write!(
            stream,
            "GET {target} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            self.address
        )
        .expect("send a request");
        stream
    }

    /// The stream of reload events, past its response head.
    fn events(&self) -> Events {
        self.events_of("/__versus/events")
    }

    /// The stream of reload events of the open page at `path`, as the live-reload script asks.
    fn events_on(&self, path: &str) -> Events {
        self.events_of(&format!(
            "/__versus/events?page={}",
            path.replace('/', "%2F")
        ))
    }

    fn events_of(&self, target: &str) -> Events {
        let mut reader = BufReader::new(self.connect(target));
        let mut line = String::new();
        while line != "\r\n" {
            line.clear();
            reader.read_line(&mut line).expect("the response head");
        }
        Events { reader }
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Events {
    reader: BufReader<TcpStream>,
}

impl Events {
    /// The next event: its name and its data (lines joined with `\n`).
    fn next(&mut self) -> (String, String) {
        let (mut name, mut data) = (String::new(), Vec::new());
        loop {
            let mut line = String::new();
            self.reader.read_line(&mut line).expect("an event in time");
            let line = line.trim_end_matches('\n');
            if line.is_empty() && !name.is_empty() {
                return (name, data.join("\n"));
            } else if let Some(value) = line.strip_prefix("event: ") {
                name = value.to_string();
            } else if let Some(value) = line.strip_prefix("data: ") {
                data.push(value.to_string());
            }
        }
    }
}

#[test]
fn serves_the_site_under_its_base_path_on_loopback() {
    let site = SiteTest::fixture("bilingual");
    let served = Served::start(&site);
    assert!(
        served.address.starts_with("127.0.0.1:"),
        "{}",
        served.address
    );

    let (status, head, _) = served.get("/");
    assert_eq!(status, 302);
    assert!(head.contains("\r\nLocation: /widgets/"), "{head}");

    let (status, head, page) = served.get("/widgets/items/alpha/");
    assert_eq!(status, 200);
    assert!(
        head.contains("Content-Type: text/html; charset=utf-8"),
        "{head}"
    );
    assert!(page.contains("<h1>Alpha</h1>"), "{page}");
    assert!(
        page.contains(&format!("http://{}/widgets/items/alpha/", served.address)),
        "absolute links point at the preview"
    );
    assert!(
        page.contains("<script src=\"/__versus/live.js\" data-build=\"1\"></script>\n</body>"),
        "the live-reload script is added to pages"
    );
    let (status, _, _) = served.get("/widgets/items/alpha");
    assert_eq!(status, 302, "a folder without its slash is redirected");

    let (status, _, style) = served.get("/widgets/assets/style.css");
    assert_eq!(status, 200);
    assert!(
        !style.contains("__versus"),
        "only HTML pages get the script"
    );
    let (status, _, script) = served.get("/__versus/live.js");
    assert_eq!(status, 200);
    assert!(script.contains("new EventSource(\"/__versus/events?page=\""));

    let (status, _, page) = served.get("/widgets/no-such-page/");
    assert_eq!(status, 404);
    assert!(
        page.contains("__versus/live.js"),
        "the site's 404 page, live"
    );

    for bad in [
        "/widgets/../../../etc/passwd",
        "/widgets/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/widgets/..%2f..%2f..%2fetc%2fpasswd",
        "//etc/passwd",
    ] {
        let (status, _, body) = served.get(bad);
        assert_eq!(
            (status, body.as_str()),
            (400, "the address is not a plain path inside the site\n"),
            "{bad}"
        );
    }
    let (status, _, _) = served.get(&format!("/widgets/{}", "a".repeat(3000)));
    assert_eq!(status, 414);

    site.build().assert_clean();
    let built = site.tree("output");
    assert!(
        built
            .0
            .values()
            .all(|bytes| !String::from_utf8_lossy(bytes).contains("__versus")),
        "the built site has no live-reload script"
    );
}

#[test]
fn a_change_reloads_open_pages_and_a_bad_edit_shows_its_errors() {
    let site = SiteTest::fixture("bilingual");
    let served = Served::start(&site);
    let mut events = served.events();
    assert_eq!(
        events.next(),
        ("reload".into(), "1".into()),
        "the build on connect"
    );

    site.edit(ALPHA, "name = \"Alpha\"", "name = \"Alpha Prime\"");
    assert_eq!(
        events.next(),
        ("reload".into(), "2".into()),
        "a reload after a change"
    );
    let (_, _, page) = served.get("/widgets/items/alpha/");
    assert!(page.contains("<h1>Alpha Prime</h1>"), "the rebuilt page");

    site.edit(ALPHA, "name = \"Alpha Prime\"", "name = \"Alpha Prime");
    let errors = concat!(
        "content/items/alpha.md:2:20: invalid TOML at `name`: invalid basic string, expected `\"`\n",
        "  |\n",
        "2 | name = \"Alpha Prime\n",
        "  |                    ^",
    );
    assert_eq!(events.next(), ("build-error".into(), errors.into()));
    let (status, _, page) = served.get("/widgets/items/alpha/");
    assert_eq!(status, 200, "the last good build is still served");
    assert!(page.contains("<h1>Alpha Prime</h1>"));
    let mut late = served.events();
    assert_eq!(late.next(), ("reload".into(), "2".into()));
    assert_eq!(
        late.next(),
        ("build-error".into(), errors.into()),
        "a page opened meanwhile shows the errors too"
    );

    site.edit(ALPHA, "name = \"Alpha Prime", "name = \"Alpha\"");
    assert_eq!(
        events.next(),
        ("reload".into(), "3".into()),
        "the next good save recovers"
    );
    assert_eq!(late.next(), ("reload".into(), "3".into()));
}

#[test]
fn open_pages_are_shown_before_the_rest_of_the_site_and_taken_back_if_it_fails() {
    let site = SiteTest::fixture("bilingual");
    let served = Served::start(&site);
    let mut open = served.events_on("/widgets/items/alpha/");
    let mut other = served.events();
    assert_eq!(open.next(), ("reload".into(), "1".into()));
    assert_eq!(other.next(), ("reload".into(), "1".into()));

    // Beta's new link breaks the build only when beta's page is made, after alpha's.
    site.edit(
        "content/items/beta.md",
        "Beta is written in YAML.",
        "Beta is written in [YAML](@/nowhere).",
    );
    assert_eq!(open.next(), ("reload".into(), "2".into()), "shown early");
    assert_eq!(open.next(), ("reload".into(), "1".into()), "taken back");
    let (name, errors) = open.next();
    assert_eq!(name, "build-error");
    assert!(errors.starts_with("content/items/beta.md:"), "{errors}");
    assert_eq!(
        other.next(),
        ("reload".into(), "1".into()),
        "nothing to take back"
    );
    assert_eq!(other.next().0, "build-error");
    let (_, _, page) = served.get("/widgets/items/alpha/");
    assert!(
        page.contains("data-build=\"1\""),
        "the last good build again"
    );

    site.edit(
        "content/items/beta.md",
        "Beta is written in [YAML](@/nowhere).",
        "Beta is written in [YAML](@/items/alpha).",
    );
    assert_eq!(open.next(), ("reload".into(), "2".into()), "shown early");
    assert_eq!(
        other.next(),
        ("reload".into(), "2".into()),
        "the whole site"
    );
    assert_eq!(
        open.next(),
        ("reload".into(), "2".into()),
        "already shown: ignored"
    );
    let (_, _, page) = served.get("/widgets/items/beta/");
    assert!(page.contains("data-build=\"2\""), "{page}");
}

#[test]
fn listens_only_on_the_address_it_is_given() {
    let site = SiteTest::fixture("bilingual");
    let served = Served::start_with(&site, &["--bind", "127.0.0.2"]);
    let port = served
        .address
        .strip_prefix("127.0.0.2:")
        .unwrap_or_else(|| panic!("listening on 127.0.0.2: {}", served.address));
    let (status, _, page) = served.get("/widgets/items/alpha/");
    assert_eq!(status, 200);
    assert!(
        page.contains(&format!("http://127.0.0.2:{port}/widgets/items/alpha/")),
        "absolute links point where it listens"
    );
    let elsewhere = TcpStream::connect(format!("127.0.0.1:{port}"));
    assert!(elsewhere.is_err(), "nothing answers on 127.0.0.1:{port}");
}

#[test]
fn refuses_what_it_does_not_serve_and_keeps_serving() {
    let site = SiteTest::fixture("bilingual");
    let served = Served::start(&site);
    let request =
        |target: &str| format!("GET {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    for (target, status) in [
        ("http://127.0.0.1/widgets/", 400),
        ("/widgets/..%5c..%5cetc%5cpasswd", 400),
        ("/widgets/%2e%2e%2f%2e%2e%2fetc%2fpasswd", 400),
        ("/widgets/items%00/", 400),
        ("/widgets/%ff/", 400),
        ("/widgets/C:%5cwindows", 400),
        ("/widgets/./items/alpha/", 400),
        ("/widgets//items/alpha/", 400),
    ] {
        assert_eq!(
            served.raw(request(target).as_bytes()),
            Some(status),
            "{target}"
        );
    }
    let long = format!("/widgets/{}", "a".repeat(100_000));
    assert_eq!(
        served.raw(request(&long).as_bytes()),
        Some(414),
        "a 100 kB address"
    );
    let post =
        "POST /widgets/ HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc";
    assert_eq!(served.raw(post.as_bytes()), Some(405));
    assert_eq!(served.raw(b"NONSENSE\r\n\r\n"), Some(400), "not HTTP");
    let (status, _, page) = served.get("/widgets/items/alpha/");
    assert_eq!(status, 200, "still serving");
    assert!(page.contains("<h1>Alpha</h1>"));
}

/// The answer to a request whose header fields are over the limit (32 KB).
const TOO_LARGE: &str = "HTTP/1.1 431 Request Header Fields Too Large\r\n\
    Content-Type: text/plain; charset=utf-8\r\nContent-Length: 42\r\nConnection: close\r\n\r\n\
    the request's header fields are too large\n";

#[test]
fn a_64_mb_header_is_refused_with_431_and_memory_stays_bounded() {
    let site = SiteTest::fixture("bilingual");
    let served = Served::start(&site);
    let before = served.peak_memory();
    let huge = format!(
        "GET /widgets/ HTTP/1.1\r\nHost: x\r\nX-Big: {}\r\n\r\n",
        "a".repeat(64 << 20)
    );
    assert_eq!(served.answer(huge.as_bytes()), TOO_LARGE);
    // VmHWM is the larger of a lazily updated high-water mark and the current RSS: memory
    // the allocator hands back after `before` (a loading thread's, say) can make it read lower.
    let grown = served.peak_memory().saturating_sub(before);
    assert!(grown < 8 << 10, "the server grew by {grown} kB");
    let (status, _, page) = served.get("/widgets/items/alpha/");
    assert_eq!(status, 200, "still serving");
    assert!(page.contains("<h1>Alpha</h1>"));
}

#[test]
fn a_hundred_header_fields_are_served_and_one_more_is_refused() {
    let site = SiteTest::fixture("bilingual");
    let served = Served::start(&site);
    let with_fields = |count: usize| {
        let fields: String = (0..count).map(|n| format!("X-{n}: {n}\r\n")).collect();
        format!("GET /widgets/ HTTP/1.1\r\n{fields}Connection: close\r\n\r\n")
    };
    assert_eq!(
        served.raw(with_fields(99).as_bytes()),
        Some(200),
        "99 and Connection"
    );
    assert_eq!(
        served.answer(with_fields(100).as_bytes()),
        "HTTP/1.1 431 Request Header Fields Too Large\r\n\
         Content-Type: text/plain; charset=utf-8\r\nContent-Length: 39\r\n\
         Connection: close\r\n\r\nthe request has too many header fields\n"
    );
    let long = format!(
        "GET /widgets/ HTTP/1.1\r\nCookie: {}\r\n\r\n",
        "a".repeat(40_000)
    );
    assert_eq!(served.answer(long.as_bytes()), TOO_LARGE, "a 40 kB cookie");
}

#[test]
fn a_kept_alive_connection_serves_requests_in_turn_and_head_has_no_body() {
    let site = SiteTest::fixture("bilingual");
    let served = Served::start(&site);
    let (_, _, page) = served.get("/widgets/items/alpha/");
    let mut stream = TcpStream::connect(&served.address).expect("connect over loopback");
    stream.set_read_timeout(Some(PATIENCE)).expect("a timeout");
    stream
        .write_all(
            b"HEAD /widgets/items/alpha/ HTTP/1.1\r\nHost: x\r\n\r\n\
              GET /widgets/assets/style.css HTTP/1.1\r\nHost: x\r\n\r\n",
        )
        .expect("send two requests");
    let mut reader = BufReader::new(stream);
    let (head, body) = response(&mut reader, true);
    assert!(head.starts_with("HTTP/1.1 200 OK\r\n"), "{head}");
    assert!(
        head.contains(&format!("\r\nContent-Length: {}\r\n", page.len())),
        "{head}"
    );
    assert!(!head.contains("Connection: close"), "{head}");
    assert_eq!(body, "");
    let (head, body) = response(&mut reader, false);
    assert!(head.contains("Content-Type: text/css"), "{head}");
    assert!(body.contains('{'), "the stylesheet");
}

/// The next response on a kept-alive connection: its head and its body (of the length the
/// head gives, or none if `head_only`, the answer to HEAD).
fn response(reader: &mut BufReader<TcpStream>, head_only: bool) -> (String, String) {
    let mut head = String::new();
    while !head.ends_with("\r\n\r\n") {
        reader.read_line(&mut head).expect("a response head");
    }
    let length: usize = head
        .split("\r\n")
        .find_map(|line| line.strip_prefix("Content-Length: "))
        .and_then(|n| n.parse().ok())
        .expect("a Content-Length");
    let mut body = vec![0; if head_only { 0 } else { length }];
    reader.read_exact(&mut body).expect("the body");
    (head, String::from_utf8(body).expect("UTF-8"))
}

/// Reload streams kept open during the load test.
const STREAMS: usize = 50;
/// Threads sending requests, and requests each sends.
const THREADS: usize = 20;
const REQUESTS: usize = 10;

#[test]
fn serves_many_requests_and_reload_streams_at_once() {
    let site = SiteTest::fixture("bilingual");
    let served = Served::start(&site);
    let mut streams: Vec<Events> = (0..STREAMS).map(|_| served.events()).collect();
    for events in &mut streams {
        assert_eq!(events.next(), ("reload".into(), "1".into()));
    }
    let targets = [
        ("/widgets/", 200),
        ("/widgets/items/alpha/", 200),
        ("/widgets/ko/items/beta/", 200),
        ("/widgets/assets/style.css", 200),
        ("/widgets/sitemap.xml", 200),
        ("/widgets/nope/", 404),
        ("/widgets/items/alpha", 302),
        ("/__versus/live.js", 200),
        ("/widgets/../etc/passwd", 400),
        ("/", 302),
    ];
    let address = served.address.clone();
    let answered: Vec<(String, u16, u16)> = std::thread::scope(|scope| {
        let threads: Vec<_> = (0..THREADS)
            .map(|thread| {
                let address = address.clone();
                scope.spawn(move || {
                    (0..REQUESTS)
                        .map(|n| {
                            let (target, expected) = targets[(thread + n) % targets.len()];
                            let status = status_of(&address, target);
                            (target.to_string(), status, expected)
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        threads
            .into_iter()
            .flat_map(|t| t.join().expect("a request thread"))
            .collect()
    });
    assert_eq!(answered.len(), THREADS * REQUESTS);
    for (target, status, expected) in &answered {
        assert_eq!(status, expected, "{target}");
    }
    site.edit(ALPHA, "name = \"Alpha\"", "name = \"Alpha Prime\"");
    for events in &mut streams {
        assert_eq!(
            events.next(),
            ("reload".into(), "2".into()),
            "every open page is told"
        );
    }
}

/// The status of a GET request to `address`, each on its own connection.
fn status_of(address: &str, target: &str) -> u16 {
    let mut stream = TcpStream::connect(address).expect("connect over loopback");
    stream.set_read_timeout(Some(PATIENCE)).expect("a timeout");
    write!(
        stream,
        "GET {target} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
    )
    .expect("send a request");
    let mut response = Vec::new();
    stream
        .read_to_end(&mut response)
        .expect("read the response");
    String::from_utf8_lossy(&response)
        .get(9..12)
        .and_then(|code| code.parse().ok())
        .unwrap_or_else(|| panic!("{target}: no status"))
}

/// Serve starts from the history the last build kept in the output folder and keeps it in
/// memory: a rebuild after a new commit reads that commit onto it (the proof: a subject
/// changed in the kept file stays), and shows it.
#[test]
fn a_rebuild_reads_only_the_new_commits_onto_the_history_it_keeps() {
    let site = super::history::repository();
    site.build().assert_clean();
    let kept = "output/.versus-history.json";
    let mut value: serde_json::Value = serde_json::from_slice(&site.read(kept)).unwrap();
    value["commits"][7][2] = "Kept subject".into();
    site.write(kept, serde_json::to_vec(&value).unwrap());
    let served = Served::start(&site);
    let mut events = served.events();
    assert_eq!(events.next(), ("reload".into(), "1".into()));

    // Committed without touching the watched work tree, then a save to rebuild.
    let next = String::from_utf8(site.read(ALPHA)).unwrap();
    site.write("alpha-next.md", next.replacen("score = 4", "score = 5", 1));
    let git = |args: &[&str]| super::repository::git(site.root(), "2026-03-25", args);
    git(&[
        "update-index",
        "--add",
        "--cacheinfo",
        "100644",
        &blob(&site),
        ALPHA,
    ]);
    git(&["commit", "-q", "-m", "Speed: committed while serving"]);
    site.edit(
        "content/items/beta.md",
        "Adequate enough.",
        "Adequate, enough.",
    );
    assert_eq!(events.next(), ("reload".into(), "2".into()));
    let (_, _, page) = served.get("/widgets/changes/");
    let page = scraper::Html::parse_document(&page);
    assert_eq!(
        super::support::texts(&page, ".commit-reason")[..2],
        ["Speed: committed while serving", "Kept subject"]
    );
}

/// The blob id of `alpha-next.md`, written into the site's repository.
fn blob(site: &SiteTest) -> String {
    let out = Command::new("git")
        .current_dir(site.root())
        .args(["hash-object", "-w", "alpha-next.md"])
        .output()
        .expect("run git");
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}
