import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GRAPH_NOT_CONFIGURED, GRAPH_UNAVAILABLE, graphClient, inBatches } from './graph-client';

describe('inBatches', () => {
  it('asks each id once, at most `perRequest` a request and `inFlight` requests at a time', async () => {
    const asked: string[][] = [];
    let running = 0;
    let most = 0;
    const ids = Array.from({ length: 250 }, (_, i) => `t${i}`);
    const answers = await inBatches([...ids, 't0', 't1'], 100, 2, async (batch) => {
      running += 1;
      most = Math.max(most, running);
      asked.push(batch);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running -= 1;
      return batch.map((id) => id.toUpperCase());
    });
    expect(asked.map((b) => b.length)).toEqual([100, 100, 50]);
    expect(most).toBe(2);
    expect(answers).toEqual(ids.map((id) => id.toUpperCase()));
  });
});

describe('graphClient', () => {
  let server: Server;
  let url: string;
  let answer: { status: number; body: unknown };
  let received: { authorization?: string; body?: { query: string; variables: unknown } } = {};

  beforeAll(async () => {
    server = createServer((request, response) => {
      let text = '';
      request.on('data', (chunk) => (text += chunk));
      request.on('end', () => {
        received = { authorization: request.headers.authorization, body: JSON.parse(text) };
        response.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });

  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('posts the query with the service token and returns the data', async () => {
    answer = { status: 200, body: { data: { teacher: { id: 't1' } } } };
    const ask = graphClient({ url, token: 'service-token' });
    await expect(ask('query($id: ID!) { teacher(id: $id) { id } }', { id: 't1' })).resolves.toEqual({ teacher: { id: 't1' } });
    expect(received).toEqual({ authorization: 'Bearer service-token', body: { query: 'query($id: ID!) { teacher(id: $id) { id } }', variables: { id: 't1' } } });
  });

  it('takes no partial answer for a fact: data beside an error is GRAPH_UNAVAILABLE', async () => {
    answer = { status: 200, body: { data: { teacher: null }, errors: [{ message: 'training timed out', extensions: { code: 'SUBGRAPH_TIMEOUT' } }] } };
    await expect(graphClient({ url, token: 't' })('{ x }', {})).rejects.toMatchObject({ extensions: { code: GRAPH_UNAVAILABLE } });
  });

  it('says a refused token is the deployment’s to fix: GRAPH_NOT_CONFIGURED', async () => {
    answer = { status: 200, body: { data: { teacher: null }, errors: [{ message: 'The credits service may not read Teacher.name', extensions: { code: 'FORBIDDEN' } }] } };
    await expect(graphClient({ url, token: 't' })('{ x }', {})).rejects.toMatchObject({ extensions: { code: GRAPH_NOT_CONFIGURED } });
    answer = { status: 401, body: { errors: [{ message: 'The bearer token is not valid', extensions: { code: 'UNAUTHENTICATED' } }] } };
    await expect(graphClient({ url, token: 't' })('{ x }', {})).rejects.toMatchObject({ extensions: { code: GRAPH_NOT_CONFIGURED } });
  });

  it('is GRAPH_UNAVAILABLE when nothing answers in time', async () => {
    await expect(graphClient({ url: 'http://127.0.0.1:9/graphql', token: 't', timeoutMs: 1_000 })('{ x }', {})).rejects.toMatchObject({
      extensions: { code: GRAPH_UNAVAILABLE },
    });
  });
});
