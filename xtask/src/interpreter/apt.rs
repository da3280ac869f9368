//! CPython's Debian source packages, found and fetched through the machine's
//! own apt configuration, without changing it.
//!
//! The machine's apt knows which Debian archives it uses (`apt-get
//! indextargets`: an address, a release, the keyring that signs it). For each,
//! a private apt configuration under `target/` lists its source indices
//! (`deb-src`) for the machine's own release and for `stable`, `testing` and
//! `unstable`, with the same keyring; a private `apt-get update` fetches them,
//! checking every index against the archive's signature, and `apt-get source
//! --download-only` fetches a package, checking every file against the
//! index. Nothing names a mirror: the address is the machine's. The
//! machine's own sources, lists and cache are not touched.

use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The suites searched besides the machine's own release: Debian's names
/// for whatever releases are current, so nothing here needs updating when
/// Debian releases.
const SUITES: [&str; 3] = ["stable", "testing", "unstable"];

/// The first minor version of CPython that can be built without its GIL.
const FREE_THREADING_SINCE: u32 = 13;

/// A private apt configuration, in a folder of its own.
#[derive(Debug)]
pub struct Private {
    dir: PathBuf,
}

/// One source package of CPython in one suite.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// `python3.13`.
    pub package: String,
    /// `3.13.15-1`.
    pub version: String,
    /// `testing`.
    pub suite: String,
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} ({})", self.package, self.version, self.suite)
    }
}

impl Source {
    /// What orders the candidates: the minor version, then the upstream
    /// version's numbers, then the whole version.
    fn key(&self) -> (Vec<u64>, String) {
        let upstream = self.version.split('-').next().unwrap_or("");
        let numbers = upstream
            .split(|c: char| !c.is_ascii_digit())
            .filter_map(|n| n.parse().ok())
            .collect();
        (numbers, self.version.clone())
    }
}

/// One Debian archive the machine uses: where, which release, signed how.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Archive {
    uri: String,
    release: String,
    /// The `Signed-By` field of its entry, as written there (a keyring's
    /// path, or a key itself over several lines), if it has one.
    signed_by: Option<String>,
}

impl Private {
    /// Writes the private configuration into `dir` and fetches its indices.
    pub fn create(dir: &Path) -> Result<Private, String> {
        let archives = machine_archives()?;
        if archives.is_empty() {
            return Err(
                "the machine's apt configuration names no Debian archive, so there is nowhere to find CPython's source; this command needs a Debian machine (or `deb` entries for Debian in /etc/apt/sources.list.d/)".into(),
            );
        }
        for sub in ["lists/partial", "cache/archives/partial", "sources"] {
            fs::create_dir_all(dir.join(sub))
                .map_err(|e| format!("{}: {e}", dir.join(sub).display()))?;
        }
        let sources = dir.join("sources").join("cpython.sources");
        fs::write(&sources, deb_src_entries(&archives))
            .map_err(|e| format!("{}: {e}", sources.display()))?;
        let private = Private {
            dir: dir.to_path_buf(),
        };
        let update = private.apt_get(&["update"], dir)?;
        // A suite that fails to update (one an archive lacks) leaves the
        // others usable; no index at all is the failure.
        if private.index_files()?.is_empty() {
            return Err(format!(
                "apt could not fetch any Debian source index (is the network reachable?):\n{}",
                errors(&update)
            ));
        }
        Ok(private)
    }

    /// apt's options that make it use this configuration, and only it.
    fn options(&self) -> Vec<String> {
        let d = |sub: &str| self.dir.join(sub).display().to_string();
        vec![
            "-o".into(),
            "Dir::Etc::SourceList=/dev/null".into(),
            "-o".into(),
            format!("Dir::Etc::SourceParts={}", d("sources")),
            "-o".into(),
            format!("Dir::State::Lists={}", d("lists")),
            "-o".into(),
            format!("Dir::Cache={}", d("cache")),
        ]
    }

    fn apt_get(&self, args: &[&str], dir: &Path) -> Result<Output, String> {
        Command::new("apt-get")
            .args(self.options())
            .args(args)
            .current_dir(dir)
            .stdin(Stdio::null())
            .output()
            .map_err(|e| format!("could not run apt-get: {e}"))
    }

    /// The source indices fetched, with the suite of each.
    fn index_files(&self) -> Result<Vec<(PathBuf, String)>, String> {
        let output = Command::new("apt-get")
            .args(self.options())
            .args([
                "indextargets",
                "--format",
                "$(FILENAME)\t$(RELEASE)",
                "Created-By: Sources",
            ])
            .output()
            .map_err(|e| format!("could not run apt-get indextargets: {e}"))?;
        Ok(String::from_utf8_lossy(&output.stdout)
            .lines()
            .filter_map(|l| l.split_once('\t'))
            .map(|(file, suite)| (PathBuf::from(file), suite.to_string()))
            .filter(|(file, _)| file.exists())
            .collect())
    }

