import pino from 'pino';
import { processConfig } from './settings';
import { activeTraceId } from './telemetry';

const LEVEL_NAMES: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };

function formatValue(value: unknown): string {
  if (typeof value === 'string') return /^[^\s"=]+$/.test(value) ? value : JSON.stringify(value);
  return JSON.stringify(value) ?? String(value);
}

/**
 * One pino JSON line as one readable line: `12:03:04 INFO gateway listening port=4000`, then the
 * other fields as key=value (the request id among them). An error's stack follows on indented
 * lines, for a developer to read.
 */
export function prettyLine(json: string): string {
  const { time, level, msg, err, ...fields } = JSON.parse(json) as Record<string, unknown>;
  const clock = typeof time === 'string' ? new Date(time).toTimeString().slice(0, 8) : '';
  const pairs = Object.entries(fields).map(([key, value]) => `${key}=${formatValue(value)}`);
  const error = err as { type?: string; message?: string; stack?: string } | undefined;
  if (error) pairs.push(`err=${formatValue(error.message ?? error.type ?? '')}`);
  const stack = error?.stack ? `\n${error.stack.replace(/^/gm, '    ')}` : '';
  const message = typeof msg === 'string' ? msg.replace(/\s*\n\s*/g, ' ') : msg;
  return `${[clock, LEVEL_NAMES[level as number] ?? String(level), message, ...pairs].filter(Boolean).join(' ')}${stack}\n`;
}

/**
 * The logger is made when this module loads, before an entry point's start check has run: a bad
 * LOG_LEVEL or LOG_FORMAT falls back here, and the check then stops the process naming it.
 */
function setting<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch {
    return fallback;
  }
}

const pretty = setting(() => processConfig.LOG_FORMAT, 'json') === 'pretty';

/** Logs: JSON lines (LOG_FORMAT=json, the default outside development) or one readable line per event. Never log personal data (ID numbers, phones, names): log ids. */
export const logger = pino(
  {
    level: setting(() => processConfig.LOG_LEVEL, 'info'),
    base: undefined,
    timestamp: pino.stdTimeFunctions.isoTime,
    // Inside a traced request every line names its trace, to find the trace from a log line and back.
    mixin: () => {
      const traceId = activeTraceId();
      return traceId ? { traceId } : {};
    },
  },
  pretty ? { write: (line: string) => process.stdout.write(prettyLine(line)) } : undefined,
);
