//! A tiny static file server for the browser test, std only: the built book
//! is opened over HTTP rather than `file://`, as readers will open it, so
//! that its scripts (search, the sidebar) run under the same rules.
//!
//! It answers GET and HEAD from one folder on 127.0.0.1 at a port the system
//! picks, a thread per connection, and stops when dropped. A file found may
//! be cached (the pages of a book share their scripts, styles and fonts: it
//! halves the browser test's time), an error may not: every page that asks
//! for a missing file asks the server again, and is reported.

use std::fs;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::{self, JoinHandle};
use std::time::Duration;

/// How long a connection may sit idle before its thread gives up on it:
/// browsers keep spare connections open, and no thread may wait forever.
const IDLE: Duration = Duration::from_secs(5);

/// The longest request head accepted; a book's requests are a line or two.
const MAX_HEAD: usize = 64 * 1024;

/// A running server; dropping it stops it.
#[derive(Debug)]
pub struct Server {
    pub addr: SocketAddr,
    stop: Arc<AtomicBool>,
    accept: Option<JoinHandle<()>>,
}

impl Server {
    /// Serves `root` on 127.0.0.1, at a port of the system's choosing.
    pub fn start(root: &Path) -> io::Result<Server> {
        let root = root.canonicalize()?;
        let listener = TcpListener::bind(("127.0.0.1", 0))?;
        let addr = listener.local_addr()?;
        let stop = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&stop);
        let accept = thread::Builder::new()
            .name("book-server".into())
            .spawn(move || accept_loop(&listener, &root, &flag))?;
        Ok(Server {
            addr,
            stop,
            accept: Some(accept),
        })
    }

    /// The address of `rel`, a path relative to the served folder.
    pub fn url(&self, rel: &str) -> String {
        format!("http://{}/{}", self.addr, rel.trim_start_matches('/'))
    }

    /// `url` relative to the served folder, if it is one of this server's.
    pub fn relative<'u>(&self, url: &'u str) -> Option<&'u str> {
        url.strip_prefix(&self.url(""))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // `accept` blocks until someone connects: we do, so that it sees the flag.
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_secs(1));
        if let Some(accept) = self.accept.take() {
            let _ = accept.join();
        }
    }
}

fn accept_loop(listener: &TcpListener, root: &Path, stop: &AtomicBool) {
    for stream in listener.incoming() {
        if stop.load(Ordering::SeqCst) {
            return;
        }
        let Ok(stream) = stream else {
            // Out of file descriptors, say: let some connections finish.
            thread::sleep(Duration::from_millis(10));
            continue;
        };
        let root = root.to_path_buf();
        let _ = thread::Builder::new()
            .name("book-server-conn".into())
            .spawn(move || {
                let _ = serve_connection(stream, &root);
            });
    }
}

/// Answers the requests of one connection until the client closes it, asks
/// to, or stays idle past [`IDLE`].
fn serve_connection(stream: TcpStream, root: &Path) -> io::Result<()> {
    stream.set_read_timeout(Some(IDLE))?;
    stream.set_write_timeout(Some(IDLE))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut writer = stream;
    loop {
        let Some(head) = read_head(&mut reader)? else {
            return Ok(());
        };
        let keep_alive = respond(&head, root, &mut writer)?;
        if !keep_alive {
            return Ok(());
        }
    }
}

/// The lines of one request head, or `None` when the client closed first.
fn read_head(reader: &mut impl BufRead) -> io::Result<Option<Vec<String>>> {
    let mut lines = Vec::new();
    let mut size = 0;
    loop {
        let mut line = String::new();
        let n = reader.read_line(&mut line)?;
        if n == 0 {
            return Ok(None);
        }
        size += n;
        if size > MAX_HEAD {
            return Err(io::Error::new(io::ErrorKind::InvalidData, "head too long"));
        }
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            if lines.is_empty() {
                continue; // a stray blank line between requests is allowed
            }
            return Ok(Some(lines));
        }
        lines.push(line.to_string());
    }
}

