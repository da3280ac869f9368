//! Errors as a learner reads them: a sentence, never a `Debug` dump.
//!
//! `fn main() -> Result<(), Box<dyn Error>>` is the usual way for a small Rust
//! program to use `?`, but when `main` returns an error, Rust prints it with
//! `{:?}`: `Error: SpawnError { kind: IpcChannelClosed(Custom { kind:
//! ConnectionReset, error: "remote closed" }) }`. A lesson returns
//! [`Result`] instead. Its error, [`Failure`], holds one or two sentences
//! (what happened, and where it is useful, what to do) and prints just those,
//! so the same `?` ends the lesson with `Error: a child process ended before
//! it sent its result: it was killed, or it crashed` and exit status 1.

use std::error::Error;
use std::fmt;

/// What `main` returns in a lesson: `shared::failure::Result` (or `Result<T>`
/// for a function that produces a value).
pub type Result<T = (), E = Failure> = std::result::Result<T, E>;

/// An error that prints as the sentences it holds.
///
/// Any error converts into it with `?`; procspawn's errors get a sentence of
/// their own, because theirs ("remote side closed (might have panicked on
/// serialization)") guesses at a cause the learner cannot check.
pub struct Failure(String);

impl Failure {
    /// A failure in the lesson's own words.
    pub fn new(message: impl Into<String>) -> Failure {
        crate::output::end_if_stdout_closed();
        Failure(message.into())
    }

    /// Says which part of the program failed: `writer process: …`.
    pub fn context(self, what: &str) -> Failure {
        Failure(format!("{what}: {}", self.0))
    }
}

impl<E: Error + 'static> From<E> for Failure {
    fn from(error: E) -> Failure {
        Failure(describe(&error))
    }
}

// `main` prints its error with `{:?}`: make that the sentence itself, or
// nothing at all when nobody reads the output any more.
impl fmt::Debug for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        crate::output::end_if_stdout_closed();
        f.write_str(&self.0)
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// An error and its causes, as sentences: what [`Failure`] holds when an
/// error converts into it, for a lesson that reports an error and goes on.
///
/// When nobody reads the program's standard output any more (`| head -1`),
/// a child that printed into it has died of it: the program then ends
/// quietly, as a Unix tool does, instead of reporting that child.
pub fn describe(error: &(dyn Error + 'static)) -> String {
    crate::output::end_if_stdout_closed();
    if let Some(spawn) = error.downcast_ref::<procspawn::SpawnError>() {
        if spawn.is_remote_close() {
            return "a child process ended before it sent its result: it was killed, \
                    or it crashed"
                .to_string();
        }
        if let Some(panic) = spawn.panic_info() {
            return format!("a child process panicked: {}", panic.message());
        }
    }
    let mut text = error.to_string();
    let mut cause = error.source();
    while let Some(inner) = cause {
        let said = inner.to_string();
        if !text.contains(&said) {
            text = format!("{text}: {said}");
        }
        cause = inner.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fails() -> Result {
        Err(std::io::Error::new(
            std::io::ErrorKind::NotFound,
            "no such file",
        ))?;
        Ok(())
    }

    #[test]
    fn prints_the_sentence_not_the_structure() {
        let failure = fails().unwrap_err();
        assert_eq!(format!("{failure:?}"), "no such file");
        assert_eq!(
            format!("{:?}", failure.context("the stock file")),
            "the stock file: no such file"
        );
    }
}
