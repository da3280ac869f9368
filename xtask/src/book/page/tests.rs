//! How a README becomes a page: links, includes, samples, tables.

use super::*;

fn site() -> Site {
    Site {
        root: PathBuf::from("/r"),
        pages: [
            ("", "index.md"),
            ("lessons/threads", "threads/index.md"),
            ("lessons/threads/lock", "threads/lock.md"),
            ("lessons/threads/race", "threads/race.md"),
        ]
        .into_iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect(),
        packages: [("threads-race", "threads/race.md")]
            .into_iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect(),
        edition: Edition::English,
    }
}

fn source<'a>(readme: &'a str, doc: &'a DocLine<'a>) -> Source<'a> {
    Source {
        readme,
        dir: "lessons/threads/lock",
        page: "threads/lock.md",
        written_in: Path::new("/r/target/book-src/en/src/threads"),
        package: Some("threads-lock"),
        transcripts: [("main".to_string(), "a <pid 1>".to_string())].into(),
        glosses: &[],
        doc_line: doc,
    }
}

#[test]
fn links_between_readmes_become_links_between_pages() {
    let none = |_: &str| Ok(None);
    let page = make(
        &site(),
        &source(
            "See [the race](../race/README.md#why), [the chapter](..), and [top](../../../README.md).",
            &none,
        ),
    );
    assert_eq!(
        page.markdown,
        "See [the race](../threads/race.md#why), [the chapter](../threads/index.md), and [top](../index.md).\n"
    );
}

#[test]
fn a_copy_becomes_an_include_and_a_sample_gets_its_sentence() {
    let none = |_: &str| Ok(None);
    let readme = "<!-- file: src/main.rs -->\n```rust\nold copy\n```\n\n<!-- sample: main -->\n```text\na 12\n```\n";
    let page = make(&site(), &source(readme, &none));
    assert_eq!(
        page.markdown,
        "```rust\n{{#include ../../../../../lessons/threads/lock/src/main.rs}}\n```\n\n\
         <!-- i18n:skip -->\n\n```text\na 12\n```\n\nIn another run, the process ids are different; \
         everything else is the same every time.\n"
    );
    assert_eq!(
        page.problems,
        vec!["lessons/threads/lock/README.md shows src/main.rs, which does not exist"]
    );
}

#[test]
fn a_lesson_named_by_its_package_links_to_its_page_and_a_table_gets_its_docs() {
    let doc = |_: &str| Ok(Some("Documentation: [`Mutex`](u).".to_string()));
    let readme = "Unlike `threads-race`, and `threads-lock` itself.\n\n| Python | Rust |\n|---|---|\n| a | `Mutex` |\n";
    let page = make(&site(), &source(readme, &doc));
    assert_eq!(
        page.markdown,
        "Unlike [`threads-race`](../threads/race.md), and `threads-lock` itself.\n\n\
         | Python | Rust |\n|---|---|\n| a | `Mutex` |\n\nDocumentation: [`Mutex`](u).\n"
    );
}

#[test]
fn the_chinese_documentation_line_has_chinese_punctuation() {
    assert_eq!(
        super::chinese_doc_line(
            "Documentation: [`Mutex`](https://a/Mutex), [`thread::spawn`](https://a/spawn)."
        ),
        "文档：[`Mutex`](https://a/Mutex)、[`thread::spawn`](https://a/spawn)。"
    );
}

#[test]
fn a_readme_that_says_what_the_generated_sentence_says_is_told() {
    let none = |_: &str| Ok(None);
    let readme = "Every run prints exactly this.\n\n<!-- sample: main -->\n```text\na 12\n```\n";
    let page = make(&site(), &source(readme, &none));
    assert!(
        page.problems
            .iter()
            .any(|p| p.contains("Every run prints exactly")),
        "{:?}",
        page.problems
    );
}

#[test]
fn a_table_becomes_html_that_no_translation_touches() {
    let html = super::html_table(&[
        "| measurement | model | Rust |",
        "|---|---|--:|",
        "| spawn | `process` | 1 µs<br><small>a .. b</small> |",
    ]);
    assert_eq!(
        html,
        "<table>\n<thead><tr><th>measurement</th><th>model</th><th style=\"text-align: right\">Rust</th></tr></thead>\n<tbody>\n\
         <tr><td>spawn</td><td><code>process</code></td><td style=\"text-align: right\">1 µs<br><small>a .. b</small></td></tr>\n</tbody>\n</table>\n"
    );
}
