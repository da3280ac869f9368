//! The browser test's ears: the events chromium sends while a page loads,
//! turned into problems of the page they concern.

use serde_json::Value;

use super::{Request, Run, checks};
use crate::book::cdp::Event;

impl Run {
    /// Turns one event into problems of the page it concerns.
    pub(super) fn handle(&mut self, event: Event) {
        if event.session.as_deref() != Some(self.tab.session.as_str()) {
            return;
        }
        let p = &event.params;
        let page = self.page.clone();
        match event.method.as_str() {
            "Network.requestWillBeSent" => {
                let (Some(id), Some(url)) = (p["requestId"].as_str(), p["request"]["url"].as_str())
                else {
                    return;
                };
                let request = Request {
                    page,
                    url: url.to_string(),
                    kind: p["type"].as_str().unwrap_or_default().to_string(),
                    done: false,
                };
                self.requests.insert(id.to_string(), request);
            }
            "Network.loadingFinished" => self.done(p),
            "Network.responseReceived" => {
                let status = p["response"]["status"].as_u64().unwrap_or(0);
                if status >= 400 {
                    self.failed_request(p, &status.to_string());
                }
            }
            "Network.loadingFailed" => {
                self.done(p);
                // Navigating away cancels what a page still fetches: not the book's fault.
                if p["canceled"] != true {
                    self.failed_request(p, p["errorText"].as_str().unwrap_or("failed"));
                }
            }
            "Runtime.consoleAPICalled"
                if matches!(p["type"].as_str(), Some("error" | "assert")) =>
            {
                let args = p["args"].as_array().cloned().unwrap_or_default();
                let said: Vec<String> = args.iter().map(remote_text).collect();
                self.problem(
                    &page,
                    format!(
                        "the console reported an error: {}",
                        checks::one_line(&said.join(" "))
                    ),
                );
            }
            "Runtime.exceptionThrown" => {
                let details = &p["exceptionDetails"];
                let text = details["exception"]["description"]
                    .as_str()
                    .or(details["text"].as_str());
                self.problem(
                    &page,
                    format!("a script failed: {}", checks::one_line(text.unwrap_or("?"))),
                );
            }
            "Log.entryAdded" if p["entry"]["level"] == "error" => {
                let entry = &p["entry"];
                let url = entry["url"].as_str().unwrap_or_default();
                // A failed request to the book is reported by the network events.
                if entry["source"] == "network" && self.server.relative(url).is_some() {
                    return;
                }
                let mut text = checks::one_line(entry["text"].as_str().unwrap_or("?"));
                if !url.is_empty() && !text.contains(url) {
                    text = format!("{text} ({})", self.shown(url));
                }
                self.problem(&page, format!("the browser reported an error: {text}"));
            }
            _ => {}
        }
    }

    fn done(&mut self, p: &Value) {
        let id = p["requestId"].as_str().unwrap_or_default();
        if let Some(request) = self.requests.get_mut(id) {
            request.done = true;
        }
    }

    /// A request to the book that failed with `why` (a status or an error).
    fn failed_request(&mut self, p: &Value, why: &str) {
        let id = p["requestId"].as_str().unwrap_or_default();
        let Some(Request {
            page, url, kind, ..
        }) = self.requests.get(id).cloned()
        else {
            return;
        };
        if self.server.relative(&url).is_none() || !self.failed.insert((page.clone(), url.clone()))
        {
            return;
        }
        let kind = p["type"].as_str().unwrap_or(&kind).to_string();
        let text = format!(
            "the {} {} did not load ({why})",
            checks::noun(&kind),
            self.shown(&url)
        );
        self.problem(&page, text);
    }
}

/// What a console argument says: its value if it has one, else its description.
pub(super) fn remote_text(arg: &Value) -> String {
    match &arg["value"] {
        Value::String(s) => s.clone(),
        Value::Null => arg["description"].as_str().unwrap_or_default().to_string(),
        other => other.to_string(),
    }
}
