//! Python interpreters: asking one what it is, and building the free-threaded
//! one the course compares its default build with.
//!
//! [`probe`] asks an interpreter for its version and whether its GIL is
//! enabled (`sys._is_gil_enabled()`, which Pythons before 3.13 lack: their GIL
//! always is). `verify --python --interpreter` and `bench` say which build they
//! ran, and a lesson's declared differences may hold for one build only.
//!
//! [`build_free_threaded`] builds CPython with `--disable-gil` (PEP 703; an
//! experimental build in 3.13, supported since 3.14 by PEP 779) into
//! `target/tools/python-free-threaded/`, once, from the newest Debian source
//! package of CPython the machine's own apt configuration can download
//! ([`apt`]). Each step reports on stderr as it starts and when it ends;
//! configure's and make's own output goes to a log, shown when a step fails.

pub mod apt;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// What an interpreter says of itself.
#[derive(Debug, Clone)]
pub struct Interpreter {
    /// What was run: a name on the PATH (`python3`) or a path.
    pub path: PathBuf,
    /// `3.13.15`.
    pub version: String,
    /// Built with `--disable-gil` (`Py_GIL_DISABLED`).
    pub free_threaded_build: bool,
    /// `sys._is_gil_enabled()`: a free-threaded build runs with its GIL
    /// enabled when `PYTHON_GIL=1` says so, or a C extension asks for it.
    pub gil_enabled: bool,
    /// `import gevent` works.
    pub gevent: bool,
}

/// The code [`probe`] runs: one answer per line.
const PROBE: &str = "\
import sys, sysconfig
print('.'.join(map(str, sys.version_info[:3])))
print(bool(sysconfig.get_config_var('Py_GIL_DISABLED')))
print(getattr(sys, '_is_gil_enabled', lambda: True)())
try:
    import gevent
    print(True)
except Exception:
    print(False)
";

/// Asks the interpreter at `path` (or on the PATH, by name) what it is; a
/// sentence when it cannot run, or is older than the twins need (3.9).
pub fn probe(path: &Path) -> Result<Interpreter, String> {
    let output = Command::new(path)
        .args(["-c", PROBE])
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .map_err(|e| format!("could not run {}: {e}", path.display()))?;
    let text = String::from_utf8_lossy(&output.stdout);
    let lines: Vec<&str> = text.lines().collect();
    let [version, build, gil, gevent] = lines.as_slice() else {
        return Err(format!(
            "{} did not answer as a Python 3 interpreter does (it exited with {})",
            path.display(),
            output.status
        ));
    };
    let numbers: Vec<u32> = version.split('.').filter_map(|n| n.parse().ok()).collect();
    if numbers.as_slice() < [3, 9].as_slice() {
        return Err(format!(
            "{} is Python {version}; the twins need 3.9 or newer",
            path.display()
        ));
    }
    Ok(Interpreter {
        path: path.to_path_buf(),
        version: version.to_string(),
        free_threaded_build: *build == "True",
        gil_enabled: *gil == "True",
        gevent: *gevent == "True",
    })
}

impl Interpreter {
    /// `Python 3.13.15, free-threaded build, GIL disabled`.
    pub fn describe(&self) -> String {
        let build = if self.free_threaded_build {
            "free-threaded build"
        } else {
            "default build"
        };
        let gil = if self.gil_enabled {
            "GIL enabled"
        } else {
            "GIL disabled"
        };
        format!("Python {}, {build}, {gil}", self.version)
    }
}

/// Where the free-threaded interpreter is installed, under the target folder.
pub fn free_threaded_prefix(target_dir: &Path) -> PathBuf {
    target_dir.join("tools").join("python-free-threaded")
}

/// Where it is built: the private apt state, the download, the source tree
/// and the log.
fn work_dir(target_dir: &Path) -> PathBuf {
    target_dir.join("tools").join("python-free-threaded-build")
}

/// The file, beside the interpreter, that says what was built and how long
/// it took; it is written last, so an interrupted build has none.
const STAMP: &str = "built-by-the-course.txt";

/// The free-threaded interpreter, if a build finished and it still runs with
/// its GIL disabled; with what its stamp says of the build.
pub fn installed_free_threaded(target_dir: &Path) -> Option<(Interpreter, String)> {
    let prefix = free_threaded_prefix(target_dir);
    let stamp = fs::read_to_string(prefix.join(STAMP)).ok()?;
    let bin = prefix.join("bin");
    // `make install` names it python3.13t (and python3t); python3 is not always there.
    let mut names: Vec<PathBuf> = fs::read_dir(&bin)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            name.starts_with("python3.") && name.ends_with('t') && !name.contains("-config")
        })
        .collect();
    names.sort();
    let path = names.pop()?;
    let python = probe(&path).ok()?;
    (python.free_threaded_build && !python.gil_enabled).then(|| (python, stamp.trim().to_string()))
}

