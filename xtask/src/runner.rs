//! Running one program under watch: a [`Launch`] says what and how.
//!
//! A program runs in a process group of its own, so that everything it starts
//! can be found and, on a timeout, stopped with it (SIGTERM, which lets a
//! lesson remove its temporary folder, then SIGKILL for what is left). When it exits, any process
//! still in its group is a child it failed to reap or to stop: verify reports
//! those as a failure and kills them. The runner also makes itself a *child
//! subreaper* (Linux), so an orphan is handed to it rather than to init, and
//! a zombie the lesson never reaped stays visible long enough to be reported.
//!
//! Because the program has its own group, the terminal's Ctrl-C does not reach
//! it. The runner catches SIGINT, passes it on to the program's group (as a
//! terminal would), kills what is still there after a short grace, and reports
//! [`End::Interrupted`] so that the caller stops: nothing outlives a verify.
//!
//! A launch can also disturb a program on purpose ([`Fault`]): Ctrl-C to
//! the program's own process only, or SIGKILL to its eldest child, at a given
//! moment. That is how verify proves that a lesson cleans up after itself.

use std::io::{Read, Write};
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use nix::sys::signal::{Signal, killpg};
use nix::sys::wait::{WaitPidFlag, waitpid};
use nix::unistd::Pid;

mod ctrl_c;

use crate::procs::{ProcEntry, group_members, proc_entries};
pub use ctrl_c::{MAX_AT_ONCE, interrupted};
use ctrl_c::{Watched, prepare_process};

/// How a program's run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    Exited(i32),
    Signalled(i32),
    TimedOut(Duration),
    /// The user pressed Ctrl-C; the program's group was interrupted, then killed.
    Interrupted,
}

/// Something done to a running program, to prove it copes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// Run undisturbed.
    None,
    /// Ctrl-C to the program's own process only (not its children), after a while.
    Interrupt { after: Duration },
    /// Ctrl-C as a terminal sends it: SIGINT to the program and every
    /// process of its group at once, after a while.
    CtrlC { after: Duration },
    /// SIGKILL to the program's earliest-started child, after a while.
    KillChild { after: Duration },
    /// Its standard output closed from the start, as `| head -0` would:
    /// nobody reads what it prints.
    CloseStdout,
    /// Its standard output closed after its first line, as `| head -1`
    /// would: whichever of its processes prints next finds nobody reading.
    HeadOne,
}

/// Everything a run produced.
#[derive(Debug, Clone)]
pub struct Run {
    pub stdout: String,
    pub stderr: String,
    pub end: End,
    pub elapsed: Duration,
    /// Processes of the program's group still there after it exited:
    /// `(pid, state)`, where state `Z` is an unreaped zombie.
    pub leftovers: Vec<(i32, char)>,
    /// What it was put through.
    pub fault: Fault,
    /// What the fault did, if it found something to do it to.
    pub fault_done: Option<String>,
    /// Files and folders the program left in its temporary directory.
    pub left_files: Vec<String>,
}

/// One program to run, and how: the one description every run of the
/// tooling goes through (a lesson, a Python twin, an exercise, a measurement).
#[derive(Debug, Clone)]
pub struct Launch {
    pub exe: PathBuf,
    pub args: Vec<String>,
    pub cwd: PathBuf,
    /// Added to the environment.
    pub envs: Vec<(String, String)>,
    /// Its whole process group is killed when it runs longer.
    pub timeout: Duration,
    pub fault: Fault,
    /// Copy its standard error to ours as it comes: a long measurement's progress.
    pub echo_stderr: bool,
}

impl Launch {
    /// `exe`, started in `cwd` with stdin closed, undisturbed, for at most `timeout`.
    pub fn new(exe: impl Into<PathBuf>, cwd: impl Into<PathBuf>, timeout: Duration) -> Launch {
        Launch {
            exe: exe.into(),
            args: Vec::new(),
            cwd: cwd.into(),
            envs: Vec::new(),
            timeout,
            fault: Fault::None,
            echo_stderr: false,
        }
    }

    pub fn args<S: Into<String>>(mut self, args: impl IntoIterator<Item = S>) -> Launch {
        self.args.extend(args.into_iter().map(Into::into));
        self
    }

