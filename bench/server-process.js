// Starts a server process (dunguard serve, or the baseline) for a benchmark and resolves
// once it prints its loopback address. `prefix` is e.g. taskset to pin it to a core.
import { spawn } from 'node:child_process';

export function startServer(root, args, env, prefix = []) {
  return new Promise((resolve, reject) => {
    const [cmd, ...rest] = [...prefix, process.execPath, ...args];
    const child = spawn(cmd, rest, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (b) => {
      out += b;
      const m = /(http:\/\/127\.0\.0\.1:(\d+)\/)/.exec(out);
      if (m) resolve({ child, url: m[1], port: Number(m[2]) });
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code}): ${out}`)));
  });
}
