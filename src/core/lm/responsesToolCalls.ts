// Tool calls as the Responses API streams them (docs/cometapi-wire.md#tool-calls): a `function_call` output
// item is announced by `response.output_item.added` (call_id and name, empty arguments), its arguments follow
// as `response.function_call_arguments.delta` pieces, `response.function_call_arguments.done` repeats them
// whole, and `response.output_item.done` closes the item. The call is parsed once its item is done; a
// `response.completed` that arrives with items never closed finishes them too. Pure, no I/O.
import { completeToolCall, type CompletedCall } from './toolCallAccumulator';

interface PendingCall {
  id: string;
  name: string;
  arguments: string;
  finished: boolean;
}

type Loose = Record<string, unknown>;

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Every event about an item carries its `output_index`; `item_id` is the fallback for a proxy that drops it. */
function keyOf(event: Loose, item: Loose | undefined): string | undefined {
  if (typeof event.output_index === 'number') {
    return `#${event.output_index}`;
  }
  return text(event.item_id) ?? text(item?.id);
}

export class ResponsesToolCalls {
  private readonly calls = new Map<string, PendingCall>();

  /** True once any call was finished (whatever its outcome). */
  get sawCall(): boolean {
    return [...this.calls.values()].some((call) => call.finished);
  }

  /** `response.output_item.added`: starts a call when the item is a function call. */
  added(event: Loose, item: Loose | undefined): void {
    const key = keyOf(event, item);
    if (item?.type !== 'function_call' || key === undefined) {
      return;
    }
    this.calls.set(key, { id: text(item.call_id) ?? '', name: text(item.name) ?? '', arguments: text(item.arguments) ?? '', finished: false });
  }

  /** `response.function_call_arguments.delta`: one more piece of the arguments. */
  delta(event: Loose): void {
    const call = this.pending(event, undefined);
    const piece = text(event.delta);
    if (call && piece !== undefined) {
      call.arguments += piece;
    }
  }

  /** `response.function_call_arguments.done`: the whole arguments text, which wins over the pieces. */
  argumentsDone(event: Loose): void {
    const call = this.pending(event, undefined);
    const whole = text(event.arguments);
    if (call && whole !== undefined) {
      call.arguments = whole;
    }
    const name = text(event.name);
    if (call && name) {
      call.name = name;
    }
  }

  /** `response.output_item.done`: the call is whole; undefined when the item is not an unfinished call. */
  itemDone(event: Loose, item: Loose | undefined): CompletedCall | undefined {
    if (item?.type !== 'function_call') {
      return undefined;
    }
    const key = keyOf(event, item);
    const call = key === undefined ? undefined : (this.calls.get(key) ?? { id: '', name: '', arguments: '', finished: false });
    if (key === undefined || call === undefined || call.finished) {
      return undefined;
    }
    this.calls.set(key, call);
    call.id = text(item.call_id) || call.id;
    call.name = text(item.name) || call.name;
    call.arguments = text(item.arguments) ?? call.arguments;
    return this.finish(call, key);
  }

  /** At `response.completed`: the calls whose item never said it was done, in the order they began. */
  finishRest(): CompletedCall[] {
    return [...this.calls.entries()].filter(([, call]) => !call.finished).map(([key, call]) => this.finish(call, key));
  }

  private finish(call: PendingCall, key: string): CompletedCall {
    call.finished = true;
    return completeToolCall(call, `call_${key.replace('#', '')}`);
  }

  private pending(event: Loose, item: Loose | undefined): PendingCall | undefined {
    const key = keyOf(event, item);
    const call = key === undefined ? undefined : this.calls.get(key);
    return call && !call.finished ? call : undefined;
  }
}
