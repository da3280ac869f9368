//! The browser test's visits after the pages: where each language switch
//! leads, the searches, and the screenshots.

use serde_json::{Value, json};

use super::{CALL, Run, SEARCH_MS, Screenshot, Search, checks};
use crate::book::serve;

impl Run {
    /// Checks that a language switch's target loads, once per target.
    pub(super) fn check_switch(&mut self, page: &str, target: &str) {
        let Some(rel) = self.server.relative(target) else {
            self.problem(
                page,
                format!("the language switch leads out of the book, to {target}"),
            );
            return;
        };
        let mut rel = rel.to_string();
        // A folder asked for without its `/` is sent on to it, as servers do.
        let mut answer = serve::get(self.server.addr, "GET", &format!("/{rel}"));
        for _ in 0..3 {
            let Ok(moved) = &answer else { break };
            let Some(location) = moved.header("location").filter(|_| moved.status == 301) else {
                break;
            };
            rel = location.trim_start_matches('/').to_string();
            answer = serve::get(self.server.addr, "GET", location);
        }
        let text = match answer {
            Ok(answer) if answer.status == 200 => return,
            Ok(answer) => format!(
                "the language switch leads to {rel}, which answers {}",
                answer.status
            ),
            Err(e) => format!("the language switch leads to {rel}, which does not answer ({e})"),
        };
        self.problem(page, text);
    }

    /// Runs one search and checks that a result links where it should.
    pub(super) fn search(&mut self, search: &Search) -> Result<(), String> {
        self.summary.searches += 1;
        let page = &search.page;
        let encoded = percent_encode(&search.query);
        if !self.open(page, &format!("{}?search={encoded}", self.server.url(page)))? {
            return Ok(());
        }
        let want = self.server.url(&search.expect_href);
        let expression = format!("({})({}, {SEARCH_MS})", checks::SEARCH, json!(want));
        let Some(value) = self.evaluate(page, &expression)? else {
            return Ok(());
        };
        let found: Vec<String> = value
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(Value::as_str)
                    .map(String::from)
                    .collect()
            })
            .unwrap_or_default();
        let place = found.iter().position(|u| *u == want);
        if search.within > 0
            && let Some(place) = place.filter(|p| *p >= search.within)
        {
            let first: Vec<String> = found
                .iter()
                .take(search.within)
                .map(|u| self.shown(u))
                .collect();
            let text = format!(
                "searching for \"{}\" lists {} as result {}, not among the first {} ({})",
                search.query,
                search.expect_href,
                place + 1,
                search.within,
                first.join(", ")
            );
            self.problem(page, text);
        }
        if place.is_some() {
            self.summary.figures.push((
                format!(
                    "search \"{}\" from {page}: {} is result",
                    search.query, search.expect_href
                ),
                (place.unwrap_or(0) + 1) as f64,
            ));
        }
        if !found.contains(&want) {
            let listed: Vec<String> = found.iter().map(|u| self.shown(u)).collect();
            let listed = if listed.is_empty() {
                "nothing".to_string()
            } else {
                listed.join(", ")
            };
            let text = format!(
                "searching for \"{}\" finds no link to {} within {} s (it found {listed})",
                search.query,
                search.expect_href,
                SEARCH_MS / 1000
            );
            self.problem(page, text);
        }
        Ok(())
    }

    /// Saves one screenshot at the size it asks for.
    pub(super) fn screenshot(&mut self, shot: &Screenshot) -> Result<(), String> {
        self.resize(shot.width, shot.height)?;
        let taken = self.take_screenshot(shot);
        self.resize(super::PAGE_WIDTH, super::PAGE_HEIGHT)?;
        taken
    }

    fn take_screenshot(&mut self, shot: &Screenshot) -> Result<(), String> {
        let page = &shot.page;
        // A `#place` on the page: the shot shows it at the top.
        let url = match page.split_once('#') {
            Some((path, place)) => format!("{}#{place}", self.server.url(path)),
            None => self.server.url(page),
        };
        if !self.open(page, &url)? {
            return Ok(());
        }
        if self
            .evaluate(page, &format!("({})()", checks::PAINTED))?
            .is_none()
        {
            return Ok(());
        }
        let session = self.tab.session.clone();
        let taken = self.browser.call(
            Some(&session),
            "Page.captureScreenshot",
            json!({"format": "png"}),
            CALL,
        )?;
        // What goes wrong from here is the screenshot's, not the page's.
        let Some(png) = taken["data"]
            .as_str()
            .and_then(|data| data_encoding::BASE64.decode(data.as_bytes()).ok())
        else {
            let text = "chromium's screenshot is not base64 PNG data".to_string();
            self.problem(page, text);
            return Ok(());
        };
        let folder = shot.path.parent().filter(|f| !f.as_os_str().is_empty());
        let saved = folder
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&shot.path, png));
        match saved {
            Ok(()) => self.summary.screenshots += 1,
            Err(e) => {
                let text = format!(
                    "its screenshot could not be saved at {}: {e}",
                    shot.path.display()
                );
                self.problem(page, text);
            }
        }
        Ok(())
    }
}

/// A URL query value: everything but unreserved characters escaped.
pub(super) fn percent_encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}
