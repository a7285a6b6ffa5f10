// Prints what CI and people read after a run: failures with their errors, then one plain closing line
// `N passed, N failed` (mocha's "N passing" is not what CI parses).

/** @param {string} label @param {import('../resultCollector.ts').RunResult} result */
export function printStageResult(label, result) {
  console.log(`\n[e2e] ${label}: ${result.passed} passed, ${result.failed} failed${result.pending ? `, ${result.pending} pending` : ''}`);
  if (result.fatal) console.log(`[e2e]   ${label} did not run properly: ${result.fatal}`);
  for (const test of result.tests.filter((entry) => entry.state === 'failed')) {
    console.log(`[e2e]   ✗ ${test.fullTitle}`);
    if (test.error) console.log(indent(firstLines(test.error.stack ?? test.error.message, 8), '        '));
  }
}

/** Totals over the stages; a stage that reported nothing counts as no tests, not as a pass. */
export function totals(results) {
  return results.reduce((sum, result) => ({ passed: sum.passed + result.passed, failed: sum.failed + result.failed }), { passed: 0, failed: 0 });
}

function firstLines(text, count) {
  return String(text).split('\n').slice(0, count).join('\n');
}

function indent(text, prefix) {
  return text
    .split('\n')
    .map((line) => prefix + line)
    .join('\n');
}
