//! A model checker runs a concurrent program under every schedule its threads
//! could take, and checks each run. This program asks loom, Rust's model
//! checker, four questions the chapter's other lessons answer only by running
//! and hoping: it finds 003 2.2's lost update, proves that a lock removes it,
//! proves that threads-rlock's program deadlocks with a plain `Mutex`, and
//! proves that 001 线程锁's shop, scaled down, never sells more than it has
//! (and finds the schedule that oversells once the lock is gone).
//!
//! Inside a model every shared thing is loom's (`loom::sync`, `loom::thread`):
//! loom runs the model's closure again and again, and at each of their
//! operations chooses which thread goes next, until it has tried every
//! choice. What the program writes down about a run (its steps, in the seed's
//! notation, and the count of runs) lives outside the model, in std types loom
//! does not see.

use std::panic::{self, AssertUnwindSafe};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::sync::{Mutex as StdMutex, MutexGuard as StdGuard, PoisonError};

use loom::sync::{Arc, Mutex, MutexGuard};
use loom::thread;

/// The steps of the run loom is making, in the order they happen: who, and
/// what in the seed's notation (who is empty for the model's own main).
static STEPS: StdMutex<Vec<(String, String)>> = StdMutex::new(Vec::new());
/// Who is waiting, and for what, in the run loom is making.
static WAITING: StdMutex<Vec<(&str, Wait)>> = StdMutex::new(Vec::new());
/// Who holds threads-rlock's lock, and where it took it.
static HOLDER: StdMutex<Option<(&str, &str)>> = StdMutex::new(None);

