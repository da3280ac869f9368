//! A chat server, the chapter's capstone: every line a client sends reaches
//! every other client, as `name: text`.
//!
//! `cargo run -p async-chat -- --listen 127.0.0.1:7000` serves until Ctrl-C:
//! chat with `nc 127.0.0.1 7000` from two terminals. Without `--listen`, the
//! program plays a short conversation with itself: the server on a free port
//! of 127.0.0.1, and four clients taking turns (`async_chat::Client`).
//!
//! One task per connection, on tokio's multi-thread runtime. Its loop waits
//! for whichever comes first, a line from its client or a line for it
//! (`select!`). The lines for everyone go through one `broadcast` channel,
//! whose bound is each client's queue: a client that falls too far behind is
//! told and dropped, and nobody waits for it. Ctrl-C cancels a token that
//! every task watches, and the server waits for each to say goodbye. Past the
//! seeds: the Rust port of `python/main.py`.

use std::collections::BTreeSet;
use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use async_chat::Client;
use clap::Parser;
use shared::failure::{Failure, Result};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::broadcast::{self, error::RecvError};
use tokio::task::JoinSet;
use tokio::time::timeout;
use tokio_util::sync::CancellationToken;

/// The longest line a client may send, in bytes, not counting its newline.
const MAX_LINE: usize = 64 * 1024;
/// The longest name, in characters.
const MAX_NAME: usize = 32;
/// How long a goodbye may take: the last line out, then the client's close.
/// Real time, as are all the server's limits: they are promises to real
/// clients (Ctrl-C ends the server within a second), not moments of a lesson.
const GOODBYE: Duration = Duration::from_millis(300);
/// How long the server waits for its connections to close, once stopped.
const SHUTDOWN: Duration = Duration::from_millis(700);

#[derive(Parser)]
#[command(about = "A chat server: every line a client sends reaches every other client")]
struct Cli {
    /// Serve on HOST:PORT until Ctrl-C (port 0 picks a free port). Without
    /// it, the program plays a scripted conversation with itself.
    #[arg(long, value_name = "HOST:PORT")]
    listen: Option<String>,
    /// How many lines a client may fall behind before it is dropped (tokio
    /// rounds it up to a power of two).
    #[arg(long, default_value_t = 256, value_parser = queue_size)]
    queue: usize,
    /// Seconds a client may take to accept a line before it is dropped as
    /// one that stopped reading.
    #[arg(long, default_value_t = 10.0, value_parser = seconds)]
    write_timeout: f64,
}

fn queue_size(text: &str) -> Result<usize, String> {
    match text.trim().parse() {
        Ok(n) if (1..=65_536).contains(&n) => Ok(n),
        _ => Err("expected a whole number of lines from 1 to 65536".to_string()),
    }
}

fn seconds(text: &str) -> Result<f64, String> {
    // `contains` is false for NaN and the infinities, which `Duration` refuses.
    match text.trim().parse() {
        Ok(secs) if (0.1..=3600.0).contains(&secs) => Ok(secs),
        _ => Err("expected a number of seconds from 0.1 to 3600".to_string()),
    }
}

/// What every connection shares.
struct Room {
    /// Who is here. A std `Mutex`: each use is a few instructions, and none
    /// holds it across an `.await`.
    names: Mutex<BTreeSet<String>>,
    /// Each line for everyone goes in once; every member holds a receiver.
    lines: broadcast::Sender<Line>,
    write_timeout: Duration,
}

/// A line for every member but the one who sent it.
#[derive(Clone)]
struct Line {
    from: Arc<str>,
    text: Arc<str>,
}

impl Room {
    fn new(queue: usize, write_timeout: Duration) -> Room {
        // The channel keeps the last `queue` lines; a receiver further behind
        // than that gets `Lagged` instead of the next line.
        let (lines, _) = broadcast::channel(queue);
        Room {
            names: Mutex::new(BTreeSet::new()),
            lines,
            write_timeout,
        }
    }

