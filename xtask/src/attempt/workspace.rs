//! Where attempts and solutions are built: a cargo workspace of their own
//! under `target/`, never inside a lesson.
//!
//! Each lesson with something to build gets a package there,
//! `exercises-<lesson>`, with the lesson's own edition and dependencies (and
//! its library, when it has one), whose binaries are the files to build: a
//! learner's `exercises/my_<n>.rs` where it is, or a solution written beside
//! the package. The lesson's targets never see them, so an interrupted build
//! leaves nothing that cargo or git would pick up in the lesson, and
//! `cargo test` stays green while a learner works. The workspace shares the
//! course's target directory, `Cargo.lock` and dev profile, so what the
//! lessons built is built once.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::fs;
use std::io::IsTerminal as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde::Deserialize;

use crate::model::{Course, Dependency, Lesson, cargo};

/// One program to build: a binary of its lesson's package.
#[derive(Debug, Clone)]
pub struct Bin<'c> {
    pub lesson: &'c Lesson,
    /// Unique in the workspace: `my-threads-lock-1`, `sol-threads-lock-1`.
    pub name: String,
    pub source: PathBuf,
}

/// What building one binary gave: its executable, or the compiler's
/// refusal (its error codes).
#[derive(Debug)]
pub enum Built {
    Exe(PathBuf),
    Refused(Vec<String>),
}

/// Writes the workspace `dir` for `bins` (each lesson's package with its
/// binaries), replacing what was there.
pub fn write(course: &Course, dir: &Path, bins: &[Bin]) -> Result<(), String> {
    let io = |path: &Path, e: std::io::Error| format!("{}: {e}", path.display());
    if dir.exists() {
        fs::remove_dir_all(dir).map_err(|e| io(dir, e))?;
    }
    fs::create_dir_all(dir).map_err(|e| io(dir, e))?;
    let mut lessons: Vec<&Lesson> = Vec::new();
    for bin in bins {
        if !lessons.iter().any(|l| l.name == bin.lesson.name) {
            lessons.push(bin.lesson);
        }
    }
    let root_manifest = fs::read_to_string(course.root.join("Cargo.toml"))
        .map_err(|e| io(&course.root.join("Cargo.toml"), e))?;
    let members: Vec<String> = lessons.iter().map(|l| format!("{:?}", l.name)).collect();
    let used: Vec<&str> = lessons
        .iter()
        .flat_map(|l| &l.build.dependencies)
        .map(|d| d.name.as_str())
        .collect();
    let workspace = format!(
        "# Written by `cargo xtask exercise` for each build: attempts and solutions,\n\
         # built outside the lessons.\n[workspace]\nresolver = \"3\"\nmembers = [{}]\n\n{}",
        members.join(", "),
        profiles(&root_manifest, &used)
    );
    let manifest = dir.join("Cargo.toml");
    fs::write(&manifest, workspace).map_err(|e| io(&manifest, e))?;
    // The course's lockfile, so that every crate has the version the lessons use.
    let lock = dir.join("Cargo.lock");
    fs::copy(course.root.join("Cargo.lock"), &lock).map_err(|e| io(&lock, e))?;
    for lesson in lessons {
        let package = dir.join(&lesson.name);
        fs::create_dir_all(&package).map_err(|e| io(&package, e))?;
        let mine: Vec<&Bin> = bins
            .iter()
            .filter(|b| b.lesson.name == lesson.name)
            .collect();
        let path = package.join("Cargo.toml");
        fs::write(&path, package_manifest(lesson, &mine)).map_err(|e| io(&path, e))?;
    }
    Ok(())
}

