//! A reader waits for a line, and says so every 2 seconds it waits; the
//! writer sends half a line, pauses 3 seconds, then the rest. In `select!`,
//! a read that keeps what it has read inside its own future loses the half
//! line when the timer wins; a read whose buffer outlives the future keeps it.
//!
//! Past the seeds: `asyncio.wait_for(read_line(), 2)` in a loop, over an
//! in-memory stream. Each time the timer branch wins, `select!` drops the
//! read in progress, and what survives that depends on the read.
//! `AsyncBufReadExt::read_line` is documented as not cancel-safe: the bytes
//! it has taken from the stream live in its future, and go with it.
//! `Lines::next_line` is cancel-safe: a partly read line stays in the
//! `Lines`, which the loop keeps.

use shared::time::secs;
use tokio::io::{
    AsyncBufReadExt, AsyncWriteExt, BufReader, Lines, ReadHalf, SimplexStream, WriteHalf,
};
use tokio::time::sleep;

type PipeEnd = ReadHalf<SimplexStream>;

async fn writer(mut pipe: WriteHalf<SimplexStream>) -> std::io::Result<()> {
    pipe.write_all(b"hello wor").await?;
    println!("writer: sent \"hello wor\"");
    sleep(secs(3.0)).await;
    pipe.write_all(b"ld\n").await?;
    println!("writer: sent \"ld\\n\"");
    // The end of the stream (Python's feed_eof).
    pipe.shutdown().await
}

/// Not cancel-safe: a fresh `read_line` future each time round the loop, and
/// what it read goes when `select!` drops it.
async fn read_lines_unsafe(mut reader: BufReader<PipeEnd>) -> std::io::Result<()> {
    loop {
        let mut line = String::new();
        tokio::select! {
            read = reader.read_line(&mut line) => {
                if read? == 0 {
                    println!("reader: end of stream");
                    return Ok(());
                }
                println!("reader: got \"{}\"", line.trim_end());
            }
            _ = sleep(secs(2.0)) => println!("reader: 2 s without a line"),
        }
    }
}

/// Cancel-safe: the half line waits in `lines`, which outlives each future.
async fn read_lines_safe(mut lines: Lines<BufReader<PipeEnd>>) -> std::io::Result<()> {
    loop {
        tokio::select! {
            line = lines.next_line() => match line? {
                Some(line) => println!("reader: got \"{line}\""),
                None => {
                    println!("reader: end of stream");
                    return Ok(());
                }
            },
            _ = sleep(secs(2.0)) => println!("reader: 2 s without a line"),
        }
    }
}

fn main() -> shared::failure::Result {
    shared::start();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()?;
    runtime.block_on(async {
        println!("-- a cancel-unsafe read --");
        // An in-memory pipe: what the write half writes, the read half reads.
        let (read_half, write_half) = tokio::io::simplex(64);
        let reader = BufReader::new(read_half);
        tokio::try_join!(writer(write_half), read_lines_unsafe(reader))?;

        println!("-- a cancel-safe read --");
        let (read_half, write_half) = tokio::io::simplex(64);
        let lines = BufReader::new(read_half).lines();
        tokio::try_join!(writer(write_half), read_lines_safe(lines))?;
        Ok::<(), std::io::Error>(())
    })?;
    Ok(())
}
