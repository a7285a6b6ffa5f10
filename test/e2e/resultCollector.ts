// Records a mocha run as plain JSON, because mocha's own summary ("N passing") is not what CI reads and the
// extension host's console reaches the runner mixed with workbench logs. Used by the suite inside the
// extension host and by the Playwright UI tests in Node, so run.mjs reads one format for both.
import type Mocha from 'mocha';

export type TestState = 'passed' | 'failed' | 'pending';

export interface TestRecord {
  readonly title: string;
  readonly fullTitle: string;
  readonly file?: string;
  readonly state: TestState;
  readonly durationMs?: number;
  readonly error?: { readonly message: string; readonly stack?: string };
}

export interface RunResult {
  readonly passed: number;
  readonly failed: number;
  readonly pending: number;
  readonly tests: readonly TestRecord[];
  /** Set when the run could not start or load its files; counts as a failure. */
  readonly fatal?: string;
}

/** Subscribes to a runner and returns a function that builds the result when the run ended. */
export function collectResults(runner: Mocha.Runner): () => RunResult {
  const tests: TestRecord[] = [];
  runner.on('pass', (test) => tests.push(record(test, 'passed')));
  runner.on('pending', (test) => tests.push(record(test, 'pending')));
  // 'fail' also fires for hooks; a failed hook is a failure the summary must count.
  runner.on('fail', (runnable, error: Error) => tests.push(record(runnable, 'failed', error)));
  return () => summarize(tests);
}

export function summarize(tests: readonly TestRecord[], fatal?: string): RunResult {
  const count = (state: TestState) => tests.filter((test) => test.state === state).length;
  return { passed: count('passed'), failed: count('failed') + (fatal ? 1 : 0), pending: count('pending'), tests, ...(fatal ? { fatal } : {}) };
}

function record(runnable: Mocha.Runnable, state: TestState, error?: Error): TestRecord {
  return {
    title: runnable.title,
    fullTitle: runnable.fullTitle(),
    ...(runnable.file ? { file: runnable.file } : {}),
    state,
    ...(runnable.duration !== undefined ? { durationMs: runnable.duration } : {}),
    ...(error ? { error: { message: String(error.message ?? error), ...(error.stack ? { stack: error.stack } : {}) } } : {}),
  };
}
