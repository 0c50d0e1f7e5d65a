/** Runs the live-dashboard viewers (viewer-child.ts) in a child process of their own and talks to them. */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface ViewerPlan {
  /** The collector's base URL. */
  url: string;
  token: string;
  /** One viewer per site. */
  sites: string[];
}

/** What arrived since the last `mark`. */
export interface ViewerCounts {
  snapshots: number;
  unchanged: number;
  heartbeats: number;
  /** Streams that ended or failed before `stop`. */
  lost: number;
}

export type ToViewers = { plan: ViewerPlan } | 'mark' | 'stop';
export type FromViewers = { ready: true; openMs: number } | { failed: string } | { counts: ViewerCounts };

export interface Viewers {
  /** Ms from the first request until every viewer had its first snapshot. */
  openMs: number;
  /** Starts counting from zero. */
  mark(): void;
  /** Closes every stream and ends the process; resolves with the counts since `mark`. */
  stop(): Promise<ViewerCounts>;
}

const CHILD = fileURLToPath(new URL('./viewer-child.ts', import.meta.url));

export async function openViewers(plan: ViewerPlan): Promise<Viewers> {
  const child = fork(CHILD, [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const send = (message: ToViewers) => child.send(message);
  const next = () =>
    new Promise<FromViewers>((resolve, reject) => {
      const exit = (code: number | null) => reject(new Error(`the viewers process exited (${code})`));
      child.once('exit', exit);
      child.once('message', (message: FromViewers) => {
        child.off('exit', exit);
        resolve(message);
      });
    });
  const opened = next();
  send({ plan });
  const first = await opened;
  if ('failed' in first) {
    child.kill();
    throw new Error(`the viewers could not open their streams: ${first.failed}`);
  }
  if (!('ready' in first)) throw new Error('the viewers process answered out of turn');
  return {
    openMs: first.openMs,
    mark: () => send('mark'),
    async stop() {
      const answer = next();
      send('stop');
      const last = await answer;
      if (!('counts' in last)) throw new Error('the viewers process answered out of turn');
      await new Promise<void>((resolve) => {
        if (child.exitCode !== null) resolve();
        else child.once('exit', () => resolve());
      });
      return last.counts;
    },
  };
}
