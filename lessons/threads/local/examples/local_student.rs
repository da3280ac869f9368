//! Each thread binds "its" student once, and a function deep in its work
//! finds that student without it being passed down through every call.
//!
//! Port of 003 §3 ThreadLocal. The seed's case: passing the student from
//! function to function is tedious, and a plain global cannot work because
//! each thread handles a different student.

use std::cell::RefCell;
use std::thread;

thread_local! {
    static STUDENT: RefCell<Option<String>> = const { RefCell::new(None) };
}

fn process_student() {
    // The student bound by *this* thread.
    let std = STUDENT.with_borrow(|s| s.clone().unwrap_or_default());
    let name = thread::current().name().unwrap_or("<unnamed>").to_string();
    println!("Hello, {std} (in {name})");
}

fn process_thread(name: &str) {
    STUDENT.set(Some(name.to_string()));
    process_student();
}

fn main() {
    shared::start();
    let start = |thread_name: &str, student: &'static str| {
        thread::Builder::new()
            .name(thread_name.into())
            .spawn(move || process_thread(student))
    };
    let (Ok(t1), Ok(t2)) = (start("Thread-A", "Alice"), start("Thread-B", "Bob")) else {
        eprintln!("could not start the threads");
        std::process::exit(1);
    };
    t1.join().expect("the thread cannot panic");
    t2.join().expect("the thread cannot panic");
}
