import { describe, expect, it } from 'vitest';
import { createRegistry, sharedRun } from './registry.js';

describe('registry', () => {
  it('has the process defaults', async () => {
    const text = await createRegistry().metrics();
    expect(text).toContain('process_cpu_seconds_total');
    expect(text).toContain('nodejs_eventloop_lag_seconds');
  });

  it('runs a read once for callers that ask at the same time, and again afterwards', async () => {
    let runs = 0;
    const read = sharedRun(async () => ++runs);
    expect(await Promise.all([read(), read(), read()])).toEqual([1, 1, 1]);
    expect(await read()).toBe(2);
  });

  it('lets the next call retry after a failure', async () => {
    let runs = 0;
    const read = sharedRun(async () => {
      runs++;
      if (runs === 1) throw new Error('first fails');
      return runs;
    });
    await expect(read()).rejects.toThrow('first fails');
    expect(await read()).toBe(2);
  });
});
