import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { ensureGatewayKeys } from '../../kit/identity';

/**
 * The project's entry points, started as an operator starts them, in a process of their own:
 * from source, `node --import tsx <entry>` in the checkout; built, `node <entry>.js` in `cwd`
 * (an application directory holding `dist/`).
 */

const ROOT = join(__dirname, '..', '..');

export interface StartOptions {
  /** Run compiled JavaScript in this directory instead of TypeScript through tsx in the checkout. */
  builtIn?: string;
}

export interface Started {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

export function start(entry: string, env: Record<string, string>, args: string[] = [], options: StartOptions = {}): Started {
  const node = options.builtIn ? [entry, ...args] : ['--import', 'tsx', entry, ...args];
  // Only what a shell gives, so nothing from the test process (NODE_ENV=test) leaks in.
  const child = spawn(process.execPath, node, {
    cwd: options.builtIn ?? ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

/** Runs an entry point that should refuse to start: its exit code and what it wrote to stderr. */
export async function refusal(entry: string, env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const started = start(entry, env);
  const timer = setTimeout(() => started.child.kill('SIGKILL'), 45_000);
  const code = await started.exited;
  clearTimeout(timer);
  return { code, stderr: started.stderr() };
}

/** Starts an entry point that should serve, and resolves with its port once it says it is ready. */
export async function serving(entry: string, env: Record<string, string>, options: StartOptions = {}): Promise<Started & { port: number; stop: () => Promise<void> }> {
  // A process given no keys uses the development pair, made by `npm start`: make it, so that a suite run alone on a fresh clone passes.
  await ensureGatewayKeys();
  const started = start(entry, env, [], options);
  const deadline = Date.now() + 60_000;
  let match: RegExpExecArray | null = null;
  while (!(match = /ready at http:\/\/localhost:(\d+)\//.exec(started.stdout()))) {
    if (started.child.exitCode !== null) throw new Error(`${entry} exited ${started.child.exitCode}:\n${started.stderr()}${started.stdout()}`);
    if (Date.now() > deadline) throw new Error(`${entry} not ready:\n${started.stderr()}${started.stdout()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    ...started,
    port: Number(match[1]),
    stop: async () => {
      started.child.kill('SIGTERM');
      await started.exited;
    },
  };
}

