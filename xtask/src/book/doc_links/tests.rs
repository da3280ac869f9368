//! The rules of [`super`] on small examples: what a code span names, what
//! a source defines, which tables are mapping tables, what the line looks
//! like, and which version of a crate `cargo metadata` resolves. The course's own
//! tables are checked in `xtask/tests/doc_links.rs`.

use std::collections::BTreeSet;

use serde_json::json;

use super::{Crates, documentation_line, items_in, local_names, mapping_tables, url};

/// What `cargo metadata` says of a small workspace: its own packages have
/// no source; nix is in it twice, as in the course's.
fn crates() -> Crates {
    let registry = "registry+https://github.com/rust-lang/crates.io-index";
    let package = |name: &str, version: &str, source: Option<&str>| json!({"id": format!("{name} {version}"), "name": name, "version": version, "source": source});
    let metadata = json!({
        "packages": [
            package("lesson", "0.1.0", None),
            package("shared", "0.1.0", None),
            package("ipc-channel", "0.22.0", Some(registry)),
            package("may", "0.3.51", Some(registry)),
            package("nix", "0.30.1", Some(registry)),
            package("nix", "0.31.3", Some(registry)),
            package("parking_lot", "0.12.5", Some(registry)),
            package("tokio", "1.54.1", Some(registry)),
        ],
        "resolve": {"nodes": [
            {"id": "lesson 0.1.0", "deps": [
                {"pkg": "ipc-channel 0.22.0"}, {"pkg": "may 0.3.51"}, {"pkg": "nix 0.31.3"},
                {"pkg": "parking_lot 0.12.5"}, {"pkg": "shared 0.1.0"}, {"pkg": "tokio 1.54.1"},
            ]},
            {"id": "may 0.3.51", "deps": [{"pkg": "nix 0.30.1"}]},
        ]},
    });
    Crates::from_metadata(metadata.to_string().as_bytes()).expect("cargo metadata's shape")
}

#[test]
fn a_code_span_names_paths_types_macros_and_crates() {
    let crates = crates();
    let items = |code: &str| items_in(code, &crates);
    assert_eq!(items("thread::spawn(move || f(i))"), ["thread::spawn"]);
    assert_eq!(
        items("static NUM: Mutex<i64> = Mutex::new(0)"),
        ["Mutex", "Mutex::new"]
    );
    assert_eq!(items("Gn::<u32>::new_scoped(...)"), ["Gn::new_scoped"]);
    assert_eq!(
        items("thread_local! { static NAME: RefCell<String> = ... }"),
        ["thread_local!", "RefCell", "String"]
    );
    assert_eq!(items("may::go!(move || buy(i))"), ["may::go!"]);
    assert_eq!(items("ipc-channel"), ["ipc-channel"]);
    assert_eq!(items("tokio"), ["tokio"]);
    // Methods, lone calls, constants, strings, lifetimes, `!` as not, and
    // the workspace's own crates are not candidates.
    assert_eq!(items("num.lock()"), Vec::<String>::new());
    assert_eq!(items("fork() + waitpid()"), Vec::<String>::new());
    assert_eq!(items("kill(pid, SIGTERM)"), Vec::<String>::new());
    assert_eq!(
        items("thread::Builder::new().name(\"LoopThread\".into())"),
        ["thread::Builder::new"]
    );
    assert_eq!(
        items("Generator<'static, u32, Option<u32>>"),
        ["Generator", "Option"]
    );
    assert_eq!(
        items("while !is_stop.load(Ordering::Relaxed)"),
        ["Ordering::Relaxed"]
    );
    assert_eq!(
        items("shared::time::LessonClock::now()"),
        Vec::<String>::new()
    );
    assert_eq!(items("main"), Vec::<String>::new());
}

#[test]
fn local_names_are_what_the_sources_define() {
    let source = r#"//! A struct Hidden in a comment defines nothing.
        pub struct Foo { name: String }
        enum Kind { A }
        pub(crate) type Alias<'a> = &'static str;
        trait Run { fn run(&self); }
        static mut COUNT: u32 = 0;
        const fn limit() -> u32 { 3 }
        fn main() { println!("struct Quoted"); }
    "#;
    let names: Vec<String> = local_names(&[source]).into_iter().collect();
    assert_eq!(
        names,
        [
            "Alias", "COUNT", "Foo", "Kind", "Run", "limit", "main", "run"
        ]
    );
}

