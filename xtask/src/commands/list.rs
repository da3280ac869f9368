//! `cargo xtask list`: the chapters and lessons in study order, each lesson
//! with its summary and the seed programs its programs port.

use std::process::ExitCode;

use super::report_problems;
use crate::model::{CHAPTERS, Course, Lesson};

pub fn run(course: &Course) -> ExitCode {
    let width = course
        .lessons
        .iter()
        .map(|l| l.name.len())
        .max()
        .unwrap_or(0);
    for (chapter, about) in CHAPTERS {
        println!("{chapter}: {about}");
        let lessons: Vec<&Lesson> = course
            .lessons
            .iter()
            .filter(|l| l.chapter == chapter)
            .collect();
        if lessons.is_empty() {
            println!("  (no lessons yet)");
        }
        for lesson in lessons {
            println!("  {:width$}  {}", lesson.name, lesson.summary);
            for program in &lesson.programs {
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
