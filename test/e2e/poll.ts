// Polling for something a person would wait for, shared by the extension-host suite and the Playwright UI
// tests (plain Node: no vscode, no page).

/** Polls until `probe` returns a value other than undefined, or fails naming `what` after `timeoutMs`. */
export async function pollUntil<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
