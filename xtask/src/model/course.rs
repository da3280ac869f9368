//! The course as cargo sees it: chapters, lessons and their programs.
//!
//! Every package under `lessons/<chapter>/<topic>/` is a lesson named
//! `<chapter>-<topic>`. Its `Cargo.toml` describes it for the tooling:
//!
//! ```toml
//! [package.metadata.lesson]
//! summary = "A parent runs a function in two child processes; each prints its pid"
//! redact = { pid = ['pid=(\d+)'] }      # optional: what varies from run to run
//! timeout = 20                          # optional: seconds at verify's scale
//! seed = 48                             # optional: the LESSON_SEED verify uses
//! alone = true                          # optional: verify runs it with nothing beside it
//!
//! [[package.metadata.lesson.programs]]
//! target = "main"                       # src/main.rs; otherwise an example's name
//! ports = ["000 process1.py"]           # the seed programs it ports
//! kill_child = 2.0                      # optional: see `Program::kill_child`
//! args = ["--quick"]                    # optional: arguments verify passes
//! scale = 0.2                           # optional: verify's LESSON_TIME_SCALE for it
//!
//! [[package.metadata.lesson.programs.differs]]   # optional: what its Python twin prints otherwise
//! python = "threads running at the same moment: no"
//! rust = "threads running at the same moment: yes"
//! why = "CPython's GIL runs one thread at a time"
//! build = "gil"                         # optional: only under this build ("gil", "free-threaded")
//! ```
//!
//! Discovery asks `cargo metadata`, so what verify runs is exactly what cargo
//! builds, and checks that every binary and example of a lesson is listed
//! with a transcript, so no program can slip through unverified.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde::Deserialize;

mod read;

use super::exercise::Exercise;
use super::placeholder::Redaction;
use read::read_lesson;

/// The chapters, in study order, with what each is about.
pub const CHAPTERS: [(&str, &str); 5] = [
    (
        "processes",
        "separate address spaces: spawn, fork, pools, queues, pipes, locks",
    ),
    (
        "threads",
        "shared memory: spawn, join, locks, thread-locals, channels; no GIL",
    ),
    (
        "coroutines",
        "cooperative multitasking: generators and may's stackful coroutines",
    ),
    (
        "async",
        "futures polled by an executor: asyncio's programs on tokio",
    ),
    (
        "costs",
        "the four models measured: spawn, memory, messages, context switches, speed-up",
    ),
];

/// Seconds a program may run at verify's time scale before it is killed.
pub const DEFAULT_TIMEOUT_SECS: f64 = 20.0;

/// One lesson package.
#[derive(Debug, Clone)]
pub struct Lesson {
    /// The package name, `<chapter>-<topic>`.
    pub name: String,
    pub chapter: String,
    pub dir: PathBuf,
    pub summary: String,
    pub redactions: Vec<Redaction>,
    /// The redactions for the Python twins: the lesson's, and the
    /// `python_redact` ones for what only Python prints.
    pub python_redactions: Vec<Redaction>,
    /// The `python_redact` ones alone: where a twin is compared as lines,
    /// they also hide in the transcript what the draws decide.
    pub python_only: Vec<Redaction>,
    pub timeout_secs: f64,
    /// The `LESSON_SEED` verify runs this lesson with, when it needs its own.
    pub seed: Option<u64>,
    /// It measures the machine, or keeps its cores busy: verify runs its
    /// programs with no other program beside them.
    pub alone: bool,
    pub programs: Vec<Program>,
    /// Changes to make to its programs, each checked by what the changed
    /// program does (see [`super::exercise`]).
    pub exercises: Vec<Exercise>,
    /// What a copy of one of its programs needs to build as the program
    /// does (an exercise's attempt is built outside the lesson).
    pub build: BuildNeeds,
}

