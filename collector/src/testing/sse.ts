/** Test helper: reads Server-Sent Events from a fetch Response, message by message. */

export interface SseMessage {
  event: string;
  id?: string;
  data: string;
  retry?: number;
  /** Comment lines (`: heartbeat`) seen since the previous message. */
  comments: string[];
}

export interface SseReader {
  /** The next message (or comment-only block), waiting up to `timeoutMs`. */
  next(timeoutMs?: number): Promise<SseMessage>;
  /** Skips messages until one matches, waiting up to `timeoutMs` in all. */
  until(match: (message: SseMessage) => boolean, timeoutMs?: number): Promise<SseMessage>;
  /** True once the server ended the stream. */
  ended(): boolean;
  close(): Promise<void>;
}

export function readSse(response: Response): SseReader {
  if (!response.body) throw new Error('response has no body');
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let done = false;
  const parse = (block: string): SseMessage => {
    const message: SseMessage = { event: 'message', data: '', comments: [] };
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) message.comments.push(line.slice(1).trim());
      else {
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') message.event = value;
        else if (field === 'data') data.push(value);
        else if (field === 'id') message.id = value;
        else if (field === 'retry') message.retry = Number(value);
      }
    }
    message.data = data.join('\n');
    return message;
  };
  const next = async (timeoutMs = 10_000): Promise<SseMessage> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const end = buffer.indexOf('\n\n');
      if (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        return parse(block);
      }
      if (done) throw new Error('stream ended');
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('no SSE message in time');
      let timer: ReturnType<typeof setTimeout> | undefined;
      const chunk = await Promise.race([
        reader.read(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('no SSE message in time')), left);
        }),
      ]).finally(() => clearTimeout(timer));
      if (chunk.done) done = true;
      else buffer += decoder.decode(chunk.value, { stream: true });
    }
  };
  return {
    next,
    async until(match, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const message = await next(Math.max(1, deadline - Date.now()));
        if (match(message)) return message;
      }
    },
    ended: () => done,
    close: () => reader.cancel().catch(() => {}),
  };
}
