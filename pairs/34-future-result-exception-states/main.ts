// Rule: a Future is set exactly once: setResult/setException on a done future raise
// InvalidStateError; result()/exception() of a pending future raise InvalidStateError; result() of a
// failed future re-raises its exception; a cancelled future raises CancelledError from both.
import { run, getRunningLoop } from 'tscoro';

class ValueError extends Error {
  constructor(msg: string) {
    super(msg);
    this.name = 'ValueError';
  }
}

function nameOf(fn: () => unknown): string {
  try {
    const v = fn();
    return 'returned ' + String(v);
  } catch (e) {
    return 'raised ' + (e instanceof Error ? e.name : 'non-error');
  }
}

async function main() {
  const loop = getRunningLoop();
  const f = loop.createFuture<string>();
  console.log('pending done:', f.done());
  console.log('pending result():', nameOf(() => f.result()));
  console.log('pending exception():', nameOf(() => f.exception()));
  f.setResult('r1');
  console.log('after set_result done:', f.done(), 'result:', f.result());
  console.log('exception() is none:', f.exception() == null);
  console.log('second set_result:', nameOf(() => f.setResult('r2')));
  console.log('set_exception after result:', nameOf(() => f.setException(new ValueError('x'))));
  console.log('result unchanged:', f.result());

  const g = loop.createFuture<number>();
  const err = new ValueError('broken');
  g.setException(err);
  console.log('failed result():', nameOf(() => g.result()));
  console.log('failed exception() is err:', g.exception() === err);
  console.log('set_result on failed:', nameOf(() => g.setResult(1)));
  try {
    await g;
  } catch (e) {
    if (e instanceof Error) console.log('await failed future raised same object:', e === err, e.message);
  }

  const h = loop.createFuture<number>();
  h.cancel();
  console.log('cancelled result():', nameOf(() => h.result()));
  console.log('cancelled exception():', nameOf(() => h.exception()));
  console.log('set_result on cancelled:', nameOf(() => h.setResult(1)));

  const later = loop.createFuture<string>();
  loop.callLater(0.25, (v: string) => later.setResult(v), 'from timer');
  console.log('awaited:', await later, 'at', loop.time().toFixed(3));
}

run(main(), { clock: 'virtual' });
