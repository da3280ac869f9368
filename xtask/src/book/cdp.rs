//! Headless chromium, driven over the Chrome DevTools Protocol: just enough
//! of it for the browser test to open pages, listen to what they report and
//! look inside them.
//!
//! [`Browser::launch`] starts Debian's `chromium` in a process group of its
//! own, with a fresh profile folder, reads from its stderr where DevTools
//! listens, and connects a WebSocket there. Dropping the [`Browser`] kills
//! the whole group, reaps it and removes the profile, on every path: a test
//! that fails halfway leaves no chromium behind. Every wait has a deadline.

use std::collections::VecDeque;
use std::io::ErrorKind;
use std::net::TcpStream;
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tungstenite::{HandshakeError, Message, WebSocket};

mod process;

use process::Process;

/// How long chromium may take to say where DevTools listens.
const LAUNCH: Duration = Duration::from_secs(20);

/// How long a socket read blocks before the caller's deadline is looked at
/// again; a message that arrives ends the read at once.
const TICK: Duration = Duration::from_millis(50);

/// Said when there is no chromium to start.
pub const NOT_INSTALLED: &str =
    "chromium is not installed, and the browser test needs it: apt-get install -y chromium";

/// One event chromium sent: its method, its parameters, and the session
/// (page) it came from, if any.
#[derive(Debug, Clone)]
pub struct Event {
    pub method: String,
    pub params: Value,
    pub session: Option<String>,
}

/// A page chromium opened for us: its target, and the session that names it
/// in [`Browser::call`] and in events.
#[derive(Debug, Clone)]
pub struct Tab {
    pub target: String,
    pub session: String,
}

/// A running headless chromium and the DevTools connection to it.
#[derive(Debug)]
pub struct Browser {
    // Fields drop in order: the socket closes before the process is killed.
    socket: WebSocket<TcpStream>,
    next_id: u64,
    events: VecDeque<Event>,
    _process: Process,
}

impl Browser {
    /// Starts chromium and connects to it.
    pub fn launch() -> Result<Browser, String> {
        let (process, url) = Process::start(LAUNCH)?;
        let socket = connect(&url, LAUNCH)?;
        Ok(Browser {
            socket,
            next_id: 1,
            events: VecDeque::new(),
            _process: process,
        })
    }

    /// Opens a blank page and attaches to it.
    pub fn open_page(&mut self, timeout: Duration) -> Result<Tab, String> {
        let created = self.call(
            None,
            "Target.createTarget",
            json!({"url": "about:blank"}),
            timeout,
        )?;
        let target = created["targetId"].as_str().unwrap_or_default().to_string();
        let attached = self.call(
            None,
            "Target.attachToTarget",
            json!({"targetId": target, "flatten": true}),
            timeout,
        )?;
        match attached["sessionId"].as_str() {
            Some(session) => Ok(Tab {
                target,
                session: session.to_string(),
            }),
            None => Err("chromium attached to the new page but gave no session".into()),
        }
    }

    /// Closes a page, hung or not.
    pub fn close_page(&mut self, tab: &Tab, timeout: Duration) -> Result<(), String> {
        let params = json!({"targetId": tab.target});
        self.call(None, "Target.closeTarget", params, timeout)
            .map(drop)
    }

    /// Sends `method` (to the page `session`, or to the browser) and waits
    /// for its answer; events that arrive meanwhile are kept for [`next_event`](Self::next_event).
    pub fn call(
        &mut self,
        session: Option<&str>,
        method: &str,
        params: Value,
        timeout: Duration,
    ) -> Result<Value, String> {
        let id = self.next_id;
        self.next_id += 1;
        let mut message = json!({"id": id, "method": method, "params": params});
        if let Some(session) = session {
            message["sessionId"] = json!(session);
        }
        self.socket
            .send(Message::Text(message.to_string().into()))
            .map_err(|e| format!("could not send {method} to chromium: {e}"))?;
        let deadline = Instant::now() + timeout;
        loop {
            let Some(reply) = self.receive(deadline)? else {
                return Err(format!(
                    "chromium did not answer {method} within {:.0} s",
                    timeout.as_secs_f64()
                ));
            };
            if reply.get("id").and_then(Value::as_u64) == Some(id) {
                if let Some(error) = reply.get("error") {
                    let text = error["message"].as_str().unwrap_or("an unknown error");
                    return Err(format!("chromium refused {method}: {text}"));
                }
                return Ok(reply["result"].clone());
            }
            self.keep_event(reply);
        }
    }

    /// The next event, kept or new, waiting until `deadline` at most.
    pub fn next_event(&mut self, deadline: Instant) -> Result<Option<Event>, String> {
        if let Some(event) = self.events.pop_front() {
            return Ok(Some(event));
        }
        while let Some(message) = self.receive(deadline)? {
            self.keep_event(message);
            if let Some(event) = self.events.pop_front() {
                return Ok(Some(event));
            }
        }
        Ok(None)
    }

