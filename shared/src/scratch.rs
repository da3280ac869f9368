//! A temporary directory of the lesson's own, removed on every way out.
//!
//! Lessons leave nothing in the system's temporary directory. Two kinds of
//! file would otherwise stay there when a learner presses Ctrl-C, which ends
//! a process without running any destructor: a lesson's own data file (the
//! processes chapter's stock file), and the socket folder (`/tmp/.tmpXXXXXX`)
//! that ipc-channel makes while procspawn starts a child, if Ctrl-C comes at
//! that moment. So a lesson that starts processes makes a folder of its own,
//! `<temp dir>/<program>-<pid>`, and points `TMPDIR` at it for itself and its
//! children: every temporary file of the run lands inside it. The folder is
//! removed at exit, and on SIGINT, SIGTERM or SIGHUP by a signal handler
//! that then lets the signal end the process as it would have. SIGKILL cannot
//! be caught by anyone: a folder left by `kill -9` is the one exception.
//!
//! A handler runs on one thread while the others go on: a pool's thread may
//! be starting a new child, and so making a socket folder in ours, while the
//! handler empties it. So the handler first renames the folder out of the
//! way, in one atomic step: from then on nothing new can reach it by its
//! name (`TMPDIR` names the old path, which no longer exists). A creation
//! that had looked the folder up just before may still land in it, a moment
//! later; so the handler empties it until it is gone, a few times at most.

use std::ffi::{CStr, CString};
use std::io;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use nix::libc;
use nix::sys::signal::{SaFlags, SigAction, SigHandler, SigSet, Signal, raise, sigaction};

/// The folder: its path, and the C strings the signal handler uses, its
/// name and the name it is renamed to before it is emptied (a handler may
/// not allocate, so they are prepared before the handler exists).
struct Own {
    path: PathBuf,
    name: CString,
    gone: CString,
    /// The process the folder belongs to. A child forked to run another
    /// program has our handler until it execs; a Ctrl-C in that moment must
    /// not have it remove the folder under its parent.
    owner: libc::pid_t,
}

static OWN: OnceLock<Own> = OnceLock::new();

const SIGNALS: [Signal; 3] = [Signal::SIGINT, Signal::SIGTERM, Signal::SIGHUP];

/// Makes this process's own temporary folder, once, and points `TMPDIR` at
/// it; returns its path. Call it at the start of `main`, before the program
/// starts threads: changing the environment is only safe while nobody else
/// can be reading it.
pub fn own_temp_dir() -> io::Result<&'static Path> {
    if let Some(own) = OWN.get() {
        return Ok(&own.path);
    }
    let program = std::env::current_exe()
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| "lesson".to_string());
    let path = std::env::temp_dir().join(format!("{program}-{}", std::process::id()));
    let c_string = |suffix: &str| {
        let mut bytes = path.as_os_str().as_bytes().to_vec();
        bytes.extend_from_slice(suffix.as_bytes());
        CString::new(bytes).map_err(|_| io::Error::other("a temporary path with a NUL byte"))
    };
    let (name, gone) = (c_string("")?, c_string(".removing")?);
    let owner = std::process::id() as libc::pid_t;
    let path = &OWN
        .get_or_init(|| Own {
            path,
            name,
            gone,
            owner,
        })
        .path;
    // The handler first, the folder second: a Ctrl-C between the two would
    // otherwise leave the folder behind.
    let action = SigAction::new(
        SigHandler::Handler(remove_then_die),
        SaFlags::SA_RESETHAND,
        SigSet::empty(),
    );
    for signal in SIGNALS {
        // SAFETY: the handler makes only async-signal-safe system calls
        // (getpid, rename, open, getdents64, unlinkat, close, access,
        // nanosleep, raise) on data prepared before it was installed, and
        // allocates nothing.
        unsafe { sigaction(signal, &action) }.map_err(io::Error::from)?;
    }
    // SAFETY: `remove_on_exit` is a plain function that only reads `OWN`.
    unsafe { libc::atexit(remove_on_exit) };
    std::fs::create_dir_all(path)?;
    // SAFETY: called at the start of `main`, before any thread that could
    // read the environment exists (see above).
    unsafe { std::env::set_var("TMPDIR", path) };
    Ok(path)
}

/// A file of the program's own, in its own temporary folder: removed when
/// dropped, and with the folder on every other way out.
#[derive(Debug)]
pub struct ScratchFile {
    path: PathBuf,
}

