//! Scaffolding the lessons share, and nothing a lesson exists to teach.
//!
//! Every lesson of the course is a small program that mirrors a Python one. The
//! programs sleep, time themselves and sometimes draw random numbers; this crate
//! makes those three things controllable from outside, so that `cargo xtask
//! verify` can run the whole course quickly and reproducibly:
//!
//! - [`time`]: every sleep and every printed duration goes through one time
//!   scale, read from `LESSON_TIME_SCALE` (default `1`: real time, as in the
//!   Python original). Verify runs lessons at a tenth of real time, and the
//!   lessons still *print* lesson seconds, so the output reads the same.
//! - [`random`]: a random generator seeded from `LESSON_SEED` when it is set,
//!   so a lesson that sleeps at random can be replayed exactly.
//!
//! - [`fixture`]: a loopback HTTP server standing in for the sites some seeds
//!   download from.
//! - [`output`]: Python's spellings where a seed prints them (`True`).
//! - [`process`]: child processes that end with their parent, and Python's
//!   `exitcode` for a finished child.
//!
//! A bad value in either variable stops the lesson with a one-line message and
//! exit status 2 (see [`env`]), never with a panic, and before the lesson
//! starts anything: every program's `main` begins with [`start`] (or with
//! [`process::init`], which calls it), so a parent with a typo in its
//! environment stops before its children could each report the same typo.
//!
//! - [`scratch`]: a file in the temporary directory that is removed on every
//!   way out, Ctrl-C included.
//! - [`failure`]: the error a lesson's `main` returns, printed as a sentence.
//!
//! The concurrency itself (threads, processes, coroutines, tasks) never lives
//! here: a learner reading a lesson must see all of it in the lesson's own file.

pub mod env;
pub mod failure;
pub mod fixture;
pub mod output;
pub mod process;
pub mod random;
pub mod scratch;
pub mod time;

/// The first line of every lesson's `main`.
///
/// Reads `LESSON_TIME_SCALE` and `LESSON_SEED` now, so that a bad value stops
/// the program with a sentence before it prints or starts anything, and lets
/// a closed standard output (`| head -1`) end the program quietly
/// ([`output::quiet_when_stdout_closes`]). Lessons that start child processes
/// call [`process::init`] instead, which calls this first.
pub fn start() {
    output::quiet_when_stdout_closes();
    time::scale();
    random::seed();
}