/// The `[profile.*]` tables of the course's manifest, as they are written
/// there: the same profile gives the same artifacts, built once. A table
/// for one named package is kept only where that package is among `used`
/// (cargo warns of one that matches nothing).
fn profiles(manifest: &str, used: &[&str]) -> String {
    let mut out = String::new();
    let mut inside = false;
    for line in manifest.lines() {
        if line.starts_with('[') {
            let named = line
                .split(".package.")
                .nth(1)
                .map(|p| p.trim_end_matches(']').trim_matches('"'));
            inside = line.starts_with("[profile")
                && named.is_none_or(|name| name == "*" || used.contains(&name));
        }
        if inside {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

fn package_manifest(lesson: &Lesson, bins: &[&Bin]) -> String {
    let mut toml = format!(
        "[package]\nname = \"exercises-{}\"\nversion = \"0.0.0\"\nedition = {:?}\npublish = false\nautobins = false\n\n",
        lesson.name, lesson.build.edition
    );
    for bin in bins {
        let _ = writeln!(
            toml,
            "[[bin]]\nname = {:?}\npath = {:?}\ntest = false\n",
            bin.name,
            bin.source.display().to_string()
        );
    }
    let mut tables: Vec<(String, Vec<String>)> = Vec::new();
    let mut put = |table: String, line: String| match tables.iter_mut().find(|(t, _)| *t == table) {
        Some((_, lines)) => lines.push(line),
        None => tables.push((table, vec![line])),
    };
    if let Some(library) = &lesson.build.library {
        put(
            "dependencies".into(),
            format!(
                "{library:?} = {{ path = {:?} }}",
                lesson.dir.display().to_string()
            ),
        );
    }
    // A program's copy may use what the program may: normal and dev dependencies.
    for dep in &lesson.build.dependencies {
        if dep.kind.as_deref() == Some("build") || dep.optional {
            continue;
        }
        let table = match &dep.target {
            Some(target) => format!("target.{target:?}.dependencies"),
            None => "dependencies".into(),
        };
        put(table, dependency_line(dep));
    }
    for (table, lines) in tables {
        let _ = writeln!(toml, "[{table}]\n{}\n", lines.join("\n"));
    }
    toml
}

fn dependency_line(dep: &Dependency) -> String {
    let mut fields = Vec::new();
    let key = match &dep.rename {
        Some(rename) => {
            fields.push(format!("package = {:?}", dep.name));
            rename.clone()
        }
        None => dep.name.clone(),
    };
    match &dep.path {
        Some(path) => fields.push(format!("path = {:?}", path.display().to_string())),
        None => fields.push(format!("version = {:?}", dep.req)),
    }
    if !dep.uses_default_features {
        fields.push("default-features = false".into());
    }
    if !dep.features.is_empty() {
        let features: Vec<String> = dep.features.iter().map(|f| format!("{f:?}")).collect();
        fields.push(format!("features = [{}]", features.join(", ")));
    }
    format!("{key:?} = {{ {} }}", fields.join(", "))
}

#[derive(Deserialize)]
struct Message {
    reason: String,
    target: Option<Target>,
    executable: Option<PathBuf>,
    message: Option<Diagnostic>,
}

#[derive(Deserialize)]
struct Target {
    name: String,
}

#[derive(Deserialize)]
struct Diagnostic {
    level: String,
    message: String,
    code: Option<Code>,
    rendered: Option<String>,
}

#[derive(Deserialize)]
struct Code {
    code: String,
}

/// Builds the workspace in `dir` in one cargo call that goes on past a
/// refused binary, and says what became of each. With `show`, cargo's
/// progress and the compiler's messages are printed as cargo would print
/// them, but with each path as the learner would type it from the course's
/// root (`lessons/threads/lock/exercises/my_1.rs:21:5`).
pub fn build(course: &Course, dir: &Path, show: bool) -> HashMap<String, Built> {
    // The compiler's colours where the learner's terminal shows them.
    let format = if show && std::io::stderr().is_terminal() {
        "--message-format=json-diagnostic-rendered-ansi"
    } else {
        "--message-format=json"
    };
    let mut cmd = Command::new(cargo());
    cmd.current_dir(dir)
        .env("CARGO_TARGET_DIR", &course.target_dir)
        .args(["build", "--workspace", "--bins", "--keep-going", format])
        .stdout(Stdio::piped())
        .stderr(if show {
            Stdio::inherit()
        } else {
            Stdio::null()
        });
    let mut child = match cmd.spawn() {
        Ok(child) => child,
        Err(e) => {
            eprintln!("error: could not run cargo build: {e}");
            return HashMap::new();
        }
    };
    let root = format!("{}/", course.root.display());
    let mut built: HashMap<String, Built> = HashMap::new();
    // Read as cargo writes, so each diagnostic shows in its place among
    // cargo's own lines.
    let stdout = child.stdout.take().map(std::io::BufReader::new);
    for line in stdout.into_iter().flat_map(std::io::BufRead::lines) {
        let Ok(line) = line else { break };
        let Ok(m) = serde_json::from_str::<Message>(&line) else {
            continue;
        };
        let Some(target) = m.target else { continue };
        match (m.reason.as_str(), m.executable, m.message) {
            ("compiler-artifact", Some(exe), _) => {
                built.insert(target.name, Built::Exe(exe));
            }
            ("compiler-message", _, Some(d)) => {
                if show && let Some(rendered) = &d.rendered {
                    eprint!("{}", rendered.replace(&root, ""));
                }
                if d.level != "error" {
                    continue;
                }
                let entry = built
                    .entry(target.name)
                    .or_insert_with(|| Built::Refused(Vec::new()));
                // An error rustc gives no code ("future cannot be sent
                // between threads safely") is known by its message.
                // rustc's closing "aborting due to 2 previous errors" is
                // about the others, not an error of its own.
                if let Built::Refused(codes) = entry
                    && !d.message.starts_with("aborting due to")
                {
                    codes.push(d.code.map_or(d.message, |code| code.code));
                }
            }
            _ => {}
        }
    }
    let _ = child.wait();
    built
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dependency_is_written_as_the_lesson_declares_it() {
        let dep = |json: &str| -> Dependency { serde_json::from_str(json).unwrap() };
        assert_eq!(
            dependency_line(&dep(
                r#"{"name": "tokio", "req": "^1.48", "kind": null, "rename": null, "uses_default_features": false, "features": ["rt", "time"], "target": null, "path": null}"#
            )),
            r#""tokio" = { version = "^1.48", default-features = false, features = ["rt", "time"] }"#
        );
        assert_eq!(
            dependency_line(&dep(
                r#"{"name": "shared", "req": "*", "kind": null, "rename": "common", "uses_default_features": true, "features": [], "target": null, "path": "/c/shared"}"#
            )),
            r#""common" = { package = "shared", path = "/c/shared" }"#
        );
    }

    #[test]
    fn the_profiles_are_copied_and_nothing_else() {
        let manifest = "[workspace]\nmembers = []\n\n[profile.dev]\ndebug = 1\n\n[profile.dev.package.\"*\"]\ndebug = false\n\n[profile.dev.package.loom]\nopt-level = 3\n\n[workspace.lints.rust]\nx = 1\n";
        assert!(
            profiles(manifest, &["loom"]).contains("[profile.dev.package.loom]\nopt-level = 3\n")
        );
        assert_eq!(
            profiles(manifest, &["tokio"]),
            "[profile.dev]\ndebug = 1\n\n[profile.dev.package.\"*\"]\ndebug = false\n\n"
        );
    }
}
