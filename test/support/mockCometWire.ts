// Wire-level helpers the mock CometAPI's handlers share: request ids, CometAPI's error body, SSE writing and
// timers that close() can cancel. Shapes follow docs/cometapi-wire.md.
import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';

/** Loosely typed JSON as a request body arrives; handlers read it defensively. */
export type JsonObject = Record<string, unknown>;

/** CometAPI's request ids look like a timestamp followed by random letters: "20250826093015123456abcdEFGH". */
export function newRequestId(now = new Date()): string {
  const stamp = now.toISOString().replace(/\D/g, '').slice(0, 17);
  return `${stamp}${randomBytes(6).toString('base64url').replace(/[-_]/g, 'x')}`;
}

export interface CometErrorSpec {
  readonly status: number;
  readonly message: string;
  readonly code: string;
  /** CometAPI sometimes leaves `param` out entirely. */
  readonly omitParam?: boolean;
  readonly headers?: Readonly<Record<string, string>>;
}

/** `{"error":{"message":"... (request id: ...)","type":"comet_api_error","param":"","code":"..."}}` */
export function cometErrorBody(spec: Pick<CometErrorSpec, 'message' | 'code' | 'omitParam'>, requestId: string): JsonObject {
  return {
    error: {
      message: `${spec.message} (request id: ${requestId})`,
      type: 'comet_api_error',
      ...(spec.omitParam ? {} : { param: '' }),
      code: spec.code,
    },
  };
}

export function sendJson(res: ServerResponse, status: number, body: unknown, requestId: string, headers: Readonly<Record<string, string>> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'x-oneapi-request-id': requestId,
    ...headers,
  });
  res.end(text);
}

export function sendCometError(res: ServerResponse, spec: CometErrorSpec, requestId: string): void {
  sendJson(res, spec.status, cometErrorBody(spec, requestId), requestId, spec.headers);
}

/** A page like the one a website (not the API) serves when the base URL points at it. */
export function sendHtmlPage(res: ServerResponse, status: number, requestId: string): void {
  const page =
    '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>CometAPI - One API for all models</title></head>\n' +
    '<body><div id="app">Loading...</div><script src="/assets/index.js"></script></body></html>\n';
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(page), 'x-oneapi-request-id': requestId });
  res.end(page);
}

/** Timers owned by one server, so close() can cancel every pending write. */
export class TimerSet {
  private readonly timers = new Set<NodeJS.Timeout>();

  /** Resolves after `ms`; never resolves once cancelAll() ran (the handler is abandoned with its socket). */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.add(timer);
    });
  }

  cancelAll(): void {
    for (const timer of this.timers) {
      clearTimeout(timer);
    }
    this.timers.clear();
  }
}

/** Streams Server-Sent Events and tells the handler when the client has gone, so it stops writing. */
export class SseWriter {
  constructor(
    private readonly res: ServerResponse,
    private readonly timers: TimerSet,
    requestId: string,
  ) {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      'x-oneapi-request-id': requestId,
    });
    // Small writes must leave as separate TCP segments so chunk boundaries (and split characters) are real.
    res.socket?.setNoDelay(true);
    res.flushHeaders();
  }

  get gone(): boolean {
    return this.res.destroyed || this.res.writableEnded;
  }

  /** One `data:` event (chat completions) or, with `event`, a typed one (Responses API). */
  send(data: unknown, event?: string): void {
    if (this.gone) {
      return;
    }
    const payload = typeof data === 'string' ? data : JSON.stringify(data);
    this.res.write(`${event ? `event: ${event}\n` : ''}data: ${payload}\n\n`);
  }

  /** Raw bytes, for splitting characters across writes. */
  writeRaw(bytes: Uint8Array): void {
    if (!this.gone) {
      this.res.write(bytes);
    }
  }

  async pause(ms: number): Promise<void> {
    await this.timers.sleep(ms);
  }

  end(): void {
    if (!this.gone) {
      this.res.end();
    }
  }

  /** Kills the connection without ending the HTTP response, as a dropped network does. */
  drop(): void {
    this.res.socket?.destroy();
  }
}

/** Splits text into pieces of about `size` code points without cutting a surrogate pair. */
export function splitIntoPieces(text: string, size: number): string[] {
  const points = Array.from(text);
  const pieces: string[] = [];
  for (let index = 0; index < points.length; index += size) {
    pieces.push(points.slice(index, index + size).join(''));
  }
  return pieces;
}
