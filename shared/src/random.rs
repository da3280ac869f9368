//! Random numbers that can be replayed.
//!
//! Python's `random.randint(1, 2)` draws from a generator seeded at start-up;
//! every run differs. Lessons do the same by default, but when `LESSON_SEED` is
//! set every run draws the same numbers, which is how `cargo xtask verify`
//! makes a lesson with random sleeps reproducible. A lesson that runs several
//! processes or threads gives each its own stream with [`rng_for`], so the
//! numbers one of them draws do not depend on how the others were scheduled.

pub use fastrand::Rng;

/// The environment variable that fixes the seed.
pub const SEED_VAR: &str = "LESSON_SEED";

/// The seed from `LESSON_SEED`, or `None` when it is unset.
pub fn seed() -> Option<u64> {
    crate::env::parse_var(SEED_VAR, "a whole number from 0 to 2^64-1", |_: &u64| true)
}

/// A generator for the whole program: seeded from `LESSON_SEED`, else from entropy.
pub fn rng() -> Rng {
    rng_for(0)
}

/// A generator for one participant (a worker's index, a process's number).
///
/// Under `LESSON_SEED` each `stream` gets its own fixed sequence; without it,
/// every call draws fresh entropy.
pub fn rng_for(stream: u64) -> Rng {
    seeded(seed(), stream)
}

fn seeded(seed: Option<u64>, stream: u64) -> Rng {
    match seed {
        // Mixing the stream number in with a large odd constant keeps the
        // streams of neighbouring seeds and neighbouring participants apart.
        Some(seed) => Rng::with_seed(seed ^ stream.wrapping_mul(0x9E37_79B9_7F4A_7C15)),
        None => Rng::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draw(mut rng: Rng) -> Vec<u32> {
        (0..16).map(|_| rng.u32(1..=1000)).collect()
    }

    #[test]
    fn a_seed_replays_and_streams_differ() {
        assert_eq!(draw(seeded(Some(7), 3)), draw(seeded(Some(7), 3)));
        assert_ne!(draw(seeded(Some(7), 0)), draw(seeded(Some(7), 1)));
        assert_ne!(draw(seeded(Some(7), 0)), draw(seeded(Some(8), 0)));
    }
}
