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
// An async generator's frame (asyncgen.ts) also has $y and $gs; its $step returns Y at a yield (the
// value in $y) and takes m = 2: return at the pending yield (`yield*` passes m on to the inner
// iterator through `ydel`).
// Emitted code suspends with `if ((v = aw(this, x)) === S) return S;` after setting $s to the
// resume state; `aw` returns the value at once when x needs no suspension (plain value, done
// Future, coroutine that completes synchronously) so the machine falls through to the next case.
//
// Plain `export const` bindings, not re-exports: CommonJS output turns `export { x } from` into
// getters, and compiled code reads these on every await.
import { SUSPEND, BRAND, awaitValue, inlineResult, drv, defineCoroutine, ClosureFrame, templateObject, failedCoroutine } from './coroutine';
// For its side effect: the Task class registers with the loop, which makes the Task that native
// code's `.then` on a coroutine starts (coroutine.ts's taskForNative).
import './task';
import { asyncIteratorOf, asyncIteratorClose, iteratorOf, iterResult } from './iteration';
import { newDisposeEnv, addDisposable, disposeResources } from './disposal';
import { UNINITIALIZED, checkInitialized, checkedAssign, checkedRef, constRef } from './deadzone';
import { requireObjectCoercible, objectRest } from './destructuring';
import { callable, constructible, heldReturn, propertyKey } from './checks';
import { YIELD, defineAsyncGenerator, ClosureGenFrame, yieldDelegate, DELEGATE_RETURN } from './asyncgen';

export { Coroutine } from './coroutine';
/** SUSPEND: what $step and aw return when the frame parked itself. */
export const S = SUSPEND;
/** await: returns the value, SUSPEND, or throws. */
export const aw = awaitValue;
/**
 * A frame class's own await (`$a`, see below) runs awaitValue's first case itself so that its
 * `x.$step` call stays monomorphic:
 *   $a(x, r) { return x?.[B] === true && x.$p === void 0 && (r = d.room) > 0
 *                ? (x.$p = this, d.room = r - 1, rv(this, x.$step(0, void 0), r)) : aw(this, x); }
 * (`r` is scratch: callers pass x alone.)
 * B: the Coroutine brand (x[B] === true iff x is a Coroutine; kinder to V8 than instanceof);
 * d: the driver state (`room`: inline awaits left before the frame stack takes over);
 * rv: restores the room (to r) and returns the callee's result or SUSPEND.
 */
export const B = BRAND;
export const d = drv;
export const rv = inlineResult;
/**
 * Makes a frame class a Coroutine with a name (once per compiled function): `def(cls, name)`, or
 * `def(cls, name, file, table)` with the source positions of its suspension points (coroutine.ts
 * Where), which name the await in stack lines.
 */
export const def = defineCoroutine;
/**
 * The closure-step frame (functions capturing outer locals, or using super / #private names):
 * `new Cf(step, name)`, or `new Cf(step, name, w)` with `w` a file-level const `[file, table]`.
 */
export const Cf = ClosureFrame;
/**
 * Async generators (asyncgen.ts): `defg` makes a frame class the generator object's class, `Cg` is
 * the closure-step form; a `yield` stores its value in $y and returns Y from $step, and $step(2, v)
 * resumes a yield with a return completion.
 */
export const defg = defineAsyncGenerator;
export const Cg = ClosureGenFrame;
export const Y = YIELD;
/** `yield*`: one delegation step (awaited), and what it returns when the delegation returns. */
export const ydel = yieldDelegate;
export const DR = DELEGATE_RETURN;
/** Tag returning a template site's strings array (tagged templates with awaits). */
export const tpl = templateObject;
/**
 * for-of and array patterns: the iterator record of a sync iterable (SyncIter: next, step, rest,
 * end, close, closeQuiet; `next` read once). for await and yield*: that of an async or sync
 * iterable (AsyncIter), and the check of each awaited result.
 */
export const iter = iteratorOf;
export const ai = asyncIteratorOf;
export const ir = iterResult;
/** for await left early: awaits the iterator's return(). */
export const aclose = asyncIteratorClose;
/** using / await using: a block's resource stack, registration and disposal. */
export const denv = newDisposeEnv;
export const duse = addDisposable;
export const ddispose = disposeResources;
/** Temporal dead zone: the uninitialised marker, the checked read, assignment and pattern target. */
export const Z = UNINITIALIZED;
export const tdz = checkInitialized;
export const tdzw = checkedAssign;
export const tdzref = checkedRef;
/** A `const` local written to: a reference whose store throws TypeError. */
export const cref = constRef;
/** Destructuring taken apart by hand (defaults or computed keys that await). */
export const coercible = requireObjectCoercible;
export const orest = objectRest;
/** Engine checks on split expressions (messages name the source expression), held returns. */
export const fn = callable;
export const ctor = constructible;
export const held = heldReturn;
/** A computed key kept in a temp, converted when evaluated (ToPropertyKey). */
export const pk = propertyKey;
/** A call whose parameter binding threw: the error surfaces when the coroutine is awaited. */
export const fail = failedCoroutine;
