import { subgraphUrlsFromEnv } from './config';
import { startGateway } from './gateway';

async function main(): Promise<void> {
  const gateway = await startGateway({ port: Number(process.env.PORT ?? 4000), subgraphUrls: subgraphUrlsFromEnv() });
  console.log(`Gateway ready at ${gateway.url}`);
  const shutdown = () => void gateway.stop().then(() => process.exit(0));
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

void main();
