//! `cargo xtask book`: the course as a book, in English and in Chinese, built
//! into `target/book/` (English) and `target/book/zh-CN/` (Chinese), with the
//! path of its first page printed; `--check` checks it like code, `--browser`
//! opens every page in headless Chromium, `--update-po` brings the
//! translation's file up to date for a translator.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

use crate::book::browser::layout::{self, Probe};
use crate::book::browser::{BrowserOptions, Screenshot, Search, test_book};
use crate::book::page::Edition;
use crate::book::{anchors, html, i18n, search, source, tools, zh_check};
use crate::model::Course;

use super::{error, fail};

#[derive(clap::Args, Debug)]
pub struct BookOptions {
    /// Build one edition only: `en` or `zh-CN` (default: both).
    #[arg(long, value_parser = ["en", "zh-CN"])]
    pub lang: Option<String>,
    /// Open the book in the browser when it is built.
    #[arg(long)]
    pub open: bool,
    /// Check the book: links and anchors, every lesson and program on a page,
    /// and (with the Chinese edition) a complete, current translation.
    #[arg(long)]
    pub check: bool,
    /// Open every page in headless Chromium and check what a reader gets
    /// (needs Debian's `chromium`).
    #[arg(long)]
    pub browser: bool,
    /// Bring po/zh-CN.po up to date with the English: new messages appear
    /// untranslated, changed ones fuzzy (needs GNU gettext).
    #[arg(long)]
    pub update_po: bool,
    /// With --browser: save screenshots of this page (such as
    /// `threads/lock.html`), 1600, 1280 and 390 pixels wide, in both
    /// editions, into target/book-shots/.
    #[arg(long, value_name = "PAGE")]
    pub screenshots: Option<String>,
}

pub fn run(course: &Course, options: &BookOptions) -> ExitCode {
    match build(course, options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(problems) if problems.len() == 1 => fail(&problems[0]),
        Err(problems) => {
            for problem in &problems {
                error(problem);
            }
            eprintln!("book: {} problem(s)", problems.len());
            ExitCode::FAILURE
        }
    }
}

fn build(course: &Course, options: &BookOptions) -> Result<(), Vec<String>> {
    let one = |e: String| vec![e];
    if options.check && options.lang.is_some() {
        // The Chinese pages carry the English edition's anchors, and each
        // edition's switch leads into the other: the check needs both.
        return Err(one(
            "--check checks both editions and the links between them: run it without --lang".into(),
        ));
    }
    let tools = tools::ensure(&course.target_dir).map_err(one)?;
    let out = course.target_dir.join("book");
    let sources = course.target_dir.join("book-src");
    let editions = match options.lang.as_deref() {
        Some("en") => vec![Edition::English],
        Some(_) => vec![Edition::Chinese],
        None => vec![Edition::English, Edition::Chinese],
    };
    let po = course.root.join(i18n::PO);
    let translations = i18n::translations(&po);
    let zh_sources = sources.join("zh-CN");
    // mdBook empties its destination first, so English, at the root, goes first.
    for edition in &editions {
        let started = Instant::now();
        let (code, dest) = match edition {
            Edition::English => ("en", out.clone()),
            Edition::Chinese => ("zh-CN", out.join("zh-CN")),
        };
        let written = source::write(course, *edition, &sources.join(code), &tools, &po)?;
        mdbook(&tools.mdbook, &written.root, &dest).map_err(one)?;
        let searched = search::rebuild(&dest, *edition, &translations).map_err(one)?;
        eprintln!(
            "book: {code}: {} pages in {:.1} s; search: {} sections, {} with their solution left out",
            written.pages,
            started.elapsed().as_secs_f64(),
            searched.sections,
            searched.solutions_cut
        );
    }
    if editions.len() == 2 {
        let added = anchors::add_english_ids(&out, &out.join("zh-CN")).map_err(one)?;
        eprintln!("book: zh-CN: {added} headings carry their English anchor too");
    }
    let mut problems = Vec::new();
    if options.update_po || options.check {
        if !editions.contains(&Edition::Chinese) {
            source::write(course, Edition::Chinese, &zh_sources, &tools, &po)?;
        }
        let pot =
            i18n::extract(&tools, &zh_sources, &course.target_dir.join("book-pot")).map_err(one)?;
        if options.update_po {
            i18n::update(&po, &pot).map_err(one)?;
            eprintln!("book: updated {}", i18n::PO);
        }
        let counts = i18n::counts(&po, &pot, &course.target_dir.join("book-pot")).map_err(one)?;
        eprintln!("book: translation: {}", counts.statistics);
        if options.check && (counts.fuzzy > 0 || counts.untranslated > 0) {
            problems.push(format!(
                "{}: {} message(s) untranslated and {} fuzzy against the current English: run `cargo xtask book --update-po`, translate them and remove their fuzzy flags",
                i18n::PO,
                counts.untranslated,
                counts.fuzzy
            ));
        }
    }
    if options.check && editions.contains(&Edition::Chinese) {
        let text = std::fs::read_to_string(&po).unwrap_or_default();
        problems.extend(zh_check::po_problems(&text));
        let measured = [
            "threads/lock.html",
            "processes/pool.html",
            "async/gather.html",
        ];
        let (broken, counts) = zh_check::listing_problems(&out, &out.join("zh-CN"), &measured);
        problems.extend(broken);
        for (page, chinese, all) in counts {
            eprintln!(
                "book: zh-CN/{page}: {chinese} of {all} comment lines of its listings are Chinese"
            );
        }
    }
    if options.check {
        match html::check(&out) {
            Ok(checked) => eprintln!(
                "book: links: {} links and images in {} pages, none broken",
                checked.links, checked.pages
            ),
            Err(broken) => problems.extend(broken),
        }
    }
    if options.browser && problems.is_empty() {
        problems.extend(browser(
            &out,
            &editions,
            options.screenshots.as_deref(),
            &course.target_dir,
            course.lessons.iter().map(|l| l.exercises.len()).sum(),
        ));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    println!("{}", out.join("index.html").display());
    if options.open {
        open(&out.join("index.html"));
    }
    Ok(())
}

/// Builds the book whose sources are in `root` into `dest`.
fn mdbook(mdbook: &Path, root: &Path, dest: &Path) -> Result<(), String> {
    let output = Command::new(mdbook)
        .arg("build")
        .arg(root)
        .arg("-d")
        .arg(dest)
        .output()
        .map_err(|e| format!("could not start {}: {e}", mdbook.display()))?;
    let log = String::from_utf8_lossy(&output.stderr);
    // mdBook reports a missing include or a bad link as an error but may still exit 0.
    let errors: Vec<&str> = log
        .lines()
        .filter(|l| l.contains("ERROR") || l.contains("WARN"))
        .collect();
    if !output.status.success() || !errors.is_empty() {
        return Err(format!(
            "mdbook could not build {}:\n{}",
            root.display(),
            if errors.is_empty() {
                log.trim().to_string()
            } else {
                errors.join("\n")
            }
        ));
    }
    Ok(())
}

/// Opens `page` in the desktop's browser, or says where it is.
fn open(page: &PathBuf) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    // What the opener says when it finds no browser (xdg-open tries several
    // and reports each) is noise beside the one sentence below.
    if !Command::new(opener)
        .arg(page)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
    {
        eprintln!(
            "book: could not open a browser ({opener}); open {} yourself",
            page.display()
        );
    }
}

