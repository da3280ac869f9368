//! The dictionary of [`super`]: every item the mapping tables name, as they
//! write it, and the path of its page (and anchor, for a method or a
//! variant) under its crate's documentation. A path's first segment is the
//! crate: `std` for doc.rust-lang.org, a crates.io library name (with `_`)
//! for docs.rs, whose version Cargo.lock gives.
//!
//! A bare name with several meanings has one entry per crate; the table
//! chooses by the crates it names (see [`super`]). The tests check that
//! every page and anchor exists in the local documentation, and that each
//! entry is still needed by some table.

/// `(as the tables write it, path under the documentation's root)`.
pub const ITEMS: &[(&str, &str)] = &[
    // std: types, traits and their variants.
    ("Arc", "std/sync/struct.Arc.html"),
    ("AtomicBool", "std/sync/atomic/struct.AtomicBool.html"),
    ("AtomicU32", "std/sync/atomic/struct.AtomicU32.html"),
    ("Cell", "std/cell/struct.Cell.html"),
    ("Child", "std/process/struct.Child.html"),
    ("Drop", "std/ops/trait.Drop.html"),
    ("Err", "std/result/enum.Result.html#variant.Err"),
    ("ExitStatus", "std/process/struct.ExitStatus.html"),
    ("Future", "std/future/trait.Future.html"),
    ("Iterator", "std/iter/trait.Iterator.html"),
    ("JoinHandle", "std/thread/struct.JoinHandle.html"),
    ("Mutex", "std/sync/struct.Mutex.html"),
    ("None", "std/option/enum.Option.html#variant.None"),
    ("Ok", "std/result/enum.Result.html#variant.Ok"),
    ("Option", "std/option/enum.Option.html"),
    (
        "Ordering::Relaxed",
        "std/sync/atomic/enum.Ordering.html#variant.Relaxed",
    ),
    (
        "Relaxed",
        "std/sync/atomic/enum.Ordering.html#variant.Relaxed",
    ),
    ("RefCell", "std/cell/struct.RefCell.html"),
    ("Result", "std/result/enum.Result.html"),
    ("Some", "std/option/enum.Option.html#variant.Some"),
    ("String", "std/string/struct.String.html"),
    ("Vec", "std/vec/struct.Vec.html"),
    ("io::Result", "std/io/type.Result.html"),
    ("std::process::Child", "std/process/struct.Child.html"),
    // std: functions, methods and macros.
    ("Command::new", "std/process/struct.Command.html#method.new"),
    ("File::lock", "std/fs/struct.File.html#method.lock"),
    ("Mutex::new", "std/sync/struct.Mutex.html#method.new"),
    ("Stdio::piped", "std/process/struct.Stdio.html#method.piped"),
    ("assert_eq!", "std/macro.assert_eq.html"),
    ("std::net", "std/net/index.html"),
    ("std::process::id", "std/process/fn.id.html"),
    ("std::thread::current", "std/thread/fn.current.html"),
    ("std::thread::scope", "std/thread/fn.scope.html"),
    ("std::thread::sleep", "std/thread/fn.sleep.html"),
    ("std::thread::spawn", "std/thread/fn.spawn.html"),
    (
        "thread::Builder::new",
        "std/thread/struct.Builder.html#method.new",
    ),
    ("thread::current", "std/thread/fn.current.html"),
    ("thread::spawn", "std/thread/fn.spawn.html"),
    ("thread_local!", "std/macro.thread_local.html"),
    // crossbeam-channel
    ("crossbeam-channel", "crossbeam_channel/index.html"),
    (
        "crossbeam_channel::bounded",
        "crossbeam_channel/fn.bounded.html",
    ),
    (
        "crossbeam_channel::unbounded",
        "crossbeam_channel/fn.unbounded.html",
    ),
    // generator
    ("Generator", "generator/type.Generator.html"),
    (
        "Gn::new_scoped",
        "generator/struct.Gn.html#method.new_scoped",
    ),
    // ipc-channel
    ("IpcReceiver", "ipc_channel/ipc/struct.IpcReceiver.html"),
    ("IpcSender", "ipc_channel/ipc/struct.IpcSender.html"),
    ("ipc-channel", "ipc_channel/index.html"),
    (
        "ipc_channel::ipc::channel",
        "ipc_channel/ipc/fn.channel.html",
    ),
    // loom
    (
        "Builder::check",
        "loom/model/struct.Builder.html#method.check",
    ),
    ("Mutex", "loom/sync/struct.Mutex.html"),
    ("loom::sync::Arc", "loom/sync/struct.Arc.html"),
    ("loom::sync::Mutex", "loom/sync/struct.Mutex.html"),
    ("loom::thread::spawn", "loom/thread/fn.spawn.html"),
    // may
    ("JoinHandle", "may/coroutine/struct.JoinHandle.html"),
    ("go!", "may/macro.go.html"),
    ("may::config", "may/fn.config.html"),
    ("may::coroutine::sleep", "may/coroutine/fn.sleep.html"),
    ("may::go!", "may/macro.go.html"),
    ("may::net::TcpStream", "may/net/struct.TcpStream.html"),
    ("may::sync::Semphore", "may/sync/struct.Semphore.html"),
    ("may::sync::mpsc", "may/sync/mpsc/index.html"),
    // nix
    ("ForkResult", "nix/unistd/enum.ForkResult.html"),
    (
        "ForkResult::Child",
        "nix/unistd/enum.ForkResult.html#variant.Child",
    ),
    (
        "ForkResult::Parent",
        "nix/unistd/enum.ForkResult.html#variant.Parent",
    ),
    ("Result", "nix/type.Result.html"),
    ("nix::sys::signal::kill", "nix/sys/signal/fn.kill.html"),
    ("nix::unistd::fork", "nix/unistd/fn.fork.html"),
    ("nix::unistd::getpid", "nix/unistd/fn.getpid.html"),
    // parking_lot
    ("ReentrantMutex", "parking_lot/type.ReentrantMutex.html"),
    ("parking_lot", "parking_lot/index.html"),
    // procspawn
    ("JoinHandle", "procspawn/struct.JoinHandle.html"),
    (
        "procspawn::Pool::new",
        "procspawn/struct.Pool.html#method.new",
    ),
    ("procspawn::init", "procspawn/fn.init.html"),
    ("procspawn::spawn", "procspawn/fn.spawn.html"),
    // rayon
    ("rayon", "rayon/index.html"),
    // serde
    ("Deserialize", "serde/trait.Deserialize.html"),
    ("DeserializeOwned", "serde/de/trait.DeserializeOwned.html"),
    ("Serialize", "serde/trait.Serialize.html"),
    // tokio
    ("JoinHandle", "tokio/task/struct.JoinHandle.html"),
    (
        "tokio::runtime::Builder::new_current_thread",
        "tokio/runtime/struct.Builder.html#method.new_current_thread",
    ),
    ("tokio::spawn", "tokio/task/fn.spawn.html"),
    ("tokio::sync::mpsc", "tokio/sync/mpsc/index.html"),
    (
        "tokio::task::spawn_blocking",
        "tokio/task/fn.spawn_blocking.html",
    ),
    ("tokio::task::yield_now", "tokio/task/fn.yield_now.html"),
    ("tokio::time::sleep", "tokio/time/fn.sleep.html"),
];
