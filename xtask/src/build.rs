//! Building the lessons: one cargo call for every program verify is about to
//! run, with cargo's progress on the terminal, and each program's executable
//! found from cargo's own report of what it built. (The exercises' copies of
//! programs are built apart: `crate::attempt::workspace`.)

use std::collections::HashMap;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use serde::Deserialize;

use crate::model::{Course, Lesson, cargo};

#[derive(Deserialize)]
struct Artifact {
    reason: String,
    manifest_path: Option<PathBuf>,
    target: Option<ArtifactTarget>,
    executable: Option<PathBuf>,
}

#[derive(Deserialize)]
struct ArtifactTarget {
    name: String,
    kind: Vec<String>,
}

/// Builds every binary and example of `lessons` in one cargo call and returns
/// each program's executable, by program id. Cargo's own progress and errors
/// go to the terminal as usual.
pub fn build(course: &Course, lessons: &[&Lesson]) -> Result<HashMap<String, PathBuf>, String> {
    build_showing(course, lessons, true)
}

/// [`build`] with cargo's progress hidden: for the tests, whose output must
/// read green (a failure's errors still show).
pub fn build_quietly(
    course: &Course,
    lessons: &[&Lesson],
) -> Result<HashMap<String, PathBuf>, String> {
    build_showing(course, lessons, false)
}

/// Cargo's arguments for exactly the lessons' programs: not `--examples`,
/// which would also build an example a lesson does not list.
fn targets(lessons: &[&Lesson]) -> Vec<String> {
    let mut args = Vec::new();
    for lesson in lessons {
        args.extend(["--package".to_string(), lesson.name.clone()]);
        for program in &lesson.programs {
            let kind = if program.is_example {
                "--example"
            } else {
                "--bin"
            };
            let name = if program.is_example {
                &program.target
            } else {
                &lesson.name
            };
            args.extend([kind.to_string(), name.clone()]);
        }
    }
    args
}

fn build_showing(
    course: &Course,
    lessons: &[&Lesson],
    progress: bool,
) -> Result<HashMap<String, PathBuf>, String> {
    // In JSON mode cargo prints no progress ("Compiling …"), and a first build
    // takes a minute: build as usual first, where the learner sees it, then
    // ask again in JSON for the executables' paths (everything is fresh then).
    let mut plain = Command::new(cargo());
    plain
        .current_dir(&course.root)
        .arg("build")
        .args(targets(lessons));
    if !progress {
        plain.arg("--quiet");
    }
    let status = plain
        .status()
        .map_err(|e| format!("could not run cargo build: {e}"))?;
    if !status.success() {
        return Err("cargo build failed (its errors are above)".to_string());
    }

    let mut cmd = Command::new(cargo());
    cmd.current_dir(&course.root)
        .args(["build", "--message-format=json-render-diagnostics"])
        .args(targets(lessons))
        .stdout(Stdio::piped());
    let output = cmd
        .output()
        .map_err(|e| format!("could not run cargo build: {e}"))?;
    if !output.status.success() {
        return Err("cargo build failed (its errors are above)".to_string());
    }

    let mut executables = HashMap::new();
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        let Ok(artifact) = serde_json::from_str::<Artifact>(line) else {
            continue;
        };
        let (Some(manifest), Some(target), Some(exe)) =
            (artifact.manifest_path, artifact.target, artifact.executable)
        else {
            continue;
        };
        if artifact.reason != "compiler-artifact" {
            continue;
        }
        let Some(lesson) = lessons
            .iter()
            .find(|l| manifest.parent() == Some(l.dir.as_path()))
        else {
            continue;
        };
        let is_example = target.kind.iter().any(|k| k == "example");
        let name = if is_example {
            target.name.as_str()
        } else {
            "main"
        };
        if let Some(program) = lesson.programs.iter().find(|p| p.target == name) {
            executables.insert(program.id.clone(), exe);
        }
    }
    for lesson in lessons {
        for program in &lesson.programs {
            if !executables.contains_key(&program.id) {
                return Err(format!("cargo built no executable for {}", program.id));
            }
        }
    }
    Ok(executables)
}
