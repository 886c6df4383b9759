//! `serve`: builds the site into memory and serves it on 127.0.0.1 only (another address only
//! when asked, with `--bind`), under the base path
//! of its base URL (as GitHub Pages will), rebuilding the whole site whenever `content/` or
//! `themes/` changes and reloading open pages through Server-Sent Events. A change that does
//! not build never stops the server: its errors are printed and shown over the open pages,
//! and the last good build stays served until the next good save. Nothing is written to disk.
//!
//! One thread serves each connection, its requests in turn (`http` reads them, within limits);
//! the watcher's thread rebuilds; they share the built site through an `Arc` (no global state).

mod http;
mod live;
mod rebuild;
mod request;
mod watch;

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::time::Duration;

use crate::Project;
use crate::error::{Diagnostic, Failure};
use crate::highlight::Highlighter;
use crate::report::Console;
use http::{Connection, Request, Response};
use live::Message;
use rebuild::{Builder, Shared, State};
use request::Answer;

/// The address `serve` listens on unless told otherwise: this machine only.
pub const LOOPBACK: IpAddr = IpAddr::V4(Ipv4Addr::LOCALHOST);

/// Serves the project on `ip` until the process is stopped; `port` 0, or a port that is taken,
/// means any free port. Fails only if it cannot start.
pub fn serve(project: &Project, ip: IpAddr, port: u16, console: &Console) -> Result<(), Failure> {
    let listener = bind(ip, port, console)?;
    let listening = listener
        .local_addr()
        .map_err(|e| cannot_listen(ip, &e.to_string()))?;
    if !ip.is_loopback() {
        console.diagnostics(&[Diagnostic::warning(
            ip.to_string(),
            "listening beyond this machine (--bind): anyone who can reach this address can read the site",
        )]);
    }
    // Pages link to an address a browser on this machine can open, even when every
    // interface is listened on.
    let address = match listening.ip() {
        IpAddr::V4(v4) if v4.is_unspecified() => SocketAddr::new(LOOPBACK, listening.port()),
        IpAddr::V6(v6) if v6.is_unspecified() => {
            SocketAddr::new(IpAddr::V6(Ipv6Addr::LOCALHOST), listening.port())
        }
        _ => listening,
    };
    let shared = Arc::new(Shared::default());
    let builder = Builder {
        project: project.clone(),
        address,
        highlighter: Highlighter::default(),
        history: project.kept_history(),
    };
    builder.rebuild(&shared, console);
    watch::start(builder, Arc::clone(&shared), *console)?;
    let base_path = shared.read().base_path.clone();
    console.result(&format!(
        "serving http://{address}{base_path} (Ctrl-C to stop)"
    ));
    for stream in listener.incoming() {
        let Ok(stream) = stream else {
            // Out of file descriptors, say: wait for connections to close rather than spin.
            std::thread::sleep(Duration::from_millis(50));
            continue;
        };
        let shared = Arc::clone(&shared);
        let console = *console;
        std::thread::spawn(move || converse(stream, &shared, &console));
    }
    Ok(())
}

/// Listens on `ip` at `port`, or at a free port if it is taken.
fn bind(ip: IpAddr, port: u16, console: &Console) -> Result<TcpListener, Failure> {
    let at = |port| listener(SocketAddr::new(ip, port));
    at(port)
        .or_else(|taken| {
            console.info(&format!(
                "port {port} is not free ({taken}): using a free port"
            ));
            at(0)
        })
        .map_err(|e| cannot_listen(ip, &e.to_string()))
}

fn cannot_listen(ip: IpAddr, why: &str) -> Failure {
    Failure::single(Diagnostic::error(
        ip.to_string(),
        format!("cannot listen: {why}"),
    ))
}

/// A listening socket whose connections send each response at once (`TCP_NODELAY`, which
/// accepted connections inherit): with Nagle's algorithm, a response written in more than one
/// piece (the reload events) waits for the browser's delayed acknowledgement, 40 ms each time.
fn listener(address: SocketAddr) -> std::io::Result<TcpListener> {
    use socket2::{Domain, Socket, Type};
    let socket = Socket::new(Domain::for_address(address), Type::STREAM, None)?;
    socket.set_reuse_address(true)?;
    socket.set_tcp_nodelay(true)?;
    socket.bind(&address.into())?;
    socket.listen(128)?;
    Ok(socket.into())
}

/// Serves one connection's requests in turn, until it closes, is refused, or becomes a
/// stream of reload events (which lasts as long as its page).
fn converse(stream: TcpStream, shared: &Shared, console: &Console) {
    let Ok(mut connection) = Connection::new(stream) else {
        return;
    };
    loop {
        let request = match connection.next_request() {
            Ok(Some(request)) => request,
            Ok(None) => return,
            Err(refusal) => {
                console.detail(&format!("refused: {} {}", refusal.status, refusal.why));
                return connection.refuse(refusal);
            }
        };
        let line = format!("{} {}", request.method, request.target);
        let Some(reply) = respond(&request, shared) else {
            console.detail(&format!("{line} events"));
            return events(connection.into_stream(), &request, shared);
        };
        console.detail(&format!("{line} {}", reply.status));
        if !connection.send(&request, &reply) {
            return;
        }
    }
}

