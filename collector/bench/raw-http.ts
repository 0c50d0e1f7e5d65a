/**
 * The load driver's HTTP client: one keep-alive connection, one request at a time (no pipelining, as a
 * browser sends), each request written as one preformatted string, the answer parsed only as far as
 * needed (status line, then Content-Length or chunked framing). Several times cheaper per request than
 * node:http's client, so that the driver, not its client library, is what the servers are measured
 * against.
 */
import { connect, type Socket } from 'node:net';

const HEADER_END = Buffer.from('\r\n\r\n');
const CHUNKED_END = Buffer.from('\r\n0\r\n\r\n');

/** Where an answer in `buffer` ends, or -1 while it is incomplete. */
export function answerLength(buffer: Buffer): number {
  const headerEnd = buffer.indexOf(HEADER_END);
  if (headerEnd < 0) return -1;
  const head = buffer.toString('latin1', 0, headerEnd).toLowerCase();
  const length = /\r\ncontent-length:\s*(\d+)/.exec(head);
  if (length) {
    const end = headerEnd + 4 + Number(length[1]);
    return buffer.length >= end ? end : -1;
  }
  if (/\r\ntransfer-encoding:\s*chunked/.test(head)) {
    const last = buffer.indexOf(CHUNKED_END, headerEnd);
    if (last >= 0) return last + CHUNKED_END.length;
    // an empty chunked body: the terminator right after the headers
    return buffer.indexOf('0\r\n\r\n', headerEnd + 4) === headerEnd + 4 ? headerEnd + 9 : -1;
  }
  return headerEnd + 4; // no body
}

/** The status code of the answer at the start of `buffer` (`HTTP/1.1 202 Accepted`). */
export const statusOf = (buffer: Buffer) => Number(buffer.toString('latin1', 9, 12));

export class RawConnection {
  private socket: Socket | undefined;
  private received: Buffer = Buffer.alloc(0);
  private waiting: ((status: number) => void) | undefined;

  constructor(
    private readonly host: string,
    private readonly port: number,
  ) {}

  /** Sends one whole request (head and body) and resolves with the answer's status; 0 when no answer came. */
  request(text: string): Promise<number> {
    return new Promise((resolve) => {
      this.waiting = resolve;
      this.open().write(text);
    });
  }

  close(): void {
    this.socket?.destroy();
    this.socket = undefined;
  }

  private open(): Socket {
    if (this.socket) return this.socket;
    const socket = connect({ host: this.host, port: this.port, noDelay: true });
    socket.on('data', (chunk: Buffer) => {
      this.received = this.received.length ? Buffer.concat([this.received, chunk]) : chunk;
      const end = answerLength(this.received);
      if (end < 0) return;
      const status = statusOf(this.received);
      this.received = this.received.subarray(end);
      this.settle(status);
    });
    const lost = () => {
      if (this.socket === socket) this.socket = undefined;
      this.received = Buffer.alloc(0);
      this.settle(0);
    };
    socket.on('error', lost);
    socket.on('close', lost);
    this.socket = socket;
    return socket;
  }

  private settle(status: number) {
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.(status);
  }
}

/** The head of a POST of `body` as the SDK sends it (`text/plain`, a browser's User-Agent). */
export function postHead(url: URL, body: string, userAgent: string): string {
  return (
    `POST ${url.pathname} HTTP/1.1\r\nHost: ${url.host}\r\nConnection: keep-alive\r\n` +
    `Content-Type: text/plain;charset=UTF-8\r\nUser-Agent: ${userAgent}\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n`
  );
}