/// The browser test of both editions, built into `out`.
fn browser(
    out: &Path,
    editions: &[Edition],
    screenshots: Option<&str>,
    target: &Path,
    exercises: usize,
) -> Vec<String> {
    if editions.len() != 2 {
        return vec!["the browser test checks both editions and the switch between them: run it without --lang".into()];
    }
    // What a reader must find: each lesson page first among the results for
    // what it teaches, in English and in Chinese.
    let search = |prefix: &str, query: &str, lesson: &str| Search {
        page: format!("{prefix}index.html"),
        query: query.into(),
        expect_href: format!("{prefix}{lesson}"),
        within: 3,
    };
    let searches = vec![
        search("", "Mutex", "threads/lock.html"),
        search("zh-CN/", "Mutex", "threads/lock.html"),
        search("zh-CN/", "互斥锁", "threads/lock.html"),
        search("zh-CN/", "进程池", "processes/pool.html"),
        search("zh-CN/", "守护线程", "threads/join-daemon.html"),
    ];
    // What a reader sees on a wide screen, a laptop and a phone.
    let probe = |page: &str, width: u32, script: &'static str, arg: serde_json::Value| Probe {
        page: page.to_string(),
        width,
        height: if width < 600 { 844 } else { 900 },
        script,
        arg,
    };
    let mut probes = Vec::new();
    for prefix in ["", "zh-CN/"] {
        let at = |page: &str| format!("{prefix}{page}");
        probes.extend([
            probe(&at("threads/lock.html"), 1600, layout::COLUMN, 1000.into()),
            probe(&at("threads/lock.html"), 1600, layout::PAIRS, true.into()),
            probe(&at("processes/pool.html"), 1600, layout::PAIRS, true.into()),
            probe(&at("threads/lock.html"), 1280, layout::PAIRS, false.into()),
            probe(
                &at("threads/lock.html"),
                1280,
                layout::FOLDED,
                serde_json::Value::Null,
            ),
            probe(
                &at("costs/index.html"),
                1280,
                layout::TABLES,
                serde_json::Value::Null,
            ),
            probe(
                &at("threads/lock.html#exercises"),
                1280,
                layout::PLACE,
                "exercises".into(),
            ),
            probe(
                &at("exercises.html"),
                1280,
                layout::EXERCISES,
                exercises.into(),
            ),
        ]);
        for page in [
            "threads/lock.html",
            "processes/pool.html",
            "async/gather.html",
        ] {
            probes.push(probe(
                &at(page),
                390,
                layout::TABLES,
                serde_json::Value::Null,
            ));
        }
    }
    let mut shots = Vec::new();
    if let Some(page) = screenshots {
        let name = page.replace(".html", "").replace(['/', '#'], "-");
        for (prefix, code) in [("", "en"), ("zh-CN/", "zh-CN")] {
            for (width, height) in [(1600, 1000), (1280, 900), (390, 844)] {
                shots.push(Screenshot {
                    page: format!("{prefix}{page}"),
                    width,
                    height,
                    path: target
                        .join("book-shots")
                        .join(format!("{code}-{name}-{width}.png")),
                });
            }
        }
        let _ = std::fs::create_dir_all(target.join("book-shots"));
    }
    let options = BrowserOptions {
        language_switch: true,
        searches,
        screenshots: shots,
        probes,
        median_height_limit: Some(5500),
    };
    match test_book(out, &options) {
        Ok(summary) => {
            eprintln!("{summary}");
            if screenshots.is_some() {
                eprintln!(
                    "book: screenshots in {}",
                    target.join("book-shots").display()
                );
            }
            Vec::new()
        }
        Err(problems) => problems.lines().map(str::to_string).collect(),
    }
}
