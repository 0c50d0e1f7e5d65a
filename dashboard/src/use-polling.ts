/**
 * A request repeated on a timer: fetch, hand the result over, wait, again. The wait starts when a round
 * ends, so a slow server is never asked twice at once; stopping discards a round still in flight.
 */
import { useEffect } from 'preact/hooks';
import { browserTimers, type Timers } from './live.js';

export interface Polling<T> {
  /** One request; it settles its own errors into a value `apply` knows (a rejection stops the polling). */
  fetch: () => Promise<T>;
  /** Takes a result unless stopped meanwhile; answers the milliseconds to the next round, or null to stop. */
  apply: (result: T) => number | null;
  /** @default the browser's setTimeout and clearTimeout */
  timers?: Pick<Timers, 'setTimeout' | 'clearTimeout'>;
}

/** Runs the first round at once; the function returned stops the polling. */
export function startPolling<T>({ fetch, apply, timers = browserTimers }: Polling<T>): () => void {
  let stopped = false;
  let timer: unknown;
  const round = async () => {
    const result = await fetch();
    if (stopped) return;
    const delay = apply(result);
    if (delay !== null) timer = timers.setTimeout(round, delay);
  };
  void round();
  return () => {
    stopped = true;
    timers.clearTimeout(timer);
  };
}

/** Polls while mounted and `polling` is given, starting again whenever `deps` change. */
export function usePolling<T>(polling: Polling<T> | null, deps: readonly unknown[]) {
  useEffect(() => (polling ? startPolling(polling) : undefined), deps);
}
