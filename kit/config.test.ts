import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  boolean,
  configProblems,
  configTable,
  ConfigError,
  databaseUrl,
  date,
  declareConfig,
  duration,
  file,
  integer,
  matching,
  oneOf,
  origins,
  pemKey,
  port,
  secret,
  secretFile,
  url,
  variable,
} from './config';

const dir = mkdtempSync(join(tmpdir(), 'config-test-'));
const { publicKey, privateKey } = generateKeyPairSync('ed25519');
const PUBLIC_PEM = publicKey.export({ type: 'spki', format: 'pem' }).toString();
const PRIVATE_PEM = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const publicKeyFile = join(dir, 'public.pem');
writeFileSync(publicKeyFile, PUBLIC_PEM);
const secretPath = join(dir, 'secret');
writeFileSync(secretPath, `${'s'.repeat(40)}\n`);

const mode = declareConfig('a test', { MODE: variable(oneOf(['dev', 'prod']), { default: 'dev', description: 'what other defaults follow' }) });

/** One variable of each kind, as modules declare them. */
const example = declareConfig('a test', {
  BYTES: variable(integer('bytes'), { default: 1_000, description: 'bytes' }),
  WAIT_MS: variable(duration(), { default: 500, description: 'a wait' }),
  LISTEN: variable(port(), { description: 'a port' }),
  TARGET: variable(url(), { default: 'http://localhost:1/graphql', description: 'a URL' }),
  FORMAT: variable(oneOf(['json', 'pretty']), { default: () => (mode.MODE === 'prod' ? 'json' : 'pretty'), defaultText: 'depends', description: 'an enum' }),
  ENABLED: variable(boolean(), { default: false, description: 'a flag' }),
  KEY: variable(pemKey('public'), { description: 'a PEM key' }),
  SIGNING: variable(pemKey('private'), { description: 'a private key' }),
  DAY: variable(date(), { description: 'a date' }),
  TOKEN: variable(secret(32), { description: 'a secret' }),
  TOKEN_FILE: variable(secretFile(32), { description: 'a secret in a file' }),
  FONT: variable(file(), { description: 'a file' }),
  DB: variable(databaseUrl(), { description: 'a database | with a pipe' }),
  REGION: variable(matching(/^\d{6}$/, 'a six-digit region code'), { description: 'a code' }),
  ORIGINS: variable(origins(), { description: 'web origins' }),
});

const problemsOf = (env: NodeJS.ProcessEnv) => example.problems(env);

