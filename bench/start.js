// How each form is started, shared by driver.js (one measurement per process) and steady.js (all
// forms in one process). Takes the compiled forms' directory and a form name; produces
// start(fn, n, scale) -> Promise of the workload's checksum.
'use strict';
const path = require('path');

function loadForm(dir, form) {
  const m = require(path.join(dir, form, 'workloads.js'));
  if (form === 'tscoro') {
    const T = require('tscoro');
    return (fn, k, scale, clock) => T.run(m[fn](k, scale), { clock });
  }
  if (form === 'effection') {
    const { run } = require('effection');
    return (fn, k, scale) => run(() => m[fn](k, scale));
  }
  return (fn, k, scale) => m[fn](k, scale);
}

module.exports = { loadForm };
