// Runs CP-SAT (or-tools-wasm) in a child process of solve.mjs. The wasm
// runtime's teardown at exit can stall a process for tens of seconds, so the
// parent keeps it out of its own process and kills this one when done.
import { CpSat } from 'or-tools-wasm/cp-sat';

// Orphaned (the parent died): stop at once.
process.on('disconnect', () => process.kill(process.pid, 'SIGKILL'));

await CpSat.getSchemas(); // loads the wasm module
process.send({ type: 'ready' });

process.on('message', async (msg) => {
  if (msg.type !== 'solve') return;
  try {
    const bytes = await CpSat.createModel(msg.proto);
    let log = '';
    const started = performance.now();
    const { response } = await CpSat.solve(bytes, msg.params, {
      onLog: (m) => {
        log += m.endsWith('\n') ? m : m + '\n';
      },
    });
    process.send({ type: 'result', id: msg.id, response, log, wall: (performance.now() - started) / 1000 });
  } catch (e) {
    process.send({ type: 'error', id: msg.id, error: e && e.stack ? e.stack : String(e) });
  }
});
