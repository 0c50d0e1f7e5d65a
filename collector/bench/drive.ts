/** Runs the load driver in a child process of its own and collects its result. */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { DriverMessage, LoadPlan, LoadResult } from './load-driver.js';

const DRIVER = fileURLToPath(new URL('./load-driver.ts', import.meta.url));

export interface RunningLoad {
  /** Resolves when the driver has finished and reported. */
  result: Promise<LoadResult>;
  /** Ends the measured window now; `result` follows once requests in flight are answered. */
  stop(): void;
}

export function startLoad(plan: LoadPlan): RunningLoad {
  const child = fork(DRIVER, [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const result = new Promise<LoadResult>((resolve, reject) => {
    child.once('message', (message) => resolve(message as LoadResult));
    child.once('exit', (code) => reject(new Error(`the load driver exited (${code}) without a result`)));
    child.once('error', reject);
  });
  const send = (message: DriverMessage) => child.send(message);
  send({ plan });
  return { result, stop: () => child.connected && send({ stop: true }) };
}

export const driveLoad = (plan: LoadPlan) => startLoad(plan).result;
