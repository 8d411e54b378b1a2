// Test helper: a local HTTP server serving fixed bytes by path, so download tests never touch the network.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A running fixture server. */
export interface FixtureServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** Paths requested so far, in order. */
  readonly requests: string[];
  /** Stops the server. */
  close(): Promise<void>;
}

/** Serves `files` (path → bytes) on a free local port; other paths get 404. */
export async function serve(files: Readonly<Record<string, Uint8Array>>): Promise<FixtureServer> {
  const requests: string[] = [];
  const server: Server = createServer((request, response) => {
    const path = request.url ?? '/';
    requests.push(path);
    const body = files[path];
    if (body === undefined) {
      response.writeHead(404).end('not found');
      return;
    }
    response.writeHead(200, { 'content-length': String(body.length), 'content-type': 'application/octet-stream' }).end(body);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
