//! Live reload: the script `serve` adds to every HTML page it serves (never to a built site),
//! and the Server-Sent Events that tell open pages to reload after a good rebuild (`reload`,
//! with the build's number) or to show the errors of a bad one (`build-error`). Each page says
//! which page it is when it connects, so that a rebuild can show the open pages first.

use std::collections::BTreeSet;
use std::io::{self, Write};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::Duration;

use super::request::SCRIPT;

/// The script pages load from [`SCRIPT`].
pub const SCRIPT_SOURCE: &str = include_str!("live.js");

/// How often an idle stream sends a comment, which also notices a page that went away.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// What open pages are told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    /// The site was rebuilt: this is its build number.
    Reload(u64),
    /// The last change does not build: the diagnostics, as printed.
    Errors(String),
}

impl Message {
    /// The message as a Server-Sent Event.
    pub fn event(&self) -> String {
        let (name, data) = match self {
            Message::Reload(build) => ("reload", build.to_string()),
            Message::Errors(text) => ("build-error", text.trim_end().to_string()),
        };
        let data: String = data
            .split('\n')
            .map(|line| format!("data: {line}\n"))
            .collect();
        format!("event: {name}\n{data}\n")
    }
}

/// The pages listening for events.
#[derive(Debug, Default)]
pub struct Clients {
    listeners: Mutex<Vec<Listener>>,
    /// Pages told to reload that have not connected again yet.
    returning: Mutex<BTreeSet<String>>,
    returned: Condvar,
}

#[derive(Debug)]
struct Listener {
    sender: Sender<Message>,
    /// The file of the site the page shows, if it is one.
    page: Option<String>,
}

impl Clients {
    /// A new listener, showing `page` (a file of the site).
    pub fn subscribe(&self, page: Option<String>) -> Receiver<Message> {
        let (sender, receiver) = channel();
        if let Some(page) = &page
            && relock(&self.returning).remove(page)
        {
            self.returned.notify_all();
        }
        self.lock().push(Listener { sender, page });
        receiver
    }

    /// Tells the listeners showing `page` to reload from `build`, expecting them back (see
    /// [`Clients::await_return`]).
    pub fn reload(&self, page: &str, build: u64) {
        relock(&self.returning).insert(page.to_string());
        self.tell(page, &Message::Reload(build));
    }

    /// Waits until every page told to [`Clients::reload`] has connected again, or `limit` has
    /// passed (a page in a hidden tab may not reload at once).
    pub fn await_return(&self, limit: Duration) {
        let returning = relock(&self.returning);
        let (mut returning, _) = self
            .returned
            .wait_timeout_while(returning, limit, |pages| !pages.is_empty())
            .unwrap_or_else(|e| e.into_inner());
        returning.clear();
    }

    /// Tells every listener; those that went away are dropped.
    pub fn broadcast(&self, message: &Message) {
        self.send(message, |_| true);
    }

    /// Tells the listeners showing `page`.
    pub fn tell(&self, page: &str, message: &Message) {
        self.send(message, |listener| listener.page.as_deref() == Some(page));
    }

    /// The files of the site that open pages show.
    pub fn open_pages(&self) -> BTreeSet<String> {
        self.lock()
            .iter()
            .filter_map(|listener| listener.page.clone())
            .collect()
    }

    fn send(&self, message: &Message, to: impl Fn(&Listener) -> bool) {
        self.lock()
            .retain(|listener| !to(listener) || listener.sender.send(message.clone()).is_ok());
    }

    fn lock(&self) -> MutexGuard<'_, Vec<Listener>> {
        relock(&self.listeners)
    }
}

/// A lock on lists that are valid even if a thread panicked while holding them.
fn relock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

