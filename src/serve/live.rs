//! Live reload: the script `serve` adds to every HTML page it serves (never to a built site),
//! and the Server-Sent Events that tell open pages to reload after a good rebuild (`reload`,
//! with the build's number) or to show the errors of a bad one (`build-error`).

use std::io::{self, Write};
use std::sync::Mutex;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
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
    senders: Mutex<Vec<Sender<Message>>>,
}

impl Clients {
    /// A new listener.
    pub fn subscribe(&self) -> Receiver<Message> {
        let (sender, receiver) = channel();
        self.lock().push(sender);
        receiver
    }

    /// Tells every listener; those that went away are dropped.
    pub fn broadcast(&self, message: &Message) {
        self.lock()
            .retain(|sender| sender.send(message.clone()).is_ok());
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Sender<Message>>> {
        // A listener list is valid even if a thread panicked while holding it.
        self.senders.lock().unwrap_or_else(|e| e.into_inner())
    }
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
        let kept = clients.subscribe();
        drop(clients.subscribe());
        clients.broadcast(&Message::Reload(1));
        assert_eq!(kept.try_recv(), Ok(Message::Reload(1)));
        assert_eq!(clients.lock().len(), 1);
    }

    #[test]
    fn a_stream_sends_the_state_then_each_message() {
        let clients = Clients::default();
        let receiver = clients.subscribe();
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
