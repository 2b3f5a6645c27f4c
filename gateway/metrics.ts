import { Counter, Histogram, type Registry } from 'prom-client';
import { LATENCY_BUCKETS, secondsSince } from '../kit/metrics';

/** Why a subgraph call counts as an error. */
export type FetchFailure = 'timeout' | 'unavailable' | 'graphql';

/** What the gateway records per subgraph call: one call per fetch node of a query plan. */
export interface SubgraphFetchMetrics {
  /** Starts timing a call to `subgraph`; call the result when it ends. */
  start(subgraph: string): (failure?: FetchFailure) => void;
}

export function subgraphFetchMetrics(registry: Registry): SubgraphFetchMetrics {
  const fetches = new Counter({
    name: 'gateway_subgraph_fetches_total',
    help: 'Calls from the gateway to a subgraph.',
    labelNames: ['subgraph'],
    registers: [registry],
  });
  const errors = new Counter({
    name: 'gateway_subgraph_fetch_errors_total',
    help: 'Subgraph calls that timed out, failed, or answered with GraphQL errors.',
    labelNames: ['subgraph', 'kind'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'gateway_subgraph_fetch_duration_seconds',
    help: 'Time a subgraph took to answer the gateway.',
    labelNames: ['subgraph'],
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  return {
    start(subgraph) {
      const started = process.hrtime.bigint();
      return (failure) => {
        fetches.inc({ subgraph });
        duration.observe({ subgraph }, secondsSince(started));
        if (failure) errors.inc({ subgraph, kind: failure });
      };
    },
  };
}
