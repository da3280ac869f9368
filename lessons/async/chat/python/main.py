"""A chat server, the chapter's capstone: every line a client sends reaches
every other client, as `name: text`.

`python3 main.py --listen 127.0.0.1:7000` serves until Ctrl-C: chat with
`nc 127.0.0.1 7000` from two terminals. Without --listen, the program plays a
short conversation with itself: the server on a free port of 127.0.0.1, and
four clients taking turns.

One task per connection, started by asyncio.start_server, and in it a
TaskGroup: a task that watches for the stop, and, once the client has a name,
one that reads its lines and one that writes the lines for it from its own
bounded queue. A client whose queue is full has fallen too far behind: it is
told and dropped, and nobody waits for it. Ctrl-C sets an event that every
connection watches, and the server waits for each to say goodbye. Past the
seeds: the Python twin of `src/main.rs`.
"""

import argparse
import asyncio
import signal
import sys

MAX_LINE = 64 * 1024  # bytes, not counting the newline
MAX_NAME = 32  # characters
GOODBYE = 0.3  # seconds for the last line out, then the client's close
SHUTDOWN = 0.7  # seconds the server waits for its connections, once stopped
PATIENCE = 10  # seconds a scripted client waits for a line


class Ending(Exception):
    """Why a connection ended: what the server logs after the client's name,
    and the last line the client gets."""

    log = "left"
    farewell = None


class Left(Ending):
    pass


class Broken(Ending):
    log = "left (the connection broke)"


class TooLong(Ending):
    log = f"sent more than {MAX_LINE} bytes without a newline; disconnected"
    farewell = f"error: more than {MAX_LINE} bytes without a newline; disconnected"


class TooSlow(Ending):
    log = "fell too far behind; dropped"
    farewell = "error: you fell too far behind; disconnected"


class NotReading(Ending):
    log = "stopped reading; dropped"
    farewell = "error: you stopped reading; disconnected"


class Shutdown(Ending):
    log = None  # the server says it once for everyone
    farewell = "server shutting down"


class Member:
    """A client with a name, and the lines waiting for it."""

    def __init__(self, name, queue):
        self.name = name
        self.lines = asyncio.Queue(queue)
        self.behind = False


class Room:
    """What every connection shares. One thread runs them all: no lock."""

    def __init__(self, queue, write_timeout):
        self.members = {}
        self.queue = queue
        self.write_timeout = write_timeout
        self.stopping = asyncio.Event()

    def join(self, name):
        """Takes `name` if nobody has it: then the member, and who else is here."""
        if name in self.members:
            return None
        others = sorted(self.members)
        member = self.members[name] = Member(name, self.queue)
        print(f"server: {name} joined")
        self.publish(member, f"* {name} joined")
        return member, others

    def leave(self, member, ending):
        del self.members[member.name]
        if ending.log:
            print(f"server: {member.name} {ending.log}")
            self.publish(member, f"* {member.name} left")

    def publish(self, sender, text):
        for member in self.members.values():
            if member is not sender:
                try:
                    member.lines.put_nowait(text)
                except asyncio.QueueFull:
                    member.behind = True


class Connection:
    def __init__(self, reader, writer):
        self.reader = reader
        self.writer = writer
        self.member = None


async def next_line(reader):
    """The next line, without its \\n (or \\r\\n)."""
    try:
        line = await reader.readline()
    except ValueError:  # longer than the reader's limit, MAX_LINE
        raise TooLong() from None
    except ConnectionError:
        raise Broken() from None
    if not line:
        raise Left()
    # Without a newline, the client closed its end in mid-line: its last line.
    return line.removesuffix(b"\n").removesuffix(b"\r")


async def send(writer, text, within):
    """Sends one line; a client that does not take it within `within` seconds
    has stopped reading."""
    writer.write(f"{text}\n".encode())
    try:
        async with asyncio.timeout(within):
            await writer.drain()
    except TimeoutError:
        raise NotReading() from None
    except ConnectionError:
        raise Broken() from None


async def connection(room, reader, writer):
    """One client, from connect to close: its name, the chat, then goodbye."""
    conn = Connection(reader, writer)
    try:
        # The first task to raise an Ending cancels the others.
        async with asyncio.TaskGroup() as tasks:
            tasks.create_task(stopped(room))
            await ask_name(room, conn)
            tasks.create_task(read_lines(room, conn))
            tasks.create_task(write_lines(room, conn))
    except* Ending as endings:
        ending = endings.exceptions[0]
    if conn.member:
        room.leave(conn.member, ending)
    await goodbye(conn, ending.farewell)


