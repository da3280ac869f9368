//! Five philosophers at a round table, a fork between each two, and a
//! philosopher eats with both neighbouring forks. Each takes the fork on the
//! left, then the one on the right: if all five take their left fork at the
//! same moment, each waits for a fork its neighbour holds, in a circle, and
//! nobody ever eats. The program makes that moment happen (a `Barrier`),
//! looks instead of waiting forever (`try_lock`), then shows the fix: every
//! philosopher takes the lower-numbered of the two forks first.
//!
//! Goes past the seeds: the classic deadlock, with Python's `Lock`s as
//! `Mutex<()>`s (a lock that guards no data, only the right to eat). Rust
//! does not prevent deadlocks: the compiler checks who may touch data, not
//! in which order locks are taken. A rule does: take locks in one global
//! order, and no circle of waiting can form.

use std::sync::{Barrier, Mutex};
use std::thread;

const N: usize = 5;
const MEALS: u32 = 3;

static FORKS: [Mutex<()>; N] = [const { Mutex::new(()) }; N];

/// Takes the left fork, then looks at the right one; returns whether it
/// would have had to wait.
fn left_then_right(i: usize, table: &Barrier) -> bool {
    let (left, right) = (i, (i + 1) % N);
    let _left = FORKS[left].lock().expect("no philosopher panics");
    // The barrier stands in for bad luck: every philosopher holds the left
    // fork before any reaches for the right one.
    table.wait();
    // `lock` would wait here forever; `try_lock` says whether it would.
    let blocked = match FORKS[right].try_lock() {
        Ok(_right) => {
            println!("philosopher {i} got both forks");
            false
        }
        Err(_) => {
            println!("philosopher {i} holds fork {left} and waits for fork {right}");
            true
        }
    };
    // Nobody lets go until everybody has looked.
    table.wait();
    blocked
}

/// Eats `MEALS` times, taking the lower-numbered fork first.
fn lower_first(i: usize) -> u32 {
    // Philosopher 4 takes fork 0 before fork 4: the circle is broken.
    let (first, second) = (i.min((i + 1) % N), i.max((i + 1) % N));
    let mut meals = 0;
    for _ in 0..MEALS {
        let _first = FORKS[first].lock().expect("no philosopher panics");
        let _second = FORKS[second].lock().expect("no philosopher panics");
        meals += 1;
        shared::time::sleep(0.1);
    }
    meals
}

/// Runs `philosopher` on N scoped threads and collects what each returns.
fn run<T: Send>(philosopher: impl Fn(usize) -> T + Sync) -> Vec<T> {
    thread::scope(|s| {
        let threads: Vec<_> = (0..N)
            .map(|i| {
                let philosopher = &philosopher;
                s.spawn(move || philosopher(i))
            })
            .collect();
        threads
            .into_iter()
            .map(|t| t.join().expect("no philosopher panics"))
            .collect()
    })
}

fn main() {
    shared::start();
    println!("left fork first, all at the same moment:");
    let table = Barrier::new(N);
    let blocked = run(|i| left_then_right(i, &table));
    if blocked.iter().all(|&b| b) {
        println!("deadlock: all {N} hold one fork and wait for the next, in a circle");
    }

    println!("lower-numbered fork first:");
    let meals = run(lower_first);
    println!("meals eaten: {meals:?}");
}
