//! The browser test of a built book: every HTML page served over HTTP and
//! opened in headless chromium, failing on what a reader would see broken.
//!
//! A page fails on a console error or an uncaught exception, on a request
//! to the book that fails or answers 400 or more (a missing stylesheet,
//! script, image or font), on an image not shown or a stylesheet not loaded,
//! on code blocks highlight.js left alone, and, when asked, on a missing
//! language switch or one that leads nowhere. Searches and screenshots run
//! after the pages. Every problem is a sentence naming its page.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use super::cdp::{Browser, Tab};
use super::serve::Server;

mod checks;
mod events;
pub mod layout;
#[cfg(test)]
mod tests;
mod visits;

use checks::{PageState, Problem};

/// How long chromium may take to answer one command.
const CALL: Duration = Duration::from_secs(10);
/// How long a page may take to fire its load event.
const LOAD: Duration = Duration::from_secs(10);
/// How long a loaded page's scripts may take to highlight, add the switch…
const SETTLE_MS: u64 = 3000;
/// How long a search may take to show the expected result.
const SEARCH_MS: u64 = 5000;
/// The window every page is opened in, unless a probe asks for another.
const PAGE_WIDTH: u32 = 1280;
const PAGE_HEIGHT: u32 = 900;

/// What to check besides the pages themselves.
#[derive(Debug, Clone, Default)]
pub struct BrowserOptions {
    /// Every page must have an `a#language-switch` whose target loads.
    pub language_switch: bool,
    pub searches: Vec<Search>,
    pub screenshots: Vec<Screenshot>,
    /// Measurements of particular pages at particular sizes.
    pub probes: Vec<layout::Probe>,
    /// The most the median height of the English edition's lesson pages may
    /// be at 1280 CSS pixels wide, if it is limited.
    pub median_height_limit: Option<u32>,
}

/// A search run from `page` (relative to the book's root) that must list a
/// result linking to `expect_href` (relative to the root too), among its
/// first `within` results (anywhere, if 0).
#[derive(Debug, Clone)]
pub struct Search {
    pub page: String,
    pub query: String,
    pub expect_href: String,
    pub within: usize,
}

/// A PNG of `page`, `width` × `height` CSS pixels, saved at `path`.
#[derive(Debug, Clone)]
pub struct Screenshot {
    pub page: String,
    pub width: u32,
    pub height: u32,
    pub path: PathBuf,
}

/// What a passing run checked.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Summary {
    pub pages: usize,
    pub code_blocks: usize,
    pub images: usize,
    pub stylesheets: usize,
    pub searches: usize,
    pub screenshots: usize,
    pub elapsed: Duration,
    /// Each page's height at 1280 CSS pixels wide.
    pub heights: Vec<(String, u32)>,
    /// Code blocks that scroll sideways at that width, all pages together.
    pub sideways: usize,
    /// What the probes measured, each named.
    pub figures: Vec<(String, f64)>,
}

impl Summary {
    /// The median and the largest height of the lesson pages of one edition
    /// (`prefix` "" or "zh-CN/"), and the largest's page.
    pub fn lesson_heights(&self, prefix: &str) -> Option<(u32, u32, String)> {
        let mut lessons: Vec<&(String, u32)> = self
            .heights
            .iter()
            .filter(|(page, _)| {
                page.strip_prefix(prefix).is_some_and(|rest| {
                    rest.matches('/').count() == 1
                        && !rest.ends_with("/index.html")
                        && !rest.starts_with("zh-CN/")
                })
            })
            .collect();
        if lessons.is_empty() {
            return None;
        }
        lessons.sort_by_key(|(_, h)| *h);
        let median = lessons[lessons.len() / 2].1;
        let (page, max) = lessons[lessons.len() - 1];
        Some((median, *max, page.clone()))
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "browser: {} opened in {:.1} s; {}, {} and {} checked; {} run, {} saved",
            plural(self.pages, "page"),
            self.elapsed.as_secs_f64(),
            plural(self.code_blocks, "code block"),
            plural(self.images, "image"),
            plural(self.stylesheets, "stylesheet"),
            plural(self.searches, "search"),
            plural(self.screenshots, "screenshot"),
        )?;
        for (prefix, edition) in [("", "English"), ("zh-CN/", "Chinese")] {
            if let Some((median, max, page)) = self.lesson_heights(prefix) {
                write!(
                    f,
                    "\nbrowser: {edition} lesson pages at {PAGE_WIDTH} px: median {median} px tall, the tallest {max} px ({page})"
                )?;
            }
        }
        write!(
            f,
            "\nbrowser: {} scrolling sideways at {PAGE_WIDTH} px",
            plural(self.sideways, "code block")
        )?;
        for (name, value) in &self.figures {
            write!(f, "\nbrowser: {name}: {value}")?;
        }
        Ok(())
    }
}

