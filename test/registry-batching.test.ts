import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DataSource } from 'typeorm';
import type { Identity } from '../kit/identity';
import { selectClass } from '../subgraphs/training/commands';
import { registryAccess } from '../subgraphs/training/graph-access';

/**
 * Training's selections (选课) ask the registry for each teacher's placement on the hot path:
 * calls arriving together share one graph request of up to 100 teachers, nothing is cached
 * between requests, a graph that fails refuses them all (GRAPH_UNAVAILABLE) and a training
 * service without graph access refuses the selection (GRAPH_NOT_CONFIGURED) rather than take the
 * teacher's claims. Against a stand-in gateway over real HTTP.
 */

let server: Server;
let url: string;
/** The ids each request asked for, in order. */
let asked: string[][];
let failing = false;

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      const { variables } = JSON.parse(body) as { variables: { ids: string[] } };
      asked.push(variables.ids);
      if (failing) {
        response.writeHead(502).end();
        return;
      }
      // The registry knows every id but those starting with "unknown".
      const nodes = variables.ids
        .filter((id) => !id.startsWith('unknown'))
        .map((id) => ({ id, stage: 'PRIMARY', subject: '数学', school: { id: `school-of-${id}`, region: { code: '510104' } } }));
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: { teachers: { nodes } } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});

beforeEach(() => {
  asked = [];
  failing = false;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe("the registry's placements for selections", () => {
  it('gathers concurrent calls into requests of at most 100 teachers, unknown teachers null', async () => {
    const registry = registryAccess({ url, token: 'training-token' });
    const ids = [...Array.from({ length: 149 }, (_, i) => `t-${i}`), 'unknown-1'];
    const answers = await Promise.all(ids.map((id) => registry.placement(id)));
    expect(asked.map((batch) => batch.length)).toEqual([100, 50]);
    expect(answers[0]).toEqual({ schoolId: 'school-of-t-0', regionCode: '510104', stage: 'PRIMARY', subject: '数学' });
    expect(answers[149]).toBeNull();
  });

  it('asks again for every call: nothing is cached between requests', async () => {
    const registry = registryAccess({ url, token: 'training-token' });
    await registry.placement('t-1');
    await registry.placement('t-1');
    expect(asked).toEqual([['t-1'], ['t-1']]);
  });

  it('refuses every call of a request the graph does not answer (GRAPH_UNAVAILABLE)', async () => {
    const registry = registryAccess({ url, token: 'training-token' });
    failing = true;
    const answers = await Promise.allSettled([registry.placement('t-1'), registry.placement('t-2')]);
    expect(asked).toHaveLength(1);
    for (const answer of answers) expect(answer).toMatchObject({ status: 'rejected', reason: { extensions: { code: 'GRAPH_UNAVAILABLE' } } });
  });

  it('refuses a selection when training has no graph access, never taking the claims (GRAPH_NOT_CONFIGURED)', async () => {
    const teacher: Identity = { role: 'TEACHER', subject: 'claims-only', teacherId: 't-1', schoolId: 's-1', regionCode: '510104' };
    // Refused before any read: no database is needed.
    await expect(selectClass(null as unknown as DataSource, teacher, 'class-1', () => null)).rejects.toMatchObject({
      extensions: { code: 'GRAPH_NOT_CONFIGURED' },
    });
    expect(asked).toEqual([]);
  });
});
