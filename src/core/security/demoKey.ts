// The key `npm start` gives the extension so a newcomer sees it answer before they have a CometAPI key.
// SecretStorage cannot be seeded from outside (in code-server it lives in the person's browser profile), so
// the launcher puts a demo key and the mock's base URL into the editor's environment instead.
//
// Why that is safe (see README.md, Development):
// - Only whoever starts VS Code sets its environment; a workspace cannot (no setting reaches the extension
//   host's environment), and the commands never read it.
// - The key is used only for requests to the one origin named beside it, and that origin must be plain
//   http on 127.0.0.1 with a port: this computer. A planted pair can therefore never send the person's
//   questions off the machine, and the person's own key is never sent to that origin (the demo key takes its place).
// - It is never stored: nothing outlives the process that was started with it.

export const DEMO_KEY_ENV = 'COMETAPI_DEMO_KEY';
export const DEMO_BASE_URL_ENV = 'COMETAPI_DEMO_BASE_URL';

export interface DemoKey {
  readonly key: string;
  /** http://127.0.0.1:<port>, the only origin the key is sent to. */
  readonly origin: string;
}

/** The demo key when both variables are set and name a loopback server with a port; otherwise undefined. */
export function demoKeyFromEnvironment(env: Readonly<Record<string, string | undefined>>): DemoKey | undefined {
  const key = env[DEMO_KEY_ENV]?.trim();
  const origin = loopbackOrigin(env[DEMO_BASE_URL_ENV]);
  if (!key || /\s/.test(key) || origin === undefined) {
    return undefined;
  }
  return { key, origin };
}

/** The demo key if `baseUrl` points at the demo server's origin, else undefined (use the stored key). */
export function demoKeyFor(demo: DemoKey | undefined, baseUrl: string): string | undefined {
  return demo !== undefined && loopbackOrigin(baseUrl) === demo.origin ? demo.key : undefined;
}

function loopbackOrigin(value: string | undefined): string | undefined {
  if (!value) {
    return undefined;
  }
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return undefined;
  }
  const plainLoopback = url.protocol === 'http:' && url.hostname === '127.0.0.1' && url.port !== '';
  return plainLoopback && url.username === '' && url.password === '' ? url.origin : undefined;
}
