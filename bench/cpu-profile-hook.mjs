/**
 * `NODE_OPTIONS=--import=<this file>` with `ZHONGSHU_CPU_PROF_DIR=dir`: the process records a V8 CPU profile
 * and writes it to `dir/<pid>.cpuprofile` when it exits (NODE_OPTIONS does not take `--cpu-prof`).
 */
import fs from 'node:fs';
import inspector from 'node:inspector';
import path from 'node:path';

const dir = process.env.ZHONGSHU_CPU_PROF_DIR;
if (dir) {
  const session = new inspector.Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: 500 });
  session.post('Profiler.start');
  process.on('exit', () => {
    // a session on the main thread answers synchronously, so this runs before the process ends
    session.post('Profiler.stop', (err, res) => {
      if (!err) fs.writeFileSync(path.join(dir, `${process.pid}.cpuprofile`), JSON.stringify(res.profile));
    });
  });
}
