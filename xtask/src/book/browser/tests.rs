//! The browser test's tests: its sentences without chromium, and (ignored,
//! since they need chromium and mdBook) whole runs on a tiny book, good and
//! broken on purpose, each breakage expected to be one sentence.

use super::checks::{Code, Loaded, PageState, Problem, sentences, state_problems};
use super::events::remote_text;
use super::visits::percent_encode;
use super::*;

fn code(language: &str, hljs: bool, tokens: usize, first_line: &str) -> Code {
    Code {
        language: language.into(),
        hljs,
        tokens,
        first_line: first_line.into(),
    }
}

fn loaded(url: &str, ok: bool) -> Loaded {
    Loaded {
        url: url.into(),
        ok,
    }
}

fn shown(url: &str) -> String {
    url.trim_start_matches("http://127.0.0.1:1/").to_string()
}

#[test]
fn a_good_page_has_nothing_to_say() {
    let state = PageState {
        codes: vec![
            code("rust", true, 4, "fn main() {"),
            code("text", true, 0, "plain"),
        ],
        images: vec![loaded("http://127.0.0.1:1/chart.svg", true)],
        sheets: vec![loaded("http://127.0.0.1:1/css/chrome.css", true)],
        language_switch: Some("http://127.0.0.1:1/zh-CN/index.html".into()),
        ..PageState::default()
    };
    assert_eq!(
        state_problems(&state, true, shown, &HashSet::new()),
        Vec::<String>::new()
    );
}

#[test]
fn each_kind_of_breakage_is_one_sentence() {
    let state = PageState {
        codes: vec![
            code("rust", false, 0, "fn main() {"),
            code("", false, 0, "$ cargo run"),
            code("python", true, 0, "def f():"),
            code("text", true, 0, "plain"),
        ],
        images: vec![
            loaded("http://127.0.0.1:1/chart.svg", false),
            loaded("http://127.0.0.1:1/gone.png", false),
        ],
        sheets: vec![loaded("http://127.0.0.1:1/css/chrome.css", false)],
        language_switch: None,
        ..PageState::default()
    };
    let failed = HashSet::from(["http://127.0.0.1:1/gone.png".to_string()]);
    assert_eq!(
        state_problems(&state, true, shown, &failed),
        [
            "2 of 4 code blocks are not highlighted (no hljs class), the first (rust) `fn main() {`",
            "1 code block has no highlighted token (no span.hljs-*), the first (python) `def f():`",
            "the image chart.svg is not shown (not loaded, or not an image)",
            "the stylesheet css/chrome.css did not load (it has no sheet)",
            "there is no language switch (a#language-switch)",
        ]
    );
    assert_eq!(state_problems(&state, false, shown, &failed).len(), 4);
}

#[test]
fn one_problem_on_many_pages_is_one_sentence() {
    let problem = |page: &str, text: &str| Problem {
        page: page.into(),
        text: text.into(),
    };
    let missing = "the stylesheet css/chrome.css did not load (404)";
    let problems = [
        problem("index.html", missing),
        problem("threads/lock.html", "the console reported an error: x"),
        problem("intro.html", missing),
        problem("a.html", missing),
        problem("b.html", missing),
        problem("c.html", "the image chart.svg did not load (404)"),
        problem("c.html", "the image chart.svg did not load (404)"),
    ];
    assert_eq!(
        sentences(&problems),
        [
            "index.html, intro.html and 2 other pages: the stylesheet css/chrome.css did not load (404)",
            "threads/lock.html: the console reported an error: x",
            "c.html: the image chart.svg did not load (404)",
        ]
    );
}

#[test]
fn small_helpers() {
    assert_eq!(checks::noun("Stylesheet"), "stylesheet");
    assert_eq!(checks::noun("Other"), "file");
    assert_eq!(
        checks::one_line("Error: x\n    at f (book.js:1:2)"),
        "Error: x"
    );
    assert_eq!(checks::one_line(&"y".repeat(300)).chars().count(), 201);
    assert_eq!(percent_encode("Mutex<T> & co"), "Mutex%3CT%3E%20%26%20co");
    assert_eq!(percent_encode("互斥"), "%E4%BA%92%E6%96%A5");
    assert_eq!(remote_text(&json!({"type": "string", "value": "x"})), "x");
    assert_eq!(remote_text(&json!({"type": "number", "value": 3})), "3");
    assert_eq!(
        remote_text(&json!({"type": "object", "description": "Error: y"})),
        "Error: y"
    );
    assert_eq!(plural(1, "problem"), "1 problem");
    assert_eq!(plural(3, "problem"), "3 problems");
    assert_eq!(plural(0, "search"), "0 searches");
}

#[test]
fn the_summary_says_what_was_checked_and_measured() {
    let summary = Summary {
        pages: 80,
        code_blocks: 300,
        images: 4,
        stylesheets: 560,
        searches: 1,
        screenshots: 2,
        elapsed: Duration::from_millis(12_340),
        heights: vec![
            ("threads/lock.html".into(), 5000),
            ("threads/race.html".into(), 7000),
            ("threads/index.html".into(), 9000),
            ("zh-CN/threads/lock.html".into(), 5200),
        ],
        sideways: 1,
        figures: vec![(
            "threads/lock.html at 1600 px: text column, px".into(),
            1290.0,
        )],
    };
    assert_eq!(
        summary.to_string(),
        "browser: 80 pages opened in 12.3 s; 300 code blocks, 4 images and 560 stylesheets checked; 1 search run, 2 screenshots saved\n\
         browser: English lesson pages at 1280 px: median 7000 px tall, the tallest 7000 px (threads/race.html)\n\
         browser: Chinese lesson pages at 1280 px: median 5200 px tall, the tallest 5200 px (zh-CN/threads/lock.html)\n\
         browser: 1 code block scrolling sideways at 1280 px\n\
         browser: threads/lock.html at 1600 px: text column, px: 1290"
    );
}

#[test]
fn pages_are_found_and_the_toc_frame_skipped() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path();
    std::fs::create_dir_all(dir.join("zh-CN/threads")).unwrap();
    for page in [
        "index.html",
        "print.html",
        "zh-CN/index.html",
        "zh-CN/threads/lock.html",
    ] {
        std::fs::write(dir.join(page), "<html></html>").unwrap();
    }
    let frame = r#"<body class="sidebar-iframe-inner"></body>"#;
    std::fs::write(dir.join("toc.html"), frame).unwrap();
    std::fs::write(dir.join("zh-CN/toc.html"), frame).unwrap();
    std::fs::write(dir.join("style.css"), "").unwrap();
    assert_eq!(
        html_pages(dir).unwrap(),
        [
            "index.html",
            "print.html",
            "zh-CN/index.html",
            "zh-CN/threads/lock.html"
        ]
    );
}

mod chromium;
