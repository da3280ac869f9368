//! Whole runs of the browser test on a tiny book built with mdBook: it
//! passes as built, and each thing broken on purpose afterwards is one
//! sentence. Ignored by default: they need chromium and an `mdbook` binary
//! (`$MDBOOK`, `target/tools/bin/mdbook` or one on the PATH).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;

use super::super::*;
use crate::model::workspace_root;

const BOOK_TOML: &str = "[book]\ntitle = \"Tiny\"\nlanguage = \"en\"\n\n[output.html]\nadditional-js = [\"switch.js\"]\n";

const SUMMARY: &str = "# Summary\n\n- [Intro](intro.md)\n- [Threads](threads/README.md)\n  - [Lock](threads/lock.md)\n";

const INTRO: &str = "# Intro\n\n```rust\nfn main() {\n    let x = 1;\n    println!(\"{x}\");\n}\n```\n\n```python\ndef f(x):\n    return x + 1\n```\n\n```text\nplain text\n```\n\n<img src=\"chart.svg\" alt=\"chart\">\n";

const LOCK: &str = "# Lock\n\nA `Mutex` guards the shared state.\n\n```rust\nuse std::sync::Mutex;\nlet m = Mutex::new(0);\n```\n";

const CHART: &str = r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100"><rect width="200" height="100" fill="steelblue"/></svg>"#;

/// Adds the language switch as the course's own script will, to the menu bar.
const SWITCH: &str = "const a = document.createElement('a');\na.id = 'language-switch';\na.href = path_to_root + 'TARGET';\na.textContent = '中文';\ndocument.querySelector('.right-buttons').append(a);\n";

fn mdbook() -> PathBuf {
    if let Some(path) = std::env::var_os("MDBOOK") {
        return path.into();
    }
    let built = workspace_root().join("target/tools/bin/mdbook");
    if built.exists() {
        built
    } else {
        "mdbook".into()
    }
}

/// Builds the tiny book in a fresh folder, removed when it is dropped;
/// returns the folder and the book's output in it.
fn tiny_book() -> (tempfile::TempDir, PathBuf) {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path();
    fs::create_dir_all(dir.join("src/threads")).unwrap();
    for (file, text) in [
        ("book.toml", BOOK_TOML),
        ("switch.js", &SWITCH.replace("TARGET", "threads/lock.html")),
        ("src/SUMMARY.md", SUMMARY),
        ("src/intro.md", INTRO),
        ("src/chart.svg", CHART),
        ("src/threads/README.md", "# Threads\n\nOn threads.\n"),
        ("src/threads/lock.md", LOCK),
    ] {
        fs::write(dir.join(file), text).unwrap();
    }
    let built = Command::new(mdbook()).arg("build").arg(dir).output();
    let built = built.unwrap_or_else(|e| panic!("could not run {}: {e}", mdbook().display()));
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    let out = dir.join("book");
    (temp, out)
}

fn options(shots: &Path) -> BrowserOptions {
    let shot = |width, height| Screenshot {
        page: "intro.html".into(),
        width,
        height,
        path: shots.join(format!("intro-{width}.png")),
    };
    BrowserOptions {
        language_switch: true,
        searches: vec![Search {
            page: "index.html".into(),
            query: "Mutex".into(),
            expect_href: "threads/lock.html".into(),
            within: 0,
        }],
        screenshots: vec![shot(1280, 800), shot(390, 844)],
        probes: Vec::new(),
        median_height_limit: None,
    }
}

/// One run at a time: each checks that no chromium of this process is left,
/// which another run's would fail.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

