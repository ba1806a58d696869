// The contract between code emitted by tscoro/transformer and the runtime. Emitted files import this
// module (specifier "tscoro/protocol") and use only what it exports; the transformer's emit stage
// names these members, and test/protocol.test.js checks both sides agree.
//
// A compiled async function `f` becomes a wrapper `function f(...) { return new f$(...) }` and a flat
// frame class `f$` with these members (no base-class constructor; `def` links its prototype):
//   $s: number   next state; 0 before the first step. Written by emitted code only.
//   $p: parent   undefined until the frame is started (awaited or scheduled), then the frame that
//                awaits it, or null for a Task's root frame. Written by the runtime only.
//   $step(m, v)  resumes the machine: m = 0 sends value v into the pending await, m = 1 throws v there.
//                Returns SUSPEND when the frame parked itself (on a Future, a timer, a native
//                thenable, or a pushed child frame); any other return value is the function's result.
//                A throw out of $step is the function's exception.
// Emitted code suspends with `if ((v = aw(this, x)) === S) return S;` after setting $s to the
// resume state; `aw` returns the value at once when x needs no suspension (plain value, done
// Future, coroutine that completes synchronously) so the machine falls through to the next case.
export { SUSPEND as S, awaitValue as aw, defineCoroutine as def, ClosureFrame as Cf, Coroutine, templateObject as tpl } from './coroutine';
export { asyncIteratorOf as ai, asyncIteratorClose as aclose } from './iteration';
export { newDisposeEnv as denv, addDisposable as duse, disposeResources as ddispose } from './disposal';
