// VS Code's message part classes to core's plain LmMessage, and core's events back to VS Code's response parts.
// Parts are recognised by class and, failing that, by shape: a part built by another extension's copy of the
// API, or one VS Code added after 1.104 (LanguageModelDataPart), still converts.
import * as vscode from 'vscode';
import type { LmMessage, LmPart } from '../../core/lm/lmMessages';
import type { ToolCallRequest } from '../../core/streams/events';
import { asRecord } from '../../shared/looseValues';

function isBytes(value: unknown): value is Uint8Array {
  return value instanceof Uint8Array;
}

const decoder = new TextDecoder();

/** A data part: images are sent as images, text and JSON as text; anything else (cache hints) is left out. */
function dataPart(mimeType: string, data: Uint8Array): LmPart | undefined {
  if (mimeType.startsWith('image/')) {
    return { kind: 'image', mimeType, data };
  }
  if (mimeType.startsWith('text/') || mimeType === 'application/json') {
    return { kind: 'text', text: decoder.decode(data) };
  }
  return undefined;
}

/** The text a tool returned: text parts as they are, other values as JSON. */
function toolResultText(content: readonly unknown[]): string {
  return content
    .map((item) => {
      const part = asRecord(item);
      if (item instanceof vscode.LanguageModelTextPart || typeof part?.value === 'string') {
        return String(part?.value);
      }
      if (typeof part?.mimeType === 'string' && isBytes(part.data) && part.mimeType.startsWith('text/')) {
        return decoder.decode(part.data);
      }
      return part && 'value' in part ? JSON.stringify(part.value) : JSON.stringify(item);
    })
    .join('');
}

function toLmPart(item: unknown): LmPart | undefined {
  const part = asRecord(item);
  if (!part) {
    return undefined;
  }
  if (item instanceof vscode.LanguageModelToolResultPart || (typeof part.callId === 'string' && Array.isArray(part.content))) {
    return { kind: 'toolResult', callId: String(part.callId), text: toolResultText(part.content as unknown[]) };
  }
  if (item instanceof vscode.LanguageModelToolCallPart || (typeof part.callId === 'string' && typeof part.name === 'string')) {
    return { kind: 'toolCall', callId: String(part.callId), name: String(part.name), input: part.input };
  }
  if (item instanceof vscode.LanguageModelTextPart || typeof part.value === 'string') {
    return { kind: 'text', text: String(part.value) };
  }
  if (typeof part.mimeType === 'string' && isBytes(part.data)) {
    return dataPart(part.mimeType, part.data);
  }
  return undefined;
}

export function toLmMessage(message: vscode.LanguageModelChatRequestMessage): LmMessage {
  const role =
    message.role === vscode.LanguageModelChatMessageRole.User
      ? 'user'
      : message.role === vscode.LanguageModelChatMessageRole.Assistant
        ? 'assistant'
        : 'system';
  const parts = message.content.map(toLmPart).filter((part): part is LmPart => part !== undefined);
  return { role, parts };
}

export function toolCallPart(call: ToolCallRequest): vscode.LanguageModelToolCallPart {
  return new vscode.LanguageModelToolCallPart(call.id, call.name, call.input as object);
}
