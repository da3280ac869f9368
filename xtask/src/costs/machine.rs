//! What the machine is: the first line of every report.

use std::fmt::Write as _;

use crate::costs::human;

/// What the machine is, for the report's first line.
#[derive(Debug, Clone, Default)]
pub struct Machine {
    pub cpu: String,
    pub cores: usize,
    pub memory: String,
    pub kernel: String,
    pub rustc: String,
    pub python: Option<String>,
    /// The free-threaded Python the speed-up's script also ran under.
    pub free_threaded: Option<String>,
    pub date: String,
}

impl Machine {
    /// Reads this machine's description; `python` also asks python3 (and gevent).
    pub fn read(python: bool) -> Machine {
        let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
        let cpu = cpuinfo
            .lines()
            .find_map(|l| l.strip_prefix("model name"))
            .map(|l| l.trim_start_matches([' ', '\t', ':']).trim().to_string())
            .unwrap_or_else(|| "an unknown CPU".to_string());
        let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
        let kib: f64 = meminfo
            .lines()
            .find_map(|l| l.strip_prefix("MemTotal:"))
            .and_then(|l| l.split_whitespace().next()?.parse().ok())
            .unwrap_or(0.0);
        let output = |program: &str, args: &[&str]| {
            std::process::Command::new(program)
                .args(args)
                .output()
                .ok()
                .filter(|o| o.status.success())
                .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        };
        let python = python.then(|| {
            let version = output("python3", &["--version"]).unwrap_or_else(|| "Python ?".into());
            match output(
                "python3",
                &["-c", "import gevent; print(gevent.__version__)"],
            ) {
                Some(gevent) => format!("{version} with gevent {gevent}"),
                None => format!("{version} without gevent"),
            }
        });
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        Machine {
            cpu,
            cores: std::thread::available_parallelism().map_or(0, |n| n.get()),
            memory: human(kib * 1024.0, "B"),
            kernel: std::fs::read_to_string("/proc/sys/kernel/osrelease")
                .unwrap_or_default()
                .trim()
                .to_string(),
            rustc: output("rustc", &["--version"]).unwrap_or_else(|| "rustc ?".into()),
            python,
            free_threaded: None,
            date: date(now),
        }
    }

    pub fn line(&self) -> String {
        let mut line = format!(
            "{}, {} logical CPUs, {} RAM, Linux {}; {}, release build",
            self.cpu, self.cores, self.memory, self.kernel, self.rustc
        );
        if let Some(python) = &self.python {
            let _ = write!(line, "; {python}");
        }
        if let Some(free_threaded) = &self.free_threaded {
            let _ = write!(line, " and {free_threaded}");
        }
        let _ = write!(line, "; measured {}", self.date);
        line
    }
}

/// The civil date (UTC) of a Unix time, `YYYY-MM-DD`.
pub fn date(unix_secs: u64) -> String {
    // Howard Hinnant's days-to-civil algorithm.
    let z = (unix_secs / 86_400) as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}
