//! The book's Markdown, written from the course: the top README as the
//! introduction, then each chapter's README followed by its lessons' READMEs,
//! in study order (the order of the workspace's members), and, in English,
//! CONTRIBUTING.md last. Nothing here is kept by hand: `target/book-src/` is
//! rewritten on every build.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use super::page::{self, Edition, Site, Source};
use super::tools::Tools;
use crate::model::transcript;
use crate::model::{Course, Lesson};

/// The English title; the Chinese edition's is in its `book.toml`.
pub const TITLE: &str = "Concurrency in Rust, from Python";
const TITLE_ZH: &str = "Rust 并发编程：从 Python 出发";

/// The script that puts the other edition's link in the menu bar.
const LANGUAGE_SWITCH: &str = include_str!("language-switch.js");
const STYLE: &str = include_str!("course.css");

/// A book's sources, written.
#[derive(Debug)]
pub struct Written {
    /// The folder with `book.toml`.
    pub root: PathBuf,
    pub pages: usize,
}

/// Writes one edition's sources into `root` (emptied first). Every problem
/// found in the READMEs on the way is returned, one sentence each.
pub fn write(
    course: &Course,
    edition: Edition,
    root: &Path,
    tools: &Tools,
    po: &Path,
) -> Result<Written, Vec<String>> {
    let one = |e: String| vec![e];
    if root.exists() {
        fs::remove_dir_all(root).map_err(|e| one(format!("{}: {e}", root.display())))?;
    }
    let src = root.join("src");
    fs::create_dir_all(&src).map_err(|e| one(format!("{}: {e}", src.display())))?;

    let crates = super::doc_links::Crates::load(&course.root);
    let chapters = chapters(course);
    let site = site(course, &chapters, edition);
    let mut problems = Vec::new();
    let mut summary = String::from("# Summary\n\n[Introduction](index.md)\n\n");
    let none = |_: &str| Ok(None);
    let mut pages = 0;

    let mut put = |dir: &str,
                   book_path: &str,
                   package: Option<&Lesson>,
                   glosses: &[(String, String)],
                   nav: Option<String>,
                   problems: &mut Vec<String>|
     -> Option<String> {
        let readme_path = if dir == "CONTRIBUTING" {
            course.root.join("CONTRIBUTING.md")
        } else {
            course.root.join(dir).join("README.md")
        };
        let readme = match fs::read_to_string(&readme_path) {
            Ok(text) => text,
            Err(e) => {
                problems.push(format!("{}: {e}", readme_path.display()));
                return None;
            }
        };
        let written_in = src.join(book_path).parent().map(Path::to_path_buf)?;
        let readme_dir = readme_path.parent().unwrap_or(&course.root).to_path_buf();
        let doc_line = super::links_for(&crates, &readme_dir);
        let transcripts = package.map(transcripts_of).unwrap_or_default();
        let made = page::make(
            &site,
            &Source {
                readme: &readme,
                dir: if dir == "CONTRIBUTING" { "" } else { dir },
                page: book_path,
                written_in: &written_in,
                package: package.map(|l| l.name.as_str()),
                transcripts,
                glosses,
                // The top README and CONTRIBUTING map nothing onto Rust.
                doc_line: if dir.starts_with("lessons/") {
                    &doc_line
                } else {
                    &none
                },
            },
        );
        problems.extend(made.problems);
        if let Some(lesson) = package {
            problems.extend(missing_programs(lesson, &made.includes, &readme));
        }
        let file = src.join(book_path);
        let _ = fs::create_dir_all(&written_in);
        // The way through the chapter goes under the page's title.
        let markdown = match (nav, made.markdown.split_once('\n')) {
            (Some(nav), Some((title, rest))) => format!("{title}\n\n{nav}\n{rest}"),
            _ => made.markdown,
        };
        if let Err(e) = fs::write(&file, &markdown) {
            problems.push(format!("{}: {e}", file.display()));
        }
        for (from, to) in made.assets {
            if let Err(e) = fs::copy(&from, src.join(&to)) {
                problems.push(format!("{}: {e}", from.display()));
            }
        }
        pages += 1;
        readme
            .lines()
            .next()
            .map(|l| l.trim_start_matches("# ").to_string())
    };

    put("", "index.md", None, &[], None, &mut problems);
    for (number, (chapter, lessons)) in chapters.iter().enumerate() {
        let glosses = glosses(&course.root.join("lessons").join(chapter), &mut problems);
        let chapter_dir = format!("lessons/{chapter}");
        let title = put(
            &chapter_dir,
            &format!("{chapter}/index.md"),
            None,
            &[],
            None,
            &mut problems,
        )
        .unwrap_or_else(|| chapter.clone());
        let _ = writeln!(summary, "- [{title}]({chapter}/index.md)");
        for (i, lesson) in lessons.iter().enumerate() {
            let dir = relative_dir(course, lesson);
            let book_path = site.packages[&lesson.name].clone();
            let before = i.checked_sub(1).and_then(|i| lessons.get(i));
            let nav = way_through(edition, number + 1, &title, before, lessons.get(i + 1));
            let title = put(
                &dir,
                &book_path,
                Some(lesson),
                &glosses,
                Some(nav),
                &mut problems,
            )
            .unwrap_or_else(|| lesson.name.clone());
            let _ = writeln!(summary, "  - [{title}]({book_path})");
        }
    }
    if edition == Edition::English {
        put(
            "CONTRIBUTING",
            "contributing.md",
            None,
            &[],
            None,
            &mut problems,
        );
        summary.push_str("\n---\n\n[Contributing to the course](contributing.md)\n");
    }
    let files = [
        ("src/SUMMARY.md", summary),
        ("book.toml", book_toml(edition, tools, po)),
        ("language-switch.js", LANGUAGE_SWITCH.to_string()),
        ("course.css", STYLE.to_string()),
    ];
    for (name, text) in files {
        if let Err(e) = fs::write(root.join(name), text) {
            problems.push(format!("{name}: {e}"));
        }
    }
    if problems.is_empty() {
        Ok(Written {
            root: root.to_path_buf(),
            pages,
        })
    } else {
        Err(problems)
    }
}

