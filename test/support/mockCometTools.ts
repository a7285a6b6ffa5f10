// Tool calls on the mock's POST /v1/chat/completions, streamed the way docs/cometapi-wire.md#tool-calls shows:
// the first fragment of a call carries index, id and name, the arguments follow in small pieces under the same
// index, and the answer ends with finish_reason "tool_calls". A request whose last message is a tool result is
// answered with text that quotes the result, so a test sees the result was used.
//
// The Responses API's function_call items are streamed by mockCometResponsesTools.ts from the same plan.
//
// When a request with `tools` gets a tool call:
//   - the scenario is `tool-call` (one call), `tool-calls-parallel` (two calls, fragments interleaved) or
//     `tool-call-bad-json` (arguments cut off mid-JSON);
//   - or `tool_choice` is "required" or names a function (the named one is called).
// A `tool:<name>` token in the last user message picks which offered tool is called (VS Code's own agent offers
// dozens; a UI test picks a harmless one), otherwise the first.
import { conversationFacts } from './mockCometReplies';
import type { ScenarioName } from './mockCometScenarios';
import { type SseWriter, splitIntoPieces, type JsonObject } from './mockCometWire';

export const TOOL_SCENARIOS = ['tool-call', 'tool-calls-parallel', 'tool-call-bad-json'] as const;

export interface ToolChunkMaker {
  choice(delta: JsonObject, finishReason?: string | null): JsonObject;
  usage(promptTokens: number, completionTokens: number): JsonObject;
}

interface OfferedTool {
  readonly name: string;
  readonly parameters: JsonObject | undefined;
}

function offeredTools(body: JsonObject): OfferedTool[] {
  if (!Array.isArray(body.tools)) {
    return [];
  }
  return body.tools.flatMap((tool: unknown) => {
    // Chat completions nest the function; the Responses API puts name and parameters on the tool itself.
    const fn = ((tool as JsonObject | null)?.function ?? tool) as JsonObject | undefined;
    return typeof fn?.name === 'string' ? [{ name: fn.name, parameters: fn.parameters as JsonObject | undefined }] : [];
  });
}

/** The text of the tool results at the end of the conversation, or undefined when it does not end with one. */
export function trailingToolResults(body: JsonObject): string[] | undefined {
  if (Array.isArray(body.input)) {
    return trailingFunctionOutputs(body.input as JsonObject[]);
  }
  const messages = Array.isArray(body.messages) ? (body.messages as JsonObject[]) : [];
  const results: string[] = [];
  for (let index = messages.length - 1; index >= 0 && messages[index]?.role === 'tool'; index -= 1) {
    const content = messages[index].content;
    results.unshift(typeof content === 'string' ? content : JSON.stringify(content));
  }
  return results.length > 0 ? results : undefined;
}

/** The Responses API's `input` ending with `function_call_output` items. */
function trailingFunctionOutputs(input: readonly JsonObject[]): string[] | undefined {
  const results: string[] = [];
  for (let index = input.length - 1; index >= 0 && input[index]?.type === 'function_call_output'; index -= 1) {
    const output = input[index].output;
    results.unshift(typeof output === 'string' ? output : JSON.stringify(output));
  }
  return results.length > 0 ? results : undefined;
}

/** What the mock answers after tool results: the results quoted, so a test can see they reached the model. */
export function toolResultReply(results: readonly string[]): string {
  return `The tool answered: ${results.join(' | ')}. That is all.`;
}

/** Sample arguments that fit the tool's JSON schema: strings name the property, numbers are 3. */
export function sampleArguments(parameters: JsonObject | undefined): JsonObject {
  const properties = (parameters?.properties ?? {}) as Record<string, JsonObject>;
  const args: JsonObject = {};
  for (const [name, schema] of Object.entries(properties)) {
    switch (schema?.type) {
      case 'number':
      case 'integer':
        args[name] = 3;
        break;
      case 'boolean':
        args[name] = true;
        break;
      case 'array':
        args[name] = [];
        break;
      case 'object':
        args[name] = {};
        break;
      default:
        // A city for the weather tool, a glob for a file search (VS Code's file_search finds the workspace's files).
        args[name] = name === 'city' ? 'Paris' : name === 'query' ? '**/*.ts' : `sample ${name}`;
    }
  }
  return args;
}

/** The calls to make for this request, or undefined when it is not a tool-call request. */
export function plannedToolCalls(scenario: ScenarioName, body: JsonObject): { name: string; arguments: string }[] | undefined {
  const tools = offeredTools(body);
  if (tools.length === 0) {
    return undefined;
  }
  const choice = body.tool_choice as JsonObject | string | undefined;
  // Chat completions name the tool in `function`, the Responses API on the choice itself.
  const named =
    typeof choice === 'object' && choice !== null ? (((choice.function as JsonObject | undefined) ?? choice).name as string | undefined) : undefined;
  const hinted = /\btool:([A-Za-z0-9_-]+)/.exec(conversationFacts(body).lastUserText)?.[1];
  const wanted = tools.find((tool) => tool.name === (named ?? hinted)) ?? (named === undefined ? tools[0] : undefined);
  const forced = choice === 'required' || named !== undefined;
  if (!wanted || (!forced && !(TOOL_SCENARIOS as readonly string[]).includes(scenario))) {
    return undefined;
  }
  const call = (tool: OfferedTool) => ({ name: tool.name, arguments: JSON.stringify(sampleArguments(tool.parameters)) });
  if (scenario === 'tool-call-bad-json') {
    const whole = call(wanted).arguments;
    return [{ name: wanted.name, arguments: whole.slice(0, Math.max(2, whole.length - 3)) }];
  }
  if (scenario === 'tool-calls-parallel') {
    return [call(wanted), call(tools[1] ?? wanted)];
  }
  return [call(wanted)];
}

/** Streams the calls: id and name once, then the arguments four characters at a time, calls interleaved. */
export async function streamToolCalls(
  calls: readonly { name: string; arguments: string }[],
  sse: SseWriter,
  maker: ToolChunkMaker,
  delayMs: number,
  usage: { readonly promptTokens: number } | undefined,
): Promise<void> {
  sse.send(maker.choice({ role: 'assistant', content: null }));
  const ids = calls.map((_, index) => `call_mock${index}${Math.random().toString(36).slice(2, 8)}`);
  calls.forEach((call, index) =>
    sse.send(maker.choice({ tool_calls: [{ index, id: ids[index], type: 'function', function: { name: call.name, arguments: '' } }] })),
  );
  const pieces = calls.map((call) => splitIntoPieces(call.arguments, 4));
  const rounds = Math.max(...pieces.map((list) => list.length));
  let sent = 0;
  for (let round = 0; round < rounds; round += 1) {
    for (const [index, list] of pieces.entries()) {
      const piece = list[round];
      if (piece === undefined) {
        continue;
      }
      await sse.pause(delayMs);
      if (sse.gone) {
        return;
      }
      sse.send(maker.choice({ tool_calls: [{ index, function: { arguments: piece } }] }));
      sent += 1;
    }
  }
  sse.send(maker.choice({}, 'tool_calls'));
  if (usage) {
    sse.send(maker.usage(usage.promptTokens, sent));
  }
  sse.send('[DONE]');
  sse.end();
}