    pub fn env(mut self, key: impl Into<String>, value: impl Into<String>) -> Launch {
        self.envs.push((key.into(), value.into()));
        self
    }

    pub fn fault(mut self, fault: Fault) -> Launch {
        self.fault = fault;
        self
    }

    pub fn echo_stderr(mut self) -> Launch {
        self.echo_stderr = true;
        self
    }

    /// Runs it and waits for its end, its timeout or the user's Ctrl-C.
    pub fn run(&self) -> Result<Run, String> {
        run_watched(self)
    }
}

/// From now on Ctrl-C sets [`interrupted`] instead of ending xtask, for a
/// caller that checks it and cleans up what it started (the browser test).
pub fn catch_ctrl_c() {
    prepare_process();
}

fn run_watched(launch: &Launch) -> Result<Run, String> {
    let Launch {
        exe,
        args,
        cwd,
        envs,
        timeout,
        fault,
        echo_stderr: echo,
    } = launch;
    let (timeout, fault) = (*timeout, *fault);
    prepare_process();
    let scratch = Scratch::create()?;
    let started = Instant::now();
    let mut command = Command::new(exe);
    command
        .args(args)
        .current_dir(cwd)
        .env("TMPDIR", scratch.0.path())
        .envs(envs.iter().map(|(k, v)| (k, v)))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0);
    // If xtask itself dies (killed, or its output closed under it), the
    // program dies too, rather than run on adopted by init; its own children
    // die with it by the lessons' own rule.
    #[cfg(target_os = "linux")]
    // SAFETY: runs in the forked child before exec, where only
    // async-signal-safe calls are allowed; prctl(2) is one.
    unsafe {
        command.pre_exec(|| {
            nix::sys::prctl::set_pdeathsig(Signal::SIGKILL).map_err(std::io::Error::from)
        });
    }
    let mut child = command
        .spawn()
        .map_err(|e| format!("could not start {}: {e}", exe.display()))?;
    let group = Pid::from_raw(child.id() as i32);

    let stdout = match fault {
        // Dropping our end of the pipe closes it: the program's next print fails.
        Fault::CloseStdout => {
            drop(child.stdout.take());
            thread::spawn(String::new)
        }
        Fault::HeadOne => first_line(child.stdout.take()),
        _ => drain(child.stdout.take(), false),
    };
    let stderr = drain(child.stderr.take(), *echo);

    // Wait on a helper thread so that the timeout can be a plain channel wait.
    let (done_tx, done_rx) = mpsc::channel::<std::io::Result<ExitStatus>>();
    let waiter = thread::spawn(move || {
        let _ = done_tx.send(child.wait());
    });
    let slot = Watched::register(group);
    let mut injector = Injector::new(fault, group, started);
    let end = watch(&done_rx, group, timeout, &mut injector);
    drop(slot);
    let end = match end {
        Ok(end) => end,
        Err(e) => return Err(format!("could not wait for {}: {e}", exe.display())),
    };
    let elapsed = started.elapsed();
    let _ = waiter.join();

    // After a parent that was interrupted, or that died when its output
    // closed, its children die by the kernel's hand and are handed to us as
    // zombies: reap those as we go, and count only what is still alive.
    // Otherwise the program itself should have reaped them.
    let parent_cut_short = matches!(
        fault,
        Fault::Interrupt { .. } | Fault::CtrlC { .. } | Fault::CloseStdout | Fault::HeadOne
    );
    let leftovers = match end {
        End::Exited(_) | End::Signalled(_) => settle(group, parent_cut_short),
        // The group was killed on purpose: make sure of it, and wait until
        // its processes are gone (a killed child takes a moment to die, and
        // then is ours to reap).
        End::TimedOut(_) | End::Interrupted => {
            let _ = killpg(group, Signal::SIGKILL);
            settle(group, true);
            Vec::new()
        }
    };
    if !leftovers.is_empty() {
        let _ = killpg(group, Signal::SIGKILL);
    }
    // Reap whatever of this group was handed to us: orphans we just killed.
    reap_group(
        group,
        Duration::from_millis(if leftovers.is_empty() { 0 } else { 1000 }),
    );

    Ok(Run {
        stdout: stdout.join().unwrap_or_default(),
        stderr: stderr.join().unwrap_or_default(),
        end,
        elapsed,
        leftovers,
        fault,
        fault_done: injector.done,
        left_files: scratch.remove(),
    })
}

