//! The chromium process behind a [`Browser`](super::Browser): started in a
//! process group of its own with a fresh profile folder, asked where DevTools
//! listens, and, when dropped, killed with its whole group, reaped and its
//! profile removed, so that nothing of it outlives the browser test.

use std::io::{BufRead, BufReader, ErrorKind};
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use nix::sys::signal::{Signal, kill, killpg};
use nix::sys::wait::{WaitPidFlag, waitpid};
use nix::unistd::Pid;

use super::{NOT_INSTALLED, devtools_url};
use crate::procs::{ProcEntry, proc_entries};

/// How the profile folders in the temporary folder are named: then the
/// pid of the xtask that made it, and a few random letters.
const PREFIX: &str = "xtask-chromium-";

/// The chromium process group and its profile folder; dropping it kills,
/// reaps and removes them.
#[derive(Debug)]
pub(super) struct Process {
    child: Child,
    profile: PathBuf,
}

impl Process {
    /// Chromium's process group (its pid).
    #[cfg(test)]
    pub(super) fn group(&self) -> i32 {
        self.child.id() as i32
    }

    #[cfg(test)]
    pub(super) fn profile(&self) -> &std::path::Path {
        &self.profile
    }

    pub(super) fn start(timeout: Duration) -> Result<(Process, String), String> {
        // Chromium's crash handlers leave its process group and outlive it
        // for a moment: as a subreaper, xtask is handed them, and reaps them
        // before it goes on, instead of leaving their zombies to init.
        #[cfg(target_os = "linux")]
        let _ = nix::sys::prctl::set_child_subreaper(true);
        remove_stale_profiles();
        // Kept past the TempDir: it is removed on drop, once chromium is gone.
        let profile = tempfile::Builder::new()
            .prefix(&format!("{PREFIX}{}-", std::process::id()))
            .tempdir()
            .map_err(|e| format!("could not create chromium's profile folder: {e}"))?
            .keep();
        let tmp = profile.join("tmp");
        let _ = std::fs::create_dir_all(&tmp);
        let mut command = Command::new("chromium");
        command
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ])
            .arg(format!("--user-data-dir={}", profile.display()))
            .arg("--remote-debugging-port=0")
            // Its crash reports (`$XDG_CONFIG_HOME/chromium`) and dconf's cache
            // go to the profile too, not to $HOME; the crash handlers, which
            // leave the group, are then known by the profile in their arguments.
            .env("XDG_CONFIG_HOME", profile.join("config"))
            .env("XDG_CACHE_HOME", profile.join("cache"))
            // Its temporary files (`org.chromium.Chromium.*`) too: a killed
            // browser leaves them, and the profile is removed afterwards.
            .env("TMPDIR", &tmp)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .process_group(0);
        // SAFETY: between fork and exec the child only makes one prctl(2)
        // call, which allocates nothing and takes no lock.
        unsafe {
            command.pre_exec(|| {
                // If xtask dies without dropping us (SIGKILL, say), chromium
                // dies too, rather than run on in its own group unseen.
                nix::sys::prctl::set_pdeathsig(Signal::SIGKILL).map_err(std::io::Error::from)
            });
        }
        let child = match command.spawn() {
            Ok(child) => child,
            Err(e) => {
                let _ = std::fs::remove_dir_all(&profile);
                return Err(if e.kind() == ErrorKind::NotFound {
                    NOT_INSTALLED.to_string()
                } else {
                    format!("could not start chromium: {e}")
                });
            }
        };
        let mut process = Process { child, profile };
        let url = process.wait_for_devtools(timeout)?;
        Ok((process, url))
    }

    /// Reads stderr until chromium says where DevTools listens. A thread
    /// reads it, and goes on draining it afterwards, so that chromium never
    /// blocks on a full pipe.
    fn wait_for_devtools(&mut self, timeout: Duration) -> Result<String, String> {
        let stderr = self
            .child
            .stderr
            .take()
            .ok_or("chromium's stderr is not a pipe")?;
        let (lines, received) = mpsc::channel();
        thread::Builder::new()
            .name("chromium-stderr".into())
            .spawn(move || {
                for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                    let _ = lines.send(line);
                }
            })
            .map_err(|e| format!("could not start a thread to read chromium's stderr: {e}"))?;
        let deadline = Instant::now() + timeout;
        let mut said = Vec::new();
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match received.recv_timeout(left) {
                Ok(line) => {
                    if let Some(url) = devtools_url(&line) {
                        return Ok(url.to_string());
                    }
                    said.push(line);
                }
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    return Err(format!(
                        "chromium did not say where DevTools listens within {} s{}",
                        timeout.as_secs(),
                        last_lines(&said)
                    ));
                }
                Err(mpsc::RecvTimeoutError::Disconnected) => {
                    let status = self.child.wait().map(|s| s.to_string()).unwrap_or_default();
                    return Err(format!(
                        "chromium stopped before it was ready ({status}){}",
                        last_lines(&said)
                    ));
                }
            }
        }
    }
}

