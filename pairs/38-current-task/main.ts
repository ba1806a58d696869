// Rule: currentTask() is the task whose step is running: the same object inside coroutines awaited
// inline (no new task), a different one inside created tasks, and null in a plain loop callback;
// allTasks() holds the pending tasks only.
import { run, createTask, sleep, currentTask, allTasks, getRunningLoop, Task } from 'tscoro';

async function helper(expected: Task<unknown> | null) {
  return currentTask() === expected;
}

async function child(mainTask: Task<unknown> | null) {
  const me = currentTask();
  console.log('child: is main task:', me === mainTask);
  await sleep(0);
  console.log('child: inline helper sees child task:', await helper(me));
  // Returned in an object: a returned Task would be adopted (awaited), as a JS async function adopts thenables.
  return { task: me };
}

function callback(): void {
  console.log('plain callback: current task is none:', currentTask() === null);
}

async function main() {
  const me = currentTask();
  console.log('main: inline helper sees main task:', await helper(me));
  getRunningLoop().callSoon(callback);
  const t = createTask(child(me));
  console.log('all_tasks has 2:', allTasks().size === 2, 'contains child:', allTasks().has(t));
  const inner = await t;
  console.log('child saw its own task:', inner.task === t);
  const all = allTasks();
  console.log('after child finished, all_tasks is just main:', all.size === 1 && me !== null && all.has(me));
}

run(main(), { clock: 'virtual' });
