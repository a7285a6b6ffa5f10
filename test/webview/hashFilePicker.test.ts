// `#` in the chat input opens the host's workspace file picker: typed at the start or after a space it asks the
// host (naming no file); inside a word (C#, issue#12), pasted or composed by an IME it is just text. When a file
// was attached the `#` that opened the picker goes, and only that one; Escape keeps it; the focus comes back.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ContextChip } from '../../src/shared/protocol';
import { createHarness, stateMessage, type Harness } from './uiHarness';

const chip: ContextChip = { id: 'file-1', path: 'src/add.ts', languageId: 'typescript', startLine: 1, endLine: 3, chars: 58, tokens: 20, wholeFile: true };

function input(h: Harness): HTMLTextAreaElement {
  return h.$<HTMLTextAreaElement>('#prompt-input');
}

/** The input holds `text` with the caret after `caret` characters, as if the last key typed `data` there. */
function typeAt(h: Harness, text: string, caret: number, init: InputEventInit = { inputType: 'insertText', data: '#' }): void {
  const box = input(h);
  box.value = text;
  box.setSelectionRange(caret, caret);
  box.dispatchEvent(new h.window.InputEvent('input', { bubbles: true, ...init }));
}

function started(): Harness {
  const h = createHarness();
  h.host(stateMessage([]));
  input(h).focus();
  return h;
}

describe('# in the chat input', () => {
  it('typed at the start or after a space or line break, asks the host for its file picker', () => {
    const h = started();
    typeAt(h, '#', 1);
    typeAt(h, 'explain #', 9);
    typeAt(h, 'first line\n#', 12);
    const requests = h.postedOfType('pickWorkspaceFile');
    assert.equal(requests.length, 3);
    assert.ok(
      requests.every((request) => Object.keys(request).sort().join() === 'requestId,type'),
      'the request names no file',
    );
    assert.equal(new Set(requests.map((request) => request.requestId)).size, 3, 'each request has its own id');
  });

  it('inside a word (C#, issue#12), pasted, or composed by an IME, is plain text', () => {
    const h = started();
    typeAt(h, 'C#', 2);
    typeAt(h, 'see issue#', 10);
    typeAt(h, '#', 1, { inputType: 'insertFromPaste' });
    typeAt(h, '#', 1, { inputType: 'insertCompositionText', data: '#', isComposing: true });
    typeAt(h, 'ab', 2, { inputType: 'insertText', data: 'b' });
    assert.deepEqual(h.postedOfType('pickWorkspaceFile'), []);
    assert.equal(input(h).value, 'ab');
  });

  it('a file chosen: the chip shows and the typed # goes, the text around it and after it stays', () => {
    const h = started();
    typeAt(h, 'compare #', 9);
    const [request] = h.postedOfType('pickWorkspaceFile');
    assert.ok(request);
    // Typed while the picker opened; and a # earlier in the text is not the one to remove.
    input(h).value = 'compare #with';
    input(h).setSelectionRange(13, 13);
    h.host({ type: 'attachContext', chip });
    h.host({ type: 'filePickerClosed', requestId: request.requestId, attached: true });
    assert.equal(input(h).value, 'compare with');
    assert.equal(input(h).selectionStart, 12, 'the caret stays after what was typed');
    assert.equal(h.$('.context-chip-label').textContent, 'add.ts');
    assert.equal(h.document.activeElement, input(h), 'the input has the focus back');
    h.runTimers();
    const drafts = h.postedOfType('draft');
    assert.deepEqual(
      drafts.at(-1),
      { type: 'draft', conversationId: 'c1', text: 'compare with', contextIds: ['file-1'] },
      'the host keeps the draft without #',
    );
  });

  it('only the # that opened the picker goes: another # is kept, and a moved one is left alone', () => {
    const h = started();
    typeAt(h, '# Title #', 9);
    const [request] = h.postedOfType('pickWorkspaceFile').slice(-1);
    assert.ok(request);
    h.host({ type: 'filePickerClosed', requestId: request.requestId, attached: true });
    assert.equal(input(h).value, '# Title ');

    typeAt(h, 'a #', 3);
    const [second] = h.postedOfType('pickWorkspaceFile').slice(-1);
    assert.ok(second);
    input(h).value = 'xa #'; // text typed before it moved it: removing by position would cut the wrong character
    h.host({ type: 'filePickerClosed', requestId: second.requestId, attached: true });
    assert.equal(input(h).value, 'xa #');
  });

  it('Escape (nothing attached) keeps the # as typed and gives the input the focus back', () => {
    const h = started();
    typeAt(h, 'use #', 5);
    const [request] = h.postedOfType('pickWorkspaceFile');
    assert.ok(request);
    input(h).blur();
    h.host({ type: 'filePickerClosed', requestId: request.requestId, attached: false });
    assert.equal(input(h).value, 'use #');
    assert.equal(h.document.activeElement, input(h));
    assert.equal(h.all('.context-chip').length, 0);
  });

  it('the input tells screen readers about #', () => {
    const h = started();
    assert.equal(input(h).getAttribute('aria-description'), 'Type # at the start or after a space to attach a workspace file.');
  });

  it("a reply to another request (an earlier page's) removes nothing", () => {
    const h = started();
    typeAt(h, '#', 1);
    h.host({ type: 'filePickerClosed', requestId: 'hash-old-1', attached: true });
    assert.equal(input(h).value, '#');
  });
});
