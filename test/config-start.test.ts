import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { devClientSecret } from '../gateway/auth';
import { ensureGatewayKeys } from '../kit/identity';
import { DEV_KEYS_DIR } from '../kit/settings';
import { refusal, serving, start } from './support/processes';

/**
 * The real entry points, started as an operator starts them, with a bad or unsafe environment:
 * each must stop before it listens, with exit code 1 and a message naming the variable.
 */

const GATEWAY = 'gateway/main.ts';
const TRAINING = 'subgraphs/training/main.ts';
const TEACHERS = 'subgraphs/teachers/main.ts';
const CERTIFICATION = 'subgraphs/certification/main.ts';

const { publicKey } = generateKeyPairSync('ed25519');
const FOREIGN_PUBLIC_PEM = publicKey.export({ type: 'spki', format: 'pem' }).toString();

describe('configuration checked at start', () => {
  // One process per entry point, given a bad value of each kind: it lists every problem and exits.
  it('a bad integer, duration, URL, enum, boolean or PEM key stops the gateway before it listens, each named', async () => {
    const { code, stderr } = await refusal(GATEWAY, {
      MAX_BODY_BYTES: '1MB',
      SHUTDOWN_GRACE_MS: '15s',
      SUBGRAPH_CREDITS_URL: 'credits:4003/graphql',
      LOG_FORMAT: 'xml',
      ANONYMOUS_INTROSPECTION: 'maybe',
      GATEWAY_SIGNING_KEY: FOREIGN_PUBLIC_PEM,
    });
    expect(code).toBe(1);
    expect(stderr.split('\n')).toEqual([
      'gateway cannot start; fix its configuration (README: Configuration):',
      '  LOG_FORMAT must be one of pretty, json, got "xml"',
      '  MAX_BODY_BYTES must be a positive integer number of bytes, got "1MB"',
      '  SHUTDOWN_GRACE_MS must be a positive integer number of milliseconds, got "15s"',
      expect.stringMatching(/^  GATEWAY_SIGNING_KEY must be a PEM private key, or the path of a file holding one, got a value of \d+ characters \(not shown\) \(not a private key: /),
      '  SUBGRAPH_CREDITS_URL must be an absolute http or https URL, got "credits:4003/graphql"',
      '  ANONYMOUS_INTROSPECTION must be true or false (also 1/0, yes/no, on/off), got "maybe"',
      '',
    ]);
  });

  it('a bad date, database URL or province code stops a subgraph before it opens its database, each named', async () => {
    const training = await refusal(TRAINING, { TRAINING_CLOCK: '2020-02-30', TRAINING_DATABASE_URL: 'postgres://app:hunter2@db/training' });
    expect(training.code).toBe(1);
    expect(training.stderr.split('\n')).toEqual([
      'training subgraph cannot start; fix its configuration (README: Configuration):',
      '  TRAINING_DATABASE_URL must be mysql://user:password@host:port/database, sqlite:PATH or sqlite::memory:, got "postgres://app:***@db/training"',
      '  TRAINING_CLOCK must be a date written YYYY-MM-DD, got "2020-02-30"',
      '',
    ]);
    const certification = await refusal(CERTIFICATION, { CERTIFICATION_PROVINCE_CODE: '99' });
    expect(certification.code).toBe(1);
    expect(certification.stderr).toContain('CERTIFICATION_PROVINCE_CODE must be a two-digit province code of GB/T 2260 (51: Sichuan), got "99"');
  });
});

describe('NODE_ENV=production', () => {
  beforeAll(async () => {
    // What `npm start` makes on a developer's machine: the keys production must refuse.
    await ensureGatewayKeys();
    devClientSecret();
  });

  it('refuses a gateway with no keys of its own, naming what to set', async () => {
    const { code, stderr } = await refusal(GATEWAY, { NODE_ENV: 'production' });
    expect(code).toBe(1);
    expect(stderr).toContain('GATEWAY_SIGNING_KEY must be set when NODE_ENV=production');
    expect(stderr).toContain('AUTH_JWKS_URL must be set when NODE_ENV=production (or AUTH_PUBLIC_KEY, or AUTH_JWT_SECRET / AUTH_JWT_SECRET_FILE)');
  });

  it('refuses the development keys and client secret, by path or by content', async () => {
    const byPath = await refusal(GATEWAY, {
      NODE_ENV: 'production',
      GATEWAY_SIGNING_KEY: join(DEV_KEYS_DIR, 'gateway-signing.pem'),
      AUTH_JWT_SECRET_FILE: join(DEV_KEYS_DIR, 'client-jwt-secret'),
    });
    expect(byPath.code).toBe(1);
    expect(byPath.stderr).toContain('GATEWAY_SIGNING_KEY is a development key from data/keys/, refused when NODE_ENV=production');
    expect(byPath.stderr).toContain('AUTH_JWT_SECRET_FILE is the development client secret from data/keys/');
    const byContent = await refusal(GATEWAY, {
      NODE_ENV: 'production',
      GATEWAY_SIGNING_KEY: readFileSync(join(DEV_KEYS_DIR, 'gateway-signing.pem'), 'utf8'),
      AUTH_JWT_SECRET: readFileSync(join(DEV_KEYS_DIR, 'client-jwt-secret'), 'utf8'),
    });
    expect(byContent.code).toBe(1);
    expect(byContent.stderr).toContain('GATEWAY_SIGNING_KEY is a development key from data/keys/');
    expect(byContent.stderr).toContain('AUTH_JWT_SECRET is the development client secret from data/keys/');
    expect(byContent.stderr).not.toContain('BEGIN');
  });

  it('refuses a subgraph without the gateway’s public key, or with the development one', async () => {
    const unset = await refusal(TEACHERS, { NODE_ENV: 'production', DATABASE_URL: 'sqlite::memory:' });
    expect(unset.code).toBe(1);
    expect(unset.stderr).toContain('GATEWAY_PUBLIC_KEY must be set when NODE_ENV=production');
    const development = await refusal(TEACHERS, {
      NODE_ENV: 'production',
      DATABASE_URL: 'sqlite::memory:',
      GATEWAY_PUBLIC_KEY: join(DEV_KEYS_DIR, 'gateway-public.pem'),
    });
    expect(development.code).toBe(1);
    expect(development.stderr).toContain('GATEWAY_PUBLIC_KEY is a development key from data/keys/');
  });

  it('starts on a deployment’s own keys (npm run keys -- --dir, as docker compose does), logs JSON, and accepts a token from npm run token', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'deployment-keys-'));
    const production = { NODE_ENV: 'production', AUTH_JWT_SECRET_FILE: join(dir, 'client-jwt-secret') };
    expect(await start('scripts/keys.ts', { NODE_ENV: 'production' }, ['--dir', dir]).exited).toBe(0);

    const gateway = await serving(GATEWAY, { ...production, GATEWAY_SIGNING_KEY: join(dir, 'gateway-signing.pem') });
    const subgraph = await serving(TEACHERS, { NODE_ENV: 'production', DATABASE_URL: 'sqlite::memory:', GATEWAY_PUBLIC_KEY: join(dir, 'gateway-public.pem') });
    try {
      const listening = gateway
        .stdout()
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as { msg: string; port?: number })
        .find((entry) => entry.msg === 'gateway listening');
      expect(listening?.port).toBe(gateway.port);
      expect((await fetch(`http://127.0.0.1:${subgraph.port}/ready`)).status).toBe(200);

      const token = start('scripts/token.ts', production, ['--role', 'analyst']);
      expect(await token.exited).toBe(0);
      const printed = token.stdout();
      expect(printed.trim()).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
      const response = await fetch(`http://127.0.0.1:${gateway.port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${printed.trim()}` },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
      const forged = await fetch(`http://127.0.0.1:${gateway.port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${printed.trim()}x` },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      expect(forged.status).toBe(401);
    } finally {
      await gateway.stop();
      await subgraph.stop();
    }
  });
});

