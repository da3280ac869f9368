//! Reading one lesson's description from its `Cargo.toml`
//! (`[package.metadata.lesson]`), with every mistake in it reported.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use super::{
    BuildNeeds, CHAPTERS, DEFAULT_TIMEOUT_SECS, Difference, Lesson, Package, Program, Twin,
    chapter_index,
};
use crate::model::exercise::{self, Exercise};
use crate::model::placeholder::{KINDS, Kind, Redaction};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LessonMeta {
    summary: String,
    #[serde(default)]
    redact: BTreeMap<String, Vec<String>>,
    timeout: Option<f64>,
    seed: Option<u64>,
    #[serde(default)]
    alone: bool,
    /// Patterns for what only the Python twins print and must be redacted.
    #[serde(default)]
    python_redact: BTreeMap<String, Vec<String>>,
    programs: Vec<ProgramMeta>,
    #[serde(default)]
    exercises: Vec<Exercise>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProgramMeta {
    target: String,
    ports: Vec<String>,
    kill_child: Option<f64>,
    #[serde(default)]
    args: Vec<String>,
    scale: Option<f64>,
    #[serde(default)]
    differs: Vec<Difference>,
    python_compare: Option<String>,
    python_compare_why: Option<String>,
    /// Why a ported program has no Python twin: what it does, Python cannot.
    no_twin: Option<String>,
}

pub(super) fn read_lesson(
    package: &Package,
    dir: &Path,
    relative: &Path,
) -> Result<Lesson, Vec<String>> {
    let mut errors = Vec::new();
    let parts: Vec<String> = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let [chapter, topic] = parts.as_slice() else {
        return Err(vec![format!(
            "lives in lessons/{}; lessons live in lessons/<chapter>/<topic>/",
            relative.display()
        )]);
    };
    if chapter_index(chapter) == CHAPTERS.len() {
        errors.push(format!("unknown chapter '{chapter}'"));
    }
    if package.name != format!("{chapter}-{topic}") {
        errors.push(format!(
            "a lesson in lessons/{chapter}/{topic}/ must be named {chapter}-{topic}"
        ));
    }

    let meta = package
        .metadata
        .as_ref()
        .and_then(|m| m.get("lesson"))
        .cloned();
    let meta: LessonMeta = match meta.map(serde_json::from_value) {
        Some(Ok(meta)) => meta,
        Some(Err(e)) => {
            errors.push(format!("bad [package.metadata.lesson]: {e}"));
            return Err(errors);
        }
        None => {
            errors.push("Cargo.toml has no [package.metadata.lesson] table".to_string());
            return Err(errors);
        }
    };

    let redactions = redactions_of(&meta.redact, &mut errors);
    let python_only = redactions_of(&meta.python_redact, &mut errors);
    let mut python_redactions = redactions.clone();
    python_redactions.extend(python_only.iter().cloned());

    // The targets cargo builds, by the name their transcript uses.
    let mut built: Vec<(String, bool)> = Vec::new();
    for target in &package.targets {
        if target.kind.iter().any(|k| k == "bin") {
            if target.name == package.name {
                built.push(("main".to_string(), false));
            } else {
                errors.push(format!(
                    "extra binary '{}': a lesson has one binary (src/main.rs); put variants in examples/",
                    target.name
                ));
            }
        } else if target.kind.iter().any(|k| k == "example") {
            built.push((target.name.clone(), true));
        }
    }

    let mut programs = Vec::new();
    for p in &meta.programs {
        let Some((_, is_example)) = built.iter().find(|(name, _)| *name == p.target) else {
            errors.push(format!(
                "programs names '{}', which cargo does not build",
                p.target
            ));
            continue;
        };
        if p.ports.is_empty() {
            errors.push(format!("program '{}' ports no seed program", p.target));
        }
        programs.push(Program {
            id: if *is_example {
                format!("{}/{}", package.name, p.target)
            } else {
                package.name.clone()
            },
            target: p.target.clone(),
            ports: p.ports.clone(),
            transcript: dir.join("transcripts").join(format!("{}.snap", p.target)),
            is_example: *is_example,
            kill_child: p.kill_child,
            args: p.args.clone(),
            scale: p.scale,
            twin: twin_of(dir, p, &mut errors),
            no_twin: p.no_twin.clone(),
        });
        if let Some(scale) = p.scale
            && !shared::time::valid_scale(scale)
        {
            errors.push(format!(
                "program '{}': scale must be {}, not {scale}",
                p.target,
                shared::time::SCALE_EXPECTED
            ));
        }
    }
    for (name, _) in &built {
        if !meta.programs.iter().any(|p| p.target == *name) {
            errors.push(format!(
                "'{name}' is built but not listed in [[package.metadata.lesson.programs]], so nothing verifies it"
            ));
        }
    }
    if meta.summary.trim().is_empty() || meta.summary.contains('\n') {
        errors.push("summary must be one line".to_string());
    }
    let timeout_secs = meta.timeout.unwrap_or(DEFAULT_TIMEOUT_SECS);
    if !(timeout_secs.is_finite() && timeout_secs > 0.0) {
        errors.push(format!(
            "timeout must be a positive number of seconds, not {timeout_secs}"
        ));
    }

    errors.extend(exercise::problems(dir, &programs, &meta.exercises));
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Lesson {
        name: package.name.clone(),
        chapter: chapter.clone(),
        dir: dir.to_path_buf(),
        summary: meta.summary,
        redactions,
        python_redactions,
        python_only,
        timeout_secs,
        seed: meta.seed,
        alone: meta.alone,
        exercises: meta.exercises,
        programs,
        build: BuildNeeds {
            edition: package.edition.clone(),
            library: package
                .targets
                .iter()
                .any(|t| t.kind.iter().any(|k| k == "lib"))
                .then(|| package.name.clone()),
            dependencies: package.dependencies.clone(),
        },
    })
}

