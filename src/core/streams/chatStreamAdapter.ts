// Turns chat.completions stream chunks into ChatStreamEvents. Pure: fed chunk objects (as the SDK yields them,
// or from recorded fixtures), no I/O. Tolerant of what real streams do (docs/cometapi-wire.md): extra fields,
// a usage chunk with `choices: []`, `delta.reasoning_content` or `delta.reasoning`, an `{"error":{...}}`
// chunk after a 200, and a final chunk with `finish_reason` but no `[DONE]`. A stream that closes without any
// finish_reason was cut short, and says so.
import type { Usage } from '../../shared/conversation';
import type { ChatStreamEvent } from './events';
import { ToolCallAccumulator } from '../lm/toolCallAccumulator';
import { StreamAdapterBase, streamErrorEvent, unfinishedStreamEvent, usageFrom } from './streamAdapterBase';
import { asRecord, nonEmptyString } from '../../shared/looseValues';

export class ChatChunkAdapter extends StreamAdapterBase {
  private finishReason: string | undefined;
  private usage: Usage | undefined;
  private readonly toolCalls = new ToolCallAccumulator();

  protected read(chunk: Record<string, unknown>, events: ChatStreamEvent[]): void {
    if (asRecord(chunk.error)) {
      this.terminate();
      events.push(streamErrorEvent(chunk.error, this.errorContext()));
      return;
    }
    this.announceModel(nonEmptyString(chunk.model), events);
    // We always ask for one choice; a usage chunk has none.
    const choices = Array.isArray(chunk.choices) ? chunk.choices : [];
    const choice = asRecord(choices.find((candidate) => (asRecord(candidate)?.index ?? 0) === 0));
    const delta = asRecord(choice?.delta);
    // Some providers send both fields with the same text; reasoning_content wins.
    this.emitOutput('reasoning', nonEmptyString(delta?.reasoning_content) ?? nonEmptyString(delta?.reasoning), events);
    this.emitOutput('text', nonEmptyString(delta?.content) ?? nonEmptyString(delta?.refusal), events);
    this.toolCalls.push(delta?.tool_calls);
    this.finishReason = nonEmptyString(choice?.finish_reason) ?? this.finishReason;
    // Usage may come in its own chunk or beside the finish reason (Gemini); the last one counts.
    this.usage = usageFrom(chunk.usage) ?? this.usage;
  }

  protected endOfStream(): ChatStreamEvent[] {
    // The finish_reason is what says the answer is whole; [DONE] alone cannot (the SDK hides it, and some
    // providers end on the finish chunk without one).
    if (this.finishReason === undefined) {
      return [unfinishedStreamEvent(this.sawOutput)];
    }
    // Tool calls are only whole once the answer is finished (docs/cometapi-wire.md#tool-calls).
    const tools = this.toolCalls.finish();
    if (!tools.ok) {
      return [{ kind: 'error', error: tools.error }];
    }
    this.markOutput(tools.calls.length > 0);
    return [
      ...tools.calls.map((call) => ({ kind: 'toolCall', call }) as const),
      ...(this.usage ? [{ kind: 'usage', usage: this.usage } as const] : []),
      { kind: 'finish', reason: this.finishReason },
    ];
  }
}
