//! The static server's tests, over real TCP: types, folders, 404s, the
//! refusal of `..`, HEAD, keep-alive, and a clean stop when dropped.

use super::*;

/// A tiny site, `site/` in a temporary folder of its own: both go when it
/// is dropped, with any file a test puts beside the site.
struct Site {
    _outer: tempfile::TempDir,
    dir: PathBuf,
}

impl std::ops::Deref for Site {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.dir
    }
}

fn site() -> Site {
    let outer = tempfile::tempdir().unwrap();
    let dir = outer.path().join("site");
    fs::create_dir_all(dir.join("css")).unwrap();
    fs::create_dir_all(dir.join("threads")).unwrap();
    fs::create_dir_all(dir.join("empty")).unwrap();
    fs::write(dir.join("index.html"), "<h1>home</h1>").unwrap();
    fs::write(dir.join("css/chrome.css"), "body{}").unwrap();
    fs::write(dir.join("threads/index.html"), "<h1>threads</h1>").unwrap();
    fs::write(dir.join("threads/lock file.html"), "<h1>lock</h1>").unwrap();
    fs::write(dir.join("chart.svg"), "<svg/>").unwrap();
    Site { _outer: outer, dir }
}

#[test]
fn serves_files_with_their_types() {
    let dir = site();
    let server = Server::start(&dir).unwrap();
    let page = get(server.addr, "GET", "/index.html").unwrap();
    assert_eq!(page.status, 200);
    assert_eq!(page.body, b"<h1>home</h1>");
    assert_eq!(
        page.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(page.header("cache-control"), Some("max-age=600"));
    let css = get(server.addr, "GET", "/css/chrome.css?v=1").unwrap();
    assert_eq!(
        (css.status, css.header("Content-Type")),
        (200, Some("text/css; charset=utf-8"))
    );
    let svg = get(server.addr, "GET", "/chart.svg").unwrap();
    assert_eq!(svg.header("content-type"), Some("image/svg+xml"));
    let spaced = get(server.addr, "GET", "/threads/lock%20file.html#top").unwrap();
    assert_eq!(
        (spaced.status, spaced.body.as_slice()),
        (200, &b"<h1>lock</h1>"[..])
    );
    drop(server);
}

#[test]
fn folders_serve_their_index_and_missing_files_are_404() {
    let dir = site();
    let server = Server::start(&dir).unwrap();
    assert_eq!(get(server.addr, "GET", "/").unwrap().body, b"<h1>home</h1>");
    assert_eq!(
        get(server.addr, "GET", "/threads/").unwrap().body,
        b"<h1>threads</h1>"
    );
    let bare = get(server.addr, "GET", "/threads").unwrap();
    assert_eq!(
        (bare.status, bare.header("location")),
        (301, Some("/threads/"))
    );
    assert_eq!(get(server.addr, "GET", "/empty/").unwrap().status, 404);
    let missing = get(server.addr, "GET", "/missing.png").unwrap();
    assert_eq!(
        (missing.status, missing.header("cache-control")),
        (404, Some("no-store"))
    );
    drop(server);
}

#[test]
fn never_serves_outside_the_root() {
    let dir = site();
    fs::write(dir.with_extension("secret"), "secret").unwrap();
    let server = Server::start(&dir).unwrap();
    let name = dir.file_name().unwrap().to_str().unwrap();
    for target in [
        format!("/../{name}.secret"),
        format!("/css/../../{name}.secret"),
        format!("/%2e%2e/{name}.secret"),
        format!("/css/%2E%2E/%2e%2e/{name}.secret"),
    ] {
        let answer = get(server.addr, "GET", &target).unwrap();
        assert_eq!(answer.status, 403, "{target}");
        assert!(!String::from_utf8_lossy(&answer.body).contains("secret\n"));
    }
    assert_eq!(get(server.addr, "GET", "index.html").unwrap().status, 400);
    assert_eq!(get(server.addr, "GET", "/bad%zz").unwrap().status, 400);
    drop(server);
}

#[test]
fn head_sends_the_headers_alone_and_other_methods_are_refused() {
    let dir = site();
    let server = Server::start(&dir).unwrap();
    let head = get(server.addr, "HEAD", "/css/chrome.css").unwrap();
    assert_eq!(
        (head.status, head.header("content-length")),
        (200, Some("6"))
    );
    assert!(head.body.is_empty());
    let post = get(server.addr, "POST", "/index.html").unwrap();
    assert_eq!(
        (post.status, post.header("allow")),
        (405, Some("GET, HEAD"))
    );
    drop(server);
}

#[test]
fn one_connection_carries_several_requests() {
    let dir = site();
    let server = Server::start(&dir).unwrap();
    let mut stream = TcpStream::connect(server.addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    let two = "GET /css/chrome.css HTTP/1.1\r\nHost: x\r\n\r\nGET /chart.svg HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    stream.write_all(two.as_bytes()).unwrap();
    let mut raw = String::new();
    stream.read_to_string(&mut raw).unwrap();
    assert_eq!(raw.matches("HTTP/1.1 200 OK").count(), 2, "{raw}");
    assert!(raw.ends_with("<svg/>"), "{raw}");
    drop(server);
}

#[test]
fn dropping_the_server_stops_it() {
    let dir = site();
    let server = Server::start(&dir).unwrap();
    let addr = server.addr;
    // An idle connection left open must not keep the drop waiting.
    let _idle = TcpStream::connect(addr).unwrap();
    let started = std::time::Instant::now();
    drop(server);
    assert!(started.elapsed() < Duration::from_secs(2));
    assert!(
        TcpStream::connect(addr).is_err(),
        "still listening on {addr}"
    );
}

#[test]
fn urls_are_relative_to_the_root() {
    let dir = site();
    let server = Server::start(&dir).unwrap();
    let url = server.url("/threads/index.html");
    assert_eq!(url, format!("http://{}/threads/index.html", server.addr));
    assert_eq!(server.relative(&url), Some("threads/index.html"));
    assert_eq!(server.relative("http://example.com/x.html"), None);
    drop(server);
}

#[test]
fn content_types_by_extension() {
    let cases = [
        ("a.js", "text/javascript; charset=utf-8"),
        ("a.json", "application/json"),
        ("a.png", "image/png"),
        ("a.woff", "font/woff"),
        ("a.woff2", "font/woff2"),
        ("a.ttf", "font/ttf"),
        ("a.ico", "image/x-icon"),
        ("a.txt", "text/plain; charset=utf-8"),
        ("A.HTML", "text/html; charset=utf-8"),
        ("a.bin", "application/octet-stream"),
    ];
    for (name, kind) in cases {
        assert_eq!(content_type(Path::new(name)), kind, "{name}");
    }
}
