/**
 * Test helper: runs `node collector/bin/cartpulse.mjs <command>` as a real process (what a container
 * runs), waits for the line that says it is ready, and stops it with SIGTERM after the suite.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';

export const CARTPULSE_BIN = fileURLToPath(new URL('../../bin/cartpulse.mjs', import.meta.url));

export interface CliProcess {
  child: ChildProcess;
  /** The first match of `ready` in the process's output. */
  match: RegExpMatchArray;
  output(): string;
}

export async function startCli(
  args: string[],
  env: Record<string, string>,
  ready: RegExp,
  deadlineMs = 30_000,
): Promise<CliProcess> {
  const child = spawn(process.execPath, [CARTPULSE_BIN, ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  afterAll(async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  });
  const match = await new Promise<RegExpMatchArray>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${args[0]} not ready:\n${output}`)), deadlineMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const found = ready.exec(output);
      if (found) {
        clearTimeout(timer);
        resolve(found);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${args[0]} exited with ${code}:\n${output}`));
    });
  });
  return { child, match, output: () => output };
}

/** Runs `cartpulse <args>` to its end (a command that should exit), with its exit code and output. */
export function runCli(
  args: string[],
  env: Record<string, string>,
  deadlineMs = 30_000,
): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [CARTPULSE_BIN, ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), deadlineMs);
  return new Promise((resolve) =>
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    }),
  );
}
