// Runs one child process for the harness: wall time, stdout/stderr, exit code,
// and peak memory when GNU time is on the machine (it is optional).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const GNU_TIME = '/usr/bin/time';
const active = new Set();

// Ctrl-C on the harness: stop the running solver too.
export function killActive() {
  for (const child of active) killGroup(child);
}

export function run(command, args, { timeoutSeconds, logFile } = {}) {
  return new Promise((resolve) => {
    const memFile = path.join(os.tmpdir(), `makepack-bench-${process.pid}-${Date.now()}.mem`);
    const measured = existsSync(GNU_TIME);
    const [cmd, argv] = measured ? [GNU_TIME, ['-f', '%M', '-o', memFile, command, ...args]] : [command, args];
    const started = performance.now();
    // Own process group: a timeout kills the solver and its children, not only GNU time.
    const child = spawn(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    active.add(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    // A hung solver must not hang the benchmark: kill it well after its own limit.
    const timer = timeoutSeconds ? setTimeout(() => killGroup(child), timeoutSeconds * 1000) : null;
    const finish = (code, signal) => {
      if (timer) clearTimeout(timer);
      active.delete(child);
      const wall = (performance.now() - started) / 1000;
      let peakMb = null;
      if (measured && existsSync(memFile)) {
        const kb = Number(readFileSync(memFile, 'utf8').trim().split('\n').pop());
        if (Number.isFinite(kb)) peakMb = kb / 1024;
        rmSync(memFile, { force: true });
      }
      resolve({ code: code ?? (signal ? 128 : 1), signal, wall, stdout, stderr, peakMb, logFile });
    };
    child.on('error', (e) => { stderr += String(e); finish(127, null); });
    child.on('close', finish);
  });
}

function killGroup(child) {
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}
