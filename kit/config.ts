import { createPrivateKey, createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * Configuration from the environment, declared once: every variable with its kind, default and
 * meaning, validated by zod. A process checks all the variables it uses before it does anything
 * (`exitOnConfigProblems`), so a bad value stops it at start with a message naming the variable and
 * what it expected; README's Configuration table is written from the same declarations
 * (`npm run docs:config`).
 *
 * Modules read a group's values (`gatewayConfig.MAX_QUERY_DEPTH`), never `process.env`. A value
 * is read from the environment when it is asked for and kept while the raw text is unchanged, so
 * tests and `npm start` may still set a variable before the code that reads it runs.
 */

/** What a variable holds, how its text is parsed, and how README names it. */
export interface Kind<T> {
  /** From the raw text (never empty: an empty variable counts as unset) to the value. */
  readonly schema: z.ZodType<T, string>;
  /** Completes "X must be …" in errors, and names the kind in README. */
  readonly expected: string;
  /** Whether the text is kept out of error messages and docs (secrets, keys, passwords in URLs). */
  readonly secret?: boolean;
}

export interface Variable<T> {
  readonly kind: Kind<NonNullable<T>>;
  readonly description: string;
  /** Used when the variable is unset; a function for defaults that depend on other settings (NODE_ENV). */
  readonly fallback?: T | (() => T);
  /** README's default column; derived from a plain default when not given. */
  readonly defaultText: string;
}

function kind<T>(schema: z.ZodType<T, string>, expected: string, secret = false): Kind<T> {
  return { schema, expected, secret };
}

const digits = (expected: string) => z.string().trim().regex(/^\d+$/, expected).transform(Number);

/** A whole number within [min, max]; `unit` ends the sentence ("a positive integer number of bytes"). */
export function integer(unit?: string, { min = 1, max = Number.MAX_SAFE_INTEGER }: { min?: number; max?: number } = {}): Kind<number> {
  const range = min === 1 && max === Number.MAX_SAFE_INTEGER ? 'a positive integer' : `an integer from ${min} to ${max}`;
  const expected = unit ? `${range} number of ${unit}` : range;
  return kind(digits(expected).pipe(z.number().int().min(min).max(max)), expected);
}

/** A TCP port; 0 takes any free one. */
export function port(): Kind<number> {
  return integer(undefined, { min: 0, max: 65_535 });
}

/** A length of time, written as whole milliseconds (the variables are named `…_MS`). */
export function duration(): Kind<number> {
  return integer('milliseconds');
}

export function url(protocols: readonly string[] = ['http', 'https']): Kind<string> {
  const expected = `an absolute ${protocols.join(' or ')} URL`;
  return kind(z.url({ protocol: new RegExp(`^(${protocols.join('|')})$`), error: expected }), expected);
}

export function oneOf<const V extends readonly [string, ...string[]]>(values: V): Kind<V[number]> {
  const expected = `one of ${values.join(', ')}`;
  return kind(z.enum(values, { error: expected }) as unknown as z.ZodType<V[number], string>, expected);
}

export function boolean(): Kind<boolean> {
  const expected = 'true or false (also 1/0, yes/no, on/off)';
  return kind(z.stringbool({ error: expected }), expected);
}

/** A calendar date `YYYY-MM-DD` that exists. */
export function date(): Kind<string> {
  const expected = 'a date written YYYY-MM-DD';
  return kind(z.iso.date({ error: expected }), expected);
}

export function text(): Kind<string> {
  return kind(z.string(), 'text');
}

/** Text that must not leak: never shown in errors or docs. */
export function secret(minLength = 1): Kind<string> {
  const expected = minLength > 1 ? `a secret of at least ${minLength} characters` : 'a secret';
  return kind(z.string().min(minLength, expected), expected, true);
}

/** Web origins (`https://host[:port]`), separated by commas, as browsers send them in `Origin`. */
export function origins(): Kind<string[]> {
  const expected = 'web origins separated by commas, e.g. https://portal.example.gov.cn,http://localhost:5173';
  const origin = z.string().refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol) && new URL(value).origin === value, {
    error: (issue) => `${String(issue.input)} is not an origin (scheme://host[:port], no path or trailing slash)`,
  });
  return kind(
    z
      .string()
      .transform((value) => value.split(',').map((item) => item.trim()).filter(Boolean))
      .pipe(z.array(origin).min(1, expected)),
    expected,
  );
}

