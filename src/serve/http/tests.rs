//! Tests of the HTTP wire format and its limits: exact heads in memory, and the limits over
//! loopback (127.0.0.1), where a client sending a 64 MB header is answered after the server
//! has taken at most the limit from the socket.

use std::io::{BufReader, Cursor, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::*;

fn head(text: &str) -> Result<Option<Request>, Refusal> {
    read_head(&mut Cursor::new(text.as_bytes()))
}

fn get(target: &str, keep_alive: bool) -> Result<Option<Request>, Refusal> {
    Ok(Some(Request {
        method: "GET".into(),
        target: target.into(),
        keep_alive,
    }))
}

/// A head with `fields` header fields of `value_len` bytes each.
fn with_fields(fields: usize, value_len: usize) -> String {
    let mut text = "GET / HTTP/1.1\r\n".to_string();
    for n in 0..fields {
        text.push_str(&format!("X-{n:03}: {}\r\n", "a".repeat(value_len)));
    }
    text + "\r\n"
}

#[test]
fn reads_a_request_and_whether_its_connection_stays_open() {
    assert_eq!(
        head("GET /a/?b=1 HTTP/1.1\r\nHost: x\r\nAccept: */*\r\n\r\n"),
        get("/a/?b=1", true)
    );
    assert_eq!(
        head("GET / HTTP/1.1\nHost: x\n\n"),
        get("/", true),
        "LF alone"
    );
    for closing in [
        "GET / HTTP/1.1\r\nConnection: Keep-Alive, Close\r\n\r\n",
        "GET / HTTP/1.0\r\n\r\n",
        "GET / HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc",
        "GET / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n",
    ] {
        assert_eq!(head(closing), get("/", false), "{closing:?}");
    }
    assert_eq!(
        head("GET / HTTP/1.0\r\nconnection: keep-alive\r\n\r\n"),
        get("/", true)
    );
    assert_eq!(head(""), Ok(None), "the client went away");
}

#[test]
fn refuses_what_is_not_an_http_1_request() {
    for bad in [
        "NONSENSE\r\n\r\n",
        "GET /\r\n\r\n",
        "GET  / HTTP/1.1\r\n\r\n",
        "G(T / HTTP/1.1\r\n\r\n",
        "GET / HTTP/1.1\r\nno colon\r\n\r\n",
        "GET / HTTP/1.1\r\n folded: x\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: x\r\n",
        "GET /\u{ff} HTTP/1.1\r\n\r\n",
    ] {
        assert_eq!(head(bad), Err(MALFORMED), "{bad:?}");
    }
    assert_eq!(head("GET / HTTP/2.0\r\n\r\n"), Err(VERSION));
}

#[test]
fn a_head_of_the_limit_is_read_and_one_byte_more_is_refused() {
    let text = format!("GET / HTTP/1.1\r\nX: {}\r\n\r\n", "a".repeat(MAX_HEAD - 23));
    assert_eq!(text.len(), MAX_HEAD);
    assert_eq!(head(&text), get("/", true));
    let over = text.replacen("X: ", "X: a", 1);
    assert_eq!(head(&over), Err(TOO_LARGE));
}

#[test]
fn a_hundred_fields_are_read_and_one_more_is_refused() {
    assert_eq!(head(&with_fields(MAX_FIELDS, 1)), get("/", true));
    assert_eq!(head(&with_fields(MAX_FIELDS + 1, 1)), Err(TOO_MANY));
    assert_eq!(
        TOO_MANY,
        Refusal {
            status: 431,
            why: "the request has too many header fields"
        }
    );
}

#[test]
fn a_request_line_over_the_limit_is_an_address_too_long() {
    let text = format!("GET /{} HTTP/1.1\r\n\r\n", "a".repeat(MAX_HEAD));
    assert_eq!(head(&text), Err(TOO_LONG));
}

/// A reader that gives `bytes`, then fails as a socket's read timeout does.
struct SlowThenSilent(Cursor<Vec<u8>>);

impl Read for SlowThenSilent {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self.0.read(buf)? {
            0 => Err(ErrorKind::WouldBlock.into()),
            n => Ok(n),
        }
    }
}

