// Reads a Server-Sent Events body into parsed JSON events, for the endpoint the openai SDK does not cover
// (POST /v1/messages). Bytes are decoded as a stream, so a character split across two network reads is kept
// whole; events end at a blank line; `data:` lines of one event are joined; comments (`: keep-alive`) are skipped.
// A data payload that is not JSON throws a SyntaxError, as the SDK does, so errors.ts judges it the same way.

/** One event's `data` parsed as JSON, with its `event:` name when the server gave one. */
export interface SseEvent {
  readonly event?: string;
  readonly data: unknown;
}

function parseData(data: string): unknown {
  try {
    return JSON.parse(data) as unknown;
  } catch {
    throw new SyntaxError(`Malformed event in the stream: ${data.slice(0, 80)}`);
  }
}

class EventAssembler {
  private name: string | undefined;
  private data: string[] = [];

  /** Takes one line (without its line break); returns a finished event at a blank line. */
  line(line: string): SseEvent | undefined {
    if (line === '') {
      return this.flush();
    }
    if (line.startsWith(':')) {
      return undefined;
    }
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'data') {
      this.data.push(value);
    } else if (field === 'event') {
      this.name = value;
    }
    return undefined;
  }

  flush(): SseEvent | undefined {
    const data = this.data.join('\n');
    const name = this.name;
    this.data = [];
    this.name = undefined;
    if (data === '' || data === '[DONE]') {
      return undefined;
    }
    return { ...(name !== undefined ? { event: name } : {}), data: parseData(data) };
  }
}

/** A fetch body's chunks; releases the stream when the reader stops early (Stop, an error event). */
async function* chunksOf(body: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        return;
      }
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

/** Yields the events of an SSE body as they arrive; an event cut off by the end of the body is still read. */
export async function* readSseEvents(stream: ReadableStream<Uint8Array>): AsyncGenerator<SseEvent> {
  const body = chunksOf(stream);
  const decoder = new TextDecoder('utf-8');
  const assembler = new EventAssembler();
  let buffer = '';
  const drainLines = function* (final: boolean): Generator<SseEvent> {
    for (;;) {
      const match = /\r\n|\r|\n/.exec(buffer);
      // A lone \r at the end may be the first half of \r\n: wait for the next read unless this is the end.
      if (!match || (match[0] === '\r' && match.index === buffer.length - 1 && !final)) {
        return;
      }
      const line = buffer.slice(0, match.index);
      buffer = buffer.slice(match.index + match[0].length);
      const event = assembler.line(line);
      if (event) {
        yield event;
      }
    }
  };
  for await (const chunk of body) {
    buffer += decoder.decode(chunk, { stream: true });
    yield* drainLines(false);
  }
  buffer += decoder.decode();
  yield* drainLines(true);
  if (buffer !== '') {
    assembler.line(buffer);
    buffer = '';
  }
  const last = assembler.flush();
  if (last) {
    yield last;
  }
}