async def stopped(room):
    await room.stopping.wait()
    raise Shutdown()


async def ask_name(room, conn):
    """Asks for a name until the client sends one nobody has, and joins with it."""
    await send(conn.writer, "welcome! what is your name?", room.write_timeout)
    while True:
        line = await next_line(conn.reader)
        try:
            name = line.decode().strip()
        except UnicodeDecodeError:
            refusal = "error: a name must be UTF-8 text; send another"
        else:
            if not name:
                refusal = "error: a name cannot be empty; send another"
            elif len(name) > MAX_NAME:
                refusal = f"error: a name has at most {MAX_NAME} characters; send another"
            elif (joined := room.join(name)) is None:
                refusal = f"error: the name {name} is taken; send another"
            else:
                # Joined: from here on, however it ends, the name is given back.
                conn.member, others = joined
                here = f"here: {', '.join(others)}" if others else "you are alone here"
                await send(conn.writer, f"hello {name}, {here}", room.write_timeout)
                return
        await send(conn.writer, refusal, room.write_timeout)


async def read_lines(room, conn):
    """Each line the client sends, to everyone else."""
    me = conn.member
    while True:
        line = await next_line(conn.reader)
        try:
            text = line.decode()
        except UnicodeDecodeError:
            refusal = "error: that line is not UTF-8 text; nobody got it"
            await send(conn.writer, refusal, room.write_timeout)
            continue
        if text:
            room.publish(me, f"{me.name}: {text}")


async def write_lines(room, conn):
    """Each line for the client, out to it, until it falls too far behind."""
    me = conn.member
    while True:
        text = await me.lines.get()
        if me.behind:
            raise TooSlow()
        await send(conn.writer, text, room.write_timeout)


async def goodbye(conn, farewell):
    """The last line, if there is one. Then the server's end is closed, and
    what the client still sends is read and thrown away until it closes its
    own: closing with unread input would reset the connection under that last
    line. All within GOODBYE: a client that does not read, or never closes,
    is cut off."""
    try:
        async with asyncio.timeout(GOODBYE):
            if farewell:
                conn.writer.write(f"{farewell}\n".encode())
                await conn.writer.drain()
            conn.writer.write_eof()
            while await conn.reader.read(65536):
                pass
    except (TimeoutError, ConnectionError):
        pass


async def start(room, host, port):
    """The listening server, and the set of its live connections."""
    connections = set()

    async def on_connect(reader, writer):
        task = asyncio.current_task()
        connections.add(task)
        try:
            await connection(room, reader, writer)
        finally:
            connections.discard(task)
            # Closed now, whatever is left unsent: the system still delivers
            # what it holds, as it does when the Rust drops its socket.
            writer.transport.abort()

    # `limit`: the longest line readline() returns; a longer one is a ValueError.
    server = await asyncio.start_server(on_connect, host, port, limit=MAX_LINE)
    return server, connections


def shut_down(room, server):
    """What Ctrl-C does: says so first, so that it comes before any client
    hears it."""
    print("server: shutting down")
    room.stopping.set()
    server.close()


async def closed(server, connections):
    """Waits for every connection to say goodbye, for SHUTDOWN at most."""
    if connections:
        _, late = await asyncio.wait(connections, timeout=SHUTDOWN)
        if late:
            print(f"server: cut off {len(late)} connection(s) that did not close in time")
            for task in late:
                task.cancel()
            await asyncio.wait(late)
    await server.wait_closed()


def address_of(server):
    host, port = server.sockets[0].getsockname()[:2]
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


async def listen(room, address):
    """Serves on `address` until Ctrl-C."""
    host, _, port = address.rpartition(":")
    if not host or not port.isdigit():
        sys.exit(f"error: could not listen on {address}: invalid socket address")
    try:
        server, connections = await start(room, host.strip("[]"), int(port))
    except (OSError, OverflowError) as error:
        sys.exit(f"error: could not listen on {address}: {error}")
    bound = address_of(server)
    print(f"server: listening on {bound}")
    host, _, port = bound.rpartition(":")
    print(
        f"chat with `nc {host.strip('[]')} {port}` from other terminals; Ctrl-C stops the server",
        file=sys.stderr,
    )
    ctrl_c = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGINT, ctrl_c.set)
    await ctrl_c.wait()
    shut_down(room, server)
    await closed(server, connections)
    print("server: stopped")