/** Text matching a pattern, e.g. a region code. */
export function matching(pattern: RegExp, expected: string): Kind<string> {
  return kind(z.string().trim().regex(pattern, expected), expected);
}

function readable(path: string, ctx: z.RefinementCtx): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: `cannot read it: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` });
    return z.NEVER;
  }
}

/** The path of a file that can be read now. */
export function file(): Kind<string> {
  return kind(
    z.string().transform((path, ctx) => {
      readable(path, ctx);
      return path;
    }),
    'the path of a readable file',
  );
}

/** A secret given in a file (`…_FILE`, as container secrets are mounted): the file's trimmed content. */
export function secretFile(minLength = 1): Kind<{ path: string; secret: string }> {
  return kind(
    z.string().transform((path, ctx) => {
      const content = readable(path, ctx).trim();
      if (content.length < minLength) ctx.addIssue({ code: 'custom', message: `the file holds fewer than ${minLength} characters` });
      return { path, secret: content };
    }),
    `the path of a file holding a secret${minLength > 1 ? ` of at least ${minLength} characters` : ''}`,
  );
}

/** A PEM key given inline or as the path of a file holding it; the path is kept so a development key can be recognised. */
export interface KeySource {
  pem: string;
  path: string | null;
}

export function pemKey(which: 'public' | 'private'): Kind<KeySource> {
  return kind(
    z.string().transform((value, ctx) => {
      const inline = value.includes('-----BEGIN');
      const pem = inline ? value : readable(value, ctx);
      if (pem === z.NEVER) return z.NEVER;
      try {
        if (which === 'public') createPublicKey(pem);
        else createPrivateKey(pem);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: `not a ${which} key: ${(error as Error).message}` });
        return z.NEVER;
      }
      return { pem, path: inline ? null : value };
    }),
    `a PEM ${which} key, or the path of a file holding one`,
  );
}

/** `mysql://…` for MySQL/MariaDB, `sqlite:PATH` or `sqlite::memory:` for SQLite. */
export function databaseUrl(): Kind<string> {
  const expected = 'mysql://user:password@host:port/database, sqlite:PATH or sqlite::memory:';
  return kind(
    z.string().refine((value) => (/^mysql:\/\/./.test(value) && URL.canParse(value)) || /^sqlite:.+/.test(value), expected),
    expected,
  );
}

interface Spec<T> {
  description: string;
  default?: T | (() => T);
  defaultText?: string;
}

/** A variable with a default is never undefined; one without is undefined when unset. */
export function variable<T>(kind: Kind<T>, spec: Spec<T> & { default: T | (() => T) }): Variable<T>;
export function variable<T>(kind: Kind<T>, spec: Spec<T>): Variable<T | undefined>;
export function variable<T>(kind: Kind<T>, spec: Spec<T>): Variable<T | undefined> {
  const plain = spec.default !== undefined && typeof spec.default !== 'function' ? `\`${String(spec.default)}\`` : 'unset';
  return {
    kind: kind as Kind<NonNullable<T>>,
    description: spec.description,
    fallback: spec.default,
    defaultText: spec.defaultText ?? plain,
  };
}

export type Declarations = Record<string, Variable<unknown>>;

export type Values<D extends Declarations> = { readonly [K in keyof D]: D[K] extends Variable<infer T> ? T : never };

export interface ConfigGroup<D extends Declarations = Declarations> {
  /** Who reads these variables, for README ("every process", "gateway", "training subgraph"…). */
  readonly usedBy: string;
  readonly variables: D;
  /** Everything wrong with these variables in `env`: one sentence per problem, naming the variable. */
  problems(env?: NodeJS.ProcessEnv): string[];
}

export type Config<D extends Declarations> = Values<D> & ConfigGroup<D>;

/**
 * A check across variables, run once every value is valid (a production process on development
 * keys): it reads the values through their groups and returns its problems.
 */
