"""A reader waits for a line, and says so every 2 seconds it waits; the
writer sends half a line, pauses 3 seconds, then the rest. Cancelling a
read that keeps what it has read in a local loses the half line; a read
whose buffer outlives it (the stream's own `readline`) keeps it. Past the
seeds; the Python twin of `examples/timeout_lines.rs`.
"""

import asyncio


async def writer(stream):
    # An in-memory stream: what is fed here, the reader reads.
    stream.feed_data(b"hello wor")
    print('writer: sent "hello wor"')
    await asyncio.sleep(3)
    stream.feed_data(b"ld\n")
    print('writer: sent "ld\\n"')
    stream.feed_eof()


async def read_line_in_pieces(stream):
    """Not cancel-safe: the pieces read so far are in a local variable, and
    a cancelled call takes them with it."""
    line = b""
    while not line.endswith(b"\n"):
        piece = await stream.read(64)
        if not piece:
            break
        line += piece
    return line


async def read_lines(stream, read_line):
    while True:
        try:
            line = await asyncio.wait_for(read_line(stream), timeout=2)
        except TimeoutError:
            print("reader: 2 s without a line")
            continue
        if not line:
            print("reader: end of stream")
            return
        print(f'reader: got "{line.decode().rstrip()}"')


async def main():
    for title, read_line in [
        ("a cancel-unsafe read", read_line_in_pieces),
        ("a cancel-safe read", asyncio.StreamReader.readline),
    ]:
        print(f"-- {title} --")
        stream = asyncio.StreamReader()
        await asyncio.gather(writer(stream), read_lines(stream, read_line))


if __name__ == "__main__":
    asyncio.run(main())