/// What a lesson's programs are built with: its edition, its dependencies
/// (as `cargo metadata` resolves the workspace's inheritance), and its own
/// library, when it has one that its programs use.
#[derive(Debug, Clone)]
pub struct BuildNeeds {
    pub edition: String,
    /// The lesson's package name, when it has a library.
    pub library: Option<String>,
    pub dependencies: Vec<Dependency>,
}

/// One dependency, as `cargo metadata` describes it.
#[derive(Debug, Clone, Deserialize)]
pub struct Dependency {
    pub name: String,
    /// The version requirement (`^1.48`); `*` for a path dependency.
    pub req: String,
    /// `dev`, `build`, or none for a normal dependency.
    pub kind: Option<String>,
    pub rename: Option<String>,
    #[serde(default)]
    pub optional: bool,
    pub uses_default_features: bool,
    #[serde(default)]
    pub features: Vec<String>,
    /// `cfg(…)` or a target triple, for a platform's own dependency.
    pub target: Option<String>,
    pub path: Option<PathBuf>,
}

/// One runnable target of a lesson: its `main` or one of its examples.
#[derive(Debug, Clone)]
pub struct Program {
    /// `threads-lock` for the main binary, `threads-lock/<example>` for an example.
    pub id: String,
    /// The name of its transcript and README marker: `main` or the example's name.
    pub target: String,
    pub ports: Vec<String>,
    /// `lessons/<chapter>/<topic>/transcripts/<target>.snap`.
    pub transcript: PathBuf,
    pub is_example: bool,
    /// A moment, in lesson seconds, when every child of the program is doing
    /// work the program waits for. Killing its eldest child then must make it
    /// report the failure and exit non-zero, not hang and not carry on as if
    /// nothing happened. (An idle pool worker is no such child: a pool may
    /// quietly replace it, so a program states the moment itself.)
    pub kill_child: Option<f64>,
    /// Arguments verify passes (the costs chapter's `--quick`).
    pub args: Vec<String>,
    /// The `LESSON_TIME_SCALE` verify runs this program at, when a tenth of
    /// real time squeezes its sleeps below what starting a process takes.
    pub scale: Option<f64>,
    /// The Python program it stands beside, `python/<target>.py`, if any.
    pub twin: Option<Twin>,
    /// Why it has no twin, where Python has no equivalent (`no_twin = "…"`).
    pub no_twin: Option<String>,
}

/// A program's Python twin, and what it prints differently from the Rust.
#[derive(Debug, Clone)]
pub struct Twin {
    pub path: PathBuf,
    /// Every place where the Python prints something else, and why.
    pub differs: Vec<Difference>,
    /// Compare the two outputs as multisets of lines: the twin's random draws
    /// order its lines differently (`python_compare = "lines"`).
    pub compare_lines: bool,
    pub compare_why: Option<String>,
}

/// One declared difference: the Python prints `python` where the Rust's
/// transcript has `rust`; under one build of CPython only, when `build` says
/// so (what threads do depends on whether a GIL runs them).
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Difference {
    pub python: String,
    #[serde(default)]
    pub rust: String,
    pub why: String,
    #[serde(default)]
    pub build: Option<Build>,
}

/// The two builds of CPython a difference may belong to, told apart by
/// `sys._is_gil_enabled()` (absent before 3.13, whose GIL always runs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Build {
    /// The default build: a GIL lets one thread run Python code at a time.
    Gil,
    /// Built with `--disable-gil` (PEP 703), and running without it.
    FreeThreaded,
}

impl Build {
    /// The build of an interpreter whose GIL is, or is not, enabled.
    pub fn of(gil_enabled: bool) -> Build {
        if gil_enabled {
            Build::Gil
        } else {
            Build::FreeThreaded
        }
    }

    /// How a README's table of differences names it.
    pub fn name(self) -> &'static str {
        match self {
            Build::Gil => "with GIL",
            Build::FreeThreaded => "free-threaded",
        }
    }

    /// How a sentence names it.
    pub fn the_build(self) -> &'static str {
        match self {
            Build::Gil => "the build with the GIL",
            Build::FreeThreaded => "the free-threaded build",
        }
    }
}