    /// Every source package of a CPython that can be built without its GIL,
    /// newest first.
    pub fn cpython_sources(&self) -> Result<Vec<Source>, String> {
        let mut found: Vec<Source> = Vec::new();
        for (file, suite) in self.index_files()? {
            // apt keeps its indices compressed; its helper reads any of them.
            let output = Command::new("/usr/lib/apt/apt-helper")
                .arg("cat-file")
                .arg(&file)
                .output()
                .map_err(|e| format!("could not run apt-helper to read {}: {e}", file.display()))?;
            for source in cpython_in_index(&String::from_utf8_lossy(&output.stdout), &suite) {
                if !found
                    .iter()
                    .any(|f| f.package == source.package && f.version == source.version)
                {
                    found.push(source);
                }
            }
        }
        found.sort_by_key(|s| std::cmp::Reverse(s.key()));
        if found.is_empty() {
            return Err(format!(
                "no Debian suite the machine's archives offer ({}) has CPython 3.{FREE_THREADING_SINCE} or newer, the first that can be built without its GIL",
                SUITES.join(", ")
            ));
        }
        Ok(found)
    }

    /// Downloads the first of `candidates` the archive really serves (an
    /// index may list files a mirror no longer has) into `into`; returns it,
    /// and a word on each newer one that could not be had.
    pub fn download_newest(
        &self,
        candidates: &[Source],
        into: &Path,
    ) -> Result<(Source, Vec<String>), String> {
        let mut refused = Vec::new();
        for source in candidates {
            let _ = fs::remove_dir_all(into);
            fs::create_dir_all(into).map_err(|e| format!("{}: {e}", into.display()))?;
            let wanted = format!("{}={}", source.package, source.version);
            let output = self.apt_get(&["source", "--download-only", "-q", &wanted], into)?;
            if output.status.success() {
                return Ok((source.clone(), refused));
            }
            refused.push(format!("{source}: {}", short_reason(&output)));
        }
        Err(format!(
            "apt could download none of CPython's source packages:\n  {}\nA 404 means the mirror lacks a file its index lists: try again later, or from another network.",
            refused.join("\n  ")
        ))
    }
}

/// The Debian archives the machine's apt uses, by its own account: main
/// archives only (not `-updates` or `-security`, which carry no new CPython).
fn machine_archives() -> Result<Vec<Archive>, String> {
    let output = Command::new("apt-get")
        .args([
            "indextargets",
            "--format",
            "$(ORIGIN)\t$(REPO_URI)\t$(RELEASE)\t$(TARGET_OF)\t$(SOURCESENTRY)",
        ])
        .output()
        .map_err(|e| {
            format!("could not run apt-get ({e}): this command needs a Debian machine with apt")
        })?;
    let mut archives: Vec<Archive> = Vec::new();
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        let fields: Vec<&str> = line.split('\t').collect();
        let [origin, uri, release, target_of, entry] = fields.as_slice() else {
            continue;
        };
        // Before the machine's first `apt-get update` the origin is unknown.
        let debian = *origin == "Debian" || origin.is_empty();
        if !debian || *target_of != "deb" || release.contains('-') || release.contains('/') {
            continue;
        }
        let archive = Archive {
            uri: uri.to_string(),
            release: release.to_string(),
            signed_by: signed_by(entry),
        };
        if !archives.contains(&archive) {
            archives.push(archive);
        }
    }
    Ok(archives)
}

/// The `Signed-By` of the sources entry apt names `file:n` (a deb822
/// stanza's number, or a one-line entry's line number), if it has one.
fn signed_by(entry: &str) -> Option<String> {
    let (file, n) = entry.rsplit_once(':')?;
    let n: usize = n.parse().ok()?;
    let text = fs::read_to_string(file).ok()?;
    if file.ends_with(".sources") {
        signed_by_in_stanza(&text, n)
    } else {
        let line = text.lines().nth(n.checked_sub(1)?)?;
        let options = line.split_once('[')?.1.split_once(']')?.0;
        options
            .split_whitespace()
            .find_map(|o| o.strip_prefix("signed-by="))
            .map(str::to_string)
    }
}

/// The `Signed-By` field, with its continuation lines, of the `n`th stanza
/// (from 1) of a deb822 file.
fn signed_by_in_stanza(text: &str, n: usize) -> Option<String> {
    let mut stanzas: Vec<Vec<&str>> = vec![Vec::new()];
    for line in text.lines() {
        if line.starts_with('#') {
            continue;
        }
        if line.trim().is_empty() {
            if stanzas.last().is_some_and(|s| !s.is_empty()) {
                stanzas.push(Vec::new());
            }
        } else if let Some(last) = stanzas.last_mut() {
            last.push(line);
        }
    }
    let stanza = stanzas.get(n.checked_sub(1)?)?;
    let at = stanza
        .iter()
        .position(|l| l.to_ascii_lowercase().starts_with("signed-by:"))?;
    let mut field = stanza[at]["signed-by:".len()..].trim().to_string();
    for more in stanza[at + 1..]
        .iter()
        .take_while(|l| l.starts_with([' ', '\t']))
    {
        field.push('\n');
        field.push_str(more);
    }
    Some(field)
}