/// Opens every page of the book built in `book` in headless chromium and
/// checks it. `Err` is either why the test could not run or every problem
/// found, one sentence a line.
pub fn test_book(book: &Path, options: &BrowserOptions) -> Result<Summary, String> {
    let started = Instant::now();
    // Ctrl-C ends the run between two pages, so chromium is stopped and its
    // profile removed on the way out rather than left behind.
    crate::runner::catch_ctrl_c();
    let pages = html_pages(book)?;
    if pages.is_empty() {
        return Err(format!(
            "{} holds no HTML page: is the book built?",
            book.display()
        ));
    }
    let server = Server::start(book).map_err(|e| {
        format!(
            "could not serve {} for the browser test: {e}",
            book.display()
        )
    })?;
    let mut browser = Browser::launch()?;
    let tab = new_tab(&mut browser)?;
    let mut run = Run {
        browser,
        tab,
        server,
        page: String::new(),
        requests: HashMap::new(),
        failed: HashSet::new(),
        problems: Vec::new(),
        summary: Summary::default(),
    };
    let mut switches: BTreeMap<String, String> = BTreeMap::new();
    for (n, page) in pages.iter().enumerate() {
        if crate::runner::interrupted() {
            return Err("the browser test was interrupted".into());
        }
        let want_switch = options.language_switch;
        if let Some(target) = run
            .guarded(page, |run| run.check_page(page, want_switch))?
            .flatten()
        {
            switches.entry(target).or_insert_with(|| page.clone());
        }
        if (n + 1) % 20 == 0 && n + 1 < pages.len() {
            eprintln!("browser: {} of {} pages", n + 1, pages.len());
        }
    }
    for (target, page) in &switches {
        run.check_switch(page, target);
    }
    if let (Some(limit), Some((median, _, _))) =
        (options.median_height_limit, run.summary.lesson_heights(""))
        && median > limit
    {
        run.problem(
            "the lesson pages",
            format!("their median height at {PAGE_WIDTH} px is {median} px, more than {limit}"),
        );
    }
    for search in &options.searches {
        run.guarded(&search.page, |run| run.search(search))?;
    }
    for probe in &options.probes {
        run.guarded(&probe.page, |run| run.probe(probe))?;
    }
    for shot in &options.screenshots {
        run.guarded(&shot.page, |run| run.screenshot(shot))?;
    }
    run.summary.elapsed = started.elapsed();
    if run.problems.is_empty() {
        return Ok(run.summary);
    }
    // The figures are worth seeing beside the problems, too.
    eprintln!("{}", run.summary);
    let sentences = checks::sentences(&run.problems);
    Err(format!(
        "the browser test found {} in the built book:\n  {}",
        plural(sentences.len(), "problem"),
        sentences.join("\n  ")
    ))
}

/// Every HTML page under `book`, relative to it with `/` separators, sorted;
/// mdBook's `toc.html`, the sidebar's frame for readers without scripts, is
/// no page of its own.
fn html_pages(book: &Path) -> Result<Vec<String>, String> {
    let mut pages = Vec::new();
    let mut folders = vec![book.to_path_buf()];
    while let Some(folder) = folders.pop() {
        let entries = std::fs::read_dir(&folder)
            .map_err(|e| format!("could not read {}: {e}", folder.display()))?;
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "html") {
                let text = std::fs::read_to_string(&path).unwrap_or_default();
                if text.contains(r#"class="sidebar-iframe-inner""#) {
                    continue;
                }
                let rel = path.strip_prefix(book).unwrap_or(&path);
                let parts: Vec<String> = rel
                    .iter()
                    .map(|p| p.to_string_lossy().into_owned())
                    .collect();
                pages.push(parts.join("/"));
            }
        }
    }
    pages.sort();
    Ok(pages)
}

