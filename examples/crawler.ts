// A toy crawler: fan-out with createTask and gather, a deadline built from sleep and cancel.
// Takes nothing (the "web" is a table of links and latencies); prints each level of the crawl.
// Run it with `node bin/tscoro.js run examples/crawler.ts --clock virtual`: the latencies add up to
// seconds of waiting, which the virtual clock skips, and the output is the same on every run.
import { run, createTask, gather, sleep, CancelledError, Task } from 'tscoro';

const WEB: Record<string, { latency: number; links: string[] }> = {
  '/': { latency: 0.1, links: ['/docs', '/blog', '/slow'] },
  '/docs': { latency: 0.3, links: ['/docs/api', '/'] },
  '/blog': { latency: 0.2, links: ['/blog/1', '/blog/2'] },
  '/slow': { latency: 5, links: ['/never-seen'] },
  '/docs/api': { latency: 0.4, links: [] },
  '/blog/1': { latency: 0.1, links: ['/blog/2'] },
  '/blog/2': { latency: 0.6, links: [] },
};

/** Pretends to download `url`; returns the links on the page. A cancel lands in the sleep. */
async function fetchPage(url: string): Promise<string[]> {
  const page = WEB[url] ?? { latency: 0.05, links: [] };
  try {
    await sleep(page.latency);
  } catch (err) {
    if (err instanceof CancelledError) console.log(`  ${url}: cancelled (${err.message})`);
    throw err;
  }
  console.log(`  ${url}: ${page.links.length} links`);
  return page.links;
}

/** Cancels every task of `tasks` still running after `seconds`. */
async function deadline(seconds: number, tasks: Task<string[]>[]): Promise<void> {
  await sleep(seconds);
  for (const t of tasks) if (!t.done()) t.cancel(`over the ${seconds} s budget`);
}

/** Breadth-first crawl: every page of a level is fetched concurrently, each level within `budget`. */
async function crawl(root: string, maxDepth: number, budget: number): Promise<string[]> {
  const seen = new Set([root]);
  let level = [root];
  for (let depth = 0; depth < maxDepth && level.length > 0; depth++) {
    console.log(`level ${depth}: ${level.join(' ')}`);
    const tasks = level.map((url) => createTask(fetchPage(url), { name: url }));
    const watchdog = createTask(deadline(budget, tasks));
    // returnExceptions: a cancelled page is a result slot, not the end of the crawl.
    await gather(tasks, { returnExceptions: true });
    watchdog.cancel();
    const next: string[] = [];
    for (const t of tasks) {
      if (t.cancelled()) continue;
      for (const link of t.result()) {
        if (!seen.has(link)) {
          seen.add(link);
          next.push(link);
        }
      }
    }
    level = next;
  }
  return [...seen];
}

async function main(): Promise<void> {
  const pages = await crawl('/', 3, 1);
  console.log(`seen ${pages.length} pages: ${pages.join(' ')}`);
}

run(main());