/// What a thread of threads-rlock's program waits for.
#[derive(Debug, Clone, Copy)]
enum Wait {
    /// The lock, in the function named.
    Lock(&'static str),
    /// The end of the thread named.
    Join(&'static str),
}
/// How many runs loom has started in the current check.
static EXECUTIONS: AtomicUsize = AtomicUsize::new(0);

/// Locks one of the program's notebooks. A notebook is never held across a
/// loom operation, so loom cannot switch threads while one is held; and no
/// panic happens while one is held, so none is ever poisoned.
fn notebook<T>(book: &StdMutex<T>) -> StdGuard<'_, T> {
    book.lock().unwrap_or_else(PoisonError::into_inner)
}

fn note(who: &str, what: String) {
    notebook(&STEPS).push((who.to_string(), what));
}

/// One line in 003's notation: the Python statement, then `#` and its values.
fn step(who: &str, code: String, values: String) {
    note(who, format!("{code:<18}# {values}"));
}

/// How many times loom may stop a thread that could go on and run another
/// in its place, in one run. `None`: no bound, so every schedule is tried.
/// These models are small enough for that; a bound is for models that are not.
const PREEMPTION_BOUND: Option<usize> = None;

/// What loom said about a model.
enum Verdict {
    /// Every run passed the model's checks.
    Proved { runs: usize },
    /// A run failed, and loom stopped there: which run it was, its steps,
    /// and what loom or the model's check said.
    Failed {
        run: usize,
        steps: Vec<(String, String)>,
        waiting: Vec<(&'static str, Wait)>,
        holder: Option<(&'static str, &'static str)>,
        why: String,
    },
}

/// Runs `model` under every schedule loom can make, and stops at the first
/// run that panics: a failed check, or loom's own "deadlock".
fn check(model: fn()) -> Verdict {
    EXECUTIONS.store(0, Relaxed);
    let mut builder = loom::model::Builder::new();
    // `Builder::new` reads the LOOM_* environment variables; every setting
    // that changes the search is set here instead, so that every run of this
    // program explores the same runs in the same order.
    builder.preemption_bound = PREEMPTION_BOUND;
    builder.max_branches = 1_000; // loom's default
    builder.max_permutations = None;
    builder.max_duration = None;
    builder.checkpoint_file = None;
    builder.log = false;
    builder.location = false;

    // A failed run is a panic. Loom stops at the first one, and the program
    // reports it in its own words, so the panic's own message stays quiet.
    let report = panic::take_hook();
    panic::set_hook(Box::new(|_| {}));
    let outcome = panic::catch_unwind(AssertUnwindSafe(|| {
        builder.check(move || {
            EXECUTIONS.fetch_add(1, Relaxed);
            notebook(&STEPS).clear();
            notebook(&WAITING).clear();
            *notebook(&HOLDER) = None;
            model();
        });
    }));
    panic::set_hook(report);

    let runs = EXECUTIONS.load(Relaxed);
    match outcome {
        Ok(()) => Verdict::Proved { runs },
        Err(payload) => {
            let why = payload
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            Verdict::Failed {
                run: runs,
                steps: notebook(&STEPS).clone(),
                waiting: notebook(&WAITING).clone(),
                holder: *notebook(&HOLDER),
                why,
            }
        }
    }
}

/// Prints a run's steps as 003 draws its interleavings: a blank line
/// wherever another thread takes over.
fn print_steps(steps: &[(String, String)]) {
    let mut last = None;
    for (who, what) in steps {
        if last != Some(who) {
            println!();
            last = Some(who);
        }
        if who.is_empty() {
            println!("{what}");
        } else {
            println!("{who}: {what}");
        }
    }
}

/// A number that threads share, and how they reach it.
trait Shared {
    fn read(&mut self) -> i64;
    fn write(&mut self, value: i64);
}

/// One Python step at a time. Each read and each write takes the lock for
/// itself alone, as CPython holds the GIL for one bytecode: every step is
/// whole, but between the read and the write the lock is free, and another
/// thread may run there.
impl Shared for &Mutex<i64> {
    fn read(&mut self) -> i64 {
        *self.lock().expect("no thread panics holding the lock")
    }
    fn write(&mut self, value: i64) {
        *self.lock().expect("no thread panics holding the lock") = value;
    }
}

/// Under one guard, held from the first read to the last write.
impl Shared for MutexGuard<'_, i64> {
    fn read(&mut self) -> i64 {
        **self
    }
    fn write(&mut self, value: i64) {
        **self = value;
    }
}

/// 003 2.2's `change_it(n)`: `balance = balance + n`, then `balance =
/// balance - n`, each a read and a write, noted as the seed draws them.
fn change_it(balance: &mut impl Shared, t: u32, n: i64) {
    let (who, x) = (format!("t{t}"), format!("x{t}"));
    let b = balance.read();
    step(
        &who,
        format!("{x} = balance + {n}"),
        format!("{x} = {b} + {n} = {}", b + n),
    );
    balance.write(b + n);
    step(
        &who,
        format!("balance = {x}"),
        format!("balance = {}", b + n),
    );
    let b = balance.read();
    step(
        &who,
        format!("{x} = balance - {n}"),
        format!("{x} = {b} - {n} = {}", b - n),
    );
    balance.write(b - n);
    step(
        &who,
        format!("balance = {x}"),
        format!("balance = {}", b - n),
    );
}

/// Two threads, t1 changing the balance by 5 and t2 by 8, once each (as in
/// the seed's drawing), with `change` saying how each reaches the balance.
/// The check: the balance ends at 0.
fn balance_model(change: fn(&Mutex<i64>, u32, i64)) {
    let balance = Arc::new(Mutex::new(0));
    note("", "初始值 balance = 0".into());
    let threads: Vec<_> = [(1, 5), (2, 8)]
        .into_iter()
        .map(|(t, n)| {
            let balance = balance.clone();
            thread::spawn(move || change(&balance, t, n))
        })
        .collect();
    for t in threads {
        t.join().expect("no thread panics");
    }
    let end = *balance.lock().expect("no thread panics holding the lock");
    note("", format!("结果 balance = {end}"));
    assert_eq!(end, 0, "the balance ends away from 0");
}

fn racy_balance() {
    balance_model(|balance, t, n| {
        let mut per_step = balance;
        change_it(&mut per_step, t, n);
    });
}

fn locked_balance() {
    // 003 2.3: `lock.acquire()` before `change_it`, released after it.
    balance_model(|balance, t, n| {
        let mut guard = balance.lock().expect("no thread panics holding the lock");
        change_it(&mut guard, t, n);
    });
}

/// Takes threads-rlock's lock in `site`. `who` is noted as waiting until it
/// has it: if it never does, the note is what says where it stopped.
fn acquire<'a>(lock: &'a Mutex<u32>, who: &'static str, site: &'static str) -> MutexGuard<'a, u32> {
    notebook(&WAITING).push((who, Wait::Lock(site)));
    let guard = lock.lock().expect("no thread panics holding the lock");
    notebook(&WAITING).retain(|(w, _)| *w != who);
    *notebook(&HOLDER) = Some((who, site));
    note(who, format!("mylock.acquire()  # in {site}"));
    guard
}

