import { prettyLine } from './logger';

describe('readable log lines (LOG_FORMAT=pretty)', () => {
  const time = new Date(2026, 0, 2, 12, 3, 4).toISOString();

  it('puts time, level and message first, then the fields as key=value, quoting only what needs it', () => {
    const line = prettyLine(JSON.stringify({ level: 30, time, msg: 'graphql request', service: 'gateway', requestId: 'r-1', status: 200, note: 'two words', limits: { maxDepth: 12 } }));
    expect(line).toBe('12:03:04 INFO graphql request service=gateway requestId=r-1 status=200 note="two words" limits={"maxDepth":12}\n');
  });

  it('keeps a multi-line message on one line and puts an error’s stack below it, indented', () => {
    const line = prettyLine(JSON.stringify({ level: 50, time, msg: 'loaded.\n\t* Mode: unmanaged', err: { type: 'Error', message: 'boom', stack: 'Error: boom\n    at here' } }));
    expect(line).toBe('12:03:04 ERROR loaded. * Mode: unmanaged err=boom\n    Error: boom\n        at here\n');
  });
});
