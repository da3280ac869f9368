//! Printing values the way the Python original prints them.

/// Python's `True` and `False`, where a seed prints a boolean.
pub fn py_bool(b: bool) -> &'static str {
    if b { "True" } else { "False" }
}

/// Writes one whole line to stderr in a single write.
///
/// Rust's stderr is unbuffered, so `eprintln!("{a}: {b}")` can reach the
/// terminal in pieces, and two processes logging at once can interleave them
/// mid-line. A line written whole (and shorter than a pipe's buffer) cannot.
pub fn log_line(line: &str) {
    let mut whole = String::with_capacity(line.len() + 1);
    whole.push_str(line);
    whole.push('\n');
    // One string, one write; and through `eprint!`, so that a test harness
    // that captures a test's output captures this too.
    eprint!("{whole}");
}

/// Makes a closed standard output end the program quietly.
///
/// `println!` panics when it cannot write, and a reader that stops early
/// (`cargo run -p threads-spawn | head -1`) closes the pipe under it: the
/// learner would see "failed printing to stdout: Broken pipe" and a backtrace
/// hint for a program that did nothing wrong. Rust ignores `SIGPIPE`, so that
/// a write to a closed pipe or socket is an error a program can handle rather
/// than a silent death; lessons keep that for their own pipes and sockets. Only
/// a failed print to a standard output whose reader has gone ends the process,
/// as a Unix tool ends when its reader stops: by `SIGPIPE`, with nothing said.
/// So does any other panic while nobody reads the output: in a lesson of
/// several processes it is that closed pipe's doing (a writer whose reader
/// died of it, a child whose parent did). Every other panic is reported as
/// before.
pub fn quiet_when_stdout_closes() {
    let report = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if stdout_reader_gone() {
            die_by_sigpipe();
        }
        report(info);
    }));
}

/// The message a panic carries, when it is text.
pub(crate) fn panic_message<'a>(info: &'a std::panic::PanicHookInfo<'_>) -> &'a str {
    info.payload()
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| info.payload().downcast_ref::<&str>().copied())
        .unwrap_or("")
}

/// Ends the process quietly, as [`quiet_when_stdout_closes`] does, if
/// nobody reads its standard output any more.
///
/// In a lesson of several processes, the child that prints first after the
/// reader has gone (`| head -1`) is the one that dies of it, and its parent
/// then sees a child fail. That failure is the closed pipe's doing, and
/// nobody is reading the report: so a failure is said only while someone
/// still reads the output ([`crate::failure`] calls this before it words
/// one).
pub fn end_if_stdout_closed() {
    if stdout_reader_gone() {
        die_by_sigpipe();
    }
}

/// Whether standard output is a pipe or socket whose reading end is closed.
fn stdout_reader_gone() -> bool {
    use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
    use std::os::fd::AsFd;
    let stdout = std::io::stdout();
    let mut fds = [PollFd::new(stdout.as_fd(), PollFlags::empty())];
    // POLLERR on a pipe's writing end means nobody can read what it writes.
    matches!(poll(&mut fds, PollTimeout::ZERO), Ok(n) if n > 0)
        && fds[0]
            .revents()
            .is_some_and(|r| r.intersects(PollFlags::POLLERR | PollFlags::POLLHUP))
}

/// Ends the whole process the way a closed pipe ends a Unix tool.
fn die_by_sigpipe() -> ! {
    use nix::sys::signal::{SigHandler, Signal, raise, signal};
    // A death by signal runs no exit handlers: clean up first.
    crate::scratch::remove_now();
    // SAFETY: restoring the default disposition installs no handler code.
    let _ = unsafe { signal(Signal::SIGPIPE, SigHandler::SigDfl) };
    let _ = raise(Signal::SIGPIPE);
    // Unreachable in practice; exit with the status a shell would report.
    std::process::exit(128 + Signal::SIGPIPE as i32)
}
