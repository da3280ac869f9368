//! The worker: connects, proves it knows the key and checks that the master
//! does, then squares numbers until the master says there are no more.
//!
//! Every way this can fail ends in a sentence that names the master's address
//! and says what probably happened, so that a learner who started the worker
//! first, mistyped the port or the key, or stopped the master mid-work reads
//! which of those it was.

use shared::failure::Failure;
use shared::output::log_line;

use crate::address;
use crate::proto::{self, Conn, HANDSHAKE_TIMEOUT, ProtoError, Task, ToMaster, ToWorker};

/// Works for the master at `master` until it says there is no more work.
pub async fn run(master: &str, name: &str, key: &str, task_secs: f64) -> Result<(), Failure> {
    let stream = address::connect(master).await?;
    let lost = |why: ProtoError| {
        Failure::new(format!(
            "lost the master at {master} before the work was done ({why}): it was stopped, or \
             the network failed."
        ))
    };
    let mut conn = proto::framed(stream);
    let shake = handshake(&mut conn, master, name, key.as_bytes());
    match tokio::time::timeout(HANDSHAKE_TIMEOUT, shake).await {
        Ok(shaken) => shaken?,
        Err(_) => {
            let secs = HANDSHAKE_TIMEOUT.as_secs();
            return Err(not_a_master(
                master,
                &format!("it said nothing within {secs} s"),
            ));
        }
    }
    log_line(&format!("{name}: connected to {master}"));

    let broken = |what: String| {
        Failure::new(format!(
            "the master at {master} broke the protocol: {what}."
        ))
    };
    let mut done = 0;
    loop {
        let (id, n) = match proto::recv(&mut conn).await {
            Ok(ToWorker::Task(Task { id, n })) => (id, n),
            Ok(ToWorker::Done) => break,
            Ok(_) => {
                let what = "it sent a handshake message in the middle of the work";
                return Err(broken(what.into()));
            }
            Err(err @ ProtoError::Garbage(_)) => {
                return Err(broken(format!("it sent something that is {err}")));
            }
            Err(why) => return Err(lost(why)),
        };
        // The master chooses n. A square that does not fit must not overflow
        // here: that is a panic in a debug build, and a wrong answer in release.
        let Some(square) = n.checked_mul(n) else {
            let what =
                format!("task {id} asks for the square of {n}, which does not fit in 64 bits");
            return Err(broken(what));
        };
        log_line(&format!("{name}: run task {id}: {n} * {n}"));
        tokio::time::sleep(shared::time::secs(task_secs)).await;
        let result = ToMaster::Result { id, n, square };
        proto::send(&mut conn, &result).await.map_err(lost)?;
        done += 1;
    }
    log_line(&format!("{name}: worker exit after {done} task(s)"));
    Ok(())
}

fn not_a_master(master: &str, why: &str) -> Failure {
    Failure::new(format!(
        "the program at {master} did not answer as this lesson's master: {why}. Check the \
         address, and that the master is still running."
    ))
}

/// The master's challenge, our answer, and our challenge to it.
async fn handshake(conn: &mut Conn, master: &str, name: &str, key: &[u8]) -> Result<(), Failure> {
    let said = |err: ProtoError| {
        let what = match err {
            ProtoError::Closed => "it closed the connection during the handshake".to_string(),
            ProtoError::Garbage(_) => format!("it sent something that is {err}"),
            ProtoError::Io(e) => format!("the handshake failed ({e})"),
        };
        not_a_master(master, &what)
    };
    let ToWorker::Challenge { nonce } = proto::recv(conn).await.map_err(said)? else {
        return Err(not_a_master(master, "it did not begin with a challenge"));
    };
    let ours = proto::nonce()?;
    let hello = ToMaster::Hello {
        name: name.to_string(),
        proof: proto::proof(key, "worker", &nonce),
        nonce: ours.clone(),
    };
    proto::send(conn, &hello).await.map_err(said)?;
    match proto::recv(conn).await.map_err(said)? {
        ToWorker::Welcome { proof } if proto::check(key, "master", &ours, &proof) => Ok(()),
        ToWorker::Refused { reason } => Err(Failure::new(format!(
            "the master at {master} refused this worker: {reason}. Give the worker the master's \
             key with --key."
        ))),
        _ => Err(Failure::new(format!(
            "the master at {master} could not prove that it knows the auth key: it uses another \
             key, or it is not the master you meant. Check --key and the address."
        ))),
    }
}
