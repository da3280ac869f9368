"""A master hands ten tasks to two worker processes over the network and
collects the results, through Python's own remote queues: a
`multiprocessing.managers.BaseManager` serves a task queue and a result
queue on 127.0.0.1 to clients that know its authkey. Finishes 002 §四
分布式进程 (the seed stops at "未完--待续"); the Python twin of `src/main.rs`
run with no arguments.
"""

import queue
import random
import sys
import threading
import time
from multiprocessing import Process, current_process
from multiprocessing.managers import BaseManager

AUTHKEY = b"abc"
TASKS = 10
WORKERS = ["worker-1", "worker-2"]
TASK_SECS = 0.2


class QueueManager(BaseManager):
    pass


def log(line):
    print(line, file=sys.stderr)


def work(address):
    """A worker: connects to the master, squares numbers until told to stop."""
    name = current_process().name
    manager = QueueManager(address=address, authkey=AUTHKEY)
    manager.connect()
    log(f"{name}: connected to {address[0]}:{address[1]}")
    tasks, results = manager.get_task_queue(), manager.get_result_queue()
    done = 0
    while (task := tasks.get()) is not None:
        task_id, n = task
        log(f"{name}: run task {task_id}: {n} * {n}")
        time.sleep(TASK_SECS)
        results.put((task_id, n, n * n, name))
        done += 1
    log(f"{name}: worker exit after {done} task(s)")


def main():
    task_queue, result_queue = queue.Queue(), queue.Queue()
    QueueManager.register("get_task_queue", callable=lambda: task_queue)
    QueueManager.register("get_result_queue", callable=lambda: result_queue)
    # The master serves its own queues, to workers that connect with the key.
    # Loopback only, and port 0: the system picks a free port.
    server = QueueManager(address=("127.0.0.1", 0), authkey=AUTHKEY).get_server()
    host, port = server.address
    print(f"master: listening on {host}:{port}")
    for task_id in range(1, TASKS + 1):
        n = random.randint(0, 10000)
        task_queue.put((task_id, n))
        print(f"master: put task {task_id}: {n}")
    for _ in WORKERS:
        task_queue.put(None)  # one "no more work" for each worker
    # Daemons: they go when the master does, however it leaves.
    workers = [
        Process(target=work, args=(server.address,), name=name, daemon=True)
        for name in WORKERS
    ]
    for w in workers:
        w.start()
    print(f'master: started {" and ".join(WORKERS)}')
    # Serving starts once the workers are forked, so that each fork copies a
    # process of one thread; until then, their connections wait in line.
    threading.Thread(target=server.serve_forever, daemon=True).start()

    done, twice = {}, 0
    while len(done) < TASKS:
        try:
            task_id, n, square, name = result_queue.get(timeout=1)
        except queue.Empty:
            # These are the only workers: once all are gone, nobody will
            # finish the work. (A worker that died holding a task took it
            # along: the queue cannot know.)
            if not any(w.is_alive() for w in workers):
                sys.exit(
                    "error: every worker stopped before the work was done, "
                    "so the master stops too."
                )
            continue
        if task_id in done:
            twice += 1
        done[task_id] = (n, square, name)
    print("master: results")
    for task_id, (n, square, name) in sorted(done.items()):
        print(f"  task {task_id}: {n} * {n} = {square} ({name})")
    print(f"master: {len(done)} results in, {twice} twice")
    for w in workers:
        w.join()
    trouble = [
        f"{w.name} exited with status {w.exitcode}" for w in workers if w.exitcode != 0
    ]
    if trouble:
        sys.exit(f'error: every result is in, but not cleanly: {"; ".join(trouble)}.')


if __name__ == "__main__":
    main()
