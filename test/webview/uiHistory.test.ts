// The history panel: listing, filtering, opening, renaming, deleting, exporting, New Chat, keyboard.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ConversationSummary } from '../../src/shared/protocol';
import { createHarness, stateMessage } from './uiHarness';

const NOW = Date.UTC(2026, 0, 10, 12);
const conversations: ConversationSummary[] = [
  { id: 'c1', title: 'Sorting maps in Go', updatedAt: NOW - 5 * 60_000, workspace: 'backend', messageCount: 4 },
  { id: 'c2', title: 'Regex for ISO dates', updatedAt: NOW - 3 * 3_600_000, messageCount: 1 },
  { id: 'c3', title: 'Go generics', updatedAt: NOW - 4 * 86_400_000, workspace: 'tools', messageCount: 12 },
];

function openHistory() {
  const h = createHarness({ now: NOW });
  h.host(stateMessage([]));
  h.$('#history-button').click();
  h.host({ type: 'conversationList', conversations, activeId: 'c2' });
  return h;
}

const titles = (h: ReturnType<typeof createHarness>) => h.all('.history-item .history-title').map((t) => t.textContent);

describe('history panel', () => {
  it('opens from the header, asks for a fresh list and lists newest first with details', () => {
    const h = openHistory();
    assert.equal(h.$('#history-panel').hidden, false);
    assert.equal(h.$('#history-button').getAttribute('aria-expanded'), 'true');
    assert.equal(h.postedOfType('listConversations').length, 1);
    assert.deepEqual(titles(h), ['Sorting maps in Go', 'Regex for ISO dates', 'Go generics']);
    const metas = h.all('.history-item .history-meta').map((m) => m.textContent);
    assert.deepEqual(metas, ['backend · 5 min ago · 4 messages', '3 h ago · 1 message', 'tools · 4 days ago · 12 messages']);
    assert.equal(h.$('.history-item[data-conversation-id="c2"] .history-open').getAttribute('aria-current'), 'true');
    assert.equal(h.document.activeElement?.id, 'history-search');
  });

  it('filters by title as you type', () => {
    const h = openHistory();
    const search = h.$<HTMLInputElement>('#history-search');
    search.value = 'go';
    search.dispatchEvent(new h.window.Event('input'));
    assert.deepEqual(titles(h), ['Sorting maps in Go', 'Go generics']);
    search.value = 'python';
    search.dispatchEvent(new h.window.Event('input'));
    assert.deepEqual(titles(h), []);
    assert.match(h.$('.history-status').textContent ?? '', /No conversations match/);
  });

  it('opens a conversation and closes', () => {
    const h = openHistory();
    h.$('.history-item[data-conversation-id="c3"] .history-open').click();
    assert.deepEqual(h.postedOfType('openConversation'), [{ type: 'openConversation', id: 'c3' }]);
    assert.equal(h.$('#history-panel').hidden, true);
  });

  it('renames inline: Enter saves, Escape cancels without closing the panel', () => {
    const h = openHistory();
    h.$('.history-item[data-conversation-id="c1"] .history-rename').click();
    const input = h.$<HTMLInputElement>('.history-rename-input');
    assert.equal(input.value, 'Sorting maps in Go');
    input.value = 'Maps, sorted';
    h.key(input, 'Enter');
    assert.deepEqual(h.postedOfType('renameConversation'), [{ type: 'renameConversation', id: 'c1', title: 'Maps, sorted' }]);
    assert.equal(titles(h)[0], 'Maps, sorted');

    h.$('.history-item[data-conversation-id="c2"] .history-rename').click();
    const second = h.$<HTMLInputElement>('.history-rename-input');
    second.value = 'never mind';
    h.key(second, 'Escape');
    assert.equal(h.postedOfType('renameConversation').length, 1);
    assert.equal(h.$('#history-panel').hidden, false);
  });

  it('deletes and exports through the host', () => {
    const h = openHistory();
    h.$('.history-item[data-conversation-id="c2"] .history-export').click();
    assert.deepEqual(h.postedOfType('exportConversation'), [{ type: 'exportConversation', id: 'c2' }]);
    const remove = h.$('.history-item[data-conversation-id="c2"] .history-delete');
    assert.equal(remove.getAttribute('aria-label'), 'Delete Regex for ISO dates');
    remove.click();
    assert.deepEqual(h.postedOfType('deleteConversation'), [{ type: 'deleteConversation', id: 'c2' }]);
    assert.deepEqual(titles(h), ['Sorting maps in Go', 'Go generics']);
  });

  it('New Chat posts newChat and closes', () => {
    const h = openHistory();
    h.$('#new-chat-button').click();
    assert.deepEqual(h.postedOfType('newChat'), [{ type: 'newChat' }]);
    assert.equal(h.$('#history-panel').hidden, true);
  });

  it('is keyboard navigable and Escape closes it, returning focus to the history button', () => {
    const h = openHistory();
    h.key(h.$('#history-search'), 'ArrowDown');
    assert.equal(h.document.activeElement?.closest('.history-item')?.getAttribute('data-conversation-id'), 'c1');
    h.key(h.document.activeElement as Element, 'ArrowDown');
    assert.equal(h.document.activeElement?.closest('.history-item')?.getAttribute('data-conversation-id'), 'c2');
    h.key(h.document.activeElement as Element, 'End');
    assert.equal(h.document.activeElement?.closest('.history-item')?.getAttribute('data-conversation-id'), 'c3');
    h.key(h.document.activeElement as Element, 'Escape');
    assert.equal(h.$('#history-panel').hidden, true);
    assert.equal(h.document.activeElement?.id, 'history-button');
    assert.equal(h.$('#history-button').getAttribute('aria-expanded'), 'false');
  });
});
