import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connectionProblem } from '../schema/conformance/kit';

describe('the conformance kit pointed at an address', () => {
  it('where nothing listens says it cannot connect, naming host and port', async () => {
    // Bound and closed again: a port nothing listens on.
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    expect(await connectionProblem(`http://127.0.0.1:${port}/graphql`)).toMatch(new RegExp(`^cannot connect to 127\\.0\\.0\\.1:${port} \\(ECONNREFUSED\\)`));
    expect(await connectionProblem('localhost:4001')).toMatch(/not an absolute URL|cannot connect/);
  });

  it('where a server answers has nothing to say', async () => {
    const server = createServer((_req, res) => res.writeHead(404).end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      expect(await connectionProblem(`http://127.0.0.1:${port}/graphql`)).toBeNull();
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
