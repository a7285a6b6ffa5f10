// ApiMessages and tools in each endpoint's own words (docs/cometapi-wire.md#post-v1chatcompletions,
// #tool-calls, #images-vision): chat completions take `image_url` parts, `tool_calls` on the assistant message
// and `tool` messages; the Responses API takes `input_image` parts, `function_call` and `function_call_output`
// items. A plain text message (all the chat view sends) looks exactly as it did before tools existed.
import type { ApiContentPart, ApiMessage, ChatRequest } from '../streams/events';
import type { InstructionRole } from './modelRules';

export function isInstruction(message: ApiMessage): boolean {
  return message.role === 'system' || message.role === 'developer';
}

function dataUrl(part: Extract<ApiContentPart, { type: 'image' }>): string {
  return `data:${part.mimeType};base64,${part.base64}`;
}

function chatContent(message: ApiMessage): unknown {
  if (message.parts === undefined) {
    return message.content;
  }
  return message.parts.map((part) =>
    part.type === 'text' ? { type: 'text', text: part.text } : { type: 'image_url', image_url: { url: dataUrl(part), detail: 'auto' } },
  );
}

export function chatCompletionMessages(messages: readonly ApiMessage[], instructionRole: InstructionRole): Record<string, unknown>[] {
  return messages.map((message) => {
    if (isInstruction(message)) {
      return { role: instructionRole, content: message.content };
    }
    if (message.role === 'tool') {
      return { role: 'tool', tool_call_id: message.toolCallId ?? '', content: message.content };
    }
    if (message.role === 'assistant' && message.toolCalls !== undefined && message.toolCalls.length > 0) {
      return {
        role: 'assistant',
        // OpenAI's own answers to a tool call carry `content: null` when there was no text.
        content: message.content === '' ? null : message.content,
        tool_calls: message.toolCalls.map((call) => ({ id: call.id, type: 'function', function: { name: call.name, arguments: call.arguments } })),
      };
    }
    return { role: message.role, content: chatContent(message) };
  });
}

/** `tools` and `tool_choice` for chat completions; nothing at all when the request has no tools. */
export function chatCompletionTools(request: ChatRequest): Record<string, unknown> {
  if (request.tools === undefined || request.tools.length === 0) {
    return {};
  }
  const choice = request.toolChoice;
  return {
    tools: request.tools.map((tool) => ({
      type: 'function',
      function: { name: tool.name, description: tool.description, ...(tool.parameters ? { parameters: tool.parameters } : {}) },
    })),
    ...(choice === undefined || choice === 'auto'
      ? {}
      : { tool_choice: choice === 'required' ? 'required' : { type: 'function', function: { name: choice.name } } }),
  };
}

function responsesContent(message: ApiMessage): unknown {
  if (message.parts === undefined) {
    return message.content;
  }
  return message.parts.map((part) => (part.type === 'text' ? { type: 'input_text', text: part.text } : { type: 'input_image', image_url: dataUrl(part) }));
}

/** The Responses API's `input`: instructions are left out (they go in `instructions`). */
export function responsesInput(messages: readonly ApiMessage[]): Record<string, unknown>[] {
  return messages
    .filter((message) => !isInstruction(message))
    .flatMap((message): Record<string, unknown>[] => {
      if (message.role === 'tool') {
        return [{ type: 'function_call_output', call_id: message.toolCallId ?? '', output: message.content }];
      }
      if (message.role === 'assistant' && message.toolCalls !== undefined && message.toolCalls.length > 0) {
        const text = message.content === '' ? [] : [{ role: 'assistant', content: message.content }];
        return [...text, ...message.toolCalls.map((call) => ({ type: 'function_call', call_id: call.id, name: call.name, arguments: call.arguments }))];
      }
      return [{ role: message.role, content: responsesContent(message) }];
    });
}

export function responsesTools(request: ChatRequest): Record<string, unknown> {
  if (request.tools === undefined || request.tools.length === 0) {
    return {};
  }
  const choice = request.toolChoice;
  return {
    tools: request.tools.map((tool) => ({
      type: 'function',
      name: tool.name,
      description: tool.description,
      ...(tool.parameters ? { parameters: tool.parameters } : {}),
    })),
    ...(choice === undefined || choice === 'auto' ? {} : { tool_choice: choice === 'required' ? 'required' : { type: 'function', name: choice.name } }),
  };
}
