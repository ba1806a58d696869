// The common API (../api.ts) on tscoro's runtime: each name is tscoro's own, adapted only in shape.
'use strict';
const T = require('tscoro');
exports.sleep = T.sleep;
exports.spawn = T.createTask;
exports.gather = (ps) => T.gather(ps);
exports.Queue = T.Queue;
exports.Event = T.Event;
exports.Semaphore = T.Semaphore;
exports.withTimeout = (seconds, body) => T.withTimeout(seconds, () => body());
exports.taskGroup = (body) => T.taskGroup((tg) => body({ spawn(c) { tg.createTask(c); } }));
exports.heapUsed = () => { global.gc(); return process.memoryUsage().heapUsed; };