/// Removes the profile folders of runs whose xtask is gone: one killed
/// (SIGKILL, or Ctrl-C with no handler) took its chromium with it (the parent
/// death signal) but could not remove its folder.
fn remove_stale_profiles() {
    let Ok(entries) = std::fs::read_dir(std::env::temp_dir()) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = name.strip_prefix(PREFIX) else {
            continue;
        };
        let pid = rest.split('-').next().and_then(|p| p.parse::<u32>().ok());
        if pid.is_some_and(|pid| !std::path::Path::new(&format!("/proc/{pid}")).exists()) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// The end of what chromium said, for an error sentence.
fn last_lines(said: &[String]) -> String {
    let tail: Vec<&str> = said
        .iter()
        .rev()
        .take(5)
        .rev()
        .map(String::as_str)
        .collect();
    if tail.is_empty() {
        String::new()
    } else {
        format!("; it said:\n  {}", tail.join("\n  "))
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        let group = self.child.id() as i32;
        // The group's id is chromium's pid, which stays ours until reaped below.
        let _ = killpg(Pid::from_raw(group), Signal::SIGKILL);
        let _ = self.child.wait();
        // Its two crash handlers start sessions of their own, out of the
        // group's reach (`--disable-crashpad-for-testing`, which would keep
        // them from starting, crashes every renderer of chromium 148): they
        // are killed one by one. Where xtask is a subreaper (after a verify)
        // the orphans become its children, and their zombies are ours to reap.
        let profile = self.profile.to_string_lossy().into_owned();
        let me = std::process::id() as i32;
        let deadline = Instant::now() + Duration::from_secs(3);
        loop {
            let left: Vec<ProcEntry> = proc_entries()
                .filter(|p| p.group == group || mentions(p.pid, &profile))
                .collect();
            for p in &left {
                if p.state != 'Z' {
                    let _ = kill(Pid::from_raw(p.pid), Signal::SIGKILL);
                } else if p.parent == me {
                    let _ = waitpid(Pid::from_raw(p.pid), Some(WaitPidFlag::WNOHANG));
                }
            }
            // Dead and someone else's to reap (init's) is gone enough.
            let gone = left.iter().all(|p| p.state == 'Z' && p.parent != me);
            if gone || Instant::now() >= deadline {
                break;
            }
            thread::sleep(Duration::from_millis(10));
        }
        // A helper may still be writing as it dies: try again a little later.
        for _ in 0..20 {
            if std::fs::remove_dir_all(&self.profile).is_ok() || !self.profile.exists() {
                break;
            }
            thread::sleep(Duration::from_millis(50));
        }
    }
}

/// Whether process `pid`'s command line names `folder` or a path in it
/// (`…-1` names neither `…-10` nor a file in it).
fn mentions(pid: i32, folder: &str) -> bool {
    let cmdline = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
    let cmdline = String::from_utf8_lossy(&cmdline);
    cmdline.contains(&format!("{folder}/")) || cmdline.contains(&format!("{folder}\0"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_lines_of_what_chromium_said() {
        assert_eq!(last_lines(&[]), "");
        let said: Vec<String> = (1..=7).map(|n| format!("line {n}")).collect();
        assert_eq!(
            last_lines(&said),
            "; it said:\n  line 3\n  line 4\n  line 5\n  line 6\n  line 7"
        );
    }
}
