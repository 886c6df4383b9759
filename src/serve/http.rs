//! The HTTP/1.1 that `serve` speaks, with limits: one connection's requests read one head at a
//! time, and answered. A request's head (its request line and header fields) may hold at most
//! [`MAX_HEAD`] bytes and [`MAX_FIELDS`] fields, and must arrive within [`REQUEST_WAIT`] of the
//! connection's being ready for it; past that it is answered (414, 431 or 408) and the
//! connection closed, so that no request can make the server buffer more than the limit.
//!
//! Only what `serve` needs: GET and HEAD of files held in memory, keep-alive, and a raw stream
//! for the reload events. A request body is never read: a request that has one is answered and
//! its connection closed.

use std::io::{self, BufRead, BufReader, ErrorKind, Read, Write};
use std::net::{Shutdown, TcpStream};
use std::time::{Duration, Instant};

/// The most bytes a request's head may hold: its request line and header fields, line ends
/// included. Twice Node's default: room for the cookies of every other local server, which a
/// browser sends to 127.0.0.1 whatever the port.
pub const MAX_HEAD: usize = 32 * 1024;
/// The most header fields a request may have (Apache's default).
pub const MAX_FIELDS: usize = 100;
/// How long a connection may take to send the whole head of its next request: a connection
/// kept alive that sends nothing for this long is closed, and so is one sending a head slowly.
pub const REQUEST_WAIT: Duration = Duration::from_secs(20);
/// How long one write of a response may block on a reader that does not read.
const WRITE_WAIT: Duration = Duration::from_secs(20);
/// How much is read from the socket at a time; the head's lines come out of this buffer.
const BUFFER: usize = 8 * 1024;
/// How long a connection refused before its head was read is still drained after the answer,
/// so that the client reads the answer rather than a reset (what a TCP stack sends when a
/// socket is closed with unread data).
const LINGER: Duration = Duration::from_secs(2);

/// A request's head, as much of it as `serve` uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// `GET`, `HEAD`, or another method (refused).
    pub method: String,
    /// The request target, as sent (a path and query, still percent-encoded).
    pub target: String,
    /// Whether the client may send another request on the connection after this one.
    pub keep_alive: bool,
}

/// A request answered with an error before it reached the site, and its connection closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Refusal {
    /// The status code.
    pub status: u16,
    /// Why, as the body says it.
    pub why: &'static str,
}

impl Refusal {
    const fn new(status: u16, why: &'static str) -> Refusal {
        Refusal { status, why }
    }
}

const TOO_LONG: Refusal = Refusal::new(414, "the address is too long");
const TOO_LARGE: Refusal = Refusal::new(431, "the request's header fields are too large");
const TOO_MANY: Refusal = Refusal::new(431, "the request has too many header fields");
const TOO_SLOW: Refusal = Refusal::new(408, "the request took too long to arrive");
const MALFORMED: Refusal = Refusal::new(400, "not an HTTP/1.1 request");
const VERSION: Refusal = Refusal::new(505, "only HTTP/1.0 and HTTP/1.1 are served");

/// A response held in memory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    pub status: u16,
    /// Header fields besides `Content-Length` and `Connection`, which are written from the
    /// body and the connection.
    pub fields: Vec<(&'static str, String)>,
    pub body: Vec<u8>,
}

impl Response {
    /// The response's bytes: its head, then its body unless `head_only` (a HEAD request).
    pub fn bytes(&self, head_only: bool, close: bool) -> Vec<u8> {
        let mut out = format!("HTTP/1.1 {} {}\r\n", self.status, reason(self.status));
        for (name, value) in &self.fields {
            out.push_str(&format!("{name}: {value}\r\n"));
        }
        out.push_str(&format!("Content-Length: {}\r\n", self.body.len()));
        if close {
            out.push_str("Connection: close\r\n");
        }
        out.push_str("\r\n");
        let mut out = out.into_bytes();
        if !head_only {
            out.extend_from_slice(&self.body);
        }
        out
    }
}

/// The reason phrase of the status codes `serve` sends.
fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        302 => "Found",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        414 => "URI Too Long",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        505 => "HTTP Version Not Supported",
        _ => "",
    }
}

/// One client's connection.
pub struct Connection {
    reader: BufReader<Deadline>,
    stream: TcpStream,
}

impl Connection {
    /// A connection to serve; fails if the socket cannot be set up.
    pub fn new(stream: TcpStream) -> io::Result<Connection> {
        stream.set_write_timeout(Some(WRITE_WAIT))?;
        let deadline = Deadline {
            stream: stream.try_clone()?,
            until: Instant::now(),
        };
        Ok(Connection {
            reader: BufReader::with_capacity(BUFFER, deadline),
            stream,
        })
    }

    /// The next request's head, `Ok(None)` once the client is gone or has been idle for
    /// [`REQUEST_WAIT`], or why it is refused (answer with [`Connection::refuse`]).
    pub fn next_request(&mut self) -> Result<Option<Request>, Refusal> {
        self.reader.get_mut().until = Instant::now() + REQUEST_WAIT;
        read_head(&mut self.reader)
    }

    /// Sends the response to `request`; whether the connection may serve another request.
    pub fn send(&mut self, request: &Request, response: &Response) -> bool {
        let bytes = response.bytes(request.method == "HEAD", !request.keep_alive);
        self.stream.write_all(&bytes).is_ok() && request.keep_alive
    }