/// The Debian packages CPython's build needs for what the course uses: a C
/// compiler and make, and the libraries of the standard modules the twins
/// and the costs chapter import (ctypes needs libffi; hashlib and ssl,
/// OpenSSL; the compression modules, zlib, bz2 and xz; readline and curses
/// for the interactive prompt; sqlite3 and uuid because a stdlib without them
/// surprises). Tk is left out: no twin draws a window.
pub const BUILD_DEPENDENCIES: [&str; 13] = [
    "build-essential",
    "pkg-config",
    "xz-utils",
    "libffi-dev",
    "libssl-dev",
    "zlib1g-dev",
    "libbz2-dev",
    "liblzma-dev",
    "libreadline-dev",
    "libncurses-dev",
    "libsqlite3-dev",
    "uuid-dev",
    "libexpat1-dev",
];

/// Which of [`BUILD_DEPENDENCIES`] dpkg does not have installed.
pub fn missing_dependencies() -> Result<Vec<&'static str>, String> {
    let mut missing = Vec::new();
    for package in BUILD_DEPENDENCIES {
        let output = Command::new("dpkg-query")
            .args(["-W", "-f", "${db:Status-Status}", package])
            .stderr(Stdio::null())
            .output()
            .map_err(|e| {
                format!(
                    "could not run dpkg-query ({e}): this command builds from Debian's packages, and needs a Debian machine with apt and dpkg"
                )
            })?;
        if String::from_utf8_lossy(&output.stdout).trim() != "installed" {
            missing.push(package);
        }
    }
    Ok(missing)
}

/// Whether this process runs as root, as installing packages needs.
pub fn is_root() -> bool {
    nix::unistd::geteuid().is_root()
}

/// Installs Debian packages with the machine's own apt (as root).
pub fn install_packages(packages: &[&str]) -> Result<(), String> {
    let quiet = |args: &[&str]| {
        Command::new("apt-get")
            .args(args)
            .env("DEBIAN_FRONTEND", "noninteractive")
            .output()
            .map_err(|e| format!("could not run apt-get: {e}"))
    };
    let update = quiet(&["update", "-qq"])?;
    if !update.status.success() {
        return Err(format!(
            "apt-get update failed, so the build dependencies cannot be installed:\n{}",
            apt::errors(&update)
        ));
    }
    let mut args = vec!["install", "-y", "-qq", "--no-install-recommends"];
    args.extend(packages);
    let install = quiet(&args)?;
    if !install.status.success() {
        return Err(format!(
            "apt-get could not install {}:\n{}",
            packages.join(" "),
            apt::errors(&install)
        ));
    }
    Ok(())
}

/// One step of the build, as the command reports it.
pub trait Progress {
    /// A step begins: what it does.
    fn begin(&mut self, what: &str);
    /// It ended, after `took`, with a word on how.
    fn end(&mut self, took: Duration, how: &str);
}

/// What a finished build made.
#[derive(Debug, Clone)]
pub struct Built {
    pub interpreter: Interpreter,
    /// The source package: `python3.13 3.13.15-1 (testing)`.
    pub source: String,
    /// configure, make and make install, together.
    pub build_time: Duration,
    pub stamp: String,
}