impl Difference {
    /// Whether it holds under the build whose GIL is, or is not, enabled.
    pub fn applies(&self, gil_enabled: bool) -> bool {
        self.build.is_none_or(|b| b == Build::of(gil_enabled))
    }
}

impl Program {
    /// The line insta records as the snapshot's description.
    pub fn description(&self) -> String {
        format!("{}: port of {}", self.id, self.ports.join(", "))
    }
}

/// The whole course, plus every inconsistency found while reading it.
#[derive(Debug, Clone)]
pub struct Course {
    pub root: PathBuf,
    pub target_dir: PathBuf,
    /// In study order: chapter by chapter, then in the order of `members` in
    /// the top-level Cargo.toml.
    pub lessons: Vec<Lesson>,
    /// The folders of chapters' own libraries (`[package.metadata.course]
    /// library = "…"`): code a chapter's lessons share, not lessons.
    pub libraries: Vec<PathBuf>,
    /// Lesson packages whose description is wrong; verify fails while any remain.
    pub problems: Vec<String>,
}

/// The workspace root, found from this crate's manifest (the xtask convention).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask/ sits inside the workspace")
        .to_path_buf()
}

#[derive(Deserialize)]
struct Metadata {
    packages: Vec<Package>,
    /// In the order of `members` in the top-level Cargo.toml: the study order.
    workspace_members: Vec<String>,
    target_directory: PathBuf,
}

#[derive(Deserialize)]
struct Package {
    id: String,
    name: String,
    manifest_path: PathBuf,
    edition: String,
    targets: Vec<Target>,
    #[serde(default)]
    dependencies: Vec<Dependency>,
    #[serde(default)]
    metadata: Option<serde_json::Value>,
}

#[derive(Deserialize)]
struct Target {
    name: String,
    kind: Vec<String>,
}

impl Course {
    /// Reads the course from `cargo metadata`.
    pub fn load(root: &Path) -> Result<Course, String> {
        let output = cargo_metadata(root, &["--no-deps"])?;
        let metadata: Metadata = serde_json::from_slice(&output)
            .map_err(|e| format!("could not read cargo metadata's output: {e}"))?;

        let lessons_dir = root.join("lessons");
        let mut lessons = Vec::new();
        let mut problems = Vec::new();
        let mut libraries = Vec::new();
        let mut place = std::collections::HashMap::new();
        for package in metadata.packages {
            let member = metadata
                .workspace_members
                .iter()
                .position(|id| *id == package.id);
            place.insert(package.name.clone(), member.unwrap_or(usize::MAX));
            let Some(dir) = package.manifest_path.parent() else {
                continue;
            };
            let Ok(relative) = dir.strip_prefix(&lessons_dir) else {
                continue;
            };
            // A chapter's own library (the costs chapter's measuring method)
            // is code the lessons share, not a lesson.
            let course_meta = package.metadata.as_ref().and_then(|m| m.get("course"));
            if course_meta.is_some_and(|c| c.get("library").is_some()) {
                libraries.push(dir.to_path_buf());
                continue;
            }
            match read_lesson(&package, dir, relative) {
                Ok(lesson) => lessons.push(lesson),
                Err(errors) => {
                    problems.extend(errors.into_iter().map(|e| format!("{}: {e}", package.name)))
                }
            }
        }
        lessons.sort_by_key(|l| (chapter_index(&l.chapter), place.get(&l.name).copied()));
        problems.extend(example_collisions(&lessons));
        Ok(Course {
            root: root.to_path_buf(),
            target_dir: metadata.target_directory,
            lessons,
            libraries,
            problems,
        })
    }

    /// Every program, in study order.
    pub fn programs(&self) -> impl Iterator<Item = (&Lesson, &Program)> {
        self.lessons
            .iter()
            .flat_map(|l| l.programs.iter().map(move |p| (l, p)))
    }