/// Streams events to one page until it goes away: the response head, then `first` (the state
/// when it connected), then every message broadcast to `receiver`.
pub fn stream(
    writer: &mut dyn Write,
    first: &[Message],
    receiver: &Receiver<Message>,
) -> io::Result<()> {
    writer.write_all(
        b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\n\
          Cache-Control: no-store\r\nConnection: close\r\n\r\nretry: 1000\n\n",
    )?;
    for message in first {
        writer.write_all(message.event().as_bytes())?;
    }
    writer.flush()?;
    loop {
        let chunk = match receiver.recv_timeout(KEEP_ALIVE) {
            Ok(message) => message.event(),
            Err(RecvTimeoutError::Timeout) => ": keep-alive\n\n".to_string(),
            Err(RecvTimeoutError::Disconnected) => return Ok(()),
        };
        writer.write_all(chunk.as_bytes())?;
        writer.flush()?;
    }
}

/// An HTML page with the live-reload script added before its closing `</body>` (or at its
/// end), marked with the build it comes from.
pub fn inject(html: &[u8], build: u64) -> Vec<u8> {
    let tag = format!("<script src=\"{SCRIPT}\" data-build=\"{build}\"></script>\n");
    let at = html
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(html.len());
    [&html[..at], tag.as_bytes(), &html[at..]].concat()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_carry_every_line_of_their_data() {
        assert_eq!(Message::Reload(3).event(), "event: reload\ndata: 3\n\n");
        assert_eq!(
            Message::Errors("a.md:1:1: bad\n  |\n".into()).event(),
            "event: build-error\ndata: a.md:1:1: bad\ndata:   |\n\n"
        );
    }

    #[test]
    fn the_script_goes_before_the_closing_body() {
        let page = inject(b"<body><p>x</p></BODY></html>", 7);
        assert_eq!(
            String::from_utf8(page).unwrap(),
            "<body><p>x</p><script src=\"/__versus/live.js\" data-build=\"7\"></script>\n</BODY></html>"
        );
        assert!(inject(b"<p>fragment", 1).ends_with(b"</script>\n"));
    }

    #[test]
    fn a_broadcast_reaches_listeners_and_forgets_those_gone() {
        let clients = Clients::default();
        let kept = clients.subscribe(None);
        drop(clients.subscribe(None));
        clients.broadcast(&Message::Reload(1));
        assert_eq!(kept.try_recv(), Ok(Message::Reload(1)));
        assert_eq!(clients.lock().len(), 1);
    }

    #[test]
    fn a_page_can_be_told_alone() {
        let clients = Clients::default();
        let item = clients.subscribe(Some("items/a/index.html".into()));
        let home = clients.subscribe(Some("index.html".into()));
        let unknown = clients.subscribe(None);
        let open: Vec<String> = clients.open_pages().into_iter().collect();
        assert_eq!(open, ["index.html", "items/a/index.html"]);
        clients.tell("items/a/index.html", &Message::Reload(2));
        assert_eq!(item.try_recv(), Ok(Message::Reload(2)));
        assert!(home.try_recv().is_err() && unknown.try_recv().is_err());
    }

    #[test]
    fn a_page_told_to_reload_is_awaited_until_it_connects_again() {
        let clients = std::sync::Arc::new(Clients::default());
        let _old = clients.subscribe(Some("index.html".into()));
        clients.reload("index.html", 3);
        let back = std::sync::Arc::clone(&clients);
        let page = std::thread::spawn(move || back.subscribe(Some("index.html".into())));
        let start = std::time::Instant::now();
        clients.await_return(Duration::from_secs(30));
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "returned before the limit"
        );
        drop(page.join());
        // No page to wait for: the limit is the longest wait.
        clients.reload("gone.html", 4);
        let start = std::time::Instant::now();
        clients.await_return(Duration::from_millis(20));
        assert!(start.elapsed() >= Duration::from_millis(20));
    }

    #[test]
    fn a_stream_sends_the_state_then_each_message() {
        let clients = Clients::default();
        let receiver = clients.subscribe(None);
        clients.broadcast(&Message::Reload(2));
        drop(clients);
        let mut out = Vec::new();
        stream(&mut out, &[Message::Reload(1)], &receiver).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.starts_with("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream"));
        assert!(
            text.ends_with("retry: 1000\n\nevent: reload\ndata: 1\n\nevent: reload\ndata: 2\n\n")
        );
    }
}
