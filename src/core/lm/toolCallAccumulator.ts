// Streamed tool calls arrive in pieces (docs/cometapi-wire.md#tool-calls): the first fragment of a call carries
// its `index`, `id` and `function.name`, later ones only the same `index` and more `function.arguments` text.
// This joins the pieces per index and parses the arguments once the stream says the answer is finished: a half
// received JSON text is not an error, a finished one that does not parse is. Pure, no I/O.
import type { ChatErrorInfo } from '../../shared/conversation';
import { t } from '../../shared/l10n';
import { asRecord } from '../../shared/looseValues';
import { errorInfo } from '../errors/errors';
import type { ToolCallRequest } from '../streams/events';

interface PendingCall {
  id: string;
  name: string;
  arguments: string;
}

export type AccumulatedCalls = { readonly ok: true; readonly calls: readonly ToolCallRequest[] } | { readonly ok: false; readonly error: ChatErrorInfo };

export class ToolCallAccumulator {
  private readonly calls = new Map<number, PendingCall>();

  get isEmpty(): boolean {
    return this.calls.size === 0;
  }

  /** Takes one chunk's `delta.tool_calls` (anything else is ignored). */
  push(toolCalls: unknown): void {
    if (!Array.isArray(toolCalls)) {
      return;
    }
    for (const [position, raw] of toolCalls.entries()) {
      const fragment = asRecord(raw);
      if (!fragment) {
        continue;
      }
      // Gemini through the compatibility layer leaves `index` out and sends each call whole.
      const index = typeof fragment.index === 'number' ? fragment.index : this.calls.size + position;
      const fn = asRecord(fragment.function);
      const call = this.calls.get(index) ?? { id: '', name: '', arguments: '' };
      if (typeof fragment.id === 'string' && fragment.id !== '') {
        call.id = fragment.id;
      }
      if (typeof fn?.name === 'string' && fn.name !== '') {
        // Some providers repeat the name on every fragment; none splits it.
        call.name = fn.name;
      }
      if (typeof fn?.arguments === 'string') {
        call.arguments += fn.arguments;
      } else if (asRecord(fn?.arguments)) {
        call.arguments += JSON.stringify(fn?.arguments);
      }
      this.calls.set(index, call);
    }
  }

  /** The complete calls in index order, or an error naming the call whose arguments are not a JSON object. */
  finish(): AccumulatedCalls {
    const calls: ToolCallRequest[] = [];
    for (const [index, call] of [...this.calls.entries()].sort(([a], [b]) => a - b)) {
      const done = completeToolCall(call, `call_${index}`);
      if (!done.ok) {
        return done;
      }
      calls.push(done.call);
    }
    return { ok: true, calls };
  }
}

export type CompletedCall = { readonly ok: true; readonly call: ToolCallRequest } | { readonly ok: false; readonly error: ChatErrorInfo };

/**
 * One call whose arguments are all there, parsed; shared with the Responses API reader so both endpoints say
 * the same thing about a call that cannot be run.
 */
export function completeToolCall(call: { readonly id: string; readonly name: string; readonly arguments: string }, fallbackId: string): CompletedCall {
  if (call.name === '') {
    return { ok: false, error: errorInfo('streamBroken', t('The model asked to call a tool but did not say which one. Try again, or pick another model.')) };
  }
  const input = parseArguments(call.arguments);
  if (input === undefined) {
    return {
      ok: false,
      error: errorInfo(
        'streamBroken',
        t('The model called the tool "{0}" with arguments that are not valid JSON, so it was not run. Try again, or pick another model.', call.name),
      ),
    };
  }
  return { ok: true, call: { id: call.id || fallbackId, name: call.name, input } };
}

/** A JSON object; empty text means no arguments. Undefined for anything else. */
function parseArguments(text: string): Record<string, unknown> | undefined {
  if (text.trim() === '') {
    return {};
  }
  try {
    return asRecord(JSON.parse(text));
  } catch {
    return undefined;
  }
}
