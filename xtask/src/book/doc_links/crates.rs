//! The crates the course builds, as `cargo metadata` resolves them: which
//! come from crates.io and at which exact version (docs.rs keeps every
//! version's documentation, so a link names the one the course builds), and
//! which names are the workspace's own packages (the course's crates, which
//! docs.rs does not have).

use std::path::Path;
use std::process::Command;

use serde::Deserialize;

/// The packages of the resolved workspace.
#[derive(Debug, Default, Clone)]
pub struct Crates {
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
    /// The versions of what it depends on, by package name, for the
    /// workspace's own packages.
    dependencies: Vec<(String, String)>,
}

#[derive(Deserialize)]
struct Metadata {
    packages: Vec<MetaPackage>,
    resolve: Option<Resolve>,
}

#[derive(Deserialize)]
struct MetaPackage {
    id: String,
    name: String,
    version: String,
    source: Option<String>,
}

#[derive(Deserialize)]
struct Resolve {
    nodes: Vec<Node>,
}

#[derive(Deserialize)]
struct Node {
    id: String,
    deps: Vec<NodeDep>,
}

#[derive(Deserialize)]
struct NodeDep {
    pkg: String,
}

/// A crate name as code writes it: `ipc-channel` and `ipc_channel` are one.
fn lib_name(name: &str) -> String {
    name.replace('-', "_")
}

impl Crates {
    /// Asks `cargo metadata` about the workspace at `root`, resolved for
    /// the machine it runs on.
    pub fn load(root: &Path) -> Result<Self, String> {
        let host = Command::new("rustc")
            .arg("-vV")
            .output()
            .ok()
            .and_then(|o| {
                String::from_utf8_lossy(&o.stdout)
                    .lines()
                    .find_map(|l| l.strip_prefix("host: ").map(str::to_string))
            })
            .ok_or("could not ask rustc which machine this is (`rustc -vV`)")?;
        let output = crate::model::course::cargo_metadata(root, &["--filter-platform", &host])?;
        Self::from_metadata(&output)
    }

    /// Reads `cargo metadata`'s JSON (with its `resolve`).
    pub fn from_metadata(json: &[u8]) -> Result<Self, String> {
        let metadata: Metadata = serde_json::from_slice(json)
            .map_err(|e| format!("could not read cargo metadata's output: {e}"))?;
        let resolve = metadata
            .resolve
            .ok_or("cargo metadata resolved no dependencies (was it run with --no-deps?)")?;
        let by_id = |id: &str| metadata.packages.iter().find(|p| p.id == id);
        let packages = metadata
            .packages
            .iter()
            .map(|p| {
                let registry = p
                    .source
                    .as_deref()
                    .is_some_and(|s| s.starts_with("registry+") || s.starts_with("sparse+"));
                let dependencies = resolve
                    .nodes
                    .iter()
                    .find(|n| n.id == p.id)
                    .map(|n| {
                        n.deps
                            .iter()
                            .filter_map(|d| by_id(&d.pkg))
                            .map(|d| (d.name.clone(), d.version.clone()))
                            .collect()
                    })
                    .unwrap_or_default();
                Package {
                    name: p.name.clone(),
                    version: p.version.clone(),
                    registry,
                    local: p.source.is_none(),
                    dependencies,
                }
            })
            .collect();
        Ok(Crates { packages })
    }

    /// Whether `name` (`-` or `_`) is a crates.io crate of the workspace.
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
                "the workspace has no crates.io package `{lib}`, so the book cannot link its documentation."
            ));
        };
        if found.len() == 1 {
            return Ok((&first.name, &first.version));
        }
        // Several versions resolved (nix 0.30 for a dependency, 0.31 for the
        // course): the one the workspace's own packages depend on is the one
        // the lessons use.
        let mut wanted: Vec<&str> = self
            .packages
            .iter()
            .filter(|p| p.local)
            .flat_map(|p| &p.dependencies)
            .filter(|(name, _)| *name == first.name)
            .map(|(_, version)| version.as_str())
            .collect();
        wanted.sort();
        wanted.dedup();
        match wanted.as_slice() {
            [version] => Ok((&first.name, version)),
            _ => Err(format!(
                "the workspace has {} versions of `{}` and its own packages depend on {} of them, so the book cannot tell which one's documentation to link.",
                found.len(),
                first.name,
                wanted.len()
            )),
        }
    }
}
