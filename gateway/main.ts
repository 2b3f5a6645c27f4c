import { collectDefaultMetrics } from 'prom-client';
import { exitOnConfigProblems } from '../kit/config';
import { logger } from '../kit/logger';
import { processConfig } from '../kit/settings';
import { flushTelemetry, startTelemetry } from '../kit/telemetry';
import { GATEWAY_CONFIG, gatewayProductionRule, subgraphUrlsFromEnv } from './config';
import { startGateway } from './gateway';

async function main(): Promise<void> {
  exitOnConfigProblems('gateway', GATEWAY_CONFIG, [gatewayProductionRule]);
  startTelemetry('gateway');
  const gateway = await startGateway({ port: processConfig.PORT ?? 4000, subgraphUrls: subgraphUrlsFromEnv() });
  collectDefaultMetrics({ register: gateway.registry });
  console.log(`Gateway ready at ${gateway.url}`);
  // Stop taking connections, let the requests in flight finish (at most SHUTDOWN_GRACE_MS), then exit.
  const shutdown = (signal: NodeJS.Signals) => {
    logger.info({ service: 'gateway', signal }, 'shutting down');
    setTimeout(() => process.exit(1), processConfig.SHUTDOWN_GRACE_MS).unref();
    gateway.stop().then(flushTelemetry).then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ service: 'gateway', err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

void main();
