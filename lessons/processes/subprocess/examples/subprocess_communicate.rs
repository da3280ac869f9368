//! Feeding another program its input on stdin and capturing what it prints,
//! as if someone had typed the commands into it.
//!
//! Port of 003 1.4 (`Popen(...).communicate(b'set q=mx\npython.org\nexit\n')`).
//! `communicate` writes the input, closes stdin, reads stdout and stderr to
//! the end and waits. In Rust: pipes on all three, write and drop stdin, then
//! `wait_with_output`. The program is the lesson's offline `nslookup`.

use std::io::Write;
use std::process::{ExitCode, Stdio};

use processes_subprocess::{nslookup, run_stand_in_if_asked};

fn main() -> ExitCode {
    shared::start();
    if let Some(code) = run_stand_in_if_asked() {
        return code;
    }
    println!("$ nslookup");
    match communicate(b"set q=mx\npython.org\nexit\n") {
        Ok((output, code)) => {
            // print(output.decode('utf-8')) adds a newline after the output's own.
            println!("{output}");
            println!("Exit code: {code}");
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("could not run nslookup: {err}");
            ExitCode::FAILURE
        }
    }
}

/// Runs the stand-in with `input` on its stdin; returns its stdout and exit code.
fn communicate(input: &[u8]) -> std::io::Result<(String, i32)> {
    let mut child = nslookup()?
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    // Write all the input, then drop the pipe so the child sees end-of-file.
    // (For input larger than a pipe's buffer, write it from another thread
    // while reading the output, or both sides can wait for each other forever.)
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(input)?;
    }
    let output = child.wait_with_output()?;
    let code = shared::process::python_exitcode(output.status);
    Ok((String::from_utf8_lossy(&output.stdout).into_owned(), code))
}