fn release(guard: MutexGuard<'_, u32>, who: &str) {
    drop(guard);
    *notebook(&HOLDER) = None;
    note(who, "mylock.release()".into());
}

/// threads-rlock's `report`: it takes the lock again, for itself.
fn report(lock: &Mutex<u32>, who: &'static str, what: &str) {
    let num = acquire(lock, who, "report");
    note(who, format!("print('{who} {what},Number:{}')", *num));
    release(num, who);
}

/// threads-rlock's `run`, with a plain `Mutex` where it has a reentrant one.
fn rlock_run(lock: &Mutex<u32>, who: &'static str) {
    loop {
        let mut num = acquire(lock, who, "run");
        report(lock, who, "locked");
        if *num >= 4 {
            release(num, who);
            report(lock, who, "released");
            break;
        }
        *num += 1;
        report(lock, who, "released");
        release(num, who);
    }
}

fn rlock_with_a_mutex() {
    // A std `Arc`, not loom's. Loom ends a deadlocked run with a panic, which
    // unwinds the stack of the thread that found it. Dropping a loom `Arc` on
    // the way is itself a loom operation, which panics too once no thread can
    // run, and a panic during unwinding aborts the process. Who owns the lock
    // is nothing loom needs to see here.
    let lock = std::sync::Arc::new(Mutex::new(0));
    let threads: Vec<_> = ["Thread_1", "Thread_2"]
        .into_iter()
        .map(|name| {
            let lock = lock.clone();
            thread::Builder::new()
                .name(name.into())
                .spawn(move || rlock_run(&lock, name))
                .expect("loom starts every thread it is asked to")
        })
        .collect();
    for (t, name) in threads.into_iter().zip(["Thread_1", "Thread_2"]) {
        notebook(&WAITING).push(("main", Wait::Join(name)));
        t.join().expect("no thread panics");
        notebook(&WAITING).retain(|(w, _)| *w != "main");
    }
}

/// 001 线程锁's `buy(i)`: `if num > 0: num -= 1`, the `-=` a read and a write.
/// Returns whether the buyer got an item.
fn buy(num: &mut impl Shared, i: u32) -> bool {
    let who = format!("t{i}");
    let n = num.read();
    step(&who, "if num > 0:".into(), format!("num = {n}"));
    if n > 0 {
        let n = num.read();
        step(
            &who,
            format!("x{i} = num - 1"),
            format!("x{i} = {n} - 1 = {}", n - 1),
        );
        num.write(n - 1);
        step(&who, format!("num = x{i}"), format!("num = {}", n - 1));
        note(&who, format!("print('子线程{i}抢购成功')"));
        true
    } else {
        note(&who, format!("print('子线程{i}抢购失败')"));
        false
    }
}

/// The seed has 10 buyers and 3 items; this many keeps loom's search short.
const BUYERS: u32 = 3;
const ITEMS: i64 = 2;