/// No chromium of ours is left, nor its profile folder.
fn assert_nothing_left() {
    let mark = format!("xtask-chromium-{}-", std::process::id());
    let running = crate::procs::proc_entries().filter(|p| {
        let cmdline = fs::read(format!("/proc/{}/cmdline", p.pid)).unwrap_or_default();
        String::from_utf8_lossy(&cmdline).contains(&mark) && p.state != 'Z'
    });
    assert_eq!(running.count(), 0, "a chromium of this test still runs");
    let left = fs::read_dir(std::env::temp_dir()).unwrap().flatten();
    let left: Vec<_> = left
        .filter(|e| e.file_name().to_string_lossy().starts_with(&mark))
        .collect();
    assert!(left.is_empty(), "profile folders left: {left:?}");
}

#[test]
#[ignore = "drives chromium and needs mdbook: run with `cargo test -p xtask -- --ignored`"]
fn a_good_book_passes_with_its_search_and_screenshots() {
    let _alone = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let (dir, book) = tiny_book();
    // BROWSER_SHOTS keeps the screenshots there, to look at them.
    let shots = std::env::var_os("BROWSER_SHOTS").map_or(dir.path().join("shots"), PathBuf::from);
    let summary = test_book(&book, &options(&shots)).unwrap_or_else(|e| panic!("{e}"));
    eprintln!("{summary}");
    // 404.html, index.html (intro.html's copy), intro.html, print.html and
    // the two pages of threads/.
    assert_eq!(
        (summary.pages, summary.searches, summary.screenshots),
        (6, 1, 2)
    );
    let images = "the chart on index.html, intro.html and print.html";
    assert_eq!(summary.images, 3, "{images}");
    assert!(summary.code_blocks >= 8, "{summary}");
    for width in [1280, 390] {
        let png = fs::read(shots.join(format!("intro-{width}.png"))).unwrap();
        assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
        let shown_width = u32::from_be_bytes(png[16..20].try_into().unwrap());
        assert_eq!(shown_width, width);
    }
    assert_nothing_left();
}

#[test]
#[ignore = "drives chromium and needs mdbook: run with `cargo test -p xtask -- --ignored`"]
fn each_breakage_is_a_sentence() {
    let _alone = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let (dir, book) = tiny_book();
    fs::remove_file(book.join("chart.svg")).unwrap();
    let chrome = fs::read_dir(book.join("css"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name());
    let chrome = chrome
        .map(|n| n.to_string_lossy().into_owned())
        .find(|n| n.starts_with("chrome"));
    let chrome = chrome.expect("mdBook writes css/chrome-<hash>.css");
    fs::remove_file(book.join("css").join(&chrome)).unwrap();
    let lock = book.join("threads/lock.html");
    let html = fs::read_to_string(&lock).unwrap();
    let html = html.replacen("</body>", "<script>console.error(\"x\")</script></body>", 1);
    fs::write(&lock, html).unwrap();
    let switch = fs::read_dir(&book).unwrap().flatten().map(|e| e.path());
    let switch = switch
        .filter(|p| p.to_string_lossy().contains("switch"))
        .collect::<Vec<_>>();
    for script in switch {
        fs::write(script, SWITCH.replace("TARGET", "zh-CN/index.html")).unwrap();
    }
    let mut options = options(&dir.path().join("shots"));
    options.searches[0].query = "Semaphore".into();
    options.screenshots.clear();
    let problems = test_book(&book, &options).expect_err("a broken book fails");
    eprintln!("{problems}");
    for expected in [
        "the browser test found 5 problems in the built book:".to_string(),
        "index.html, intro.html, print.html: the image chart.svg did not load (404)".to_string(),
        format!("404.html, index.html and 4 other pages: the stylesheet css/{chrome} did not load (404)"),
        "threads/lock.html: the console reported an error: x".to_string(),
        "404.html: the language switch leads to zh-CN/index.html, which answers 404".to_string(),
        "index.html: searching for \"Semaphore\" finds no link to threads/lock.html within 5 s (it found nothing)"
            .to_string(),
    ] {
        assert!(problems.contains(&expected), "missing: {expected}\nin: {problems}");
    }
    assert_nothing_left();
}
