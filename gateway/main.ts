import { collectDefaultMetrics } from 'prom-client';
import { logger } from '../kit/logger';
import { subgraphUrlsFromEnv } from './config';
import { startGateway } from './gateway';

/** Longest wait for requests in flight on SIGTERM before exiting anyway (`SHUTDOWN_GRACE_MS`). */
const SHUTDOWN_GRACE_MS = Number(process.env.SHUTDOWN_GRACE_MS ?? 15_000);

async function main(): Promise<void> {
  const gateway = await startGateway({ port: Number(process.env.PORT ?? 4000), subgraphUrls: subgraphUrlsFromEnv() });
  collectDefaultMetrics({ register: gateway.registry });
  console.log(`Gateway ready at ${gateway.url}`);
  // Stop taking connections, let the requests in flight finish, then exit.
  const shutdown = (signal: NodeJS.Signals) => {
    logger.info({ service: 'gateway', signal }, 'shutting down');
    setTimeout(() => process.exit(1), SHUTDOWN_GRACE_MS).unref();
    gateway.stop().then(
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