/// The shop: every buyer in its own thread. The check: exactly as many buyers
/// succeed as there are items.
fn shop_model(buyer: fn(&Mutex<i64>, u32) -> bool) {
    let stock = Arc::new(Mutex::new(ITEMS));
    note("", format!("初始值 num = {ITEMS}"));
    let buyers: Vec<_> = (0..BUYERS)
        .map(|i| {
            let stock = stock.clone();
            thread::spawn(move || buyer(&stock, i))
        })
        .collect();
    let sold = buyers
        .into_iter()
        .map(|b| b.join().expect("no buyer panics"))
        .filter(|&got| got)
        .count();
    let left = *stock.lock().expect("no thread panics holding the lock");
    note("", format!("结果 num = {left}"));
    note(
        "",
        format!("{sold} buyers succeeded, with {ITEMS} items in stock"),
    );
    assert_eq!(
        sold, ITEMS as usize,
        "as many buyers succeed as there are items"
    );
}

fn locked_shop() {
    // `with lock:` around the check and the take.
    shop_model(|stock, i| {
        let mut guard = stock.lock().expect("no thread panics holding the lock");
        buy(&mut guard, i)
    });
}

fn racy_shop() {
    shop_model(|stock, i| {
        let mut per_step = stock;
        buy(&mut per_step, i)
    });
}

/// Says what loom found: the proof, or the run that failed, step by step.
fn tell(verdict: Verdict, proved: &str, failed: &str) {
    match verdict {
        Verdict::Proved { runs } => {
            let bound = match PREEMPTION_BOUND {
                None => "no preemption bound".to_string(),
                Some(1) => "at most 1 preemption each".to_string(),
                Some(n) => format!("at most {n} preemptions each"),
            };
            println!("loom explored all {runs} executions ({bound}): {proved}.");
        }
        Verdict::Failed {
            run,
            steps,
            waiting,
            holder,
            why,
        } => {
            // Loom reports a deadlock by panicking with a message that
            // begins so; a failed check panics with the check's own message.
            if why.starts_with("deadlock") {
                println!("loom found, in execution {run}, a deadlock: no thread can go on.");
            } else {
                println!("loom found, in execution {run}, {failed}:");
            }
            print_steps(&steps);
            print_waits(waiting, holder);
        }
    }
}

/// Says who waits for what, and who holds the lock they want: the threads
/// first, then main, which waits for them.
fn print_waits(waiting: Vec<(&str, Wait)>, holder: Option<(&str, &str)>) {
    if !waiting.is_empty() {
        println!();
    }
    let (main, threads): (Vec<_>, Vec<_>) = waiting.into_iter().partition(|(w, _)| *w == "main");
    for (who, wait) in threads.into_iter().chain(main) {
        match (wait, holder) {
            (Wait::Lock(site), Some((h, taken))) if h == who => println!(
                "{who} waits for mylock in {site}, but holds it itself (taken in {taken}): a Mutex is not reentrant."
            ),
            (Wait::Lock(site), Some((h, taken))) => {
                println!("{who} waits for mylock in {site}, which {h} holds (taken in {taken}).")
            }
            (Wait::Lock(site), None) => println!("{who} waits for mylock in {site}."),
            (Wait::Join(whom), _) => println!("{who} waits to join {whom}."),
        }
    }
}

fn main() {
    shared::start();

    println!("1. The race found, not hoped for (003 2.2, each thread's change_it once)");
    tell(
        check(racy_balance),
        "every one ends with balance = 0",
        "a schedule that ends away from 0",
    );

    println!();
    println!("2. The lock proved (the same balance, each change_it under the lock, as 003 2.3)");
    tell(
        check(locked_balance),
        "every one ends with balance = 0",
        "a schedule that ends away from 0",
    );

    println!();
    println!("3. A deadlock proved (threads-rlock's program, with a plain Mutex)");
    tell(
        check(rlock_with_a_mutex),
        "none deadlocks",
        "a run that failed",
    );

    println!();
    println!("4. The shop proved (001 线程锁 with {BUYERS} buyers and {ITEMS} items)");
    print!("with the lock: ");
    tell(
        check(locked_shop),
        &format!("in every one exactly {ITEMS} buyers succeed"),
        "a schedule where too many buyers succeed",
    );
    print!("without the lock: ");
    tell(
        check(racy_shop),
        &format!("in every one exactly {ITEMS} buyers succeed"),
        "a schedule where too many buyers succeed",
    );
}
