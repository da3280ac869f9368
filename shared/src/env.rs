//! Reading the course's environment variables, with errors a learner can act on.

use std::fmt::Display;
use std::str::FromStr;

/// Reads `name` and parses it, or returns `None` when it is unset or empty.
///
/// A value that does not parse, or that `valid` rejects, ends the program with
/// a one-line message naming the variable and what it expects (exit status 2).
/// Lessons are run by learners who typed the variable by hand; a panic with a
/// backtrace would be the wrong answer to a typo.
pub fn parse_var<T>(name: &str, expected: &str, valid: impl Fn(&T) -> bool) -> Option<T>
where
    T: FromStr,
    T::Err: Display,
{
    let raw = std::env::var(name).ok()?;
    let raw = raw.trim();
    if raw.is_empty() {
        return None;
    }
    match raw.parse::<T>() {
        Ok(value) if valid(&value) => Some(value),
        Ok(_) => fail(name, raw, expected, None),
        Err(err) => fail(name, raw, expected, Some(&err)),
    }
}

fn fail(name: &str, raw: &str, expected: &str, err: Option<&dyn Display>) -> ! {
    match err {
        Some(err) => eprintln!("error: {name}={raw:?} is not {expected} ({err})"),
        None => eprintln!("error: {name}={raw:?} is not {expected}"),
    }
    std::process::exit(2)
}
