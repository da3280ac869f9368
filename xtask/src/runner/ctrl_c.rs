//! Ctrl-C while programs run. They run in process groups of their own, so
//! the terminal's SIGINT reaches only the runner: its handler passes it on to
//! every program running at that moment, as the terminal would have, and
//! raises a flag the callers check to stop starting new ones.

use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};
use std::thread;
use std::time::Duration;

use nix::sys::signal::{SaFlags, SigAction, SigHandler, SigSet, Signal, killpg, sigaction};
use nix::unistd::Pid;

/// The process groups of the programs running now (0: a free slot). Verify
/// runs several programs at once; the Ctrl-C handler must reach them all,
/// and may not take a lock, so the set is a fixed array of atomics.
static GROUPS: [AtomicI32; MAX_AT_ONCE] = [const { AtomicI32::new(0) }; MAX_AT_ONCE];

/// How many programs the runner can watch at once.
pub const MAX_AT_ONCE: usize = 32;

/// A program's group, registered for Ctrl-C while it runs.
pub(super) struct Watched(usize);

impl Watched {
    pub(super) fn register(group: Pid) -> Watched {
        loop {
            for (i, slot) in GROUPS.iter().enumerate() {
                if slot
                    .compare_exchange(0, group.as_raw(), Ordering::SeqCst, Ordering::SeqCst)
                    .is_ok()
                {
                    return Watched(i);
                }
            }
            // More programs than slots: the caller runs too many at once.
            thread::sleep(Duration::from_millis(1));
        }
    }
}

impl Drop for Watched {
    fn drop(&mut self) {
        GROUPS[self.0].store(0, Ordering::SeqCst);
    }
}

static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// Whether the user pressed Ctrl-C since the runner started.
pub fn interrupted() -> bool {
    INTERRUPTED.load(Ordering::SeqCst)
}

extern "C" fn on_sigint(_: nix::libc::c_int) {
    // Only async-signal-safe work here: two atomics and kill(2).
    INTERRUPTED.store(true, Ordering::SeqCst);
    for slot in &GROUPS {
        let group = slot.load(Ordering::SeqCst);
        if group > 0 {
            let _ = killpg(Pid::from_raw(group), Signal::SIGINT);
        }
    }
}

/// Kills the group of every program running now.
pub(super) fn kill_all() {
    for slot in &GROUPS {
        let group = slot.load(Ordering::SeqCst);
        if group > 0 {
            let _ = killpg(Pid::from_raw(group), Signal::SIGKILL);
        }
    }
}

/// Once per process: adopt orphans (Linux) and take over Ctrl-C.
pub(super) fn prepare_process() {
    use std::sync::Once;
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        #[cfg(target_os = "linux")]
        let _ = nix::sys::prctl::set_child_subreaper(true);
        let action = SigAction::new(
            SigHandler::Handler(on_sigint),
            SaFlags::SA_RESTART,
            SigSet::empty(),
        );
        // SAFETY: `on_sigint` only touches atomics and calls kill(2), both
        // async-signal-safe, and replaces no handler anyone else relies on.
        let _ = unsafe { sigaction(Signal::SIGINT, &action) };
    });
}