#[test]
fn a_table_gets_one_line_its_crates_choosing_for_bare_names() {
    let crates = crates();
    let none = BTreeSet::new();
    let table = "| Python | Rust (may) |\n|---|---|\n\
        | `gevent.spawn(f)` | `may::go!(f)`, a `JoinHandle` |\n\
        | `c.join()` | `c.join()`, a `JoinHandle` |\n\
        | `Foo` | `Mutex` |";
    let line = documentation_line(table, &none, &crates).expect("every item has a link");
    assert_eq!(
        line.as_deref(),
        Some(
            "Documentation: [`may::go!`](https://docs.rs/may/0.3.51/may/macro.go.html), \
             [`JoinHandle`](https://docs.rs/may/0.3.51/may/coroutine/struct.JoinHandle.html), \
             [`Mutex`](https://doc.rust-lang.org/1.95.0/std/sync/struct.Mutex.html)."
        )
    );
    let local: BTreeSet<String> = ["Foo".to_string()].into();
    let own = "| Python | Rust |\n|---|---|\n| `Foo()` | `Foo::new()`, a `Foo` |";
    assert_eq!(documentation_line(own, &local, &crates), Ok(None));
    let errors = documentation_line(own, &none, &crates).expect_err("`Foo` has no entry");
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(errors[0].starts_with("`Foo::new` in a mapping table has no documentation link: add it to xtask/src/book/doc_links/items.rs"));
}

#[test]
fn only_mapping_tables_outside_code_are_found() {
    let markdown = "| Python | Rust |\n|---|---|\n| `a` | `Arc` |\n\ntext\n\n\
        | the Python prints | the Rust prints | why |\n|---|---|---|\n| a | b | c |\n\n\
        ```text\n| Python | Rust |\n|---|---|\n```\n";
    let tables = mapping_tables(markdown);
    assert_eq!(tables.len(), 1);
    assert!(markdown[tables[0].clone()].ends_with("| `a` | `Arc` |"));
}

#[test]
fn a_crate_in_the_lock_twice_is_the_version_the_workspace_uses() {
    let crates = crates();
    assert_eq!(
        url("nix/unistd/fn.fork.html", &crates).as_deref(),
        Ok("https://docs.rs/nix/0.31.3/nix/unistd/fn.fork.html")
    );
    assert_eq!(
        url("ipc_channel/index.html", &crates).as_deref(),
        Ok("https://docs.rs/ipc-channel/0.22.0/ipc_channel/index.html")
    );
    assert_eq!(
        url("std/sync/struct.Mutex.html", &crates).as_deref(),
        Ok("https://doc.rust-lang.org/1.95.0/std/sync/struct.Mutex.html")
    );
    assert!(crates.is_local_package("shared") && !crates.is_registry_crate("shared"));
    assert!(url("loom/index.html", &crates).is_err());
    assert!(Crates::from_metadata(br#"{"packages": []}"#).is_err());
}

#[test]
fn a_name_two_named_crates_both_have_is_an_error() {
    let items = [
        ("JoinHandle", "may/coroutine/struct.JoinHandle.html"),
        ("JoinHandle", "tokio/task/struct.JoinHandle.html"),
        ("may::go!", "may/macro.go.html"),
        ("tokio::spawn", "tokio/task/fn.spawn.html"),
    ];
    let table =
        "| Python | Rust |\n|---|---|\n| `a` | `may::go!`, `tokio::spawn`: a `JoinHandle` |";
    let errors = super::documentation_line_with(table, &BTreeSet::new(), &crates(), &items)
        .expect_err("`JoinHandle` is ambiguous");
    assert_eq!(
        errors,
        [
            "`JoinHandle` in a mapping table could be the item of may or tokio: write it with its path in the table, or name its crate there."
        ]
    );
}
