//! The shop both programs of this lesson sell from: a stock file in a
//! temporary directory, ten buyer processes, and the books checked at the end.
//! The lock itself is in each program: it is what the lesson is about.
//!
//! The seed keeps its stock in a file called `product` in the current
//! directory, and never creates it. Here the shop creates it, under the
//! system's temporary directory, and removes it on every way out, Ctrl-C
//! included, so running the lesson leaves nothing behind.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use shared::failure::describe;

use shared::scratch::ScratchFile;

/// The seed's stock, and its number of buyers.
pub const STOCK: u32 = 3;
pub const BUYERS: u32 = 10;

/// The stock file, removed when dropped or interrupted.
#[derive(Debug)]
pub struct Shop {
    file: ScratchFile,
}

impl Shop {
    /// Writes the stock into a fresh `product` file.
    pub fn open() -> io::Result<Shop> {
        let file = ScratchFile::create("product", &STOCK.to_string())?;
        Ok(Shop { file })
    }

    /// The stock file's path, to hand to each buyer.
    pub fn product(&self) -> PathBuf {
        self.file.path().to_path_buf()
    }

    /// What is left in stock.
    pub fn stock(&self) -> io::Result<u32> {
        read_stock(&fs::read_to_string(self.file.path())?)
    }
}

/// Parses the stock file's contents.
pub fn read_stock(text: &str) -> io::Result<u32> {
    text.trim().parse().map_err(|e| {
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!("bad stock {text:?}: {e}"),
        )
    })
}

/// What a buyer process returns: whether it bought, or what went wrong.
pub type Outcome = Result<bool, String>;

/// Runs `buy` in one process per buyer, waits for all, and checks the books:
/// exactly as many sales as there was stock, and none left.
pub fn run_sale(buy: fn((u32, PathBuf)) -> Outcome) -> ExitCode {
    let shop = match Shop::open() {
        Ok(shop) => shop,
        Err(err) => {
            eprintln!("could not set up the stock file: {err}");
            return ExitCode::FAILURE;
        }
    };
    let buyers: Vec<_> = (0..BUYERS)
        .map(|i| procspawn::spawn((i, shop.product()), buy))
        .collect();
    // The seed's parent never waits; ours does, and reaps every buyer.
    let mut failed = 0;
    let mut sold = 0;
    for (i, buyer) in buyers.into_iter().enumerate() {
        match buyer.join().map_err(|e| describe(&e)).and_then(|o| o) {
            Ok(bought) => sold += u32::from(bought),
            Err(err) => {
                eprintln!("buyer {i} failed: {err}");
                failed += 1;
            }
        }
    }
    if failed > 0 {
        return ExitCode::FAILURE;
    }
    match shop.stock() {
        Ok(0) if sold == STOCK => ExitCode::SUCCESS,
        Ok(left) => {
            eprintln!("the books are wrong: {sold} sold and {left} left, from a stock of {STOCK}");
            ExitCode::FAILURE
        }
        Err(err) => {
            eprintln!("could not read the stock: {err}");
            ExitCode::FAILURE
        }
    }
}

/// Opens the stock file for reading and writing.
pub fn open_product(product: &Path) -> io::Result<fs::File> {
    fs::OpenOptions::new().read(true).write(true).open(product)
}

/// The seed's read-modify-write: read the stock, take one if there is one,
/// write it back. Says whether it sold. Only safe while holding the lock.
pub fn sell_one(mut file: &fs::File) -> io::Result<bool> {
    use std::io::{Read, Seek, SeekFrom, Write};
    let mut text = String::new();
    file.read_to_string(&mut text)?;
    let mut num = read_stock(&text)?;
    let sold = num > 0;
    if sold {
        num -= 1;
    }
    let new = num.to_string();
    file.seek(SeekFrom::Start(0))?;
    file.write_all(new.as_bytes())?;
    file.set_len(new.len() as u64)?;
    Ok(sold)
}
