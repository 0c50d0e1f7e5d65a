#!/usr/bin/env node
// Entry point of `npm start` and `npx cartpulse <command>`: runs the TypeScript sources through tsx.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli.ts');
await main(process.argv.slice(2));
