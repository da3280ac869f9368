//! An offline stand-in for `nslookup`, the program the seed runs.
//!
//! The seed asks a real DNS server about python.org. The course runs offline,
//! and a real answer changes from network to network, so this lesson carries
//! a tiny program of its own that behaves like `nslookup` for the two
//! questions the seed asks, answering from a fixed table (the answers the seed
//! itself printed). It is this same binary, started with [`STAND_IN_FLAG`]:
//! what matters for the lesson is that it is *another process*, with its own
//! arguments, its own stdin and stdout, and an exit code.
//!
//! Like the real one, it answers a name given as an argument and exits, or,
//! given no name, reads commands from stdin (`set q=mx`, a name, `exit`).

use std::env;
use std::io::{self, BufRead, Write};
use std::process::{Command, ExitCode};

/// The first argument that makes this binary act as `nslookup`.
pub const STAND_IN_FLAG: &str = "--as-nslookup";

/// A `Command` that runs the stand-in. On a machine with a network and the
/// real tool, `Command::new("nslookup")` is the only change.
pub fn nslookup() -> io::Result<Command> {
    let mut command = Command::new(env::current_exe()?);
    command.arg(STAND_IN_FLAG);
    shared::process::dies_with_parent(&mut command);
    Ok(command)
}

/// If this process was started as the stand-in, runs it and returns its exit code.
pub fn run_stand_in_if_asked() -> Option<ExitCode> {
    let mut args = env::args().skip(1);
    if args.next().as_deref() != Some(STAND_IN_FLAG) {
        return None;
    }
    let names: Vec<String> = args.collect();
    let stdout = &mut io::stdout().lock();
    let ok = match names.as_slice() {
        [] => interactive(io::stdin().lock(), stdout),
        [name] => answer(name, "a", stdout),
        _ => {
            eprintln!("usage: nslookup [name]");
            Ok(false)
        }
    };
    Some(match ok {
        Ok(true) => ExitCode::SUCCESS,
        _ => ExitCode::FAILURE,
    })
}

fn interactive(input: impl BufRead, out: &mut impl Write) -> io::Result<bool> {
    let mut query = "a".to_string();
    let mut all_found = true;
    for line in input.lines() {
        let line = line?;
        let line = line.trim();
        match line.strip_prefix("set q=") {
            Some(kind) => query = kind.to_ascii_lowercase(),
            None if line == "exit" => break,
            None if line.is_empty() => {}
            None => all_found &= answer(line, &query, out)?,
        }
    }
    Ok(all_found)
}

/// Prints the stand-in server's answer for `name`; false if it has none.
fn answer(name: &str, query: &str, out: &mut impl Write) -> io::Result<bool> {
    writeln!(out, "Server:\t\t127.0.0.1")?;
    writeln!(out, "Address:\t127.0.0.1#53")?;
    writeln!(out)?;
    let found = match (name.trim_end_matches('.'), query) {
        ("www.python.org", "a") => {
            writeln!(out, "Non-authoritative answer:")?;
            writeln!(
                out,
                "www.python.org\tcanonical name = dualstack.python.map.fastly.net."
            )?;
            writeln!(out, "Name:\tdualstack.python.map.fastly.net")?;
            writeln!(out, "Address: 151.101.228.223")?;
            true
        }
        ("python.org", "mx") => {
            writeln!(out, "Non-authoritative answer:")?;
            writeln!(out, "python.org\tmail exchanger = 50 mail.python.org.")?;
            writeln!(out)?;
            writeln!(out, "Authoritative answers can be found from:")?;
            writeln!(out, "mail.python.org\tinternet address = 82.94.164.166")?;
            writeln!(out, "mail.python.org\thas AAAA address 2001:888:2000:d::a6")?;
            true
        }
        _ => {
            writeln!(out, "** server can't find {name}: NXDOMAIN")?;
            false
        }
    };
    writeln!(out)?;
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stand_in_answers_what_the_seed_asked_and_refuses_the_rest() {
        let mut out = Vec::new();
        assert!(interactive("set q=mx\npython.org\nexit\n".as_bytes(), &mut out).unwrap());
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("mail exchanger = 50 mail.python.org."));
        let mut out = Vec::new();
        assert!(!answer("example.invalid", "a", &mut out).unwrap());
        assert!(String::from_utf8(out).unwrap().contains("NXDOMAIN"));
    }
}
