//! Cargo.lock, read for what the links need: which crates come from
//! crates.io and at which exact version (docs.rs keeps every version's
//! documentation, so a link names the one the course builds), and which
//! names are the workspace's own packages (the course's crates, which
//! docs.rs does not have). A few lines of string handling do: the lockfile is
//! written by cargo in one layout, and xtask takes no TOML parser for it.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

/// The packages of a Cargo.lock.
#[derive(Debug, Default, Clone)]
pub struct Lockfile {
    packages: Vec<Package>,
}

#[derive(Debug, Default, Clone)]
struct Package {
    name: String,
    version: String,
    /// Only a crates.io package has its documentation on docs.rs.
    registry: bool,
    /// A workspace member's or a path dependency's package has no source.
    local: bool,
    /// As Cargo.lock writes them: `name`, or `name version` when several
    /// versions of the crate are in the lock.
    dependencies: Vec<String>,
}

/// A crate name as code writes it: `ipc-channel` and `ipc_channel` are one.
fn lib_name(name: &str) -> String {
    name.replace('-', "_")
}

fn unquote(value: &str) -> String {
    value
        .trim()
        .trim_end_matches(',')
        .trim_matches('"')
        .to_string()
}

impl Lockfile {
    pub fn read(path: &Path) -> Result<Self, String> {
        let text = fs::read_to_string(path)
            .map_err(|e| format!("Cannot read {}: {e}.", path.display()))?;
        Self::parse(&text).map_err(|e| format!("{}: {e}", path.display()))
    }

    pub fn parse(text: &str) -> Result<Self, String> {
        let mut packages: Vec<Package> = Vec::new();
        let mut current: Option<Package> = None;
        let mut in_dependencies = false;
        for line in text.lines().map(str::trim) {
            if in_dependencies {
                if line.starts_with(']') {
                    in_dependencies = false;
                } else if let Some(package) = current.as_mut() {
                    package.dependencies.push(unquote(line));
                }
                continue;
            }
            if line.starts_with('[') {
                packages.extend(current.take());
                if line == "[[package]]" {
                    current = Some(Package {
                        local: true,
                        ..Package::default()
                    });
                }
                continue;
            }
            let (Some(package), Some((key, value))) = (current.as_mut(), line.split_once(" = "))
            else {
                continue;
            };
            match key {
                "name" => package.name = unquote(value),
                "version" => package.version = unquote(value),
                "source" => {
                    package.local = false;
                    let source = unquote(value);
                    package.registry =
                        source.starts_with("registry+") || source.starts_with("sparse+");
                }
                "dependencies" => {
                    let list = value.trim_start_matches('[');
                    package.dependencies.extend(
                        list.trim_end_matches(']')
                            .split(',')
                            .map(unquote)
                            .filter(|d| !d.is_empty()),
                    );
                    in_dependencies = !value.contains(']');
                }
                _ => {}
            }
        }
        packages.extend(current);
        if packages.is_empty() {
            return Err("it lists no [[package]], so it is not a Cargo.lock.".to_string());
        }
        Ok(Lockfile { packages })
    }

    /// Whether `name` (`-` or `_`) is a crates.io crate of the lock.
    pub fn is_registry_crate(&self, name: &str) -> bool {
        let name = lib_name(name);
        self.packages
            .iter()
            .any(|p| p.registry && lib_name(&p.name) == name)
    }

    /// Whether `name` (`-` or `_`) is one of the workspace's own packages.
    pub fn is_local_package(&self, name: &str) -> bool {
        let name = lib_name(name);
        self.packages
            .iter()
            .any(|p| p.local && lib_name(&p.name) == name)
    }

    /// The package name (as published, `ipc-channel`, `parking_lot`) and the
    /// exact version of the crates.io crate whose library is `lib`.
    pub fn docs_rs_crate(&self, lib: &str) -> Result<(&str, &str), String> {
        let lib = lib_name(lib);
        let found: Vec<&Package> = self
            .packages
            .iter()
            .filter(|p| p.registry && lib_name(&p.name) == lib)
            .collect();
        let [first, ..] = found.as_slice() else {
            return Err(format!(
                "Cargo.lock has no crates.io package `{lib}`, so the book cannot link its documentation."
            ));
        };
        if found.len() == 1 {
            return Ok((&first.name, &first.version));
        }
        // Several versions in the lock (nix 0.30 for a dependency, 0.31 for
        // the course): the one the workspace's own packages depend on is the
        // one the lessons use, and the lock names it with its version.
        let wanted: BTreeSet<&str> = self
            .packages
            .iter()
            .filter(|p| p.local)
            .flat_map(|p| &p.dependencies)
            .filter_map(|d| {
                let mut words = d.split(' ');
                (words.next() == Some(first.name.as_str()))
                    .then(|| words.next())
                    .flatten()
            })
            .collect();
        match (
            wanted.len(),
            found.iter().find(|p| wanted.contains(p.version.as_str())),
        ) {
            (1, Some(package)) => Ok((&package.name, &package.version)),
            _ => Err(format!(
                "Cargo.lock has {} versions of `{}` and the workspace depends on {} of them, so the book cannot tell which one's documentation to link.",
                found.len(),
                first.name,
                wanted.len()
            )),
        }
    }
}
