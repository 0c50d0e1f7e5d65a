/**
 * The generator's HTTP edge: posts batches to `<url>/ingest` over a pool of keep-alive connections.
 * Requests beyond the pool wait in the agent's queue; their time there counts in their latency and
 * in their timeout, so an overloaded collector shows up as latency and failures, not as a slower generator.
 */
import http from 'node:http';
import https from 'node:https';

/** How one request ended. `status` is 0 when no HTTP answer came (connection error or timeout). */
export interface SendResult {
  status: number;
  accepted: number;
  rejected: number;
  /** Why the request failed, for the summary; absent on a 202. */
  error?: string;
}

export interface Sender {
  send(body: string): Promise<SendResult>;
  close(): void;
}

/** Realistic browser User-Agents, so that the collector's bot filter lets the traffic through. */
export const USER_AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
];

export function createSender(options: {
  url: string;
  origin: string;
  connections: number;
  timeoutMs: number;
}): Sender {
  const target = new URL('/ingest', `${options.url}/`);
  const secure = target.protocol === 'https:';
  const agent = new (secure ? https : http).Agent({ keepAlive: true, maxSockets: options.connections });
  let requests = 0;

  function send(body: string): Promise<SendResult> {
    const userAgent = USER_AGENTS[requests++ % USER_AGENTS.length] as string;
    return new Promise((resolve) => {
      const request = (secure ? https : http).request(
        target,
        {
          method: 'POST',
          agent,
          signal: AbortSignal.timeout(options.timeoutMs),
          headers: {
            // What sendBeacon sends: a "simple" request that needs no CORS preflight.
            'content-type': 'text/plain;charset=UTF-8',
            'content-length': Buffer.byteLength(body),
            origin: options.origin,
            referer: `${options.origin}/`,
            'user-agent': userAgent,
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', (error) =>
            resolve({ status: 0, accepted: 0, rejected: 0, error: error.message }),
          );
          response.on('end', () =>
            resolve(answer(response.statusCode ?? 0, Buffer.concat(chunks).toString())),
          );
        },
      );
      request.on('error', (error) =>
        resolve({
          status: 0,
          accepted: 0,
          rejected: 0,
          error: error.name === 'AbortError' ? `no answer within ${options.timeoutMs} ms` : error.message,
        }),
      );
      request.end(body);
    });
  }

  return { send, close: () => agent.destroy() };
}

/** Reads the collector's answer: `202 {"accepted": n, "rejected": m}` or an error status. */
export function answer(status: number, text: string): SendResult {
  let body: { accepted?: unknown; rejected?: unknown; error?: unknown } = {};
  try {
    body = JSON.parse(text);
  } catch {}
  if (status !== 202) {
    const reason = typeof body.error === 'string' ? body.error : text.slice(0, 200);
    return { status, accepted: 0, rejected: 0, error: `HTTP ${status}${reason ? `: ${reason}` : ''}` };
  }
  const count = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : 0);
  return { status, accepted: count(body.accepted), rejected: count(body.rejected) };
}
