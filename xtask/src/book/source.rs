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

/// The course's script: the language switch, the programs' tabs, folds,
/// tables on phones, print, and the Chinese edition's search.
const SCRIPT: &str = include_str!("course.js");
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
    // Where this edition's pages are built (`commands::book`).
    let out = match edition {
        Edition::English => course.target_dir.join("book"),
        Edition::Chinese => course.target_dir.join("book").join("zh-CN"),
    };
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
        // A folder's README, or a page of its own (`CONTRIBUTING.md`).
        let (readme_path, readme_dir) = match dir.strip_suffix(".md") {
            Some(_) => {
                let parent = Path::new(dir).parent().unwrap_or(Path::new(""));
                (course.root.join(dir), parent.to_string_lossy().into_owned())
            }
            None => (course.root.join(dir).join("README.md"), dir.to_string()),
        };
        let readme = match fs::read_to_string(&readme_path) {
            Ok(text) => text,
            Err(e) => {
                problems.push(format!("{}: {e}", readme_path.display()));
                return None;
            }
        };
        let written_in = src.join(book_path).parent().map(Path::to_path_buf)?;
        let doc_line = super::links_for(&crates, &course.root.join(&readme_dir));
        let transcripts = package.map(transcripts_of).unwrap_or_default();
        let made = page::make(
            &site,
            &Source {
                readme: &readme,
                dir: &readme_dir,
                page: book_path,
                written_in: &written_in,
                package: package.map(|l| l.name.as_str()),
                transcripts,
                glosses,
                // Only the chapters' and lessons' pages map Python onto Rust.
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
        // Where the page comes from, for a reader of the checkout the book
        // was built in: the book lives in the repository's target folder.
        let built_at = out
            .join(book_path)
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| out.clone());
        let source_rel = readme_path
            .strip_prefix(&course.root)
            .unwrap_or(&readme_path)
            .display()
            .to_string();
        // The folder, not the `.md` file: mdBook would rewrite a link to a
        // `.md` into one to a page of the book.
        let link = page::relative_path(&built_at, readme_path.parent().unwrap_or(&course.root));
        let label = match edition {
            Edition::English => "This page is made from ",
            Edition::Chinese => "本页的源文件：",
        };
        let footer = format!(
            "\n<!-- i18n:skip -->\n\n<p class=\"page-source\">{label}<a class=\"page-source\" href=\"{}\"><code>{source_rel}</code></a></p>\n",
            link.display()
        );
        // The way through the chapter goes under the page's title.
        let markdown = match (nav, made.markdown.split_once('\n')) {
            (Some(nav), Some((title, rest))) => format!("{title}\n\n{nav}\n{rest}"),
            _ => made.markdown,
        } + &footer;
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
    if let Some(title) = put(GLOSSARY, "glossary.md", None, &[], None, &mut problems) {
        let _ = writeln!(summary, "[{title}](glossary.md)\n");
    }
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
    let exercises = exercises_page(course, &site, edition, po);
    if let Err(e) = fs::write(src.join("exercises.md"), &exercises) {
        problems.push(format!("exercises.md: {e}"));
    }
    let exercises_title = exercises
        .lines()
        .find(|l| l.starts_with("# "))
        .unwrap_or("# Exercises");
    let _ = write!(
        summary,
        "\n---\n\n[{}](exercises.md)\n",
        exercises_title.trim_start_matches("# ")
    );
    if edition == Edition::English {
        put(
            "CONTRIBUTING.md",
            "contributing.md",
            None,
            &[],
            None,
            &mut problems,
        );
        summary.push_str("[Contributing to the course](contributing.md)\n");
    }
    let files = [
        ("src/SUMMARY.md", summary),
        ("book.toml", book_toml(edition, tools, po)),
        ("course.js", SCRIPT.to_string()),
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
            // The exercises page is the one not made from a README.
            pages: pages + 1,
        })
    } else {
        Err(problems)
    }
}

/// The page that explains the course's own words.
const GLOSSARY: &str = "lessons/GLOSSARY.md";

/// A page listing every exercise of the course by chapter and lesson, each
/// linked to its place on its lesson's page. Written in each edition's
/// language, titles included (the Chinese ones from the translation).
fn exercises_page(course: &Course, site: &Site, edition: Edition, po: &Path) -> String {
    let translations = match edition {
        Edition::English => BTreeMap::new(),
        Edition::Chinese => super::i18n::translations(po),
    };
    let said = |english: &str| -> String {
        translations
            .get(english)
            .cloned()
            .unwrap_or_else(|| english.to_string())
    };
    let skip = match edition {
        Edition::English => "",
        Edition::Chinese => "<!-- i18n:skip -->\n\n",
    };
    let mut page = match edition {
        Edition::English => String::from(
            "# Exercises\n\nEvery exercise of the course, chapter by chapter. Each changes one of \
             its lesson's programs in a copy of your own; `cargo xtask exercise` lists them with \
             the ones you have passed, and the lesson's page has its prediction, hint and \
             solution.\n\n",
        ),
        Edition::Chinese => String::from(
            "<!-- i18n:skip -->\n\n# 练习\n\n<!-- i18n:skip -->\n\n本课程的全部练习，按章排列。每个练习都在你自己的副本里修改所在课的一个程序；\
             `cargo xtask exercise` 会列出它们，并标出你已经通过的；每个练习的预测、提示和参考答案都在所在课的页面上。\n\n",
        ),
    };
    for (chapter, lessons) in chapters(course) {
        let readme =
            fs::read_to_string(course.root.join("lessons").join(&chapter).join("README.md"))
                .unwrap_or_default();
        let title = readme
            .lines()
            .next()
            .map(|l| l.trim_start_matches("# ").to_string())
            .unwrap_or_else(|| chapter.clone());
        let _ = write!(page, "{skip}## {}\n\n", said(&title));
        for lesson in lessons.iter().filter(|l| !l.exercises.is_empty()) {
            let path = &site.packages[&lesson.name];
            let links: Vec<String> = lesson
                .exercises
                .iter()
                .enumerate()
                .map(|(i, e)| {
                    let heading = format!("{}. {}", i + 1, e.title);
                    format!("[{}]({path}#{})", said(&heading), heading_id(&heading))
                })
                .collect();
            let _ = write!(
                page,
                "{skip}- [`{}`]({path}#{}): {}\n\n",
                lesson.name,
                heading_id("Exercises"),
                links.join(" · ")
            );
        }
    }
    page
}

/// The id mdBook gives a heading whose Markdown text is `text` (the first
/// of its name on the page): lower case, spaces as `-`, punctuation dropped.
pub fn heading_id(text: &str) -> String {
    text.replace('`', "")
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| {
            if c.is_alphanumeric() || c == '_' || c == '-' {
                Some(c)
            } else if c.is_whitespace() {
                Some('-')
            } else {
                None
            }
        })
        .collect()
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
    // In Chinese, a query's pairs of characters must all be in a section:
    // 进程池 is 进程 and 程池 together, not any page about processes.
    let chinese = edition == Edition::Chinese;
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
additional-js = ["course.js"]
additional-css = ["course.css"]
site-url = "{site_url}"

# Search: sections split at every heading down to an exercise's; titles
# weigh most (`cargo xtask book` then rebuilds the index; see search.rs).
[output.html.search]
heading-split-level = 3
boost-title = 3
boost-hierarchy = 2
boost-paragraph = 1
use-boolean-and = {chinese}

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