/// Compiles the patterns of a `redact` table, reporting bad ones in `errors`.
fn redactions_of(
    table: &BTreeMap<String, Vec<String>>,
    errors: &mut Vec<String>,
) -> Vec<Redaction> {
    let mut redactions = Vec::new();
    for (kind_name, patterns) in table {
        let Some(kind) = Kind::from_name(kind_name) else {
            let kinds: Vec<_> = KINDS.iter().map(|s| s.name).collect();
            errors.push(format!(
                "unknown redaction kind '{kind_name}' (known: {})",
                kinds.join(", ")
            ));
            continue;
        };
        for pattern in patterns {
            match Redaction::new(kind, pattern) {
                Ok(r) => redactions.push(r),
                Err(e) => errors.push(e),
            }
        }
    }
    redactions
}

/// The program's Python twin, if it has one: `python/<target>.py`.
fn twin_of(dir: &Path, p: &ProgramMeta, errors: &mut Vec<String>) -> Option<Twin> {
    let path = dir.join("python").join(format!("{}.py", p.target));
    let compare_lines = match p.python_compare.as_deref() {
        None => false,
        Some("lines") if p.python_compare_why.is_some() => true,
        Some("lines") => {
            errors.push(format!(
                "program '{}': python_compare = \"lines\" needs a python_compare_why",
                p.target
            ));
            true
        }
        Some(other) => {
            errors.push(format!(
                "program '{}': python_compare is \"lines\" or absent, not {other:?}",
                p.target
            ));
            false
        }
    };
    if !path.exists() {
        if !p.differs.is_empty() || p.python_compare.is_some() {
            errors.push(format!(
                "program '{}' declares how its Python twin differs, but has no {}",
                p.target,
                path.display()
            ));
        }
        return None;
    }
    for d in &p.differs {
        if d.python.is_empty() || d.why.trim().is_empty() {
            errors.push(format!(
                "program '{}': each difference needs the Python's text and a why",
                p.target
            ));
        }
    }
    Some(Twin {
        path,
        differs: p.differs.clone(),
        compare_lines,
        compare_why: p.python_compare_why.clone(),
    })
}
