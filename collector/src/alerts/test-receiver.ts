/**
 * Test helper: a webhook receiver on a free port (a real node:http server), which keeps every request
 * and answers what the test tells it to, and verifies `X-Cartpulse-Signature` as docs/protocol.md tells
 * receivers to. Closed after the suite.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll } from 'vitest';

export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  /** The raw body, exactly as it arrived. */
  body: string;
  json: any;
}

export interface Receiver {
  /** e.g. `http://127.0.0.1:40123/hook`; the path is the test's to choose. */
  url(path?: string): string;
  received: Received[];
  /** What the next requests are answered: the status of the n-th request (0-based). @default 204 */
  answer: (index: number, request: Received) => number | 'hang';
}

/** The check the documentation gives receivers: hex HMAC-SHA256 of the raw body, compared in constant time. */
export function verifySignature(secret: string, rawBody: string, header: string | undefined): boolean {
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  const given = Buffer.from(header ?? '', 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export async function startReceiver(): Promise<Receiver> {
  const receiver: Receiver = { url: () => '', received: [], answer: () => 204 };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let json: unknown = null;
      try {
        json = JSON.parse(body);
      } catch {}
      const entry = { path: request.url ?? '', headers: request.headers, body, json };
      const answer = receiver.answer(receiver.received.length, entry);
      receiver.received.push(entry);
      if (answer === 'hang') return; // never answers: the sender's timeout ends it
      response.writeHead(answer).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  receiver.url = (path = '/hook') => `http://127.0.0.1:${port}${path}`;
  afterAll(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return receiver;
}