/// A temporary directory of one run's own (its `TMPDIR`), so that whatever
/// the program leaves there is seen, and is not confused with other programs'
/// files in the system's temporary directory.
struct Scratch(tempfile::TempDir);

/// The runs' folders that exist now, for [`abandon`].
static SCRATCHES: std::sync::Mutex<Vec<PathBuf>> = std::sync::Mutex::new(Vec::new());

impl Scratch {
    fn create() -> Result<Scratch, String> {
        let dir = tempfile::Builder::new()
            .prefix("xtask-run-")
            .tempdir()
            .map_err(|e| format!("could not create a temporary folder: {e}"))?;
        if let Ok(mut all) = SCRATCHES.lock() {
            all.push(dir.path().to_path_buf());
        }
        Ok(Scratch(dir))
    }

    /// Removes the directory; returns what the program had left in it.
    fn remove(self) -> Vec<String> {
        let mut left: Vec<String> = std::fs::read_dir(self.0.path())
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        if let Ok(mut all) = SCRATCHES.lock() {
            all.retain(|p| p != self.0.path());
        }
        // Dropping it removes it and everything in it.
        left
    }
}

/// For an xtask that must end now (its own output closed under it): kills
/// every program still running and removes the runs' folders, which their
/// destructors would otherwise never get to.
pub fn abandon() {
    ctrl_c::kill_all();
    if let Ok(all) = SCRATCHES.lock() {
        for dir in all.iter() {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

/// Waits for the program's end, its timeout, or the user's Ctrl-C.
fn watch(
    done: &mpsc::Receiver<std::io::Result<ExitStatus>>,
    group: Pid,
    timeout: Duration,
    injector: &mut Injector,
) -> std::io::Result<End> {
    let deadline = Instant::now() + timeout;
    loop {
        injector.poke();
        let slice = injector
            .next_poke()
            .min(deadline.saturating_duration_since(Instant::now()));
        match done.recv_timeout(slice) {
            Ok(status) => return status.map(end_of),
            Err(mpsc::RecvTimeoutError::Disconnected) => return Ok(End::Exited(-1)),
            Err(mpsc::RecvTimeoutError::Timeout) => {}
        }
        if interrupted() {
            // The handler already passed SIGINT on; give the program a moment
            // to stop by itself, as it would under a terminal, then make sure.
            if done.recv_timeout(Duration::from_secs(1)).is_err() {
                let _ = killpg(group, Signal::SIGKILL);
                let _ = done.recv();
            }
            return Ok(End::Interrupted);
        }
        if Instant::now() >= deadline {
            // SIGTERM first, as a service manager would: a lesson's handler
            // then removes its temporary folder before it dies. Whatever is
            // still there a moment later is killed.
            let _ = killpg(group, Signal::SIGTERM);
            if done.recv_timeout(Duration::from_millis(500)).is_err() {
                let _ = killpg(group, Signal::SIGKILL);
                let _ = done.recv();
            }
            return Ok(End::TimedOut(timeout));
        }
    }
}

/// Carries out a [`Fault`] once, when its time has come.
struct Injector {
    fault: Fault,
    group: Pid,
    started: Instant,
    done: Option<String>,
}

impl Injector {
    fn new(fault: Fault, group: Pid, started: Instant) -> Self {
        Self {
            fault,
            group,
            started,
            done: None,
        }
    }

    /// How long the watcher may wait before calling [`Injector::poke`] again.
    fn next_poke(&self) -> Duration {
        let at = match self.fault {
            Fault::None | Fault::CloseStdout | Fault::HeadOne => {
                return Duration::from_millis(50);
            }
            _ if self.done.is_some() => return Duration::from_millis(50),
            Fault::Interrupt { after } | Fault::CtrlC { after } | Fault::KillChild { after } => {
                self.started + after
            }
        };
        at.saturating_duration_since(Instant::now())
            .clamp(Duration::from_millis(1), Duration::from_millis(10))
    }

    fn poke(&mut self) {
        if self.done.is_some() {
            return;
        }
        match self.fault {
            Fault::None | Fault::CloseStdout | Fault::HeadOne => {}
            Fault::Interrupt { after } if self.started.elapsed() >= after => {
                let _ = nix::sys::signal::kill(self.group, Signal::SIGINT);
                self.done = Some(format!("sent SIGINT to pid {}", self.group));
            }
            Fault::CtrlC { after } if self.started.elapsed() >= after => {
                let _ = killpg(self.group, Signal::SIGINT);
                self.done = Some(format!("sent SIGINT to process group {}", self.group));
            }
            Fault::KillChild { after } if self.started.elapsed() >= after => {
                // The earliest-started live child; none yet means try again soon.
                if let Some(child) = eldest_child(self.group.as_raw()) {
                    let _ = nix::sys::signal::kill(Pid::from_raw(child), Signal::SIGKILL);
                    self.done = Some(format!("killed child pid {child}"));
                }
            }
            _ => {}
        }
    }
}

/// The live member of `group`, other than its leader, that started first.
fn eldest_child(group: i32) -> Option<i32> {
    proc_entries()
        .filter(|p| p.group == group && p.pid != group && p.state != 'Z')
        .min_by_key(|p| (p.start_ticks, p.pid))
        .map(|p| p.pid)
}

/// Reads the first line, then closes the pipe, as `head -1` does.
fn first_line(pipe: Option<impl Read + Send + 'static>) -> thread::JoinHandle<String> {
    thread::spawn(move || {
        let mut line = Vec::new();
        if let Some(pipe) = pipe {
            let mut reader = std::io::BufReader::new(pipe);
            let _ = std::io::BufRead::read_until(&mut reader, b'\n', &mut line);
        } // the pipe closes here
        String::from_utf8_lossy(&line).into_owned()
    })
}

fn drain(pipe: Option<impl Read + Send + 'static>, echo: bool) -> thread::JoinHandle<String> {
    thread::spawn(move || {
        let mut bytes = Vec::new();
        if let Some(mut pipe) = pipe {
            let mut chunk = [0u8; 4096];
            loop {
                let n = match pipe.read(&mut chunk) {
                    Ok(0) => break,
                    Ok(n) => n,
                    // Our Ctrl-C handler interrupts reads: carry on.
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                    Err(_) => break,
                };
                bytes.extend_from_slice(&chunk[..n]);
                if echo {
                    let _ = std::io::stderr().write_all(&chunk[..n]);
                }
            }
        }
        String::from_utf8_lossy(&bytes).into_owned()
    })
}

fn end_of(status: ExitStatus) -> End {
    use std::os::unix::process::ExitStatusExt;
    match (status.code(), status.signal()) {
        (Some(code), _) => End::Exited(code),
        (None, Some(signal)) => End::Signalled(signal),
        (None, None) => End::Exited(-1),
    }
}

/// The processes left in `group` once it has had a moment to wind down.
fn settle(group: Pid, reap_zombies: bool) -> Vec<(i32, char)> {
    let deadline = Instant::now() + Duration::from_millis(500);
    loop {
        if reap_zombies {
            reap_group(group, Duration::ZERO);
        }
        let members = group_members(group.as_raw());
        if members.is_empty() || Instant::now() >= deadline {
            return members;
        }
        thread::sleep(Duration::from_millis(10));
    }
}

/// Reaps the members of `group` that were handed to us as a subreaper and
/// have died, waiting at most `patience` for those still dying. Only this
/// group's: another program may be running beside it, and its processes'
/// exit statuses are not ours to take.
fn reap_group(group: Pid, patience: Duration) {
    let me = std::process::id() as i32;
    let deadline = Instant::now() + patience;
    loop {
        let ours: Vec<ProcEntry> = proc_entries()
            .filter(|p| p.group == group.as_raw() && p.parent == me && p.pid != group.as_raw())
            .collect();
        for p in ours.iter().filter(|p| p.state == 'Z') {
            let _ = waitpid(Pid::from_raw(p.pid), Some(WaitPidFlag::WNOHANG));
        }
        if ours.iter().all(|p| p.state == 'Z') || Instant::now() >= deadline {
            return;
        }
        thread::sleep(Duration::from_millis(10));
    }
}
