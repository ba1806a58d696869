// Rule: BoundedSemaphore refuses a release() above its initial value (ValueError in Python,
// RangeError in tscoro); otherwise it behaves as Semaphore.
import { run, BoundedSemaphore } from 'tscoro';

async function main() {
  const sem = new BoundedSemaphore(2);
  await sem.acquire();
  console.log('locked', sem.locked());
  sem.release();
  try {
    sem.release();
  } catch (e) {
    if (e instanceof RangeError) console.log('error:', e.message);
  }
  await sem.acquire();
  try {
    await sem.acquire();
    try {
      console.log('locked', sem.locked());
    } finally {
      sem.release();
    }
  } finally {
    sem.release();
  }
  console.log('locked', sem.locked());
}

run(main(), { clock: 'virtual' });
