//! Which exercises a learner has passed: `.course-progress` at the course's
//! root, one `<lesson> <n>` per line. Git ignores it, and it lives outside
//! `target/`, so neither `cargo clean` nor a removed attempt loses a pass.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

/// The file's name, at the course's root.
pub const FILE: &str = ".course-progress";

const HEADER: &str = "# The exercises you have passed, one `<lesson> <n>` per line. `cargo xtask exercise`\n# writes it when a check passes; git ignores it.\n";

/// The exercises passed so far.
#[derive(Debug, Clone)]
pub struct Progress {
    path: PathBuf,
    passed: BTreeSet<(String, usize)>,
}

impl Progress {
    /// Reads the course's progress; none yet is an empty list. A line that
    /// is not `<lesson> <n>` is skipped (it would be kept on the next write
    /// only if it were a pass).
    pub fn load(root: &Path) -> Progress {
        let path = root.join(FILE);
        let passed = fs::read_to_string(&path)
            .unwrap_or_default()
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let (lesson, n) = l.trim().split_once(' ')?;
                Some((lesson.to_string(), n.trim().parse().ok()?))
            })
            .collect();
        Progress { path, passed }
    }

    pub fn passed(&self, lesson: &str, n: usize) -> bool {
        self.passed.contains(&(lesson.to_string(), n))
    }

    /// Records a pass, writing the file anew (through a temporary file, so
    /// an interruption leaves the old list or the new one, never half).
    pub fn record(&mut self, lesson: &str, n: usize) -> Result<(), String> {
        if !self.passed.insert((lesson.to_string(), n)) {
            return Ok(());
        }
        let mut text = HEADER.to_string();
        for (lesson, n) in &self.passed {
            text.push_str(&format!("{lesson} {n}\n"));
        }
        let dir = self.path.parent().unwrap_or(Path::new("."));
        let write = || -> std::io::Result<()> {
            let mut temp = tempfile::NamedTempFile::new_in(dir)?;
            std::io::Write::write_all(&mut temp, text.as_bytes())?;
            temp.persist(&self.path).map_err(|e| e.error)?;
            Ok(())
        };
        write().map_err(|e| format!("could not record the pass in {}: {e}", self.path.display()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pass_is_kept_across_loads_and_recorded_once() {
        let dir = tempfile::tempdir().unwrap();
        let mut progress = Progress::load(dir.path());
        assert!(!progress.passed("threads-lock", 1));
        progress.record("threads-lock", 1).unwrap();
        progress.record("threads-lock", 1).unwrap();
        progress.record("async-lazy", 2).unwrap();
        let again = Progress::load(dir.path());
        assert!(again.passed("threads-lock", 1) && again.passed("async-lazy", 2));
        let text = fs::read_to_string(dir.path().join(FILE)).unwrap();
        assert!(text.ends_with("async-lazy 2\nthreads-lock 1\n"), "{text}");
        // Only the file itself is left: no temporary file beside it.
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
