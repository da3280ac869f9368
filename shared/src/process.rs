//! Child-process plumbing: children that end with their parent.
//!
//! When a Python program is stopped with Ctrl-C, the terminal sends SIGINT to
//! every process in the foreground group, children included. But a parent
//! that is killed on its own (`kill PID`, a crash, a test harness) leaves its
//! children running, adopted by init: orphans. The course's rule is that no
//! child outlives its lesson, so every child a lesson starts asks the kernel
//! (Linux's `PR_SET_PDEATHSIG`) to kill it as soon as its parent dies.
//!
//! The kernel ties this to the parent *thread* that started the child, so
//! lessons start their children from the main thread, which lives as long as
//! the program.

use std::process::{Command, ExitStatus};

/// `procspawn::init()` for lessons: every child it starts dies with its parent.
///
/// Call it as the first line of `main`, exactly where `procspawn::init()`
/// would go: a child is a second run of the same binary and turns off here.
/// It begins with [`crate::start`], so the parent checks the environment
/// before any child exists, and gives the parent a temporary folder of its
/// own ([`crate::scratch`]) that no Ctrl-C can leave behind.
pub fn init() {
    crate::start();
    quiet_when_a_child_goes_mid_message();
    procspawn::ProcConfig::new()
        .config_callback(die_with_parent)
        .init();
    // Only the parent gets here: a child ran its function inside `init`.
    if let Err(e) = crate::scratch::own_temp_dir() {
        eprintln!("error: could not make this lesson's temporary folder: {e}");
        std::process::exit(1);
    }
}

/// Two panics of procspawn's plumbing, not of the lesson, said in the
/// course's way.
///
/// When a child dies in the middle of sending its result (Ctrl-C reaches
/// the children and the parent at once), ipc-channel 0.22 turns the short
/// read into an assertion failure in procspawn's monitor thread (ipc-channel's
/// `From<io::Error> for UnixError`), and a child that starts while its
/// parent is going away panics because it cannot connect. Both mean the run
/// is being torn down. The monitor waits a moment for the signal that is
/// ending the program; if the program is still there, it says in a sentence
/// what happened and ends it, since the lost result can never arrive. The
/// child whose parent is gone just ends, as its parent-death signal would
/// have ended it.
fn quiet_when_a_child_goes_mid_message() {
    let report = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let monitor = std::thread::current().name() == Some("procspawn-monitor");
        if monitor {
            std::thread::sleep(std::time::Duration::from_millis(300));
            eprintln!(
                "error: a child process ended in the middle of sending its result (it was interrupted or killed), so the program cannot go on"
            );
            std::process::exit(1);
        }
        if crate::output::panic_message(info).starts_with("could not bootstrap ipc connection") {
            std::process::exit(1);
        }
        report(info);
    }));
}

/// Asks the kernel to kill the calling process when its parent dies.
///
/// Call it in a child: right after `fork`, or first thing in a re-executed
/// binary. If the parent is already gone by then, the child exits at once.
pub fn die_with_parent() {
    #[cfg(target_os = "linux")]
    {
        use nix::sys::signal::Signal;
        let parent = nix::unistd::getppid();
        if nix::sys::prctl::set_pdeathsig(Signal::SIGKILL).is_err() || parent.as_raw() == 1 {
            std::process::exit(1);
        }
    }
}

/// Makes a `Command` start a child that dies with its parent.
pub fn dies_with_parent(command: &mut Command) -> &mut Command {
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::process::CommandExt;
        // SAFETY: runs in the forked child before exec, where only
        // async-signal-safe calls are allowed; prctl(2) is one.
        unsafe {
            command.pre_exec(|| {
                nix::sys::prctl::set_pdeathsig(nix::sys::signal::Signal::SIGKILL)
                    .map_err(std::io::Error::from)
            });
        }
    }
    command
}

/// Python's `Process.exitcode` for a finished child: its exit code, or minus
/// the number of the signal that killed it (`-9` after SIGKILL).
pub fn python_exitcode(status: ExitStatus) -> i32 {
    use std::os::unix::process::ExitStatusExt;
    match (status.code(), status.signal()) {
        (Some(code), _) => code,
        (None, Some(signal)) => -signal,
        (None, None) => 0,
    }
}
