//! The same sale, with the lock held by a guard: it is released when the
//! guard goes out of scope, however the block is left.
//!
//! Port of 001 进程锁 (the `with lock:` form). Python's `with` calls the
//! lock's `__exit__` on the way out of the block; Rust runs a guard's `Drop`.
//! (Closing the file would release its lock too; the guard says so in code.)

use std::fs::File;
use std::io;
use std::path::PathBuf;
use std::process::ExitCode;

use processes_lock::{Outcome, open_product, run_sale, sell_one};

/// Holds a file's exclusive lock for as long as it lives: Python's `with lock:`.
struct Locked<'f>(&'f File);

impl<'f> Locked<'f> {
    fn new(file: &'f File) -> io::Result<Self> {
        file.lock()?;
        Ok(Locked(file))
    }
}

impl Drop for Locked<'_> {
    fn drop(&mut self) {
        let _ = self.0.unlock();
    }
}

fn buy((i, product): (u32, PathBuf)) -> Outcome {
    let file = open_product(&product).map_err(|e| format!("open: {e}"))?;
    let _with = Locked::new(&file).map_err(|e| format!("lock: {e}"))?;
    let sold = sell_one(&file).map_err(|e| format!("stock file: {e}"))?; // the guard unlocks here too
    if sold {
        println!("子进程{i}抢购成功！");
    } else {
        println!("子进程{i}抢购失败！");
    }
    Ok(sold)
}

fn main() -> ExitCode {
    shared::process::init();
    run_sale(buy)
}
