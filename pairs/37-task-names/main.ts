// Rule: createTask(..., { name }) sets the task's name, setName renames it, and currentTask() inside the
// body sees the same name (only explicitly set names are printed: default names differ by runtime).
import { run, createTask, gather, sleep, currentTask } from 'tscoro';

function currentName(): string {
  const t = currentTask();
  return t === null ? 'no task' : t.getName();
}

async function body(tag: string) {
  await sleep(0);
  console.log(tag, 'running as', currentName());
  await sleep(0.1);
  console.log(tag, 'later running as', currentName());
}

async function main() {
  currentTask()?.setName('main-task');
  const t1 = createTask(body('first'), { name: 'worker-1' });
  const t2 = createTask(body('second'));
  t2.setName('worker-2');
  console.log('names:', t1.getName(), t2.getName(), currentName());
  await sleep(0.05);
  t1.setName('worker-1-renamed');
  await gather(t1, t2);
  console.log('final names:', t1.getName(), t2.getName());
}

run(main(), { clock: 'virtual' });
