//! `cargo xtask bless`: a deliberate change of output becomes the new
//! transcript. Each program runs as verify runs it; a run that crashed or
//! left a process behind is refused, never recorded.

use std::fs;
use std::process::ExitCode;

use super::{Prepared, prepare};
use crate::check::{self, Settings, Verdict, relative};
use crate::model::transcript;
use crate::model::{Course, Lesson, Program};
use crate::{readme, runner};

pub fn run(course: &Course, names: &[String]) -> ExitCode {
    transcript::let_insta_write();
    let Some(Prepared {
        selected,
        executables,
    }) = prepare(course, names)
    else {
        return ExitCode::from(2);
    };
    let mut refused = 0;
    for (lesson, program) in &selected {
        let verdict = check::check(
            &course.root,
            lesson,
            program,
            &executables[&program.id],
            Settings::default(),
        );
        if runner::interrupted() {
            println!("interrupted: nothing more blessed");
            return ExitCode::from(130);
        }
        let verdict = match verdict {
            Ok(v) => v,
            Err(e) => {
                println!("{}: not blessed: {e}", program.id);
                refused += 1;
                continue;
            }
        };
        if !verdict.ran_cleanly() {
            // A crash or a leaked process is a bug to fix, never a new transcript.
            println!("{}: not blessed, the run itself failed:", program.id);
            print!("{}", check::explain(&verdict));
            refused += 1;
            continue;
        }
        match write_transcript(course, lesson, program, &verdict) {
            Ok(message) => println!("{}: {message}", program.id),
            Err(e) => {
                println!("{}: not blessed: {e}", program.id);
                refused += 1;
            }
        }
    }
    // The README's copies of files and its tables of differences, for every
    // lesson touched.
    let mut seen: Vec<&str> = Vec::new();
    for (lesson, _) in &selected {
        if seen.contains(&lesson.name.as_str()) {
            continue;
        }
        seen.push(&lesson.name);
        let path = lesson.dir.join("README.md");
        let Ok(old) = fs::read_to_string(&path) else {
            continue;
        };
        let new = readme::refreshed(lesson, &old);
        if new != old {
            match fs::write(&path, new) {
                Ok(()) => println!(
                    "{}: updated the copies in {}",
                    lesson.name,
                    relative(&course.root, &path)
                ),
                Err(e) => {
                    println!("{}: could not write {}: {e}", lesson.name, path.display());
                    refused += 1;
                }
            }
        }
    }
    // CONTRIBUTING's table of placeholders, made from the model.
    let contributing = course.root.join("CONTRIBUTING.md");
    if let Ok(old) = fs::read_to_string(&contributing)
        && let Some(new) = readme::with_placeholder_table(&old)
        && new != old
    {
        match fs::write(&contributing, new) {
            Ok(()) => println!("updated the table of placeholders in CONTRIBUTING.md"),
            Err(e) => {
                println!("could not write {}: {e}", contributing.display());
                refused += 1;
            }
        }
    }
    if refused == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// Writes the transcript and the README's copy; says what changed.
fn write_transcript(
    course: &Course,
    lesson: &Lesson,
    program: &Program,
    verdict: &Verdict,
) -> Result<String, String> {
    let mut said = Vec::new();
    let old = verdict.expected.as_ref().map(|t| t.content.as_str());
    if old != Some(verdict.normalised.as_str()) {
        // A new transcript must still parse: a stray marker line is refused here.
        transcript::parse_items(&verdict.normalised)?;
        // insta writes it, and shows the change from the old one.
        transcript::assert_snapshot(program, &verdict.normalised);
        if transcript::read(&program.transcript)?
            .map(|t| t.content)
            .as_deref()
            != Some(verdict.normalised.as_str())
        {
            return Err(format!(
                "insta did not write {}",
                relative(&course.root, &program.transcript)
            ));
        }
        said.push(format!(
            "wrote {}",
            relative(&course.root, &program.transcript)
        ));
    }
    let readme_path = lesson.dir.join("README.md");
    let readme = fs::read_to_string(&readme_path).unwrap_or_default();
    let transcript = transcript::read(&program.transcript)?;
    let fits = |sample: &str| {
        transcript
            .as_ref()
            .is_some_and(|t| check::sample_fits(sample, &lesson.redactions, t))
    };
    match readme::sample(&readme, &program.target) {
        // A sample that is still a valid run stays, so the README changes only
        // when the output does.
        Some(sample) if fits(sample) => {}
        Some(_) => {
            let new = readme::with_sample(&readme, &program.target, verdict.run.stdout.trim_end())
                .ok_or("README copy vanished")?;
            fs::write(&readme_path, new).map_err(|e| format!("{}: {e}", readme_path.display()))?;
            said.push(format!(
                "updated the sample run in {}",
                relative(&course.root, &readme_path)
            ));
        }
        None => said.push(format!(
            "{} has no `{}` block to update",
            relative(&course.root, &readme_path),
            readme::sample_marker(&program.target)
        )),
    }
    Ok(if said.is_empty() {
        "unchanged".to_string()
    } else {
        said.join("; ")
    })
}