/// The private configuration's entries: each archive's sources, for its own
/// release and Debian's current ones.
fn deb_src_entries(archives: &[Archive]) -> String {
    let mut text = String::from(
        "# Written by `cargo xtask python --free-threaded` from the machine's own apt\n# configuration: its Debian archives' source indices. Not the machine's.\n",
    );
    for archive in archives {
        let mut suites = vec![archive.release.as_str()];
        suites.extend(SUITES.iter().filter(|s| **s != archive.release));
        text.push_str(&format!(
            "\nTypes: deb-src\nURIs: {}\nSuites: {}\nComponents: main\n",
            archive.uri,
            suites.join(" ")
        ));
        if let Some(signed_by) = &archive.signed_by {
            text.push_str(&format!("Signed-By: {signed_by}\n"));
        }
    }
    text
}

/// The CPython source packages (`python3.N`, N at least 13) in one suite's
/// `Sources` index.
fn cpython_in_index(index: &str, suite: &str) -> Vec<Source> {
    let mut found = Vec::new();
    for stanza in index.split("\n\n") {
        let field = |name: &str| {
            stanza
                .lines()
                .find_map(|l| l.strip_prefix(name))
                .map(str::trim)
        };
        let (Some(package), Some(version)) = (field("Package:"), field("Version:")) else {
            continue;
        };
        let minor = package
            .strip_prefix("python3.")
            .and_then(|m| m.parse::<u32>().ok());
        if minor.is_some_and(|m| m >= FREE_THREADING_SINCE) {
            found.push(Source {
                package: package.to_string(),
                version: version.to_string(),
                suite: suite.to_string(),
            });
        }
    }
    found
}

/// apt's error lines (`E: …`), or its whole output when it printed none.
pub fn errors(output: &Output) -> String {
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    let errors: Vec<&str> = text.lines().filter(|l| l.starts_with("E:")).collect();
    if errors.is_empty() {
        text.trim().to_string()
    } else {
        errors.join("\n")
    }
}

/// Why a download failed, in a few words: `404 Not Found`, or apt's first error.
fn short_reason(output: &Output) -> String {
    let all = errors(output);
    if all.contains("404") {
        return "404 Not Found".into();
    }
    all.lines()
        .next()
        .unwrap_or("apt failed")
        .trim_start_matches("E: ")
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cpython_sources_are_read_from_an_index_and_ordered_newest_first() {
        let index = "Package: python3.11\nVersion: 3.11.2-6\n\nPackage: python3.13\nBinary: x\nVersion: 3.13.15-1\n\nPackage: python3.14\nVersion: 3.14.9-1\n\nPackage: python3.14\nVersion: 3.14.10-1\n\nPackage: python3-defaults\nVersion: 3.13.5-1\n";
        let mut found = cpython_in_index(index, "testing");
        let names: Vec<String> = found.iter().map(|s| s.to_string()).collect();
        assert_eq!(
            names,
            [
                "python3.13 3.13.15-1 (testing)",
                "python3.14 3.14.9-1 (testing)",
                "python3.14 3.14.10-1 (testing)"
            ]
        );
        found.sort_by_key(|s| std::cmp::Reverse(s.key()));
        assert_eq!(found[0].version, "3.14.10-1");
        assert_eq!(found[2].version, "3.13.15-1");
    }

    #[test]
    fn signed_by_is_read_from_a_stanza_or_a_line() {
        let deb822 = "Types: deb\n# a comment\nURIs: http://example.org/debian\nSigned-By: /k.gpg\n\nTypes: deb\nSigned-By:\n -----BEGIN PGP PUBLIC KEY BLOCK-----\n .\n abc\nComponents: main\n";
        assert_eq!(signed_by_in_stanza(deb822, 1).as_deref(), Some("/k.gpg"));
        assert_eq!(
            signed_by_in_stanza(deb822, 2).as_deref(),
            Some("\n -----BEGIN PGP PUBLIC KEY BLOCK-----\n .\n abc")
        );
        assert_eq!(signed_by_in_stanza(deb822, 3), None);
    }

    #[test]
    fn the_private_entries_add_debians_current_releases() {
        let text = deb_src_entries(&[Archive {
            uri: "http://example.org/debian/".into(),
            release: "bookworm".into(),
            signed_by: Some("/k.gpg".into()),
        }]);
        assert!(text.contains(
            "Types: deb-src\nURIs: http://example.org/debian/\nSuites: bookworm stable testing unstable\nComponents: main\nSigned-By: /k.gpg\n"
        ));
    }
}
