//! The clients of the conversation that `async-chat` plays without
//! `--listen`: each a TCP connection to the server that prints every line it
//! sends (`ann -> hi bob`) and every line it hears (`bob <- ann: hi bob`).
//!
//! Nothing of the server is here: that is `src/main.rs`, the lesson.

use std::io;
use std::net::SocketAddr;
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader, Lines};
use tokio::net::TcpStream;
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};

/// How long a client waits for a line before the conversation fails: a
/// server that never answers must end the run, not hang it.
const PATIENCE: Duration = Duration::from_secs(10);

/// One client of the scripted conversation.
#[derive(Debug)]
pub struct Client {
    name: &'static str,
    lines: Lines<BufReader<OwnedReadHalf>>,
    writer: OwnedWriteHalf,
}

impl Client {
    /// Connects to the server at `addr`; `name` is what the printout calls
    /// this client, before and after it tells the server a name of its own.
    pub async fn connect(name: &'static str, addr: SocketAddr) -> io::Result<Client> {
        let (reader, writer) = TcpStream::connect(addr).await?.into_split();
        println!("{name} connects");
        Ok(Client {
            name,
            lines: BufReader::new(reader).lines(),
            writer,
        })
    }

    /// Sends `text` as one line.
    pub async fn say(&mut self, text: &str) -> io::Result<()> {
        self.send(format!("{text}\n").as_bytes(), text).await
    }

    /// Sends `bytes` as they are, and prints `shown` for them.
    pub async fn send(&mut self, bytes: &[u8], shown: &str) -> io::Result<()> {
        println!("{} -> {shown}", self.name);
        self.writer.write_all(bytes).await
    }

    /// The next line from the server; an error if the server closed the
    /// connection instead.
    pub async fn hear(&mut self) -> io::Result<String> {
        match self.next_line().await? {
            Some(line) => Ok(line),
            None => Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                format!("{}: the server closed the connection", self.name),
            )),
        }
    }

    /// Every line until the server closes the connection; then this client
    /// closes its own end.
    pub async fn hear_the_rest(mut self) -> io::Result<()> {
        while self.next_line().await?.is_some() {}
        println!("{} <- (connection closed)", self.name);
        Ok(())
    }

    /// Closes the connection.
    pub fn leave(self) {
        println!("{} leaves", self.name);
    }

    async fn next_line(&mut self) -> io::Result<Option<String>> {
        let Ok(line) = tokio::time::timeout(PATIENCE, self.lines.next_line()).await else {
            return Err(io::Error::new(
                io::ErrorKind::TimedOut,
                format!("{} heard nothing for {} s", self.name, PATIENCE.as_secs()),
            ));
        };
        let line = line?;
        if let Some(line) = &line {
            println!("{} <- {line}", self.name);
        }
        Ok(line)
    }
}
