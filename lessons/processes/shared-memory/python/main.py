"""A number and an array in memory that a parent and its child share: the
child writes them, and the parent, once the child has ended, reads what it
wrote. The example of the multiprocessing documentation for Value and Array,
which 002 §4 names beside Queue and Pipe with no program of its own; stands
beside src/main.rs, where they are atomics in a shared mapping made before
fork.
"""

from multiprocessing import Array, Process, Value


def f(n, a):
    n.value = 3.1415927
    for i in range(len(a)):
        a[i] = -a[i]


if __name__ == "__main__":
    # 'd' is a C double, 'i' a C int: typed memory, not Python objects.
    num = Value("d", 0.0)
    arr = Array("i", range(10))

    p = Process(target=f, args=(num, arr))
    p.start()
    p.join()

    print(num.value)
    print(arr[:])
