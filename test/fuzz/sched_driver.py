"""Runs a batch of generated asyncio programs on CPython's own loop with a virtual clock.

    python3 sched_driver.py batch.json     # batch.json: a JSON list of program texts

Prints a JSON list with each program's stdout. Condition.wait carries the change tscoro makes to
it (see condition_wait). The clock is virtual as in ../shared/tools/vasyncio.py:
the loop is CPython's SelectorEventLoop, and whenever it would sleep until its next timer the clock
jumps there instead (a fresh clock per program). A program that raises is reported by its output
followed by a line `<crash: ...>`, which tscoro never prints; one that would wait for ever (nothing
ready, no timer) crashes with `blocked for ever`.
"""
import asyncio
import contextlib
import io
import json
import selectors
import sys


class VirtualSelector(selectors.DefaultSelector):
    def __init__(self):
        super().__init__()
        self.now = 0.0

    def select(self, timeout=None):
        if timeout is None:
            # Nothing ready and no timer: a real loop would block for ever (and a virtual one spin).
            raise RuntimeError("blocked for ever")
        if timeout > 0:
            self.now += timeout
        return super().select(0)


class VirtualLoop(asyncio.SelectorEventLoop):
    def __init__(self):
        self._vsel = VirtualSelector()
        super().__init__(self._vsel)

    def time(self):
        return self._vsel.now


async def condition_wait(self):
    """CPython 3.11's Condition.wait with the one change tscoro makes on purpose (README,
    "Scheduling"): a waiter that was notified and then leaves with an exception (cancelled before
    it got the lock back) hands the notification to the next waiter instead of losing it, as
    CPython 3.13 does (gh-112202). Unlike 3.13, a waiter that was never notified wakes nobody."""
    if not self.locked():
        raise RuntimeError("cannot wait on un-acquired lock")
    self.release()
    fut = self._get_loop().create_future()
    try:
        try:
            self._waiters.append(fut)
            try:
                await fut
                return True
            finally:
                self._waiters.remove(fut)
        finally:
            cancelled = False
            while True:
                try:
                    await self.acquire()
                    break
                except asyncio.CancelledError:
                    cancelled = True
            if cancelled:
                raise asyncio.CancelledError
    except BaseException:
        if fut.done() and not fut.cancelled():
            for w in self._waiters:
                if not w.done():
                    w.set_result(False)
                    break
        raise


def virtual_run(main, *, debug=None):
    with asyncio.Runner(debug=debug, loop_factory=VirtualLoop) as runner:
        return runner.run(main)


def run_program(text, index):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        try:
            code = compile(text, f"program{index}.py", "exec")
            exec(code, {"__name__": "__main__", "__builtins__": __builtins__})
        except BaseException as e:  # the program's own failure is part of its output
            print(f"<crash: {type(e).__name__}: {e}>")
    return out.getvalue()


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        programs = json.load(f)
    asyncio.run = virtual_run
    asyncio.Condition.wait = condition_wait
    outputs = [run_program(text, i) for i, text in enumerate(programs)]
    sys.stdout.write(json.dumps(outputs))


if __name__ == "__main__":
    main()
