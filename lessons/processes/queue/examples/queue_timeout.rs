//! A producer process puts six products on a queue at once; a consumer takes
//! one every half second, and when nothing has come for three seconds it
//! gives up and leaves.
//!
//! Port of 004 进程通信. The consumer's `get(timeout=3)` is ipc-channel's
//! `try_recv_timeout`. The seed's queue is bounded to 24 items; an
//! `ipc-channel` is not bounded, and with six products the bound never
//! matters. The seed's `num` is a global, but a process has its own globals
//! anyway, so here it is a local variable of the producer.

use ipc_channel::ipc::{self, IpcReceiver, IpcSender};
use shared::time::{secs, sleep};

fn profunc((pro, name): (IpcSender<u32>, String)) {
    let mut num = 0;
    loop {
        num += 1;
        pro.send(num).expect("the queue is open");
        println!("生产就完了。{name}");
        if num > 5 {
            break;
        }
    }
}

fn profunction((pro, name): (IpcReceiver<u32>, String)) {
    loop {
        match pro.try_recv_timeout(secs(3.0)) {
            Ok(production) => println!("刚从生产线哪里抢到了{production}，{name}"),
            Err(_) => {
                println!("不生产了，散了散了");
                return; // quit()
            }
        }
        sleep(0.5);
    }
}

fn main() -> shared::failure::Result {
    shared::process::init();
    let (tx, rx) = ipc::channel()?;
    // The parent keeps a sender, as Python's parent keeps the Queue. Were the
    // producer's the only one, the consumer would learn the moment it exited
    // that no product can ever come (a disconnected channel) and leave at
    // once; with the parent's, it waits out its three seconds, as in Python.
    let pro1 = procspawn::spawn((tx.clone(), "I am process one.".to_string()), profunc);
    let pro2 = procspawn::spawn((rx, "I am process two.".to_string()), profunction);
    // The seed's main returns at once and Python waits for both at exit.
    let joined = (pro1.join(), pro2.join());
    drop(tx);
    joined.0?;
    joined.1?;
    Ok(())
}