    /// Takes `name` if nobody has it: then the lines to come, and who else
    /// is here.
    fn join(&self, name: &str) -> Option<(broadcast::Receiver<Line>, Vec<String>)> {
        let mut names = self.names.lock().unwrap_or_else(PoisonError::into_inner);
        if !names.insert(name.to_string()) {
            return None;
        }
        let others = names.iter().filter(|n| *n != name).cloned().collect();
        drop(names);
        // Subscribed before anyone hears of it: nothing said from now on is missed.
        let lines = self.lines.subscribe();
        println!("server: {name} joined");
        self.publish(name, format!("* {name} joined"));
        Some((lines, others))
    }

    fn leave(&self, name: &str, ending: Ending) {
        let mut names = self.names.lock().unwrap_or_else(PoisonError::into_inner);
        names.remove(name);
        drop(names);
        // At shutdown the server speaks once for everyone.
        if let Some(log) = ending.log() {
            println!("server: {name} {log}");
            self.publish(name, format!("* {name} left"));
        }
    }

    fn publish(&self, from: &str, text: String) {
        // `send` fails only when nobody holds a receiver: nobody to tell.
        let _ = self.lines.send(Line {
            from: from.into(),
            text: text.into(),
        });
    }
}

/// Why a connection ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ending {
    Left,
    Broken,
    TooLong,
    TooSlow,
    NotReading,
    Shutdown,
}

impl Ending {
    /// What the server logs after the client's name (nothing at shutdown).
    fn log(self) -> Option<String> {
        Some(match self {
            Ending::Left => "left".to_string(),
            Ending::Broken => "left (the connection broke)".to_string(),
            Ending::TooLong => {
                format!("sent more than {MAX_LINE} bytes without a newline; disconnected")
            }
            Ending::TooSlow => "fell too far behind; dropped".to_string(),
            Ending::NotReading => "stopped reading; dropped".to_string(),
            Ending::Shutdown => return None,
        })
    }

    /// The last line the client gets, if any.
    fn farewell(self) -> Option<String> {
        Some(match self {
            Ending::Left | Ending::Broken => return None,
            Ending::TooLong => {
                format!("error: more than {MAX_LINE} bytes without a newline; disconnected")
            }
            Ending::TooSlow => "error: you fell too far behind; disconnected".to_string(),
            Ending::NotReading => "error: you stopped reading; disconnected".to_string(),
            Ending::Shutdown => "server shutting down".to_string(),
        })
    }
}

/// A client's bytes, a line at a time.
struct Lines {
    reader: BufReader<OwnedReadHalf>,
    line: Vec<u8>,
}

impl Lines {
    /// The next line, without its `\n` (or `\r\n`). Cancel-safe: a line that
    /// `select!` interrupts stays in `self.line`, and the next call goes on.
    async fn next(&mut self) -> Result<Vec<u8>, Ending> {
        // One byte more than a line may hold is enough to know it is too long.
        let budget = (MAX_LINE + 1 - self.line.len()) as u64;
        let mut read = (&mut self.reader).take(budget);
        match read.read_until(b'\n', &mut self.line).await {
            Err(_) => Err(Ending::Broken),
            Ok(0) if self.line.is_empty() => Err(Ending::Left),
            Ok(_) if self.line.ends_with(b"\n") => {
                self.line.pop();
                if self.line.ends_with(b"\r") {
                    self.line.pop();
                }
                Ok(std::mem::take(&mut self.line))
            }
            Ok(_) if self.line.len() > MAX_LINE => Err(Ending::TooLong),
            // The client closed its end in mid-line: that was its last line.
            Ok(_) => Ok(std::mem::take(&mut self.line)),
        }
    }
}

/// Sends one line; a client that does not take it all within `within` has
/// stopped reading.
async fn send(writer: &mut OwnedWriteHalf, text: &str, within: Duration) -> Result<(), Ending> {
    let line = format!("{text}\n");
    match timeout(within, writer.write_all(line.as_bytes())).await {
        Ok(Ok(())) => Ok(()),
        Ok(Err(_)) => Err(Ending::Broken),
        Err(_) => Err(Ending::NotReading),
    }
}

