//! A CPU-bound job spread over every core: is each of six large numbers a
//! prime? Python hands it to a `ProcessPoolExecutor`, because the GIL lets
//! one thread compute at a time; Rust has no GIL, so the same `map` runs on
//! threads, one per core, inside one process.
//!
//! Goes past the seeds: the example of the `concurrent.futures`
//! documentation. rayon's `par_iter` is `executor.map`: it splits the work
//! among a pool of threads (one per core, started on first use) and
//! `collect` puts the answers back in the order of the numbers. Nothing is
//! pickled: the threads read `PRIMES` where it is, and each answer is a
//! `bool` written straight into the result.

use rayon::prelude::*;

const PRIMES: [u64; 6] = [
    112_272_535_095_293,
    112_582_705_942_171,
    112_272_535_095_293,
    115_280_095_190_773,
    115_797_848_077_099,
    1_099_726_899_285_419,
];

/// Trial division by every odd number up to the square root: pure CPU.
fn is_prime(n: u64) -> bool {
    if n < 2 {
        return false;
    }
    if n == 2 {
        return true;
    }
    if n.is_multiple_of(2) {
        return false;
    }
    (3..=n.isqrt()).step_by(2).all(|i| !n.is_multiple_of(i))
}

fn main() {
    shared::start();
    // `iter` would check them one after another on this thread; `par_iter`
    // checks them at once on rayon's threads. Only the word differs.
    let answers: Vec<bool> = PRIMES.par_iter().map(|&n| is_prime(n)).collect();
    for (number, prime) in PRIMES.iter().zip(&answers) {
        println!("{number} is prime: {}", shared::output::py_bool(*prime));
    }
    let primes = answers.iter().filter(|&&prime| prime).count();
    println!("{primes} of {} are prime", PRIMES.len());
}
