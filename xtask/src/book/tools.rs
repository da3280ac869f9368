//! The book's tools, mdBook and mdbook-i18n-helpers, at pinned versions from
//! crates.io, installed once into `target/tools/` by `cargo install --locked`
//! (their own lockfiles). They are not dependencies of any package of the
//! workspace, so `cargo run -p <lesson>` and `cargo test` never build them.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The versions the book is built and tested with.
pub const MDBOOK: (&str, &str) = ("mdbook", "0.5.4");
pub const I18N_HELPERS: (&str, &str) = ("mdbook-i18n-helpers", "0.4.0");

/// Where the tools' programs are.
#[derive(Debug)]
pub struct Tools {
    pub mdbook: PathBuf,
    pub gettext: PathBuf,
    pub xgettext: PathBuf,
}

/// The tools, installed first if they are missing or of another version.
pub fn ensure(target_dir: &Path) -> Result<Tools, String> {
    let root = target_dir.join("tools");
    for (krate, version) in [MDBOOK, I18N_HELPERS] {
        if installed(&root, krate, version) {
            continue;
        }
        eprintln!(
            "book: installing {krate} {version} from crates.io into {} (once; a minute or two on two cores, cargo's progress below)",
            root.display()
        );
        let started = std::time::Instant::now();
        let status = Command::new(crate::model::cargo())
            .args(["install", "--locked", "--version"])
            .arg(format!("={version}"))
            .arg("--root")
            .arg(&root)
            .arg(krate)
            .status()
            .map_err(|e| format!("could not start cargo to install {krate}: {e}"))?;
        if !status.success() || !installed(&root, krate, version) {
            return Err(format!(
                "cargo could not install {krate} {version} (its messages are above); the book needs it"
            ));
        }
        eprintln!(
            "book: {krate} {version} installed in {:.0} s",
            started.elapsed().as_secs_f64()
        );
    }
    let bin = root.join("bin");
    Ok(Tools {
        mdbook: bin.join("mdbook"),
        gettext: bin.join("mdbook-gettext"),
        xgettext: bin.join("mdbook-xgettext"),
    })
}

/// `cargo install` records what it installed in `.crates.toml`.
fn installed(root: &Path, krate: &str, version: &str) -> bool {
    fs::read_to_string(root.join(".crates.toml"))
        .is_ok_and(|record| record.contains(&format!("\"{krate} {version} (")))
}