/// The line under a lesson's title: its chapter, and the lessons before and
/// after it. Written in each edition's language rather than translated.
fn way_through(
    edition: Edition,
    number: usize,
    chapter_title: &str,
    before: Option<&&Lesson>,
    after: Option<&&Lesson>,
) -> String {
    let topic = |l: &Lesson| {
        let page = l
            .dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        format!("[`{}`]({page}.md)", l.name)
    };
    let (chapter, previous, next) = match edition {
        Edition::English => (chapter_title.to_string(), "previous: ", "next: "),
        Edition::Chinese => (format!("第 {number} 章"), "上一课：", "下一课："),
    };
    let mut parts = vec![format!("[{chapter}](index.md)")];
    parts.extend(before.map(|l| format!("{previous}{}", topic(l))));
    parts.extend(after.map(|l| format!("{next}{}", topic(l))));
    let skip = match edition {
        Edition::English => "",
        Edition::Chinese => "<!-- i18n:skip -->\n\n",
    };
    format!("{skip}{}\n", parts.join(" · "))
}

/// The chapters in study order, each with its lessons in study order.
pub fn chapters(course: &Course) -> Vec<(String, Vec<&Lesson>)> {
    let mut chapters: Vec<(String, Vec<&Lesson>)> = Vec::new();
    for lesson in &course.lessons {
        match chapters.iter_mut().find(|(c, _)| *c == lesson.chapter) {
            Some((_, lessons)) => lessons.push(lesson),
            None => chapters.push((lesson.chapter.clone(), vec![lesson])),
        }
    }
    chapters
}

