// Rule: removeDoneCallback removes every registration of that callback and returns how many it
// removed; the rest run in registration order (via callSoon) with the future as argument; removing
// after completion (once they are scheduled) returns 0.
import { run, createTask, sleep, getRunningLoop, Future } from 'tscoro';

function make<T>(label: string): (f: Future<T>) => void {
  return (f) => console.log('callback', label, 'result', f.result());
}

async function main() {
  const loop = getRunningLoop();
  const fut = loop.createFuture<string>();
  const a = make<string>('a');
  const b = make<string>('b');
  const c = make<string>('c');
  fut.addDoneCallback(a);
  fut.addDoneCallback(b);
  fut.addDoneCallback(a);
  fut.addDoneCallback(c);
  fut.addDoneCallback(b);
  console.log('removed a:', fut.removeDoneCallback(a));
  console.log('removed a again:', fut.removeDoneCallback(a));
  loop.callLater(0.1, (v: string) => fut.setResult(v), 'ok');
  await fut;
  console.log('main resumed');
  console.log('removed b after done:', fut.removeDoneCallback(b));

  const t = createTask(sleep(0.1, 'task value'));
  t.addDoneCallback(make<string>('on-task'));
  t.addDoneCallback(c);
  console.log('removed c from task:', t.removeDoneCallback(c));
  await t;
  console.log('main end');
}

run(main(), { clock: 'virtual' });
