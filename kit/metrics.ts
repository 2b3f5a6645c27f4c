import { timingSafeEqual } from 'node:crypto';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { Counter, Histogram, Registry } from 'prom-client';
import type { RouteHandler } from './http';
import { processConfig } from './settings';

/**
 * Prometheus metrics, one registry per server instance: tests run the gateway and four
 * subgraphs in one process, and a shared default registry would mix (and reject) their
 * metrics. Process metrics (`collectDefaultMetrics`) belong to the entry points, which own
 * the process.
 */
export function createRegistry(service: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  return registry;
}

/** `GET /metrics` in Prometheus' text format. */
/** With `METRICS_TOKEN` set, a scrape must send `Authorization: Bearer <token>`. */
function mayScrape(authorization: string | undefined): boolean {
  const token = processConfig.METRICS_TOKEN;
  if (!token) return true;
  const given = Buffer.from(authorization ?? '');
  const expected = Buffer.from(`Bearer ${token}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Prometheus exposition of a registry. Metrics name operations and subgraphs, not people,
 * but a public port should still not hand them out: set METRICS_TOKEN (or keep /metrics off
 * the public network).
 */
export function metricsRoute(registry: Registry): RouteHandler {
  return async (req, res) => {
    if (req.method !== 'GET') {
      res.writeHead(405, { allow: 'GET' }).end();
      return;
    }
    if (!mayScrape(req.headers.authorization)) {
      res.writeHead(401, { 'www-authenticate': 'Bearer realm="metrics"' }).end();
      return;
    }
    const body = await registry.metrics();
    res.writeHead(200, { 'content-type': registry.contentType }).end(body);
  };
}

export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Operation names come from clients: past this many distinct names, new ones count as `(other)`. */
const MAX_OPERATION_LABELS = 200;

function operationLabels(): (name: string) => string {
  const seen = new Set<string>();
  return (name) => {
    if (seen.has(name)) return name;
    if (seen.size >= MAX_OPERATION_LABELS) return '(other)';
    seen.add(name);
    return name;
  };
}

export function secondsSince(started: bigint): number {
  return Number(process.hrtime.bigint() - started) / 1e9;
}

/**
 * Requests, errors and latency per operation name. An operation that never resolved
 * (unparsable, invalid) is `(invalid)`; one without a name is `(anonymous)`. Requests
 * refused before GraphQL runs (bad token, oversized body) are in the HTTP logs instead.
 */
export function graphqlMetricsPlugin<TContext extends BaseContext>(registry: Registry): ApolloServerPlugin<TContext> {
  const requests = new Counter({
    name: 'graphql_requests_total',
    help: 'GraphQL operations answered, by operation name.',
    labelNames: ['operation'],
    registers: [registry],
  });
  const errors = new Counter({
    name: 'graphql_request_errors_total',
    help: 'GraphQL operations answered with errors, by operation name and the first error code.',
    labelNames: ['operation', 'code'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'graphql_request_duration_seconds',
    help: 'Time to answer a GraphQL operation, by operation name.',
    labelNames: ['operation'],
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const label = operationLabels();
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ operation, operationName, response }) {
          const labels = { operation: operation ? label(operationName ?? '(anonymous)') : '(invalid)' };
          requests.inc(labels);
          duration.observe(labels, secondsSince(started));
          const first = response.body.kind === 'single' ? response.body.singleResult.errors?.[0] : undefined;
          if (first) errors.inc({ ...labels, code: String(first.extensions?.code ?? 'UNKNOWN') });
        },
      };
    },
  };
}

/** SQL statements per GraphQL request at a subgraph: the figure the N+1 tests guard. */
export function sqlStatementsHistogram(registry: Registry): Histogram {
  return new Histogram({
    name: 'subgraph_sql_statements_per_request',
    help: 'SQL statements one GraphQL request ran.',
    buckets: [0, 1, 2, 3, 5, 8, 13, 21, 34, 55, 100],
    registers: [registry],
  });
}