fn site(course: &Course, chapters: &[(String, Vec<&Lesson>)], edition: Edition) -> Site {
    let mut pages = BTreeMap::from([(String::new(), "index.md".to_string())]);
    let mut packages = BTreeMap::new();
    for (chapter, lessons) in chapters {
        pages.insert(format!("lessons/{chapter}"), format!("{chapter}/index.md"));
        for lesson in lessons {
            let topic = lesson
                .dir
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let page = format!("{chapter}/{topic}.md");
            pages.insert(relative_dir(course, lesson), page.clone());
            packages.insert(lesson.name.clone(), page);
        }
    }
    Site {
        root: course.root.clone(),
        pages,
        packages,
        edition,
    }
}

fn relative_dir(course: &Course, lesson: &Lesson) -> String {
    lesson
        .dir
        .strip_prefix(&course.root)
        .unwrap_or(&lesson.dir)
        .to_string_lossy()
        .into_owned()
}

fn transcripts_of(lesson: &Lesson) -> BTreeMap<String, String> {
    lesson
        .programs
        .iter()
        .filter_map(|p| {
            let t = transcript::read(&p.transcript).ok()??;
            Some((p.target.clone(), t.content))
        })
        .collect()
}

/// Every program of the lesson must be on its page: its source included and a
/// sample run shown.
fn missing_programs(lesson: &Lesson, includes: &[PathBuf], readme: &str) -> Vec<String> {
    let mut missing = Vec::new();
    for program in &lesson.programs {
        let source = if program.is_example {
            lesson
                .dir
                .join("examples")
                .join(format!("{}.rs", program.target))
        } else {
            lesson.dir.join("src/main.rs")
        };
        if !includes.contains(&source) {
            missing.push(format!(
                "the book's page for {} does not show {}'s source: its README has no `<!-- file: {} -->` copy",
                lesson.name,
                program.id,
                source
                    .strip_prefix(&lesson.dir)
                    .unwrap_or(&source)
                    .display()
            ));
        }
        if crate::readme::sample(readme, &program.target).is_none() {
            missing.push(format!(
                "the book's page for {} shows no run of {}",
                lesson.name, program.id
            ));
        }
    }
    missing
}

/// The chapter's `gloss.md`: `(printed, meaning)` for each row of its table.
fn glosses(chapter_dir: &Path, problems: &mut Vec<String>) -> Vec<(String, String)> {
    let path = chapter_dir.join("gloss.md");
    let Ok(text) = fs::read_to_string(&path) else {
        return Vec::new();
    };
    let mut rows = Vec::new();
    for line in text.lines().filter(|l| l.starts_with("| `")) {
        let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
        match cells.as_slice() {
            [key, meaning] if key.len() > 2 => {
                rows.push((key.trim_matches('`').to_string(), meaning.to_string()));
            }
            _ => problems.push(format!(
                "{}: a row is not `| `printed` | meaning |`: {line}",
                path.display()
            )),
        }
    }
    rows
}

fn book_toml(edition: Edition, tools: &Tools, po: &Path) -> String {
    // The 404 page finds the book's files from the site's root: the Chinese
    // edition lives one folder down.
    let (title, language, site_url) = match edition {
        Edition::English => (TITLE, "en", "/"),
        Edition::Chinese => (TITLE_ZH, "zh-CN", "/zh-CN/"),
    };
    let mut toml = format!(
        r#"# Written by `cargo xtask book` from the course's READMEs: edit those, not this.
[book]
title = "{title}"
language = "{language}"
src = "src"

[build]
create-missing = false

[output.html]
default-theme = "light"
preferred-dark-theme = "navy"
additional-js = ["language-switch.js"]
additional-css = ["course.css"]
site-url = "{site_url}"

# The lessons use the course's own crates: a playground could not run them.
[output.html.playground]
runnable = false
"#
    );
    if edition == Edition::Chinese {
        // The translation is applied after includes are expanded, from the
        // repository's po/ folder.
        let po_dir = po.parent().unwrap_or(po);
        let _ = write!(
            toml,
            "\n[preprocessor.gettext]\ncommand = {:?}\nafter = [\"links\"]\npo-dir = {:?}\n",
            tools.gettext.display().to_string(),
            po_dir.display().to_string()
        );
    }
    toml
}
