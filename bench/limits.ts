/**
 * `npm run bench:limits`: what the worst operations we can construct cost the gateway to refuse,
 * and how long `/health` waits meanwhile (issue 15: each refused within 100 ms of CPU, /health
 * within 50 ms). The gateway runs in a process of its own, as an operator starts it; no subgraph
 * is needed, since these are refused before the gateway plans anything.
 *
 *   npm run bench:limits [-- --refusals 200]
 *
 * test/hardening.test.ts runs the same measurement with fewer refusals and checks the codes and the
 * CPU; wall times, which the other processes of a busy machine stretch, are figures for here.
 */
import { readFileSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { gatewayConfig } from '../gateway/config';
import { processConfig } from '../kit/settings';
import { serving } from '../test/support/processes';

/**
 * `query { ...F0 }` with `fragment Fi on Query { ...Fi+1 ...Fi+1 }` for `levels` levels, down to
 * `__typename`: a few hundred bytes that ask for 2^levels fields.
 */
export function fragmentDoubling(levels: number): string {
  const fragments = Array.from({ length: levels }, (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`);
  return ['query { ...F0 }', ...fragments, `fragment F${levels} on Query { __typename }`].join('\n');
}

/** The most levels whose request body (`{"query":…,"variables":{}}`) stays within `maxBodyBytes`. */
export function largestFragmentDoubling(maxBodyBytes: number): string {
  // Counted as the body grows, each newline escaped as two characters.
  let size = JSON.stringify({ query: fragmentDoubling(0), variables: {} }).length;
  let levels = 0;
  for (;;) {
    // One level more: a doubling line for F<levels>, and the last fragment's number grows.
    const line = `fragment F${levels} on Query { ...F${levels + 1} ...F${levels + 1} }`.length + 2;
    const next = size + line + String(levels + 1).length - String(levels).length;
    if (next > maxBodyBytes) return fragmentDoubling(levels);
    size = next;
    levels += 1;
  }
}

const CLOCK_TICKS = Number(execSync('getconf CLK_TCK').toString().trim());

/** CPU a process has used, all its threads (garbage collection included): utime + stime from /proc (Linux). */
export function processCpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  // Fields 14 and 15 of proc(5)'s stat, 12 and 13 once the command name is cut off; in clock ticks.
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}

export interface Refusals {
  bodyBytes: number;
  /** Status and `extensions.code` of each answer. */
  answers: { status: number; code: unknown }[];
  /** The gateway process's CPU per refusal, averaged over all of them (clock ticks are 10 ms). */
  cpuMsPerRefusal: number;
  /** Wall time of every `/health` probe sent, one after another, while the refusals ran; sorted. */
  healthMs: number[];
}

/** Sends `body` `refusals` times, one after another, while probing `/health` without pause. */
export async function refuseUnderProbe(baseUrl: string, pid: number, body: string, refusals: number): Promise<Refusals> {
  const attack = async () => {
    const response = await fetch(`${baseUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const answer = (await response.json()) as { errors?: { extensions?: { code?: unknown } }[] };
    return { status: response.status, code: answer.errors?.[0]?.extensions?.code };
  };
  // Warm-up: the first request of a kind pays for loading code, not for the query.
  await attack();
  const healthMs: number[] = [];
  let attacking = true;
  const probe = (async () => {
    while (attacking) {
      const started = performance.now();
      const response = await fetch(`${baseUrl}/health`);
      if (response.status !== 200) throw new Error(`/health answered ${response.status}`);
      healthMs.push(performance.now() - started);
    }
  })();
  const cpu = processCpuMs(pid);
  const answers = [];
  for (let i = 0; i < refusals; i += 1) answers.push(await attack());
  const cpuMsPerRefusal = (processCpuMs(pid) - cpu) / refusals;
  attacking = false;
  await probe;
  return { bodyBytes: body.length, answers, cpuMsPerRefusal, healthMs: healthMs.sort((a, b) => a - b) };
}

/** The worst documents we could construct, and the code each is refused with. */
export const WORST_CASES: { name: string; query: () => string; code: string }[] = [
  { name: 'fragment doubling, 24 levels', query: () => fragmentDoubling(24), code: 'QUERY_TOO_COSTLY' },
  // Ten tokens a level: the deepest doubling that parses, so validation and measuring run in full.
  { name: 'fragment doubling, MAX_QUERY_TOKENS levels', query: () => fragmentDoubling(Math.floor((gatewayConfig.MAX_QUERY_TOKENS - 20) / 10)), code: 'QUERY_TOO_COSTLY' },
  { name: 'fragment doubling, largest body allowed', query: () => largestFragmentDoubling(processConfig.MAX_BODY_BYTES), code: 'QUERY_TOO_LARGE' },
];

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { refusals: { type: 'string', default: '200' } } });
  const refusals = Number(values.refusals);
  const gateway = await serving('gateway/main.ts', { LOG_LEVEL: 'warn' });
  try {
    const at = (values: number[], p: number) => values[Math.min(values.length - 1, Math.floor(values.length * p))].toFixed(1);
    console.log('| operation | body | answer | gateway CPU per refusal | /health p50 | p99 | max | probes |');
    console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const { name, query } of WORST_CASES) {
      const body = JSON.stringify({ query: query(), variables: {} });
      const run = await refuseUnderProbe(`http://127.0.0.1:${gateway.port}`, gateway.child.pid!, body, refusals);
      const codes = [...new Set(run.answers.map((a) => `${a.status} ${String(a.code)}`))].join(', ');
      const h = run.healthMs;
      console.log(`| ${name} | ${run.bodyBytes} B | ${codes} | ${run.cpuMsPerRefusal.toFixed(1)} ms | ${at(h, 0.5)} ms | ${at(h, 0.99)} ms | ${h.at(-1)!.toFixed(1)} ms | ${h.length} |`);
    }
  } finally {
    await gateway.stop();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