    /// An event already received and not yet taken, without waiting for more.
    pub fn queued(&mut self) -> Option<Event> {
        self.events.pop_front()
    }

    fn keep_event(&mut self, message: Value) {
        let Some(method) = message.get("method").and_then(Value::as_str) else {
            return; // the answer to a call that gave up waiting
        };
        self.events.push_back(Event {
            method: method.to_string(),
            session: message
                .get("sessionId")
                .and_then(Value::as_str)
                .map(String::from),
            params: message.get("params").cloned().unwrap_or(Value::Null),
        });
    }

    /// One message from chromium, or `None` once `deadline` has passed.
    fn receive(&mut self, deadline: Instant) -> Result<Option<Value>, String> {
        loop {
            match self.socket.read() {
                Ok(Message::Text(text)) => {
                    return serde_json::from_str(text.as_str())
                        .map(Some)
                        .map_err(|e| format!("chromium sent something that is not JSON: {e}"));
                }
                Ok(_) => {} // pings (answered by tungstenite), pongs, binary: not CDP
                Err(tungstenite::Error::Io(e))
                    if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {}
                Err(e) => return Err(format!("the DevTools connection to chromium broke: {e}")),
            }
            if Instant::now() >= deadline {
                return Ok(None);
            }
        }
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.socket.close(None);
    }
}

/// The WebSocket handshake with DevTools at `url` (`ws://host:port/path`).
fn connect(url: &str, timeout: Duration) -> Result<WebSocket<TcpStream>, String> {
    let broke = |e: &dyn std::fmt::Display| {
        format!("could not connect to chromium's DevTools at {url}: {e}")
    };
    let host = url
        .strip_prefix("ws://")
        .and_then(|rest| rest.split('/').next())
        .ok_or_else(|| broke(&"not a ws:// address"))?;
    let stream = TcpStream::connect(host).map_err(|e| broke(&e))?;
    stream
        .set_read_timeout(Some(timeout))
        .map_err(|e| broke(&e))?;
    stream
        .set_write_timeout(Some(timeout))
        .map_err(|e| broke(&e))?;
    let (socket, _) = tungstenite::client(url, stream).map_err(|e| match e {
        HandshakeError::Interrupted(_) => broke(&"the handshake timed out"),
        HandshakeError::Failure(e) => broke(&e),
    })?;
    // From here on, reads come back every TICK so that callers' deadlines hold.
    socket
        .get_ref()
        .set_read_timeout(Some(TICK))
        .map_err(|e| broke(&e))?;
    Ok(socket)
}

/// The `ws://` address in a line of chromium's stderr, if it is the one
/// saying where DevTools listens.
pub fn devtools_url(line: &str) -> Option<&str> {
    let rest = line.trim().strip_prefix("DevTools listening on ")?;
    rest.starts_with("ws://").then_some(rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_devtools_address_in_chromiums_stderr() {
        let line = "DevTools listening on ws://127.0.0.1:38913/devtools/browser/b2769964-f3f3\n";
        assert_eq!(
            devtools_url(line),
            Some("ws://127.0.0.1:38913/devtools/browser/b2769964-f3f3")
        );
        let noise =
            "[10167:10195:1122/051400.308737:ERROR:dbus/bus.cc:405] Failed to connect to the bus";
        assert_eq!(devtools_url(noise), None);
        assert_eq!(devtools_url(""), None);
        assert_eq!(devtools_url("DevTools listening on http://x"), None);
    }

    #[test]
    #[ignore = "starts chromium: run with `cargo test -p xtask -- --ignored` where it is installed"]
    fn launches_answers_and_leaves_nothing_behind() {
        let mut browser = Browser::launch().unwrap();
        let version = browser
            .call(
                None,
                "Browser.getVersion",
                json!({}),
                Duration::from_secs(10),
            )
            .unwrap();
        assert!(
            version["product"].as_str().unwrap().contains("Chrome"),
            "{version}"
        );
        let session = browser.open_page(Duration::from_secs(10)).unwrap().session;
        let two = browser
            .call(
                Some(&session),
                "Runtime.evaluate",
                json!({"expression": "1 + 1"}),
                Duration::from_secs(10),
            )
            .unwrap();
        assert_eq!(two["result"]["value"], 2);
        let (group, profile) = (
            browser._process.group(),
            browser._process.profile().to_path_buf(),
        );
        assert!(!crate::procs::group_members(group).is_empty());
        drop(browser);
        // Dead, at most: a zombie left to init is init's to reap.
        let members = crate::procs::group_members(group);
        assert!(
            members.iter().all(|(_, state)| *state == 'Z'),
            "{members:?}"
        );
        assert!(!profile.exists(), "{} is still there", profile.display());
    }
}