describe('logs', () => {
  it('are one readable line per event in development, request logs with their request id', async () => {
    await ensureGatewayKeys();
    const gateway = await serving(GATEWAY, { NODE_ENV: 'development' });
    try {
      await fetch(`http://127.0.0.1:${gateway.port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': 'readable-log-check' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      const deadline = Date.now() + 10_000;
      while (!gateway.stdout().includes('readable-log-check') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      const lines = gateway.stdout().split('\n');
      expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^\\d\\d:\\d\\d:\\d\\d INFO gateway listening service=gateway port=${gateway.port} `)));
      expect(lines).toContainEqual(expect.stringMatching(/^\d\d:\d\d:\d\d INFO Gateway successfully loaded schema\. \* Mode: unmanaged service=gateway$/));
      expect(lines).toContainEqual(expect.stringMatching(/^\d\d:\d\d:\d\d INFO graphql request service=gateway requestId=readable-log-check status=200 ms=[\d.]+/));
      expect(lines.filter((line) => line.startsWith('{'))).toEqual([]);
    } finally {
      await gateway.stop();
    }
  });

  it('are JSON lines when LOG_FORMAT=json, whatever NODE_ENV', async () => {
    await ensureGatewayKeys();
    const gateway = await serving(GATEWAY, { NODE_ENV: 'development', LOG_FORMAT: 'json' });
    await gateway.stop();
    const logged = gateway.stdout().split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as { msg: string });
    expect(logged.map((entry) => entry.msg)).toContain('gateway listening');
  });
});
