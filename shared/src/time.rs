//! One time scale for every sleep and every printed duration.
//!
//! Lessons speak in *lesson seconds*, the seconds of the Python original: "sleep
//! 3 s", "耗时: 3.0". The scale turns them into real time. With
//! `LESSON_TIME_SCALE=0.1` a 3 s sleep really lasts 300 ms, and a stopwatch
//! that measured 300 ms reports 3.0 lesson seconds, so the printed figure still
//! teaches "three seconds, not nine".
//!
//! Lessons never call `std::thread::sleep(Duration::from_secs(3))` directly;
//! they write `shared::time::sleep(3.0)` (or pass `shared::time::secs(3.0)` to
//! tokio's or may's own sleep), so one variable paces the whole course.

use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// The environment variable that sets the scale.
pub const SCALE_VAR: &str = "LESSON_TIME_SCALE";

/// The scales a lesson accepts, in real seconds per lesson second.
///
/// Below 0.05 the time a lesson spends on its own work (starting a process,
/// printing) is no longer small beside its scaled sleeps, and the durations it
/// prints drift away from the Python's: at 0.001 `async-gather` printed 4.4
/// seconds where the truth is 3. Above 10 a three-second sleep lasts half a
/// minute, which nobody needs.
pub const SCALES: std::ops::RangeInclusive<f64> = 0.05..=10.0;

/// What `LESSON_TIME_SCALE` must be, in the words of its error message.
pub const SCALE_EXPECTED: &str =
    "a number from 0.05 to 10 (real seconds per lesson second), such as 1 or 0.1";

/// Whether `scale` is one a lesson accepts (see [`SCALES`]).
pub fn valid_scale(scale: f64) -> bool {
    SCALES.contains(&scale)
}

/// Real seconds per lesson second: `1.0` unless `LESSON_TIME_SCALE` says otherwise.
pub fn scale() -> f64 {
    static SCALE: OnceLock<f64> = OnceLock::new();
    *SCALE.get_or_init(|| {
        crate::env::parse_var(SCALE_VAR, SCALE_EXPECTED, |s: &f64| valid_scale(*s)).unwrap_or(1.0)
    })
}

/// The real duration of `lesson_secs` lesson seconds, to hand to any sleep.
pub fn secs(lesson_secs: f64) -> Duration {
    Duration::from_secs_f64(lesson_secs.max(0.0) * scale())
}

/// Blocks the current thread for `lesson_secs` lesson seconds (Python's `time.sleep`).
pub fn sleep(lesson_secs: f64) {
    std::thread::sleep(secs(lesson_secs));
}

/// Converts a real duration that was measured back into lesson seconds.
pub fn lesson_secs(real: Duration) -> f64 {
    real.as_secs_f64() / scale()
}

/// Measures elapsed time in lesson seconds (Python's `t2 - t1` of `time.time()`).
#[derive(Debug, Clone, Copy)]
pub struct Stopwatch {
    started: Instant,
}

impl Stopwatch {
    /// Starts measuring now.
    ///
    /// Reads the time scale first, so a bad `LESSON_TIME_SCALE` stops the
    /// lesson before it prints anything rather than at its first sleep.
    pub fn start() -> Self {
        scale();
        Self {
            started: Instant::now(),
        }
    }

    /// Lesson seconds since [`Stopwatch::start`].
    pub fn elapsed_secs(&self) -> f64 {
        lesson_secs(self.started.elapsed())
    }
}

/// A wall clock on the course's time scale, for lessons that print the time
/// of day (Python's `time.strftime('%X')`).
///
/// It starts at the real time of day, rounded down to the whole second, and
/// then advances in lesson seconds: under `LESSON_TIME_SCALE=0.1` a 3-second
/// wait still moves it 3 seconds. Times are UTC: the standard library knows no
/// time zones.
#[derive(Debug, Clone, Copy)]
pub struct LessonClock {
    /// Seconds since midnight (UTC) when the clock started.
    origin: u64,
    started: Instant,
}

impl LessonClock {
    /// Starts the clock at the current time of day.
    pub fn start() -> Self {
        scale();
        let since_epoch = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default();
        Self {
            origin: since_epoch.as_secs() % 86_400,
            started: Instant::now(),
        }
    }

    /// The clock's time of day now, as `HH:MM:SS`.
    pub fn now(&self) -> String {
        let secs = (self.origin + lesson_secs(self.started.elapsed()) as u64) % 86_400;
        format!("{:02}:{:02}:{:02}", secs / 3600, secs / 60 % 60, secs % 60)
    }
}
