//! `cargo xtask list [NAME…]`: the chapters and lessons in study order, each
//! lesson with its summary and the seed programs its programs port; names
//! (chapters, lessons, `lesson/example`) narrow it as they narrow verify.

use std::process::ExitCode;

use super::{fail, report_problems};
use crate::model::{CHAPTERS, Course, Lesson};

pub fn run(course: &Course, names: &[String]) -> ExitCode {
    let selected = match course.select(names) {
        Ok(selected) => selected,
        Err(e) => return fail(&e),
    };
    let shown = |lesson: &Lesson| selected.iter().any(|(l, _)| l.name == lesson.name);
    let width = course
        .lessons
        .iter()
        .map(|l| l.name.len())
        .max()
        .unwrap_or(0);
    for (chapter, about) in CHAPTERS {
        let lessons: Vec<&Lesson> = course
            .lessons
            .iter()
            .filter(|l| l.chapter == chapter && shown(l))
            .collect();
        if lessons.is_empty() && !names.is_empty() {
            continue;
        }
        println!("{chapter}: {about}");
        if lessons.is_empty() {
            println!("  (no lessons yet)");
        }
        for lesson in lessons {
            println!("  {:width$}  {}", lesson.name, lesson.summary);
            for program in lesson
                .programs
                .iter()
                .filter(|p| selected.iter().any(|(_, s)| s.id == p.id))
            {
                let what = if program.is_example {
                    format!("--example {}", program.target)
                } else {
                    "main".to_string()
                };
                println!(
                    "  {:width$}    {what}: ports {}",
                    "",
                    program.ports.join(", ")
                );
            }
        }
        println!();
    }
    report_problems(course);
    if course.problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
