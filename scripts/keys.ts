/**
 * Makes the gateway's Ed25519 key pair, an HS256 client-token secret, a service token per slice
 * that checks another's facts through the graph (`credits-graph.token`, `training-graph.token`,
 * `certification-graph.token`, signed with that secret: role SERVICE, reading only what the owning
 * subgraphs grant the slice) and the key certification replicas share for review evidence (`certification-evidence-key`,
 * CERTIFICATION_EVIDENCE_KEY), unless they exist. In Kubernetes the folder becomes the
 * `teacher-training-keys` Secret (deploy/k8s/README.md).
 *
 *   npm run keys                   the development set in data/keys/ (npm start makes it too)
 *   npm run keys -- --dir DIR      a deployment's own set in DIR: docker-compose.yml runs this once
 *                                  into a volume and points GATEWAY_SIGNING_KEY, GATEWAY_PUBLIC_KEY,
 *                                  AUTH_JWT_SECRET_FILE and the <SLICE>_GRAPH_TOKEN_FILEs at it
 *
 * A production process refuses anything from data/keys/. A province's deployment takes client
 * tokens from its identity provider (AUTH_JWKS_URL) rather than from a shared secret.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureClientSecret } from '../gateway/auth';
import { gatewayConfig } from '../gateway/config';
import { ensureGatewayKeys } from '../kit/identity';
import { DEV_KEYS_DIR } from '../kit/settings';
import { serviceToken } from './token';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { dir: { type: 'string' } } });
  const dir = values.dir ? resolve(values.dir) : DEV_KEYS_DIR;
  await ensureGatewayKeys(dir);
  const secret = ensureClientSecret(dir);
  // As long as the gateway accepts (AUTH_MAX_TOKEN_LIFETIME_MS): run this again with a fresh --dir, or give the service a token of your identity provider, before it expires.
  const hours = gatewayConfig.AUTH_MAX_TOKEN_LIFETIME_MS / 3_600_000;
  for (const service of ['credits', 'training', 'certification']) {
    writeFileSync(join(dir, `${service}-graph.token`), await serviceToken(service, hours, secret), { mode: 0o600 });
  }
  const evidenceKey = join(dir, 'certification-evidence-key');
  if (!existsSync(evidenceKey)) writeFileSync(evidenceKey, randomBytes(32).toString('base64url'), { mode: 0o600 });
  console.log(`Keys ready in ${dir}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
