// Tool calls on the mock's POST /v1/responses, streamed as the Responses API does (docs/cometapi-wire.md#tool-calls):
// each call is a `function_call` output item announced with its call_id and name, its arguments follow in small
// `response.function_call_arguments.delta` pieces (calls interleaved), then `...arguments.done` and
// `response.output_item.done` close it. The plan (which calls, bad JSON or not) is mockCometTools.ts's.
import { type SseWriter, splitIntoPieces, type JsonObject } from './mockCometWire';

export type ResponsesEventSender = (type: string, fields: JsonObject) => void;

/** Streams the calls starting at `firstIndex` in `output`; returns the finished items for response.completed. */
export async function streamResponsesToolCalls(
  calls: readonly { name: string; arguments: string }[],
  sse: SseWriter,
  send: ResponsesEventSender,
  delayMs: number,
  firstIndex: number,
): Promise<JsonObject[] | undefined> {
  const items = calls.map((call, index) => ({
    id: `fc_mock${index}`,
    type: 'function_call',
    call_id: `call_mock${index}${Math.random().toString(36).slice(2, 8)}`,
    name: call.name,
    arguments: call.arguments,
  }));
  items.forEach((item, index) =>
    send('response.output_item.added', { output_index: firstIndex + index, item: { ...item, arguments: '', status: 'in_progress' } }),
  );
  const pieces = calls.map((call) => splitIntoPieces(call.arguments, 4));
  const rounds = Math.max(...pieces.map((list) => list.length));
  for (let round = 0; round < rounds; round += 1) {
    for (const [index, list] of pieces.entries()) {
      const piece = list[round];
      if (piece === undefined) {
        continue;
      }
      await sse.pause(delayMs);
      if (sse.gone) {
        return undefined;
      }
      send('response.function_call_arguments.delta', { item_id: items[index].id, output_index: firstIndex + index, delta: piece });
    }
  }
  return items.map((item, index) => {
    send('response.function_call_arguments.done', { item_id: item.id, output_index: firstIndex + index, arguments: item.arguments });
    const done = { ...item, status: 'completed' };
    send('response.output_item.done', { output_index: firstIndex + index, item: done });
    return done;
  });
}
