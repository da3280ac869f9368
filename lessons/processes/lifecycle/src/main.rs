//! Every member of Python's `Process` object that the seed touches, with the
//! Rust counterpart on a `std::process::Child`: name, daemon, pid, is_alive,
//! kill, terminate, exitcode and close.
//!
//! Port of 001 子进程对象成员. This lesson starts its child by hand, the way
//! procspawn does it under the hood: `Command::new(current_exe())` runs this
//! same binary again with an argument that says "you are the child, call
//! `foo`". That gives us the plain `std::process::Child` handle to study.

use std::env;
use std::io;
use std::process::{Child, Command, ExitCode};

use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;
use shared::output::py_bool;

/// The argument that turns a run of this binary into the child.
const CHILD_FLAG: &str = "--run-foo";

fn foo(x: &str) {
    println!("{x}");
}

/// Python's `Process(name='demo', target=foo, args=(1,))`: a name beside the handle.
struct Process {
    name: String,
    child: Child,
}

/// Python's `p.start()`: run this binary again as the child.
fn start(name: &str, arg: &str) -> io::Result<Process> {
    let mut command = Command::new(env::current_exe()?);
    command.args([CHILD_FLAG, arg]);
    // Python's `daemon = True`: the child must not outlive its parent.
    shared::process::dies_with_parent(&mut command);
    Ok(Process {
        name: name.to_string(),
        child: command.spawn()?,
    })
}

fn main() -> ExitCode {
    shared::start();
    let args: Vec<String> = env::args().collect();
    if let [_, flag, x] = args.as_slice()
        && flag == CHILD_FLAG
    {
        // The child gets ready for a (lesson) second before it calls `foo`,
        // so the parent's kill below always lands first, as it did when we
        // ran the Python. Without it the two would race.
        shared::time::sleep(1.0);
        foo(x);
        return ExitCode::SUCCESS;
    }
    match parent() {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::FAILURE
        }
    }
}

fn parent() -> io::Result<()> {
    let mut p = start("demo", "1")?;

    // p.name: Rust processes have no name; ours lives beside the handle.
    println!("{}", p.name);
    // p.pid
    println!("{}", p.child.id());
    // p.is_alive(): `try_wait` asks without blocking; `None` means still running.
    // (Printed as Python prints a boolean, to keep the seed's words.)
    println!("{}", py_bool(p.child.try_wait()?.is_none()));
    // p.kill(): SIGKILL, which the child cannot catch.
    p.child.kill()?;
    // p.terminate(): SIGTERM, which a child may catch to clean up. The child
    // is already dying, but not yet reaped, so the signal is still delivered.
    let pid = Pid::from_raw(p.child.id() as i32);
    kill(pid, Signal::SIGTERM).map_err(io::Error::from)?;
    // p.exitcode: Python read it at once and printed None, because the child
    // had not been reaped yet. `wait` reaps it and tells how it ended: killed
    // by signal 9, which Python reports as exitcode -9.
    let status = p.child.wait()?;
    println!("{}", shared::process::python_exitcode(status));
    // p.close(): Python refused (ValueError: the process was not reaped yet).
    // In Rust, closing is dropping the handle. It is safe at any time, but
    // dropping a `Child` that was never waited for neither kills nor reaps
    // it; waiting first, as above, is what leaves nothing behind.
    drop(p);
    Ok(())
}