async def play(room):
    """The scripted conversation: the server on a free port of 127.0.0.1, and
    the clients of `conversation`."""
    server, connections = await start(room, "127.0.0.1", 0)
    print(f"server: listening on {address_of(server)}")
    host, port = server.sockets[0].getsockname()[:2]
    try:
        await conversation(host, port, lambda: shut_down(room, server))
    finally:
        # Stopped already, unless the conversation failed half-way.
        if not room.stopping.is_set():
            room.stopping.set()
            server.close()
        await closed(server, connections)
    print("server: stopped")


class Client:
    """One client of the scripted conversation: prints every line it sends
    (`ann -> hi bob`) and every line it hears (`bob <- ann: hi bob`)."""

    def __init__(self, name, reader, writer):
        self.name = name
        self.reader = reader
        self.writer = writer

    @classmethod
    async def connect(cls, name, host, port):
        reader, writer = await asyncio.open_connection(host, port)
        print(f"{name} connects")
        return cls(name, reader, writer)

    async def say(self, text):
        await self.send(f"{text}\n".encode(), text)

    async def send(self, data, shown):
        print(f"{self.name} -> {shown}")
        self.writer.write(data)
        await self.writer.drain()

    async def hear(self):
        line = await self.next_line()
        if line is None:
            raise ConnectionError(f"{self.name}: the server closed the connection")
        return line

    async def hear_the_rest(self):
        """Every line until the server closes the connection; then this
        client closes its own end."""
        while await self.next_line() is not None:
            pass
        print(f"{self.name} <- (connection closed)")
        self.writer.close()

    def leave(self):
        print(f"{self.name} leaves")
        self.writer.close()

    async def next_line(self):
        async with asyncio.timeout(PATIENCE):
            line = await self.reader.readline()
        if not line:
            return None
        text = line.decode().removesuffix("\n")
        print(f"{self.name} <- {text}")
        return text


async def conversation(host, port, shut_down):
    """Four clients take turns. Each step waits until every client it reaches
    has heard it, so the lines come in the same order every run, with no
    sleeps. A client never hears its own lines."""
    ann = await Client.connect("ann", host, port)
    await ann.hear()
    await ann.say("ann")
    await ann.hear()

    bob = await Client.connect("bob", host, port)
    await bob.hear()
    await bob.say("ann")
    await bob.hear()
    await bob.send(b"\n", "(an empty line)")
    await bob.hear()
    await bob.say("bob")
    await bob.hear()
    await ann.hear()

    await ann.say("hi bob")
    await bob.hear()
    # "café" in Latin-1: one byte for the é, which is not UTF-8.
    await bob.send(b"caf\xe9?\n", "caf\\xe9? (not UTF-8)")
    await bob.hear()
    await bob.say("café?")
    await ann.hear()

    cat = await Client.connect("cat", host, port)
    await cat.hear()
    await cat.say("cat")
    await cat.hear()
    await ann.hear()
    await bob.hear()
    await cat.send(b"x" * 70_000 + b"\n", "xxx… (a line of 70000 bytes)")
    await cat.hear_the_rest()
    await ann.hear()
    await bob.hear()

    # dan connects, and never gives a name.
    dan = await Client.connect("dan", host, port)
    await dan.hear()

    bob.leave()
    await ann.hear()

    shut_down()
    await ann.hear_the_rest()
    await dan.hear_the_rest()


def queue_size(text):
    n = int(text)
    if not 1 <= n <= 65536:
        raise ValueError(n)
    return n


def seconds(text):
    secs = float(text)
    if not 0.1 <= secs <= 3600:
        raise ValueError(secs)
    return secs


def main():
    parser = argparse.ArgumentParser(
        description="A chat server: every line a client sends reaches every other client"
    )
    parser.add_argument("--listen", metavar="HOST:PORT", help="serve until Ctrl-C")
    parser.add_argument("--queue", type=queue_size, default=256)
    parser.add_argument("--write-timeout", type=seconds, default=10.0)
    args = parser.parse_args()

    async def run():
        room = Room(args.queue, args.write_timeout)
        if args.listen:
            await listen(room, args.listen)
        else:
            await play(room)

    try:
        asyncio.run(run())
    except KeyboardInterrupt:  # Ctrl-C during the scripted conversation
        sys.exit(130)


if __name__ == "__main__":
    main()
