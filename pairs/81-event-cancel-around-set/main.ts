// Rule: a task cancelled while it waits on an Event leaves the waiters and sees CancelledError one
// pass later; a task cancelled after set() woke it (before it runs) still sees CancelledError, at
// its turn in the pass, not in a later one; a task that cancels itself and then waits never joins
// the waiters; an Event.wait() run as a task of its own returns true; waiters woken by one set()
// resume in the order they waited, between the callbacks scheduled around the set().
// (tscoro parks the task itself in the Event's list; CPython parks a future.)
import { run, Event, createTask, gather, sleep, getRunningLoop, currentTask, CancelledError, Task } from 'tscoro';

async function waiter(ev: Event, name: string) {
  try {
    const r = await ev.wait();
    console.log(name, 'woke', r);
  } catch (e) {
    if (e instanceof CancelledError) console.log(name, 'cancelled', e.message);
    throw e;
  }
}

async function selfCancelling(ev: Event) {
  currentTask()!.cancel('before waiting');
  console.log('early waits');
  await waiter(ev, 'early');
}

async function main() {
  const loop = getRunningLoop();
  const ev = new Event();
  const a = createTask(waiter(ev, 'a'));
  const b = createTask(waiter(ev, 'b'));
  const c = createTask(waiter(ev, 'c'));
  const d = createTask(waiter(ev, 'd'));
  const root = createTask(ev.wait());
  await sleep(0);
  b.cancel('while waiting');
  loop.callSoon(() => console.log('callback before set'));
  ev.set();
  c.cancel('after set');
  loop.callSoon(() => console.log('callback after set'));
  ev.clear();
  const early = createTask(selfCancelling(ev));
  const all: Task<unknown>[] = [a, b, c, d, root, early];
  const rs = await gather(all, { returnExceptions: true });
  console.log(`[${rs.map((r) => `'${r instanceof Error ? r.name : String(r === undefined ? 'none' : r)}'`).join(', ')}]`);
  const late = createTask(waiter(ev, 'late'));
  await sleep(0);
  late.cancel();
  await sleep(0);
  console.log('late cancelled', late.cancelled() ? 'True' : 'False', 'event set', ev.isSet() ? 'True' : 'False');
  ev.set();
  await sleep(0);
  console.log('done');
}

run(main());
