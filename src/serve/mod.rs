//! `serve`: builds the site into memory and serves it on 127.0.0.1 only (another address only
//! when asked, with `--bind`), under the base path
//! of its base URL (as GitHub Pages will), rebuilding the whole site whenever `content/` or
//! `themes/` changes and reloading open pages through Server-Sent Events. A change that does
//! not build never stops the server: its errors are printed and shown over the open pages,
//! and the last good build stays served until the next good save. Nothing is written to disk.
//!
//! One thread answers each request; the watcher's thread rebuilds; they share the built site
//! through an `Arc` (no global state).

mod live;
mod rebuild;
mod request;
mod watch;

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::Arc;

use tiny_http::{Header, Method, Request, Response, Server};

use crate::Project;
use crate::error::{Diagnostic, Failure};
use crate::highlight::Highlighter;
use crate::report::Console;
use live::Message;
use rebuild::{Builder, Shared, State};
use request::Answer;

/// The address `serve` listens on unless told otherwise: this machine only.
pub const LOOPBACK: IpAddr = IpAddr::V4(Ipv4Addr::LOCALHOST);

/// Serves the project on `ip` until the process is stopped; `port` 0, or a port that is taken,
/// means any free port. Fails only if it cannot start.
pub fn serve(project: &Project, ip: IpAddr, port: u16, console: &Console) -> Result<(), Failure> {
    let server = bind(ip, port, console)?;
    let listening = server
        .server_addr()
        .to_ip()
        .expect("a TCP server has an IP address");
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
    };
    builder.rebuild(&shared, console);
    watch::start(builder, Arc::clone(&shared), *console)?;
    let base_path = shared.read().base_path.clone();
    console.result(&format!(
        "serving http://{address}{base_path} (Ctrl-C to stop)"
    ));
    for request in server.incoming_requests() {
        let shared = Arc::clone(&shared);
        let console = *console;
        std::thread::spawn(move || respond(request, &shared, &console));
    }
    Ok(())
}

/// Listens on `ip` at `port`, or at a free port if it is taken.
fn bind(ip: IpAddr, port: u16, console: &Console) -> Result<Server, Failure> {
    let at = |port| listener(SocketAddr::new(ip, port));
    let listening = at(port)
        .or_else(|taken| {
            console.info(&format!(
                "port {port} is not free ({taken}): using a free port"
            ));
            at(0)
        })
        .map_err(|e| e.to_string());
    listening
        .and_then(|l| Server::from_listener(l, None).map_err(|e| e.to_string()))
        .map_err(|e| {
            Failure::single(Diagnostic::error(
                ip.to_string(),
                format!("cannot listen: {e}"),
            ))
        })
}

/// A listening socket whose connections send each response at once (`TCP_NODELAY`, which
/// accepted connections inherit). tiny_http writes a response's head and body separately:
/// with Nagle's algorithm, the body then waits for the browser's delayed acknowledgement of the
/// head, 40 ms for every file after the first on a connection.
fn listener(address: SocketAddr) -> std::io::Result<std::net::TcpListener> {
    use socket2::{Domain, Socket, Type};
    let socket = Socket::new(Domain::for_address(address), Type::STREAM, None)?;
    socket.set_reuse_address(true)?;
    socket.set_tcp_nodelay(true)?;
    socket.bind(&address.into())?;
    socket.listen(128)?;
    Ok(socket.into())
}

/// Answers one request (the event stream lasts as long as its page).
fn respond(request: Request, shared: &Shared, console: &Console) {
    let line = format!("{} {}", request.method(), request.url());
    if !matches!(request.method(), Method::Get | Method::Head) {
        console.detail(&format!("{line} 405"));
        let _ = request.respond(text(405, "only GET and HEAD are served"));
        return;
    }
    let reply = {
        let state = shared.read();
        let answer = request::answer(request.url(), &state.base_path, |f| state.file(f).is_some());
        reply(&answer, &state)
    };
    match reply {
        Some(reply) => {
            console.detail(&format!("{line} {}", reply.status_code().0));
            let _ = request.respond(reply);
        }
        None => {
            console.detail(&format!("{line} events"));
            events(request, shared);
        }
    }
}

/// Streams reload events to a page: first the state it connects to (the current build, and
/// its errors if the last change does not build), then every change.
fn events(request: Request, shared: &Shared) {
    // Subscribed while the state is read: a rebuild that ends meanwhile is either in `first`
    // or told to this page.
    let (receiver, first) = {
        let state = shared.read();
        let page = request::events_page(request.url()).and_then(|page| {
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
    let mut writer = request.into_writer();
    // The page went away: its receiver is dropped and the next broadcast forgets it.
    let _ = live::stream(&mut writer, &first, &receiver);
}

type Reply = Response<std::io::Cursor<Vec<u8>>>;

/// The reply to an answer, or `None` for the event stream, which is not one reply.
fn reply(answer: &Answer, state: &State) -> Option<Reply> {
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
            text(302, "moved").with_header(header("Location", &ascii(location)))
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
fn page(status: u16, path: &str, body: &[u8], build: u64) -> Reply {
    let kind = content_type(path);
    let body = if kind.starts_with("text/html") {
        live::inject(body, build)
    } else {
        body.to_vec()
    };
    bytes(status, kind, body)
}

fn text(status: u16, message: &str) -> Reply {
    bytes(
        status,
        "text/plain; charset=utf-8",
        format!("{message}\n").into_bytes(),
    )
}

fn bytes(status: u16, content_type: &str, body: Vec<u8>) -> Reply {
    Response::from_data(body)
        .with_status_code(status)
        .with_header(header("Content-Type", content_type))
        .with_header(header("Cache-Control", "no-store"))
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("a valid header")
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