/// Accepts connections, a task each, until `stop`; then waits for every
/// connection to say goodbye, for `SHUTDOWN` at most.
async fn serve(listener: TcpListener, room: Arc<Room>, stop: CancellationToken) {
    let mut connections = JoinSet::new();
    loop {
        tokio::select! {
            () = stop.cancelled() => break,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => {
                    connections.spawn(connection(stream, room.clone(), stop.clone()));
                }
                // Out of file descriptors, say: that client is lost, not the server.
                Err(error) => {
                    eprintln!("server: could not accept a connection: {error}");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
            },
            // An ended connection leaves the set, which holds the live ones.
            Some(_) = connections.join_next() => {}
        }
    }
    drop(listener);
    let all_closed = async { while connections.join_next().await.is_some() {} };
    if timeout(SHUTDOWN, all_closed).await.is_err() {
        let left = connections.len();
        println!("server: cut off {left} connection(s) that did not close in time");
        connections.shutdown().await;
    }
}

/// One client, from connect to close: its name, the chat, then goodbye.
async fn connection(stream: TcpStream, room: Arc<Room>, stop: CancellationToken) {
    // Each line leaves at once: a chat's lines are small, and must not wait
    // to be sent with the next (Nagle's algorithm).
    let _ = stream.set_nodelay(true);
    let (reader, mut writer) = stream.into_split();
    let mut reader = Lines {
        reader: BufReader::new(reader),
        line: Vec::new(),
    };
    let mut name = None;
    let ending = tokio::select! {
        Err(ending) = session(&mut reader, &mut writer, &room, &mut name) => ending,
        () = stop.cancelled() => Ending::Shutdown,
    };
    if let Some(name) = name {
        room.leave(&name, ending);
    }
    goodbye(reader, writer, ending.farewell()).await;
}

/// The name, then the chat. Its `Ok` never comes: a session ends with the
/// reason it ended, as the Python's raises an `Ending`.
async fn session(
    reader: &mut Lines,
    writer: &mut OwnedWriteHalf,
    room: &Room,
    name: &mut Option<String>,
) -> Result<Infallible, Ending> {
    let (me, others, mut lines) = ask_name(reader, writer, room).await?;
    // Joined: from here on, however the session ends, the name is given back.
    let me: &str = name.insert(me);
    let here = match others.is_empty() {
        true => "you are alone here".to_string(),
        false => format!("here: {}", others.join(", ")),
    };
    send(writer, &format!("hello {me}, {here}"), room.write_timeout).await?;
    loop {
        // Whichever comes first. Both are cancel-safe: the one not chosen
        // loses nothing, and is asked again next time round.
        tokio::select! {
            line = reader.next() => match String::from_utf8(line?) {
                Ok(text) if text.is_empty() => {}
                Ok(text) => room.publish(me, format!("{me}: {text}")),
                Err(_) => {
                    let refusal = "error: that line is not UTF-8 text; nobody got it";
                    send(writer, refusal, room.write_timeout).await?;
                }
            },
            line = lines.recv() => match line {
                Ok(line) if *line.from == *me => {}
                Ok(line) => send(writer, &line.text, room.write_timeout).await?,
                Err(RecvError::Lagged(_)) => return Err(Ending::TooSlow),
                Err(RecvError::Closed) => return Err(Ending::Shutdown),
            },
        }
    }
}

/// Asks for a name until the client sends one nobody has, and joins with
/// it: the name, who else is here, and the lines to come.
async fn ask_name(
    reader: &mut Lines,
    writer: &mut OwnedWriteHalf,
    room: &Room,
) -> Result<(String, Vec<String>, broadcast::Receiver<Line>), Ending> {
    send(writer, "welcome! what is your name?", room.write_timeout).await?;
    loop {
        let refusal = match String::from_utf8(reader.next().await?) {
            Err(_) => "error: a name must be UTF-8 text; send another".to_string(),
            Ok(text) => {
                let name = text.trim();
                if name.is_empty() {
                    "error: a name cannot be empty; send another".to_string()
                } else if name.chars().count() > MAX_NAME {
                    format!("error: a name has at most {MAX_NAME} characters; send another")
                } else if let Some((lines, others)) = room.join(name) {
                    return Ok((name.to_string(), others, lines));
                } else {
                    format!("error: the name {name} is taken; send another")
                }
            }
        };
        send(writer, &refusal, room.write_timeout).await?;
    }
}