    /// The programs the user named: chapters, lessons or single programs
    /// (`lesson/example`, or `lesson/main` for the main program alone).
    /// No names means all of them. An unknown name is an error that offers the
    /// closest known names.
    pub fn select(&self, names: &[String]) -> Result<Vec<(&Lesson, &Program)>, String> {
        if names.is_empty() {
            return Ok(self.programs().collect());
        }
        let mut chosen: Vec<(&Lesson, &Program)> = Vec::new();
        for name in names {
            let matched: Vec<_> = self
                .programs()
                .filter(|(l, p)| {
                    let main_only = !p.is_example && *name == format!("{}/main", l.name);
                    l.chapter == *name || l.name == *name || p.id == *name || main_only
                })
                .collect();
            if matched.is_empty() {
                return Err(self.unknown(name));
            }
            for pair in matched {
                if !chosen.iter().any(|(_, p)| p.id == pair.1.id) {
                    chosen.push(pair);
                }
            }
        }
        Ok(chosen)
    }

    fn unknown(&self, name: &str) -> String {
        let known = CHAPTERS
            .iter()
            .map(|(c, _)| c.to_string())
            .chain(self.lessons.iter().map(|l| l.name.clone()))
            .chain(
                self.programs()
                    .filter(|(_, p)| p.is_example)
                    .map(|(_, p)| p.id.clone()),
            );
        let close = crate::report::closest(name, known);
        if close.is_empty() {
            format!("no lesson named '{name}' (cargo xtask list shows them all)")
        } else {
            format!(
                "no lesson named '{name}'; did you mean {}?",
                close.join(", ")
            )
        }
    }
}

/// Examples of different packages share `target/debug/examples/`, so two
/// with one name would overwrite each other's executable.
fn example_collisions(lessons: &[Lesson]) -> Vec<String> {
    let mut owner: BTreeMap<&str, &str> = BTreeMap::new();
    let mut problems = Vec::new();
    for lesson in lessons {
        for program in lesson.programs.iter().filter(|p| p.is_example) {
            if let Some(first) = owner.insert(&program.target, &lesson.name) {
                problems.push(format!(
                    "{}: example '{}' has the same name as one in {first}; start example names with the topic",
                    lesson.name, program.target
                ));
            }
        }
    }
    problems
}

fn chapter_index(chapter: &str) -> usize {
    CHAPTERS
        .iter()
        .position(|(c, _)| *c == chapter)
        .unwrap_or(CHAPTERS.len())
}

/// What `cargo metadata --format-version 1` says of the workspace at
/// `root`, with `args` added: its JSON, or why there is none.
pub fn cargo_metadata(root: &Path, args: &[&str]) -> Result<Vec<u8>, String> {
    let output = Command::new(cargo())
        .args(["metadata", "--format-version", "1"])
        .args(args)
        .current_dir(root)
        .output()
        .map_err(|e| format!("could not run cargo metadata: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "cargo metadata failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    Ok(output.stdout)
}

/// The cargo that runs us, so `cargo +toolchain xtask` stays on that toolchain.
pub fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_difference_holds_under_its_build_or_under_both() {
        // As cargo metadata hands the lesson's TOML over: in JSON.
        let parse =
            |json: &str| -> Difference { serde_json::from_str(json).expect("a difference") };
        let both = parse(r#"{"python": "0", "rust": "<n>", "why": "w"}"#);
        let gil = parse(r#"{"python": "0", "why": "w", "build": "gil"}"#);
        let free = parse(r#"{"python": "0", "why": "w", "build": "free-threaded"}"#);
        assert!(both.applies(true) && both.applies(false));
        assert!(gil.applies(true) && !gil.applies(false));
        assert!(!free.applies(true) && free.applies(false));
        let wrong: Result<Difference, _> =
            serde_json::from_str(r#"{"python": "0", "why": "w", "build": "nogil"}"#);
        assert!(wrong.is_err());
    }
}
