/**
 * The ingest baseline: the least a Node HTTP server can do with the same requests. It reads the whole
 * body and answers 202 with a short JSON string, nothing else (no parsing, no validation, no Redis).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface BareServer {
  url: string;
  stop(): Promise<void>;
}

const ANSWER = JSON.stringify({ accepted: 1, rejected: 0 });

export async function startBareServer(): Promise<BareServer> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      Buffer.concat(chunks).toString();
      response.writeHead(202, { 'content-type': 'application/json' });
      response.end(ANSWER);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
