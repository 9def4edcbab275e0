// Entry of `npm run bench`: Node cannot run the TypeScript engine directly (Node 20, no tsx), so Vite's
// module runner (`runnerImport`, shipped with the project's Vite) transforms run.ts and its imports on the fly.
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';

const { module } = await runnerImport(fileURLToPath(new URL('./run.ts', import.meta.url)), { configFile: false, logLevel: 'error' });
process.exitCode = await module.main(process.argv.slice(2));