/// The last line, if there is one. Then the server's end is closed, and
/// what the client still sends is read and thrown away until it closes its
/// own: closing with unread input would reset the connection under that
/// last line. All within `GOODBYE`: a client that does not read, or never
/// closes, is cut off.
async fn goodbye(mut reader: Lines, mut writer: OwnedWriteHalf, farewell: Option<String>) {
    let _ = timeout(GOODBYE, async {
        if let Some(text) = farewell {
            writer.write_all(format!("{text}\n").as_bytes()).await?;
        }
        writer.shutdown().await?;
        tokio::io::copy(&mut reader.reader, &mut tokio::io::sink()).await
    })
    .await;
}

/// What Ctrl-C does: says so first, so that it comes before any client hears it.
fn shut_down(stop: &CancellationToken) {
    println!("server: shutting down");
    stop.cancel();
}

fn main() -> Result {
    shared::start();
    let cli = Cli::parse();
    let room = Room::new(cli.queue, Duration::from_secs_f64(cli.write_timeout));
    match cli.listen {
        Some(address) => listen(&address, room),
        None => play(room),
    }
}

/// Serves on `address` until Ctrl-C.
#[tokio::main]
async fn listen(address: &str, room: Room) -> Result {
    let listener = TcpListener::bind(address)
        .await
        .map_err(|e| Failure::from(e).context(&format!("could not listen on {address}")))?;
    let bound = listener.local_addr()?;
    println!("server: listening on {bound}");
    shared::output::log_line(&format!(
        "chat with `nc {} {}` from other terminals; Ctrl-C stops the server",
        bound.ip(),
        bound.port()
    ));
    let stop = CancellationToken::new();
    let server = tokio::spawn(serve(listener, Arc::new(room), stop.clone()));
    tokio::signal::ctrl_c().await?;
    shut_down(&stop);
    server.await?;
    println!("server: stopped");
    Ok(())
}

/// The scripted conversation: the server on a free port of 127.0.0.1, and
/// the clients of `conversation`.
#[tokio::main]
async fn play(room: Room) -> Result {
    let listener = TcpListener::bind(("127.0.0.1", 0)).await?;
    let addr = listener.local_addr()?;
    println!("server: listening on {addr}");
    let stop = CancellationToken::new();
    let server = tokio::spawn(serve(listener, Arc::new(room), stop.clone()));
    let played = conversation(addr, &stop).await;
    // Stopped already, unless the conversation failed half-way.
    stop.cancel();
    server.await?;
    played?;
    println!("server: stopped");
    Ok(())
}

/// Four clients take turns. Each step waits until every client it reaches
/// has heard it, so the lines come in the same order every run, with no
/// sleeps. A client never hears its own lines.
async fn conversation(addr: SocketAddr, stop: &CancellationToken) -> std::io::Result<()> {
    let mut ann = Client::connect("ann", addr).await?;
    ann.hear().await?;
    ann.say("ann").await?;
    ann.hear().await?;

    let mut bob = Client::connect("bob", addr).await?;
    bob.hear().await?;
    bob.say("ann").await?;
    bob.hear().await?;
    bob.send(b"\n", "(an empty line)").await?;
    bob.hear().await?;
    bob.say("bob").await?;
    bob.hear().await?;
    ann.hear().await?;

    ann.say("hi bob").await?;
    bob.hear().await?;
    // "café" in Latin-1: one byte for the é, which is not UTF-8.
    bob.send(b"caf\xe9?\n", "caf\\xe9? (not UTF-8)").await?;
    bob.hear().await?;
    bob.say("café?").await?;
    ann.hear().await?;

    let mut cat = Client::connect("cat", addr).await?;
    cat.hear().await?;
    cat.say("cat").await?;
    cat.hear().await?;
    ann.hear().await?;
    bob.hear().await?;
    let mut long = vec![b'x'; 70_000];
    long.push(b'\n');
    cat.send(&long, "xxx… (a line of 70000 bytes)").await?;
    cat.hear_the_rest().await?;
    ann.hear().await?;
    bob.hear().await?;

    // dan connects, and never gives a name.
    let mut dan = Client::connect("dan", addr).await?;
    dan.hear().await?;

    bob.leave();
    ann.hear().await?;

    shut_down(stop);
    ann.hear_the_rest().await?;
    dan.hear_the_rest().await?;
    Ok(())
}