#[test]
fn an_idle_connection_ends_quietly_and_a_slow_head_is_refused() {
    let silent = |bytes: &[u8]| {
        read_head(&mut BufReader::new(SlowThenSilent(Cursor::new(
            bytes.to_vec(),
        ))))
    };
    assert_eq!(silent(b""), Ok(None), "idle: closed without an answer");
    assert_eq!(silent(b"GET / HT"), Err(TOO_SLOW));
    assert_eq!(silent(b"GET / HTTP/1.1\r\nHost: x\r\n"), Err(TOO_SLOW));
}

#[test]
fn a_response_is_written_with_its_length_and_without_a_body_for_head() {
    let response = Response {
        status: 404,
        fields: vec![("Content-Type", "text/plain".into())],
        body: b"gone\n".to_vec(),
    };
    assert_eq!(
        String::from_utf8(response.bytes(false, false)).unwrap(),
        "HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\ngone\n"
    );
    assert_eq!(
        String::from_utf8(response.bytes(true, true)).unwrap(),
        "HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\
         Connection: close\r\n\r\n"
    );
}

/// 64 MB of one header field, as a hostile client sends it.
const HOSTILE: usize = 64 * 1024 * 1024;

/// Connects to `listener` and sends a request with a [`HOSTILE`] header field, on its own
/// thread; then reads everything the server answers.
fn hostile_client(listener: &TcpListener) -> std::thread::JoinHandle<String> {
    let address = listener.local_addr().expect("an address");
    std::thread::spawn(move || {
        let mut client = TcpStream::connect(address).expect("connect over loopback");
        let mut reader = client.try_clone().expect("a second handle");
        let sender = std::thread::spawn(move || {
            let chunk = vec![b'a'; 1 << 16];
            let _ = client.write_all(b"GET / HTTP/1.1\r\nX-Big: ");
            // The server stops reading: a write fails once it has closed.
            (0..HOSTILE / chunk.len()).try_for_each(|_| client.write_all(&chunk))
        });
        let mut answer = Vec::new();
        let _ = reader.read_to_end(&mut answer);
        let _ = sender.join();
        String::from_utf8_lossy(&answer).into_owned()
    })
}

/// A socket that counts the bytes read from it.
struct Counted(TcpStream, Arc<AtomicUsize>);

impl Read for Counted {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.0.read(buf)?;
        self.1.fetch_add(n, Ordering::Relaxed);
        Ok(n)
    }
}

#[test]
fn a_64_mb_header_is_refused_after_reading_at_most_the_limit() {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
    let client = hostile_client(&listener);
    let (accepted, _) = listener.accept().expect("the client");
    let taken = Arc::new(AtomicUsize::new(0));
    let mut reader = BufReader::with_capacity(BUFFER, Counted(accepted, Arc::clone(&taken)));
    assert_eq!(read_head(&mut reader), Err(TOO_LARGE));
    let taken = taken.load(Ordering::Relaxed);
    assert!(
        taken <= MAX_HEAD + BUFFER,
        "{taken} bytes taken from the socket, at most {} expected",
        MAX_HEAD + BUFFER
    );
    drop(reader);
    drop(client.join());
}

#[test]
fn a_refused_client_reads_the_whole_answer() {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
    let client = hostile_client(&listener);
    let (accepted, _) = listener.accept().expect("the client");
    let mut connection = Connection::new(accepted).expect("a connection");
    let refusal = connection.next_request().expect_err("refused");
    connection.refuse(refusal);
    assert_eq!(
        client.join().expect("the client's answer"),
        "HTTP/1.1 431 Request Header Fields Too Large\r\n\
         Content-Type: text/plain; charset=utf-8\r\nContent-Length: 42\r\n\
         Connection: close\r\n\r\nthe request's header fields are too large\n"
    );
}
