//! Two threads described by a type that holds a name and a list of URLs.
//!
//! Port of 002 §二.1.2 (`class myThread(threading.Thread)`). The name becomes
//! the OS thread's name, so `thread::current().name()` finds it from inside.

use std::io;
use std::process::ExitCode;
use std::thread::{self, JoinHandle};

use shared::random::rng_for;
use shared::time::sleep;

struct MyThread {
    name: String,
    urls: Vec<String>,
    /// Which random stream its pauses come from.
    stream: u64,
}

fn current_name() -> String {
    thread::current().name().unwrap_or("<unnamed>").to_string()
}

impl MyThread {
    fn new(name: &str, stream: u64, urls: [&str; 3]) -> Self {
        MyThread {
            name: name.to_string(),
            urls: urls.map(String::from).to_vec(),
            stream,
        }
    }

    fn run(&self) {
        println!("Current {} is running...", current_name());
        let mut rng = rng_for(self.stream);
        for url in &self.urls {
            println!("{}---->>> {}", current_name(), url);
            sleep(rng.f64());
        }
        println!("{} ended.", current_name());
    }

    fn start(self) -> io::Result<JoinHandle<()>> {
        thread::Builder::new()
            .name(self.name.clone())
            .spawn(move || self.run())
    }
}

fn main() -> ExitCode {
    shared::start();
    println!("{} is running...", current_name());
    let t1 = MyThread::new("Thread_1", 1, ["url_1", "url_2", "url_3"]).start();
    let t2 = MyThread::new("Thread_2", 2, ["url_4", "url_5", "url_6"]).start();
    let (Ok(t1), Ok(t2)) = (t1, t2) else {
        eprintln!("could not start the threads");
        return ExitCode::FAILURE;
    };
    if t1.join().is_err() | t2.join().is_err() {
        return ExitCode::FAILURE;
    }
    println!("{} ended.", current_name());
    ExitCode::SUCCESS
}
