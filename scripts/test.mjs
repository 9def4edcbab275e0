// `npm test`: typecheck, lint (ESLint), formatting check (Prettier), unit + browser tests
// (vitest), production build, end-to-end tests (Playwright). Every step runs even after a
// failure so one run shows everything; the exit code is non-zero when any step failed. Ends
// with the failed tests, each with the first line of its error (CI keeps only the log's tail),
// then one "N passed, N failed" line.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { ensureChromium } from './chromium.mjs';

// Not Playwright's own test-results/, which it empties when it starts.
const resultsDir = 'test-reports';
const vitestReport = `${resultsDir}/vitest.json`;
const e2eReport = `${resultsDir}/e2e.json`;

function run(label, command, args) {
  const startedMs = Date.now();
  console.log(`\n▶ ${label}: ${command} ${args.join(' ')}`);
  const { status } = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } });
  const seconds = ((Date.now() - startedMs) / 1000).toFixed(1);
  console.log(`${status === 0 ? '✔' : '✘'} ${label} (${seconds} s)`);
  return { label, ok: status === 0, seconds };
}

function readReport(reportPath) {
  return existsSync(reportPath) ? JSON.parse(readFileSync(reportPath, 'utf8')) : undefined;
}

function readCounts(reportPath, count) {
  const report = readReport(reportPath);
  return report ? count(report) : { passed: 0, failed: 0 };
}

function readFailures(reportPath, list) {
  const report = readReport(reportPath);
  return report ? list(report) : [];
}

/** The first line of an error text, without the colour codes a reporter may leave in it. */
function firstLine(text) {
  const line = String(text ?? '')
    .replace(/\u001b\[[0-9;]*m/g, '')
    .split('\n')
    .find((part) => part.trim() !== '');
  return (line ?? '').trim().slice(0, 300);
}

function vitestFailures(report) {
  const root = process.cwd() + '/';
  return report.testResults.flatMap((file) => {
    const where = file.name.replace(root, '');
    const failedTests = file.assertionResults.filter((test) => test.status === 'failed');
    if (failedTests.length === 0 && file.status === 'failed') return [`${where}: ${firstLine(file.message)}`];
    return failedTests.map((test) => `${where} › ${test.fullName}: ${firstLine(test.failureMessages[0])}`);
  });
}

function playwrightFailures(report) {
  const specsOf = (suite) => [...(suite.specs ?? []), ...(suite.suites ?? []).flatMap(specsOf)];
  const failures = report.suites.flatMap(specsOf).flatMap((spec) =>
    spec.tests
      .filter((test) => test.status === 'unexpected' || test.status === 'flaky')
      .map((test) => {
        const error = test.results.find((result) => result.status !== 'passed')?.errors?.[0]?.message;
        return `${spec.file}:${spec.line} › ${spec.title} (${test.status}): ${firstLine(error)}`;
      }),
  );
  return [...failures, ...(report.errors ?? []).map((error) => `playwright: ${firstLine(error.message)}`)];
}

rmSync(resultsDir, { recursive: true, force: true });
mkdirSync(resultsDir, { recursive: true });

const steps = [];
try {
  console.log(`Chromium: ${ensureChromium()}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
steps.push(run('typecheck', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']));
steps.push(run('lint', 'npx', ['eslint', '.']));
steps.push(run('formatting', 'npx', ['prettier', '--check', '.']));
steps.push(run('unit and browser tests', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestReport}`]));
steps.push(run('production build', 'npx', ['vite', 'build']));
if (steps.at(-1).ok) steps.push(run('end-to-end tests', 'npx', ['playwright', 'test']));

const vitest = readCounts(vitestReport, (report) => ({ passed: report.numPassedTests, failed: report.numFailedTests }));
const e2e = readCounts(e2eReport, (report) => ({ passed: report.stats.expected, failed: report.stats.unexpected + report.stats.flaky }));
const failedSteps = steps.filter((step) => !step.ok);
const failureLines = [...readFailures(vitestReport, vitestFailures), ...readFailures(e2eReport, playwrightFailures)];

console.log('\nSummary');
for (const step of steps) console.log(`  ${step.ok ? 'ok    ' : 'FAILED'} ${step.label} (${step.seconds} s)`);
if (failureLines.length > 0) console.log(`failed tests:\n${failureLines.map((line) => `  ✘ ${line}`).join('\n')}`);
const failedTests = vitest.failed + e2e.failed;
// A failed step with no failed test in it (typecheck, build, a runner crash) still counts once.
const failed = failedTests > 0 ? failedTests : failedSteps.length;
console.log(`tests: ${vitest.passed + e2e.passed} passed, ${failed} failed`);
process.exit(failedSteps.length === 0 ? 0 : 1);
