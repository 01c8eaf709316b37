// Preloaded (`node --import`) into programs run by `ts314 gc --`: records pauses, writes them at exit.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMainThread } from 'node:worker_threads';
import { flushObserved, flushObservedSync } from './observer.js';
import { monitor } from './monitor.js';

/** Environment variable naming the directory where each observed process writes `<pid>.json`. */
export const REPORT_DIR_ENV = 'TS314_GC_REPORT_DIR';

const dir = process.env[REPORT_DIR_ENV];
// Worker threads share the pid (and would overwrite the report); the report is about the main thread.
if (dir && isMainThread) {
  const handle = monitor();
  let flushed = false;
  // beforeExit fires when the loop drains naturally: time to let in-flight entries arrive. Work
  // scheduled here re-triggers beforeExit once, hence the flag.
  process.on('beforeExit', () => {
    if (flushed) return;
    flushed = true;
    void flushObserved();
  });
  process.on('exit', (code) => {
    // process.exit() skips beforeExit: take whatever the observer already holds.
    flushObservedSync();
    const report = { pid: process.pid, argv: process.argv, exitCode: code, pauses: handle.pauses };
    try {
      writeFileSync(join(dir, `${process.pid}.json`), JSON.stringify(report));
    } catch {
      // The parent reports a missing file; a failed write must not change the program's exit.
    }
  });
}
