/**
 * `npm run loadgen -- [options]`: runs the traffic generator from the command line (see `--help`).
 * Exit status: 0 when every request was answered 202 and no event was rejected, 1 otherwise, 2 on bad options.
 */
import { HELP, parseLoadgenArgs } from './options.js';
import { failed, formatProgress, formatSummary } from './report.js';
import { runLoadgen } from './run.js';

let parsed: ReturnType<typeof parseLoadgenArgs>;
try {
  parsed = parseLoadgenArgs(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`loadgen: ${(error as Error).message}\n\nRun with --help for the options.\n`);
  process.exit(2);
}
if (parsed.help) {
  process.stdout.write(`${HELP}\n`);
  process.exit(0);
}

const { options } = parsed;
const live = process.stderr.isTTY === true;
const stop = new AbortController();
process.once('SIGINT', () => stop.abort());
process.once('SIGTERM', () => stop.abort());

process.stderr.write(
  `Sending ${options.max ? 'as fast as answered' : `${options.rate} events/s`} for ${options.duration} s ` +
    `to ${options.url}/ingest (site ${options.site}, ${options.visitors} visitors, seed ${options.seed})\n`,
);
const summary = await runLoadgen(options, {
  signal: stop.signal,
  onProgress: (progress) => {
    if (live) process.stderr.write(`\r\x1b[2K${formatProgress(progress, options.duration)}`);
  },
});
if (live) process.stderr.write('\r\x1b[2K');
process.stdout.write(`${formatSummary(summary)}\n`);
process.exitCode = failed(summary) ? 1 : 0;
