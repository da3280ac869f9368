//! At most two at a time: five threads each download for a second, but a
//! semaphore with two permits lets only two of them in at once, so the five
//! take three seconds. Each thread counts itself in and out, and the program
//! prints the most that were ever in at once.
//!
//! Goes past the seeds: Python's `threading.Semaphore`. The standard library
//! has none (it had one once, and removed it), so the lesson builds it the
//! way CPython builds its own: a count of free permits under a lock, and a
//! condition variable to wait on while there is none. `acquire` returns a
//! guard, and dropping the guard gives the permit back: Python's `with`.

use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::sync::{Condvar, Mutex};
use std::thread;

const LIMIT: usize = 2;
const DOWNLOADS: usize = 5;

/// A counting semaphore: `permits` threads may hold one at a time.
struct Semaphore {
    permits: Mutex<usize>,
    freed: Condvar,
}

/// A permit; dropping it gives it back.
struct Permit<'a>(&'a Semaphore);

impl Semaphore {
    const fn new(permits: usize) -> Semaphore {
        Semaphore {
            permits: Mutex::new(permits),
            freed: Condvar::new(),
        }
    }

    /// Waits for a free permit and takes it.
    fn acquire(&self) -> Permit<'_> {
        let mut free = self.permits.lock().expect("no thread panics holding it");
        while *free == 0 {
            free = self.freed.wait(free).expect("no thread panics holding it");
        }
        *free -= 1;
        Permit(self)
    }
}

impl Drop for Permit<'_> {
    fn drop(&mut self) {
        *self.0.permits.lock().expect("no thread panics holding it") += 1;
        // One permit came back: one waiter can have it.
        self.0.freed.notify_one();
    }
}

static SLOTS: Semaphore = Semaphore::new(LIMIT);
static INSIDE: AtomicUsize = AtomicUsize::new(0);
static MOST: AtomicUsize = AtomicUsize::new(0);

fn download() {
    let _permit = SLOTS.acquire();
    let now = INSIDE.fetch_add(1, Relaxed) + 1;
    MOST.fetch_max(now, Relaxed);
    shared::time::sleep(1.0);
    INSIDE.fetch_sub(1, Relaxed);
} // `_permit` is dropped here: the next thread may go in

fn main() {
    shared::start();
    let clock = shared::time::Stopwatch::start();
    let threads: Vec<_> = (0..DOWNLOADS).map(|_| thread::spawn(download)).collect();
    for t in threads {
        t.join().expect("a download cannot panic");
    }
    println!(
        "{DOWNLOADS} downloads done, at most {} at once",
        MOST.load(Relaxed)
    );
    println!("took {:.1} seconds", clock.elapsed_secs());
}