describe('declared configuration (kit/config)', () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const name of [...Object.keys(example.variables), 'MODE']) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
  });

  it('accepts a good value of each kind and types it', () => {
    Object.assign(process.env, {
      MODE: 'prod',
      BYTES: '2048',
      WAIT_MS: '15000',
      LISTEN: '0',
      TARGET: 'https://gateway.example.gov.cn/graphql',
      ENABLED: 'on',
      KEY: PUBLIC_PEM,
      SIGNING: PRIVATE_PEM,
      DAY: '2020-02-29',
      TOKEN: 't'.repeat(32),
      TOKEN_FILE: secretPath,
      FONT: secretPath,
      DB: 'mysql://root:pw@127.0.0.1:3306/teachers',
      ORIGINS: 'https://portal.example.gov.cn, http://localhost:5173',
    });
    expect(problemsOf(process.env)).toEqual([]);
    expect(example.BYTES).toBe(2048);
    expect(example.WAIT_MS).toBe(15_000);
    expect(example.LISTEN).toBe(0);
    expect(example.TARGET).toBe('https://gateway.example.gov.cn/graphql');
    expect(example.FORMAT).toBe('json');
    expect(example.ENABLED).toBe(true);
    expect(example.KEY).toEqual({ pem: PUBLIC_PEM, path: null });
    expect(example.DAY).toBe('2020-02-29');
    expect(example.TOKEN_FILE).toEqual({ path: secretPath, secret: 's'.repeat(40) });
    expect(example.DB).toBe('mysql://root:pw@127.0.0.1:3306/teachers');
    expect(example.ORIGINS).toEqual(['https://portal.example.gov.cn', 'http://localhost:5173']);
  });

  it('reads a PEM key from a file and keeps the path', () => {
    process.env.KEY = publicKeyFile;
    expect(example.KEY).toEqual({ pem: PUBLIC_PEM, path: publicKeyFile });
  });

  it('uses the default when a variable is unset or empty, computed ones when read', () => {
    expect(example.BYTES).toBe(1_000);
    expect(example.FORMAT).toBe('pretty');
    process.env.BYTES = '';
    expect(example.BYTES).toBe(1_000);
    expect(example.LISTEN).toBeUndefined();
    process.env.MODE = 'prod';
    expect(example.FORMAT).toBe('json');
  });

  it.each([
    ['integer', 'BYTES', '1MB', 'BYTES must be a positive integer number of bytes, got "1MB"'],
    ['integer', 'BYTES', '0', 'BYTES must be a positive integer number of bytes, got "0"'],
    ['integer', 'BYTES', '1.5', 'BYTES must be a positive integer number of bytes, got "1.5"'],
    ['duration', 'WAIT_MS', '15s', 'WAIT_MS must be a positive integer number of milliseconds, got "15s"'],
    ['port', 'LISTEN', '70000', 'LISTEN must be an integer from 0 to 65535, got "70000"'],
    ['URL', 'TARGET', 'gateway:4000', 'TARGET must be an absolute http or https URL, got "gateway:4000"'],
    ['URL', 'TARGET', 'ftp://gateway/graphql', 'TARGET must be an absolute http or https URL, got "ftp://gateway/graphql"'],
    ['enum', 'FORMAT', 'xml', 'FORMAT must be one of json, pretty, got "xml"'],
    ['boolean', 'ENABLED', 'maybe', 'ENABLED must be true or false (also 1/0, yes/no, on/off), got "maybe"'],
    ['date', 'DAY', '2019-02-29', 'DAY must be a date written YYYY-MM-DD, got "2019-02-29"'],
    ['date', 'DAY', '8 Feb 2020', 'DAY must be a date written YYYY-MM-DD, got "8 Feb 2020"'],
    ['pattern', 'REGION', '51010', 'REGION must be a six-digit region code, got "51010"'],
    ['origin list', 'ORIGINS', 'https://portal.example.gov.cn/', 'ORIGINS must be web origins separated by commas, e.g. https://portal.example.gov.cn,http://localhost:5173, got "https://portal.example.gov.cn/" (https://portal.example.gov.cn/ is not an origin (scheme://host[:port], no path or trailing slash))'],
    ['file', 'FONT', '/no/such/font.ttc', 'FONT must be the path of a readable file, got "/no/such/font.ttc" (cannot read it: ENOENT)'],
    ['database URL', 'DB', 'postgres://app:hunter2@db/teachers', 'DB must be mysql://user:password@host:port/database, sqlite:PATH or sqlite::memory:, got "postgres://app:***@db/teachers"'],
  ])('refuses a bad %s naming the variable and what it expected (%s=%s)', (_kind, name, raw, message) => {
    expect(problemsOf({ [name]: raw })).toEqual([message]);
    process.env[name] = raw;
    expect(() => (example as unknown as Record<string, unknown>)[name]).toThrow(new ConfigError([message]));
  });

  it('refuses a bad PEM key without printing it', () => {
    const garbled = PUBLIC_PEM.replace(/[A-Za-z0-9+/]{20}/, 'x');
    const [problem] = problemsOf({ KEY: garbled });
    expect(problem).toMatch(/^KEY must be a PEM public key, or the path of a file holding one, got a value of \d+ characters \(not shown\) \(not a public key: /);
    expect(problem).not.toContain('BEGIN');
    expect(problemsOf({ SIGNING: PUBLIC_PEM })[0]).toMatch(/^SIGNING must be a PEM private key.*\(not a private key: /);
    expect(problemsOf({ KEY: join(dir, 'missing.pem') })).toEqual([
      `KEY must be a PEM public key, or the path of a file holding one, got ${JSON.stringify(join(dir, 'missing.pem'))} (cannot read it: ENOENT)`,
    ]);
  });

  it('never prints a secret, even a refused one', () => {
    expect(problemsOf({ TOKEN: 'short-secret' })).toEqual(['TOKEN must be a secret of at least 32 characters, got a value of 12 characters (not shown)']);
    const short = join(dir, 'short');
    writeFileSync(short, 'tiny');
    expect(problemsOf({ TOKEN_FILE: short })[0]).toContain('(the file holds fewer than 32 characters)');
  });

  it('lists every problem at once, and checks the rules only when every value is valid', () => {
    const rule = jest.fn(() => ['a rule']);
    expect(configProblems([example], [rule], { BYTES: 'x', WAIT_MS: 'y' })).toHaveLength(2);
    expect(rule).not.toHaveBeenCalled();
    expect(configProblems([example], [rule], {})).toEqual(['a rule']);
  });

  it('follows the environment as it changes', () => {
    process.env.BYTES = '10';
    expect(example.BYTES).toBe(10);
    process.env.BYTES = '20';
    expect(example.BYTES).toBe(20);
  });

  it('documents each variable as one table row, escaping pipes', () => {
    const table = configTable([example]).split('\n');
    expect(table[0]).toBe('| variable | used by | value | default | meaning |');
    expect(table).toContain('| `BYTES` | a test | a positive integer number of bytes | `1000` | bytes |');
    expect(table).toContain('| `FORMAT` | a test | one of json, pretty | depends | an enum |');
    expect(table).toContain('| `LISTEN` | a test | an integer from 0 to 65535 | unset | a port |');
    expect(table.find((row) => row.startsWith('| `DB`'))).toContain('a database \\| with a pipe');
    expect(table).toHaveLength(2 + Object.keys(example.variables).length);
  });
});