    /// Answers a refused request and closes the connection.
    pub fn refuse(mut self, refusal: Refusal) {
        let response = Response {
            status: refusal.status,
            fields: vec![("Content-Type", "text/plain; charset=utf-8".into())],
            body: format!("{}\n", refusal.why).into_bytes(),
        };
        if self.stream.write_all(&response.bytes(false, true)).is_ok() {
            let _ = self.stream.shutdown(Shutdown::Write);
            self.reader.get_mut().until = Instant::now() + LINGER;
            let _ = io::copy(self.reader.get_mut(), &mut io::sink());
        }
    }

    /// The socket, to stream to (the reload events).
    pub fn into_stream(self) -> TcpStream {
        self.stream
    }
}

/// A socket whose reads fail with `TimedOut` once `until` has passed.
struct Deadline {
    stream: TcpStream,
    until: Instant,
}

impl Read for Deadline {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let left = self.until.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(ErrorKind::TimedOut.into());
        }
        self.stream.set_read_timeout(Some(left))?;
        self.stream.read(buf)
    }
}

/// Reads one request's head from `reader`, taking at most [`MAX_HEAD`] bytes from it:
/// `Ok(None)` if the connection ends (or times out) before a request begins.
pub fn read_head(reader: &mut impl BufRead) -> Result<Option<Request>, Refusal> {
    let mut budget = MAX_HEAD;
    let Some(line) = read_line(reader, &mut budget, TOO_LONG)? else {
        return Ok(None);
    };
    let (method, target, http_1_0) = request_line(&line)?;
    let mut fields = Fields::default();
    for count in 0.. {
        let line = read_line(reader, &mut budget, TOO_LARGE)?.ok_or(MALFORMED)?;
        if line.is_empty() {
            break;
        }
        if count == MAX_FIELDS {
            return Err(TOO_MANY);
        }
        fields.add(&line)?;
    }
    let keep_alive = if http_1_0 {
        fields.keep_alive
    } else {
        !fields.close
    };
    Ok(Some(Request {
        method,
        target,
        keep_alive: keep_alive && !fields.body,
    }))
}

/// One line of the head, without its line end (CRLF, or LF alone), taken from what is left of
/// `budget`: `Ok(None)` if the connection ended or timed out before its first byte, `too_long`
/// if the budget ran out first.
fn read_line(
    reader: &mut impl BufRead,
    budget: &mut usize,
    too_long: Refusal,
) -> Result<Option<Vec<u8>>, Refusal> {
    let mut line = Vec::new();
    let limit = u64::try_from(*budget).unwrap_or(u64::MAX);
    let read = reader.take(limit).read_until(b'\n', &mut line);
    *budget -= line.len();
    match read {
        Ok(0) if *budget == 0 => Err(too_long),
        Ok(0) => Ok(None),
        Ok(_) if line.last() != Some(&b'\n') => {
            Err(if *budget == 0 { too_long } else { MALFORMED })
        }
        Ok(_) => {
            line.pop();
            if line.last() == Some(&b'\r') {
                line.pop();
            }
            Ok(Some(line))
        }
        Err(e) if line.is_empty() && *budget == MAX_HEAD && timed_out(&e) => Ok(None),
        Err(e) if timed_out(&e) => Err(TOO_SLOW),
        Err(_) => Ok(None),
    }
}

fn timed_out(error: &io::Error) -> bool {
    matches!(error.kind(), ErrorKind::TimedOut | ErrorKind::WouldBlock)
}

/// `METHOD target HTTP/1.x`: the method, the target, and whether it is HTTP/1.0.
fn request_line(line: &[u8]) -> Result<(String, String, bool), Refusal> {
    let line = std::str::from_utf8(line).map_err(|_| MALFORMED)?;
    let mut parts = line.split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(MALFORMED);
    };
    if !is_token(method) || target.is_empty() || !target.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(MALFORMED);
    }
    let http_1_0 = match version {
        "HTTP/1.1" => false,
        "HTTP/1.0" => true,
        _ if version.starts_with("HTTP/") => return Err(VERSION),
        _ => return Err(MALFORMED),
    };
    Ok((method.to_string(), target.to_string(), http_1_0))
}

/// What the header fields say about the connection.
#[derive(Debug, Default)]
struct Fields {
    /// `Connection: close`.
    close: bool,
    /// `Connection: keep-alive`.
    keep_alive: bool,
    /// A body follows (`Content-Length` other than 0, or `Transfer-Encoding`).
    body: bool,
}

impl Fields {
    /// Reads one `name: value` line.
    fn add(&mut self, line: &[u8]) -> Result<(), Refusal> {
        let line = String::from_utf8_lossy(line);
        let (name, value) = line.split_once(':').ok_or(MALFORMED)?;
        if !is_token(name) {
            return Err(MALFORMED);
        }
        let value = value.trim().to_ascii_lowercase();
        match name.to_ascii_lowercase().as_str() {
            "connection" => {
                let has = |option| value.split(',').any(|o| o.trim() == option);
                self.close |= has("close");
                self.keep_alive |= has("keep-alive");
            }
            "content-length" => self.body |= value != "0",
            "transfer-encoding" => self.body = true,
            _ => {}
        }
        Ok(())
    }
}

/// A method or field name: at least one of HTTP's token characters.
fn is_token(text: &str) -> bool {
    !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

#[cfg(test)]
mod tests;