/// Finds, downloads and builds the newest CPython the machine's apt can
/// fetch, into [`free_threaded_prefix`]; every failure a sentence that says
/// what to do.
pub fn build_free_threaded(
    target_dir: &Path,
    progress: &mut dyn Progress,
) -> Result<Built, String> {
    let prefix = free_threaded_prefix(target_dir);
    let work = work_dir(target_dir);
    let jobs = std::thread::available_parallelism().map_or(2, |n| n.get());

    progress.begin("reading the Debian archives the machine's apt uses, and their source indices of stable, testing and unstable");
    let started = Instant::now();
    let private = apt::Private::create(&work.join("apt"))?;
    let candidates = private.cpython_sources()?;
    let names: Vec<String> = candidates.iter().map(|c| c.to_string()).collect();
    progress.end(
        started.elapsed(),
        &format!("CPython with free threading: {}", names.join(", ")),
    );

    progress.begin("downloading the newest of them that can be had (apt checks it against the archive's signed index)");
    let started = Instant::now();
    let download = work.join("download");
    let (chosen, refused) = private.download_newest(&candidates, &download)?;
    let mut said = format!("{chosen}");
    if !refused.is_empty() {
        said.push_str(&format!(
            "; newer, listed in an index but not to be had: {}",
            refused.join(", ")
        ));
    }
    progress.end(started.elapsed(), &said);

    progress.begin("unpacking its upstream source (the .orig tarball: CPython as released, without Debian's patches)");
    let started = Instant::now();
    let tree = unpack(&download, &work.join("src"))?;
    progress.end(started.elapsed(), &tree.display().to_string());

    let log_path = work.join("build.log");
    let log = fs::File::create(&log_path).map_err(|e| format!("{}: {e}", log_path.display()))?;
    let run = |what: &str, program: &str, args: &[String]| -> Result<(), String> {
        let out = log.try_clone().map_err(|e| e.to_string())?;
        let err = log.try_clone().map_err(|e| e.to_string())?;
        let status = Command::new(program)
            .args(args)
            .current_dir(&tree)
            .stdin(Stdio::null())
            .stdout(out)
            .stderr(err)
            .status()
            .map_err(|e| format!("could not run {what}: {e}"))?;
        if status.success() {
            return Ok(());
        }
        Err(format!(
            "{what} failed ({status}); the end of its log, {}:\n{}\nFix what it says (a missing library is a missing -dev package), then run `cargo xtask python --free-threaded` again.",
            log_path.display(),
            tail(&log_path, 25)
        ))
    };
    let building = Instant::now();
    let configure = [
        "--disable-gil".to_string(),
        format!("--prefix={}", prefix.display()),
    ];
    progress.begin(&format!("./configure {}", configure.join(" ")));
    let started = Instant::now();
    run("./configure", "./configure", &configure)?;
    let configured = started.elapsed();
    progress.end(configured, "done");

    progress.begin(&format!(
        "make -j{jobs} (the long step: some minutes on two cores)"
    ));
    let started = Instant::now();
    run("make", "make", &[format!("-j{jobs}")])?;
    let made = started.elapsed();
    progress.end(made, "done");

    progress.begin(&format!("make install, into {}", prefix.display()));
    let started = Instant::now();
    run("make install", "make", &["install".to_string()])?;
    let install = started.elapsed();
    progress.end(install, "done");
    let build_time = building.elapsed();

    // It must be what it was built to be before it is called built.
    let stamp = format!(
        "{chosen}: ./configure --disable-gil {}, make -j{jobs} {}, make install {}; {} in all",
        took(configured),
        took(made),
        took(install),
        took(build_time)
    );
    fs::write(prefix.join(STAMP), format!("{stamp}\n"))
        .map_err(|e| format!("{}: {e}", prefix.join(STAMP).display()))?;
    let Some((interpreter, _)) = installed_free_threaded(target_dir) else {
        let _ = fs::remove_file(prefix.join(STAMP));
        return Err(format!(
            "the build finished, but {} holds no interpreter that runs with its GIL disabled; its log is {}",
            prefix.join("bin").display(),
            log_path.display()
        ));
    };
    // The source tree and the objects are some hundreds of megabytes: the
    // log and apt's index stay, for the next run.
    let _ = fs::remove_dir_all(work.join("src"));
    Ok(Built {
        interpreter,
        source: chosen.to_string(),
        build_time,
        stamp,
    })
}

/// Unpacks the `.orig` tarball found in `download` into `into`, and returns
/// the source tree (its one top folder).
fn unpack(download: &Path, into: &Path) -> Result<PathBuf, String> {
    let tarball = fs::read_dir(download)
        .map_err(|e| format!("{}: {e}", download.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.contains(".orig.tar.") && !n.ends_with(".asc"))
        })
        .ok_or_else(|| {
            format!(
                "apt downloaded the source package into {}, but it has no .orig tarball",
                download.display()
            )
        })?;
    let _ = fs::remove_dir_all(into);
    fs::create_dir_all(into).map_err(|e| format!("{}: {e}", into.display()))?;
    let output = Command::new("tar")
        .arg("-xf")
        .arg(&tarball)
        .arg("-C")
        .arg(into)
        .output()
        .map_err(|e| format!("could not run tar: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "tar could not unpack {}: {}",
            tarball.display(),
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    let mut tops = fs::read_dir(into)
        .map_err(|e| format!("{}: {e}", into.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("configure").is_file());
    tops.next().ok_or_else(|| {
        format!(
            "{} unpacked into {}, but no folder in it has a configure script",
            tarball.display(),
            into.display()
        )
    })
}

/// The last `lines` lines of a file.
fn tail(path: &Path, lines: usize) -> String {
    let text = fs::read_to_string(path).unwrap_or_default();
    let all: Vec<&str> = text.lines().collect();
    all[all.len().saturating_sub(lines)..].join("\n")
}

/// `42 s`, `3 min 2 s`.
pub fn took(d: Duration) -> String {
    let secs = d.as_secs_f64();
    if secs < 10.0 {
        format!("{secs:.1} s")
    } else if secs < 60.0 {
        format!("{secs:.0} s")
    } else {
        let whole = secs.round() as u64;
        format!("{} min {} s", whole / 60, whole % 60)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_as_a_person_says_them() {
        assert_eq!(took(Duration::from_millis(1234)), "1.2 s");
        assert_eq!(took(Duration::from_secs(42)), "42 s");
        assert_eq!(took(Duration::from_secs(182)), "3 min 2 s");
    }

    #[test]
    fn python3_on_the_path_answers_the_probe() {
        let python = probe(Path::new("python3")).unwrap();
        assert!(python.version.starts_with("3."), "{python:?}");
        // A build without free threading always runs with its GIL.
        assert!(python.free_threaded_build || python.gil_enabled);
    }
}