/// The reply to one request, or `None` for the event stream, which is not one reply.
fn respond(request: &Request, shared: &Shared) -> Option<Response> {
    if !matches!(request.method.as_str(), "GET" | "HEAD") {
        let mut refused = text(405, "only GET and HEAD are served");
        refused.fields.push(("Allow", "GET, HEAD".into()));
        return Some(refused);
    }
    let state = shared.read();
    let answer = request::answer(&request.target, &state.base_path, |f| {
        state.file(f).is_some()
    });
    reply(&answer, &state)
}

/// Streams reload events to a page: first the state it connects to (the current build, and
/// its errors if the last change does not build), then every change.
fn events(mut stream: TcpStream, request: &Request, shared: &Shared) {
    // Subscribed while the state is read: a rebuild that ends meanwhile is either in `first`
    // or told to this page.
    let (receiver, first) = {
        let state = shared.read();
        let page = request::events_page(&request.target).and_then(|page| {
            match request::answer(&page, &state.base_path, |f| state.file(f).is_some()) {
                Answer::File(file) => Some(file),
                _ => None,
            }
        });
        let first: Vec<Message> = std::iter::once(Message::Reload(state.build_of(page.as_deref())))
            .chain(state.errors.clone().map(Message::Errors))
            .collect();
        (shared.clients.subscribe(page), first)
    };
    // The page went away: its receiver is dropped and the next broadcast forgets it.
    let _ = live::stream(&mut stream, &first, &receiver);
}

/// The reply to an answer, or `None` for the event stream, which is not one reply.
fn reply(answer: &Answer, state: &State) -> Option<Response> {
    Some(match answer {
        Answer::File(path) => {
            let (body, build) = state.file(path).expect("answered from this state");
            page(200, path, body, build)
        }
        Answer::NotFound => match state.files.get("404.html") {
            Some(bytes) => page(404, "404.html", bytes, state.build),
            // Nothing has built yet: a page that shows the errors and reloads once it does.
            None => page(503, "index.html", NOT_BUILT.as_bytes(), state.build),
        },
        Answer::Redirect(location) => {
            let mut moved = text(302, "moved");
            moved.fields.push(("Location", ascii(location)));
            moved
        }
        Answer::Script => bytes(
            200,
            "text/javascript; charset=utf-8",
            live::SCRIPT_SOURCE.into(),
        ),
        Answer::Refused(status, why) => text(*status, why),
        Answer::Events => return None,
    })
}

/// A path with every non-ASCII byte percent-encoded, as a header value must be.
fn ascii(path: &str) -> String {
    path.bytes()
        .map(|b| match b {
            0x21..=0x7e => char::from(b).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

const NOT_BUILT: &str = "<!doctype html><html lang=\"en\"><meta charset=\"utf-8\">\
    <title>versus serve</title><body><p>The site does not build yet: the errors are in the \
    terminal. This page reloads by itself once it builds.</p></body></html>";

/// A file of the site; HTML pages get the live-reload script.
fn page(status: u16, path: &str, body: &[u8], build: u64) -> Response {
    let kind = content_type(path);
    let body = if kind.starts_with("text/html") {
        live::inject(body, build)
    } else {
        body.to_vec()
    };
    bytes(status, kind, body)
}

fn text(status: u16, message: &str) -> Response {
    bytes(
        status,
        "text/plain; charset=utf-8",
        format!("{message}\n").into_bytes(),
    )
}

fn bytes(status: u16, content_type: &str, body: Vec<u8>) -> Response {
    Response {
        status,
        fields: vec![
            ("Content-Type", content_type.into()),
            ("Cache-Control", "no-store".into()),
        ],
        body,
    }
}

/// The media type of a file of the site, by its extension.
fn content_type(path: &str) -> &'static str {
    let extension = path.rsplit_once('.').map_or("", |(_, e)| e);
    match extension {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "svg" => "image/svg+xml",
        "xml" => "application/xml",
        "json" => "application/json",
        "txt" => "text/plain; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn connections_send_each_response_at_once() {
        let listening = listener(SocketAddr::new(LOOPBACK, 0)).expect("a free port");
        let socket = socket2::SockRef::from(&listening);
        assert!(socket.tcp_nodelay().expect("read TCP_NODELAY"));
        // Accepted connections inherit it (Linux): check one.
        let address = listening.local_addr().expect("an address");
        let _client = std::net::TcpStream::connect(address).expect("connect");
        let (accepted, _) = listening.accept().expect("accept");
        assert!(accepted.nodelay().expect("read TCP_NODELAY"));
    }
}
