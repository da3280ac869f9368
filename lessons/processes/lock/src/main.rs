//! Ten buyer processes race for three items whose stock is kept in a file.
//! Each buyer locks the file, reads the stock, takes one if any is left,
//! writes the stock back and unlocks: exactly three succeed, every time.
//!
//! Port of 001 进程锁 (the `acquire()`/`release()` form). Python passes a
//! `multiprocessing.Lock` to every child. Here the lock is the stock file's
//! own: `File::lock` takes an exclusive lock that other processes' `lock`
//! calls on the same file wait for (flock(2) on Linux), and `unlock`
//! releases it. Without it, two buyers could both read "1" and both sell.

use std::path::PathBuf;
use std::process::ExitCode;

use processes_lock::{Outcome, open_product, run_sale, sell_one};

fn buy((i, product): (u32, PathBuf)) -> Outcome {
    let file = open_product(&product).map_err(|e| format!("open: {e}"))?;
    file.lock().map_err(|e| format!("lock: {e}"))?; // lock.acquire()
    // Everything up to `unlock` happens while no other buyer can read the
    // stock, the printing too, so the lines come out in the order of sale.
    let sold = sell_one(&file);
    match sold {
        Ok(true) => println!("子进程{i}抢购成功！"),
        Ok(false) => println!("子进程{i}抢购失败！"),
        Err(_) => {}
    }
    file.unlock().map_err(|e| format!("unlock: {e}"))?; // lock.release()
    sold.map_err(|e| format!("stock file: {e}"))
}

fn main() -> ExitCode {
    shared::process::init();
    run_sale(buy)
}
