// Every process and folder a run creates is registered here the moment it exists, so a failure, a watchdog
// timeout, Ctrl+C or SIGTERM all end the same way: everything stopped, newest first, nothing left behind.

const disposers = [];
let disposing;

/** Registers an async undo step; returns a function that runs it early (and only once). */
export function onCleanup(label, dispose) {
  const entry = { label, dispose, done: false };
  disposers.push(entry);
  return () => runOne(entry);
}

async function runOne(entry) {
  if (entry.done) return;
  entry.done = true;
  try {
    await entry.dispose();
  } catch (error) {
    console.error(`[e2e] cleanup of ${entry.label} failed: ${error?.message ?? error}`);
  }
}

/** Runs all pending undo steps in reverse order. Safe to call more than once. */
export function cleanupAll() {
  disposing ??= (async () => {
    for (const entry of [...disposers].reverse()) await runOne(entry);
  })();
  return disposing;
}

/**
 * Calls `onSignal(signal, exitCode)` on Ctrl+C / SIGTERM / SIGHUP (exit code 128 + signal number); the
 * handler cleans up and exits. A second signal while that runs exits at once.
 */
export function handleSignals(onSignal) {
  const codes = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };
  for (const [signal, code] of Object.entries(codes)) {
    process.once(signal, () => {
      process.once(signal, () => process.exit(code));
      onSignal(signal, code);
    });
  }
}
