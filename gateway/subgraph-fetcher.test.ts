import { createServer, type Server, type Socket } from 'node:net';
import { subgraphFetcher } from './subgraph-fetcher';

/**
 * The gateway's subgraph client over a bare TCP server that plays the two failures a
 * kept-alive client meets: a server that drops an idle connection just as it is reused, and
 * one that never answers.
 */
function listen(server: Server): Promise<string> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as { port: number }).port}/graphql`)));
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

describe('subgraph fetcher', () => {
  it('sends a call again on a new connection when the kept-alive one was dropped, and only then', async () => {
    let answered = 0;
    const sockets: Socket[] = [];
    // Answers the first request on each connection and drops the connection on the second.
    const server = createServer((socket) => {
      sockets.push(socket);
      let requests = 0;
      socket.on('data', () => {
        requests += 1;
        if (requests > 1) {
          socket.destroy();
          return;
        }
        answered += 1;
        const body = JSON.stringify({ data: { n: answered } });
        socket.write(`HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: keep-alive\r\n\r\n${body}`);
      });
    });
    const url = await listen(server);
    try {
      const fetcher = subgraphFetcher(2_000);
      const first = await fetcher(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(await first.json()).toEqual({ data: { n: 1 } });
      const second = await fetcher(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(await second.json()).toEqual({ data: { n: 2 } });
      expect(answered).toBe(2);
      expect(sockets.length).toBe(2);
    } finally {
      sockets.forEach((s) => s.destroy());
      await close(server);
    }
  });

  it('gives up at the deadline with a TimeoutError (reported as SUBGRAPH_TIMEOUT)', async () => {
    const sockets: Socket[] = [];
    const server = createServer((socket) => void sockets.push(socket));
    const url = await listen(server);
    try {
      await expect(subgraphFetcher(200)(url, { method: 'POST', body: '{}' })).rejects.toMatchObject({ name: 'TimeoutError' });
    } finally {
      sockets.forEach((s) => s.destroy());
      await close(server);
    }
  });

  it('does not resend a call the subgraph may have received', async () => {
    let received = 0;
    const server = createServer((socket) => {
      socket.on('data', () => {
        received += 1;
        socket.destroy();
      });
    });
    const url = await listen(server);
    try {
      await expect(subgraphFetcher(2_000)(url, { method: 'POST', body: '{}' })).rejects.toMatchObject({ code: 'ECONNRESET' });
      expect(received).toBe(1);
    } finally {
      await close(server);
    }
  });
});
