import { readFileSync, watch } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { SupergraphManager } from '@apollo/gateway';
import { logger } from '../kit/logger';

/** The link a Kubernetes ConfigMap or Secret volume swaps atomically when its content changes. */
const KUBERNETES_VOLUME_LINK = '..data';

/** Editors and `npm run compose` write in several steps: wait for the file to settle. */
const SETTLE_MS = 100;

/**
 * The supergraph from a file, reloaded when the file changes, through @apollo/gateway's
 * `supergraphSdl` manager hook. `update` swaps schema and query planner at once; requests
 * already planned finish on the old ones. A supergraph the gateway cannot load makes
 * `update` throw: it is logged and the current one keeps serving.
 *
 * The directory is watched rather than the file, so a file replaced by rename (as editors
 * and deploy tools do) is still seen. A Kubernetes ConfigMap volume never touches the file's own
 * name: the file is a link through `..data`, and the kubelet swaps `..data` to a new directory;
 * a change of `..data` is a change of the file (deploy/k8s mounts the supergraph so). The hook's `healthCheck` is deliberately not used: it
 * would refuse a new schema while any subgraph is down, and a down subgraph only costs its
 * own fields.
 */
export function supergraphFromFile(path: string): SupergraphManager {
  return {
    async initialize({ update }) {
      let current = readFileSync(path, 'utf8');
      let timer: NodeJS.Timeout | undefined;
      const reload = () => {
        let next: string;
        try {
          next = readFileSync(path, 'utf8');
        } catch (error) {
          logger.error({ service: 'gateway', path, err: error }, 'supergraph unreadable; keeping the current one');
          return;
        }
        if (next === current) return;
        try {
          update(next);
          current = next;
          logger.info({ service: 'gateway', path }, 'supergraph reloaded');
        } catch (error) {
          logger.error({ service: 'gateway', path, err: error }, 'supergraph rejected; keeping the current one');
        }
      };
      const watcher = watch(dirname(path), (_event, file) => {
        if (file !== basename(path) && file !== KUBERNETES_VOLUME_LINK) return;
        clearTimeout(timer);
        timer = setTimeout(reload, SETTLE_MS);
      });
      return {
        supergraphSdl: current,
        cleanup: async () => {
          clearTimeout(timer);
          watcher.close();
        },
      };
    },
  };
}
