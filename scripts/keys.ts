/**
 * Makes the gateway's Ed25519 key pair and the development client-token secret in
 * data/keys/ unless they exist (docker-compose runs this once into a shared volume).
 * Production deployments set GATEWAY_SIGNING_KEY / GATEWAY_PUBLIC_KEY and AUTH_* instead.
 */
import { devClientSecret } from '../gateway/auth';
import { DEV_KEYS_DIR, ensureDevKeys } from '../subgraphs/shared/identity';

async function main(): Promise<void> {
  await ensureDevKeys();
  devClientSecret();
  console.log(`Keys ready in ${DEV_KEYS_DIR}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
