/**
 * Makes the gateway's Ed25519 key pair and the development client-token secret in
 * data/keys/ unless they exist (docker-compose runs this once into a shared volume), and a
 * development SYSTEM token for the credits service's lookups through the graph
 * (data/keys/credits-graph.token, CREDITS_GRAPH_TOKEN_FILE in docker-compose.yml).
 * Production deployments set GATEWAY_SIGNING_KEY / GATEWAY_PUBLIC_KEY, AUTH_* and a
 * CREDITS_GRAPH_TOKEN from their identity provider instead.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { devClientSecret } from '../gateway/auth';
import { DEV_KEYS_DIR, ensureDevKeys } from '../kit/identity';
import { devToken } from './token';

async function main(): Promise<void> {
  await ensureDevKeys();
  devClientSecret();
  writeFileSync(join(DEV_KEYS_DIR, 'credits-graph.token'), await devToken({ role: 'SYSTEM', subject: 'credits-service' }, 24 * 365), { mode: 0o600 });
  console.log(`Keys ready in ${DEV_KEYS_DIR}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
