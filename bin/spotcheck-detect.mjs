#!/usr/bin/env node
// Entry of the `spotcheck-detect` command (scripts/cli/detectCli.ts). Node 20 cannot run the TypeScript
// engine directly, so Vite's module runner (`runnerImport`, as `npm run bench` does) transforms it on the fly:
// the command works right after `npm install`, with no build step.
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';

const { module } = await runnerImport(fileURLToPath(new URL('../scripts/cli/detectCli.ts', import.meta.url)), { configFile: false, logLevel: 'error' });
process.exitCode = await module.main(process.argv.slice(2));
