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
    (
        "Acquire",
        "std/sync/atomic/enum.Ordering.html#variant.Acquire",
    ),
    ("Arc", "std/sync/struct.Arc.html"),
    ("AtomicBool", "std/sync/atomic/struct.AtomicBool.html"),
    ("AtomicI32", "std/sync/atomic/struct.AtomicI32.html"),
    ("AtomicU32", "std/sync/atomic/struct.AtomicU32.html"),
    ("AtomicU64", "std/sync/atomic/struct.AtomicU64.html"),
    ("BTreeSet", "std/collections/struct.BTreeSet.html"),
    ("Cell", "std/cell/struct.Cell.html"),
    ("Child", "std/process/struct.Child.html"),
    ("Condvar", "std/sync/struct.Condvar.html"),
    ("Drop", "std/ops/trait.Drop.html"),
    ("Err", "std/result/enum.Result.html#variant.Err"),
    ("ExitStatus", "std/process/struct.ExitStatus.html"),
    ("Future", "std/future/trait.Future.html"),
    ("Iterator", "std/iter/trait.Iterator.html"),
    ("JoinHandle", "std/thread/struct.JoinHandle.html"),
    ("Mutex", "std/sync/struct.Mutex.html"),
    ("None", "std/option/enum.Option.html#variant.None"),
    ("Ok", "std/result/enum.Result.html#variant.Ok"),
    ("OnceLock", "std/sync/struct.OnceLock.html"),
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
    (
        "Release",
        "std/sync/atomic/enum.Ordering.html#variant.Release",
    ),
    ("Result", "std/result/enum.Result.html"),
    ("Some", "std/option/enum.Option.html#variant.Some"),
    ("String", "std/string/struct.String.html"),
    ("Vec", "std/vec/struct.Vec.html"),
    ("VecDeque", "std/collections/struct.VecDeque.html"),
    ("io::Result", "std/io/type.Result.html"),
    ("std::process::Child", "std/process/struct.Child.html"),
    ("std::sync::Mutex", "std/sync/struct.Mutex.html"),
    // std: functions, methods and macros.
    ("Barrier::new", "std/sync/struct.Barrier.html#method.new"),
    ("Command::new", "std/process/struct.Command.html#method.new"),
    ("File::lock", "std/fs/struct.File.html#method.lock"),
    ("Mutex::new", "std/sync/struct.Mutex.html#method.new"),
    ("Stdio::piped", "std/process/struct.Stdio.html#method.piped"),
    ("assert_eq!", "std/macro.assert_eq.html"),
    ("mpsc::channel", "std/sync/mpsc/fn.channel.html"),
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
    ("thread::park", "std/thread/fn.park.html"),
    ("thread::scope", "std/thread/fn.scope.html"),
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
    (
        "IpcSharedMemory",
        "ipc_channel/ipc/struct.IpcSharedMemory.html",
    ),
    ("ipc-channel", "ipc_channel/index.html"),
    (
        "ipc_channel::ipc::channel",
        "ipc_channel/ipc/fn.channel.html",
    ),
    // libc
    ("libc::_exit", "libc/fn._exit.html"),
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
    (
        "MapFlags::MAP_SHARED",
        "nix/sys/mman/struct.MapFlags.html#associatedconstant.MAP_SHARED",
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
    ("rayon::prelude", "rayon/prelude/index.html"),
    // serde
    ("Deserialize", "serde/trait.Deserialize.html"),
    ("DeserializeOwned", "serde/de/trait.DeserializeOwned.html"),
    ("Serialize", "serde/trait.Serialize.html"),
    // tokio
    (
        "AsyncBufReadExt::read_until",
        "tokio/io/trait.AsyncBufReadExt.html#method.read_until",
    ),
    (
        "AsyncWriteExt::shutdown",
        "tokio/io/trait.AsyncWriteExt.html#method.shutdown",
    ),
    (
        "AsyncWriteExt::write_all",
        "tokio/io/trait.AsyncWriteExt.html#method.write_all",
    ),
    (
        "AsyncBufReadExt::read_line",
        "tokio/io/trait.AsyncBufReadExt.html#method.read_line",
    ),
    ("Elapsed", "tokio/time/error/struct.Elapsed.html"),
    ("JoinHandle", "tokio/task/struct.JoinHandle.html"),
    ("JoinSet", "tokio/task/struct.JoinSet.html"),
    (
        "JoinSet::shutdown",
        "tokio/task/struct.JoinSet.html#method.shutdown",
    ),
    (
        "RecvError::Lagged",
        "tokio/sync/broadcast/error/enum.RecvError.html#variant.Lagged",
    ),
    (
        "TcpListener::bind",
        "tokio/net/struct.TcpListener.html#method.bind",
    ),
    ("broadcast::channel", "tokio/sync/broadcast/fn.channel.html"),
    (
        "JoinHandle::abort",
        "tokio/task/struct.JoinHandle.html#method.abort",
    ),
    (
        "JoinSet::join_next",
        "tokio/task/struct.JoinSet.html#method.join_next",
    ),
    ("JoinSet::new", "tokio/task/struct.JoinSet.html#method.new"),
    (
        "JoinSet::spawn",
        "tokio/task/struct.JoinSet.html#method.spawn",
    ),
    (
        "Lines::next_line",
        "tokio/io/struct.Lines.html#method.next_line",
    ),
    (
        "RecvError::Closed",
        "tokio/sync/broadcast/error/enum.RecvError.html#variant.Closed",
    ),
    (
        "TrySendError::Full",
        "tokio/sync/mpsc/error/enum.TrySendError.html#variant.Full",
    ),
    (
        "broadcast::Sender",
        "tokio/sync/broadcast/struct.Sender.html",
    ),
    (
        "broadcast::Sender::subscribe",
        "tokio/sync/broadcast/struct.Sender.html#method.subscribe",
    ),
    ("mpsc::Sender", "tokio/sync/mpsc/struct.Sender.html"),
    (
        "mpsc::Sender::try_send",
        "tokio/sync/mpsc/struct.Sender.html#method.try_send",
    ),
    ("mpsc::channel", "tokio/sync/mpsc/fn.channel.html"),
    ("oneshot::channel", "tokio/sync/oneshot/fn.channel.html"),
    ("tokio::io::simplex", "tokio/io/fn.simplex.html"),
    ("tokio::join!", "tokio/macro.join.html"),
    (
        "tokio::runtime::Builder::new_current_thread",
        "tokio/runtime/struct.Builder.html#method.new_current_thread",
    ),
    ("tokio::select!", "tokio/macro.select.html"),
    ("tokio::signal::ctrl_c", "tokio/signal/fn.ctrl_c.html"),
    ("tokio::spawn", "tokio/task/fn.spawn.html"),
    ("tokio::sync::Mutex", "tokio/sync/struct.Mutex.html"),
    ("tokio::sync::mpsc", "tokio/sync/mpsc/index.html"),
    (
        "tokio::task::spawn_blocking",
        "tokio/task/fn.spawn_blocking.html",
    ),
    ("tokio::task::yield_now", "tokio/task/fn.yield_now.html"),
    ("tokio::time::sleep", "tokio/time/fn.sleep.html"),
    ("tokio::time::timeout", "tokio/time/fn.timeout.html"),
    ("tokio::try_join!", "tokio/macro.try_join.html"),
    (
        "watch::Receiver::borrow_and_update",
        "tokio/sync/watch/struct.Receiver.html#method.borrow_and_update",
    ),
    (
        "watch::Receiver::changed",
        "tokio/sync/watch/struct.Receiver.html#method.changed",
    ),
    (
        "watch::Sender::send_replace",
        "tokio/sync/watch/struct.Sender.html#method.send_replace",
    ),
    ("watch::channel", "tokio/sync/watch/fn.channel.html"),
    // tokio-util
    (
        "CancellationToken",
        "tokio_util/sync/struct.CancellationToken.html",
    ),
    (
        "CancellationToken::cancel",
        "tokio_util/sync/struct.CancellationToken.html#method.cancel",
    ),
    (
        "CancellationToken::is_cancelled",
        "tokio_util/sync/struct.CancellationToken.html#method.is_cancelled",
    ),
    (
        "TaskTracker::close",
        "tokio_util/task/struct.TaskTracker.html#method.close",
    ),
    (
        "TaskTracker::spawn",
        "tokio_util/task/struct.TaskTracker.html#method.spawn",
    ),
    (
        "TaskTracker::wait",
        "tokio_util/task/struct.TaskTracker.html#method.wait",
    ),
];