/// `n` and the noun, in the plural unless `n` is 1.
fn plural(n: usize, noun: &str) -> String {
    match (n, noun) {
        (1, _) => format!("1 {noun}"),
        (_, "search") => format!("{n} searches"),
        _ => format!("{n} {noun}s"),
    }
}

/// A request a page made.
#[derive(Debug, Clone)]
struct Request {
    page: String,
    url: String,
    /// DevTools' resource type: `Stylesheet`, `Image`…
    kind: String,
    /// Whether it ended, well or not.
    done: bool,
}

/// What DevTools needs to show pages in a window `width` × `height` CSS
/// pixels (a phone's, under 600).
fn window(width: u32, height: u32) -> Value {
    json!({"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})
}

/// A fresh page, listened to: its load, console, log and requests, in a
/// window of the size every page is opened at.
fn new_tab(browser: &mut Browser) -> Result<Tab, String> {
    let tab = browser.open_page(CALL)?;
    browser.call(
        Some(&tab.session),
        "Emulation.setDeviceMetricsOverride",
        window(PAGE_WIDTH, PAGE_HEIGHT),
        CALL,
    )?;
    for (method, params) in [
        ("Page.enable", json!({})),
        ("Page.setLifecycleEventsEnabled", json!({"enabled": true})),
        ("Runtime.enable", json!({})),
        ("Log.enable", json!({})),
        ("Network.enable", json!({})),
        (
            "Page.addScriptToEvaluateOnNewDocument",
            json!({"source": checks::OFFLINE_PLAYGROUND}),
        ),
    ] {
        browser.call(Some(&tab.session), method, params, CALL)?;
    }
    Ok(tab)
}

/// One run: the browser, its page, the server, and what was found so far.
struct Run {
    browser: Browser,
    tab: Tab,
    server: Server,
    /// The page being looked at, named relative to the book's root.
    page: String,
    /// Every request the pages made, by DevTools' id.
    requests: HashMap<String, Request>,
    /// The (page, address) pairs already reported as failed requests.
    failed: HashSet<(String, String)>,
    problems: Vec<Problem>,
    summary: Summary,
}

impl Run {
    /// Makes the page's window `width` × `height` CSS pixels.
    fn resize(&mut self, width: u32, height: u32) -> Result<(), String> {
        let session = self.tab.session.clone();
        self.browser.call(
            Some(&session),
            "Emulation.setDeviceMetricsOverride",
            window(width, height),
            CALL,
        )?;
        Ok(())
    }

    /// Runs one visit of `page`. If chromium stops answering during it (a
    /// script that never ends, say), that is a problem of the page, and the
    /// next visit gets a fresh tab; only a browser that is gone stops the run.
    fn guarded<T>(
        &mut self,
        page: &str,
        visit: impl FnOnce(&mut Run) -> Result<T, String>,
    ) -> Result<Option<T>, String> {
        match visit(self) {
            Ok(done) => Ok(Some(done)),
            Err(e) => {
                self.problem(page, format!("the page stopped answering: {e}"));
                self.replace_tab()?;
                Ok(None)
            }
        }
    }

    /// Closes the tab, stuck as it may be, and opens a fresh one.
    fn replace_tab(&mut self) -> Result<(), String> {
        let old = self.tab.clone();
        let _ = self.browser.close_page(&old, CALL);
        self.tab = new_tab(&mut self.browser)?;
        Ok(())
    }

    fn problem(&mut self, page: &str, text: String) {
        self.problems.push(Problem {
            page: page.to_string(),
            text,
        });
    }

    /// Checks one page; returns where its language switch leads, if it has one.
    fn check_page(&mut self, page: &str, want_switch: bool) -> Result<Option<String>, String> {
        self.summary.pages += 1;
        if !self.open(page, &self.server.url(page))? {
            return Ok(None);
        }
        let expression = format!("({})({want_switch}, {SETTLE_MS})", checks::STATE);
        let Some(value) = self.evaluate(page, &expression)? else {
            return Ok(None);
        };
        let state: PageState = match serde_json::from_value(value) {
            Ok(state) => state,
            Err(e) => {
                self.problem(page, format!("the page's state could not be read: {e}"));
                return Ok(None);
            }
        };
        self.summary.code_blocks += state.codes.len();
        self.summary.heights.push((page.to_string(), state.height));
        self.summary.sideways += state.sideways;
        self.summary.images += state.images.len();
        self.summary.stylesheets += state.sheets.len();
        let failed: HashSet<String> = self
            .failed
            .iter()
            .filter(|(p, _)| p == page)
            .map(|(_, url)| url.clone())
            .collect();
        let found = checks::state_problems(&state, want_switch, |url| self.shown(url), &failed);
        for text in found {
            self.problem(page, text);
        }
        Ok(state
            .language_switch
            .map(|href| href.split('#').next().unwrap_or_default().to_string()))
    }

    /// Navigates to `url` as `page` and waits for its load event, handling
    /// the events that arrive meanwhile. `false` if it did not load.
    fn open(&mut self, page: &str, url: &str) -> Result<bool, String> {
        // Only a new document fires a load event: going to a `#place` of the
        // page already open would not, so leave it first.
        if url.contains('#') && !self.open(page, "about:blank")? {
            return Ok(false);
        }
        self.page = page.to_string();
        let session = self.tab.session.clone();
        let navigated =
            self.browser
                .call(Some(&session), "Page.navigate", json!({"url": url}), CALL)?;
        if let Some(error) = navigated["errorText"].as_str().filter(|e| !e.is_empty()) {
            self.problem(page, format!("the page did not open ({error})"));
            return Ok(false);
        }
        let loader = navigated["loaderId"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        let deadline = Instant::now() + LOAD;
        while let Some(event) = self.browser.next_event(deadline)? {
            let params = &event.params;
            let ours = event.session.as_deref() == Some(&session);
            if ours
                && event.method == "Page.lifecycleEvent"
                && params["name"] == "load"
                && params["loaderId"] == loader.as_str()
            {
                return Ok(true);
            }
            self.handle(event);
        }
        let waiting: Vec<String> = self
            .requests
            .values()
            .filter(|r| r.page == page && !r.done)
            .map(|r| self.shown(&r.url))
            .collect();
        let waiting = if waiting.is_empty() {
            String::new()
        } else {
            format!(" (still waiting for {})", waiting.join(", "))
        };
        let text = format!(
            "the page did not finish loading within {} s{waiting}",
            LOAD.as_secs()
        );
        self.problem(page, text);
        // Still loading, or stuck in a script: the next page gets a fresh tab.
        self.replace_tab()?;
        Ok(false)
    }

    /// Runs `expression` in the page and returns its value; a script error
    /// is a problem of `page`, and `None`.
    fn evaluate(&mut self, page: &str, expression: &str) -> Result<Option<Value>, String> {
        let session = self.tab.session.clone();
        let params = json!({"expression": expression, "awaitPromise": true, "returnByValue": true});
        let timeout = CALL + Duration::from_millis(SETTLE_MS.max(SEARCH_MS));
        let answer = self
            .browser
            .call(Some(&session), "Runtime.evaluate", params, timeout)?;
        // What the page reported while it was being looked at is the page's.
        while let Some(event) = self.browser.queued() {
            self.handle(event);
        }
        if let Some(details) = answer.get("exceptionDetails") {
            let text = details["exception"]["description"]
                .as_str()
                .or(details["text"].as_str());
            let text = format!(
                "the browser test's own script failed in it: {}",
                checks::one_line(text.unwrap_or("?"))
            );
            self.problem(page, text);
            return Ok(None);
        }
        Ok(Some(answer["result"]["value"].clone()))
    }

    /// An address as readers know it: relative to the book's root when it
    /// is the book's, without its query and fragment.
    fn shown(&self, url: &str) -> String {
        let bare = url.split(['?', '#']).next().unwrap_or_default();
        self.server.relative(bare).unwrap_or(bare).to_string()
    }
}