export type Rule = () => string[];

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ConfigError';
  }
}

function shown(kind: Kind<unknown>, raw: string): string {
  if (kind.secret || raw.includes('-----BEGIN')) return `a value of ${raw.length} characters (not shown)`;
  // A password in a database URL stays out of logs.
  const masked = raw.replace(/^(\w+:\/\/[^:/@]+:)[^@]*@/, '$1***@');
  return JSON.stringify(masked.length > 80 ? `${masked.slice(0, 77)}...` : masked);
}

type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

function parse<T>(name: string, declared: Variable<T>, raw: string | undefined): Parsed<T> {
  if (raw === undefined || raw === '') {
    const fallback = declared.fallback;
    return { ok: true, value: (typeof fallback === 'function' ? (fallback as () => T)() : fallback) as T };
  }
  const result = declared.kind.schema.safeParse(raw);
  if (result.success) return { ok: true, value: result.data };
  const details = result.error.issues.filter((issue) => issue.code === 'custom' && issue.message !== declared.kind.expected).map((issue) => issue.message);
  const why = details.length ? ` (${details.join('; ')})` : '';
  return { ok: false, problem: `${name} must be ${declared.kind.expected}, got ${shown(declared.kind, raw)}${why}` };
}

/**
 * Declares a group of variables. The result reads each one typed and validated
 * (`config.PORT`); a bad value throws a ConfigError naming the variable.
 */
export function declareConfig<const D extends Declarations>(usedBy: string, variables: D): Config<D> {
  const group: ConfigGroup<D> = {
    usedBy,
    variables,
    problems(env = process.env) {
      return Object.entries(variables).flatMap(([name, declared]) => {
        const parsed = parse(name, declared, env[name]);
        return parsed.ok ? [] : [parsed.problem];
      });
    },
  };
  const cache = new Map<string, { raw: string; value: unknown }>();
  for (const [name, declared] of Object.entries(variables)) {
    Object.defineProperty(group, name, {
      enumerable: true,
      get() {
        const raw = process.env[name];
        const cached = cache.get(name);
        if (raw && cached?.raw === raw) return cached.value;
        const parsed = parse(name, declared, raw);
        if (!parsed.ok) throw new ConfigError([parsed.problem]);
        if (raw) cache.set(name, { raw, value: parsed.value });
        return parsed.value;
      },
    });
  }
  return group as Config<D>;
}

/** Every problem of these groups' variables, then (when the values are valid) of the rules. */
export function configProblems(groups: readonly ConfigGroup[], rules: readonly Rule[] = [], env: NodeJS.ProcessEnv = process.env): string[] {
  const problems = [...new Set(groups.flatMap((group) => group.problems(env)))];
  return problems.length ? problems : rules.flatMap((rule) => rule());
}

/** For entry points: checks the configuration before anything starts, or says what is wrong and exits 1. */
export function exitOnConfigProblems(service: string, groups: readonly ConfigGroup[], rules: readonly Rule[] = []): void {
  const problems = configProblems(groups, rules);
  if (problems.length === 0) return;
  process.stderr.write(`${service} cannot start; fix its configuration (README: Configuration):\n${problems.map((p) => `  ${p}\n`).join('')}`);
  process.exit(1);
}

/** README's Configuration table: one row per variable, grouped by who reads it. */
export function configTable(groups: readonly ConfigGroup[]): string {
  const cell = (value: string) => value.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const rows = groups.flatMap((group) =>
    Object.entries(group.variables).map(([name, declared]) =>
      `| \`${name}\` | ${cell(group.usedBy)} | ${cell(declared.kind.expected)} | ${cell(declared.defaultText)} | ${cell(declared.description)} |`,
    ),
  );
  return ['| variable | used by | value | default | meaning |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}

/**
 * Gives a variable a value for this process when the environment leaves it unset (a demo's
 * defaults, set by `npm start` before the code that reads them runs); returns the value in force.
 */
export function defaultEnv(name: string, value: string): string {
  const current = process.env[name];
  if (current) return current;
  process.env[name] = value;
  return value;
}