impl ScratchFile {
    /// Creates `name` in the program's own temporary folder, holding `contents`.
    pub fn create(name: &str, contents: &str) -> io::Result<ScratchFile> {
        let file = ScratchFile {
            path: own_temp_dir()?.join(name),
        };
        std::fs::write(&file.path, contents)?;
        Ok(file)
    }

    /// Where the file is.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for ScratchFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

extern "C" fn remove_on_exit() {
    remove_now();
}

/// Removes the folder now, if there is one: at exit, and before a program
/// ends itself by a signal ([`crate::output::quiet_when_stdout_closes`]).
pub(crate) fn remove_now() {
    if let Some(own) = OWN.get() {
        remove_out_of_the_way(own);
    }
}

extern "C" fn remove_then_die(signal: libc::c_int) {
    if let Some(own) = OWN.get() {
        remove_out_of_the_way(own);
    }
    // SA_RESETHAND put the default action back: raised again, the signal
    // ends the process once this handler returns, and its parent sees
    // "killed by SIGINT", as without the handler.
    if let Ok(signal) = Signal::try_from(signal) {
        let _ = raise(signal);
    }
}

/// Renames the folder, then removes it and what it holds (see the module's
/// note on threads), with system calls alone (getpid, rename, unlinkat,
/// getdents64, access, nanosleep): a signal handler may call it.
fn remove_out_of_the_way(own: &Own) {
    // SAFETY: getpid(2), and rename(2) on two names prepared beforehand.
    unsafe {
        if libc::getpid() != own.owner {
            return;
        }
        libc::rename(own.name.as_ptr(), own.gone.as_ptr());
    }
    // A creation already on its way in lands within microseconds: a
    // millisecond between tries, a tenth of a second at most. Both names,
    // in case the rename failed.
    let pause = libc::timespec {
        tv_sec: 0,
        tv_nsec: 1_000_000,
    };
    for _ in 0..100 {
        remove_tree(libc::AT_FDCWD, &own.gone, 4);
        remove_tree(libc::AT_FDCWD, &own.name, 4);
        // SAFETY: access(2) and nanosleep(2) on prepared, valid arguments.
        unsafe {
            if libc::access(own.gone.as_ptr(), libc::F_OK) != 0
                && libc::access(own.name.as_ptr(), libc::F_OK) != 0
            {
                return;
            }
            libc::nanosleep(&pause, std::ptr::null_mut());
        }
    }
}

/// `rm -r` with system calls alone, `depth` levels down at most: what a
/// signal handler may do (no allocation, no locks, no `std::fs`).
fn remove_tree(parent: libc::c_int, name: &CStr, depth: u32) {
    // SAFETY: plain system calls on a NUL-terminated name and a stack buffer
    // whose length is passed along; every descriptor opened is closed.
    unsafe {
        if libc::unlinkat(parent, name.as_ptr(), 0) == 0 || depth == 0 {
            return;
        }
        let dir = libc::openat(
            parent,
            name.as_ptr(),
            libc::O_RDONLY | libc::O_DIRECTORY | libc::O_NOFOLLOW | libc::O_CLOEXEC,
        );
        if dir < 0 {
            return;
        }
        let mut buf = [0u8; 4096];
        loop {
            let n = libc::syscall(libc::SYS_getdents64, dir, buf.as_mut_ptr(), buf.len());
            if n <= 0 {
                break;
            }
            let mut at = 0usize;
            while at < n as usize {
                // struct linux_dirent64: u64 ino, i64 off, u16 reclen, u8 type, name.
                let reclen = u16::from_ne_bytes([buf[at + 16], buf[at + 17]]) as usize;
                let entry = CStr::from_ptr(buf.as_ptr().add(at + 19).cast());
                let bytes = entry.to_bytes();
                if bytes != b"." && bytes != b".." {
                    remove_tree(dir, entry, depth - 1);
                }
                at += reclen;
            }
        }
        libc::close(dir);
        libc::unlinkat(parent, name.as_ptr(), libc::AT_REMOVEDIR);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_a_tree_with_system_calls_alone() {
        let root = std::env::temp_dir().join(format!("scratch-test-{}", std::process::id()));
        std::fs::create_dir_all(root.join("a/b")).unwrap();
        std::fs::write(root.join("a/b/socket"), "").unwrap();
        std::fs::write(root.join("product"), "3").unwrap();
        let c_root = CString::new(root.as_os_str().as_bytes()).unwrap();
        remove_tree(libc::AT_FDCWD, &c_root, 4);
        assert!(!root.exists());
    }
}