/// Writes the answer to one request; says whether the connection stays open.
fn respond(head: &[String], root: &Path, out: &mut impl Write) -> io::Result<bool> {
    let mut parts = head[0].split_whitespace();
    let (method, target, version) = (parts.next(), parts.next(), parts.next());
    let header = |name: &str| {
        head[1..].iter().find_map(|l| {
            let (key, value) = l.split_once(':')?;
            key.trim().eq_ignore_ascii_case(name).then(|| value.trim())
        })
    };
    let close = header("connection").is_some_and(|v| v.eq_ignore_ascii_case("close"));
    let with_body =
        header("content-length").is_some_and(|v| v != "0") || header("transfer-encoding").is_some();
    let keep_alive = version == Some("HTTP/1.1") && !close && !with_body;
    let (Some(method), Some(target)) = (method, target) else {
        write_answer(out, 400, "text/plain", b"bad request\n", true, false)?;
        return Ok(false);
    };
    let head_only = method == "HEAD";
    if method != "GET" && !head_only {
        write_answer(
            out,
            405,
            "text/plain",
            b"only GET and HEAD\n",
            !head_only,
            false,
        )?;
        return Ok(false);
    }
    match resolve(root, target) {
        Ok(Found::File(path)) => match fs::read(&path) {
            Ok(body) => write_answer(out, 200, content_type(&path), &body, !head_only, keep_alive)?,
            Err(_) => write_answer(
                out,
                404,
                "text/plain",
                b"not found\n",
                !head_only,
                keep_alive,
            )?,
        },
        Ok(Found::Folder(location)) => {
            let head = format!(
                "HTTP/1.1 301 Moved Permanently\r\nLocation: {location}\r\nContent-Length: 0\r\n{}\r\n",
                connection(keep_alive)
            );
            out.write_all(head.as_bytes())?;
        }
        Err(status) => {
            let text: &[u8] = match status {
                400 => b"bad request\n",
                403 => b"outside the served folder\n",
                _ => b"not found\n",
            };
            write_answer(out, status, "text/plain", text, !head_only, keep_alive)?;
        }
    }
    out.flush()?;
    Ok(keep_alive)
}

fn connection(keep_alive: bool) -> &'static str {
    if keep_alive {
        "Connection: keep-alive\r\n"
    } else {
        "Connection: close\r\n"
    }
}

fn write_answer(
    out: &mut impl Write,
    status: u16,
    kind: &str,
    body: &[u8],
    with_body: bool,
    keep_alive: bool,
) -> io::Result<()> {
    let reason = match status {
        200 => "OK",
        400 => "Bad Request",
        403 => "Forbidden",
        405 => "Method Not Allowed",
        _ => "Not Found",
    };
    let allow = if status == 405 {
        "Allow: GET, HEAD\r\n"
    } else {
        ""
    };
    let cache = if status == 200 {
        "max-age=600"
    } else {
        "no-store"
    };
    let head = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nCache-Control: {cache}\r\n{allow}{}\r\n",
        body.len(),
        connection(keep_alive)
    );
    out.write_all(head.as_bytes())?;
    if with_body {
        out.write_all(body)?;
    }
    Ok(())
}

/// What a request's path names in the served folder.
#[derive(Debug, PartialEq, Eq)]
enum Found {
    File(PathBuf),
    /// A folder asked for without its trailing `/`: where to send the client,
    /// so that the relative links of its `index.html` resolve inside it.
    Folder(String),
}

/// The file a request target names under `root` (canonical), or the status
/// to answer: 400 for a target that is not a path, 403 for one that climbs
/// out with `..` (or a link that leads out), 404 for one that is not there.
fn resolve(root: &Path, target: &str) -> Result<Found, u16> {
    let path = target.split(['?', '#']).next().unwrap_or_default();
    if !path.starts_with('/') {
        return Err(400);
    }
    let decoded = percent_decode(path).ok_or(400u16)?;
    let mut file = root.to_path_buf();
    for segment in decoded.split('/') {
        match segment {
            "" | "." => {}
            ".." => return Err(403),
            s if s.contains('\0') => return Err(400),
            s => file.push(s),
        }
    }
    let real = file.canonicalize().map_err(|_| 404u16)?;
    if !real.starts_with(root) {
        return Err(403);
    }
    if real.is_dir() {
        if !decoded.ends_with('/') {
            return Ok(Found::Folder(format!("{path}/")));
        }
        let index = real.join("index.html");
        return if index.is_file() {
            Ok(Found::File(index))
        } else {
            Err(404)
        };
    }
    Ok(Found::File(real))
}

/// `%xx` escapes decoded; `None` when one is malformed or the result is not UTF-8.
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The `Content-Type` of a file, by its extension.
pub fn content_type(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "txt" | "md" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// An answer read by [`get`].
#[derive(Debug, Clone)]
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Answer {
    /// The value of header `name`, whatever its case.
    pub fn header(&self, name: &str) -> Option<&str> {
        let found = self
            .headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name));
        found.map(|(_, v)| v.as_str())
    }
}

/// Sends one `method` request for `target` (a path such as `/index.html`) to
/// `addr` and reads the answer: the browser test checks a link with it, and
/// the tests check the server with it.
pub fn get(addr: SocketAddr, method: &str, target: &str) -> io::Result<Answer> {
    let mut stream = TcpStream::connect_timeout(&addr, IDLE)?;
    stream.set_read_timeout(Some(IDLE))?;
    let request =
        format!("{method} {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes())?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw)?;
    let bad = || io::Error::new(io::ErrorKind::InvalidData, "not an HTTP answer");
    let end = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or_else(bad)?;
    let head = std::str::from_utf8(&raw[..end]).map_err(|_| bad())?;
    let mut lines = head.split("\r\n");
    let status_line = lines.next().ok_or_else(bad)?;
    let status = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(bad)?;
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    Ok(Answer {
        status,
        headers,
        body: raw[end + 4..].to_vec(),
    })
}

#[cfg(test)]
mod tests;
