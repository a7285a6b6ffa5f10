// Long conversations as a person meets them: a 500-message chat opens showing its newest messages at once
// (only those are built, and only the newest answers' markdown renders up front); scrolling up shows the
// earlier ones, in order, down to the oldest, without the text being read jumping; edit, retry, streaming and
// a reading position restored after a reload work on messages built late. jsdom does no layout, so a small
// fake one stands in: questions 60 px, answers 140 px, the "earlier messages" line 40 px, a 500 px viewport.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { ChatMessage } from '../../src/shared/conversation';
import * as markdownEngine from '../../src/webview/markdown';
import type { MarkdownRenderer } from '../../src/webview/ui/markdownPort';
import { answer, createHarness, stateMessage, userMessage, type Harness } from './uiHarness';

function longConversation(pairs: number): ChatMessage[] {
  const messages: ChatMessage[] = [];
  for (let i = 0; i < pairs; i++) {
    messages.push(userMessage(`u${i}`, `Question ${i}: how do I do thing ${i}?`));
    messages.push(
      answer(`a${i}`, `Answer ${i}.\n\n- point one\n- point two\n\n\`\`\`ts\nconst value${i} = ${i};\n\`\`\`\n`, {
        usage: { promptTokens: 10, completionTokens: 20, totalTokens: 30 },
      }),
    );
  }
  return messages;
}

/** The ids u0, a0, u1, a1, … of pairs `from` to `to` (excluded). */
function idsOf(from: number, to: number): string[] {
  return Array.from({ length: to - from }, (_, i) => [`u${from + i}`, `a${from + i}`]).flat();
}

/** The real engine, counting one-shot renders. */
function countingRenderer(onRender: () => void): MarkdownRenderer {
  return {
    createMarkdownStream: markdownEngine.createMarkdownStream,
    renderMarkdown: (...args) => {
      onRender();
      markdownEngine.renderMarkdown(...args);
    },
  };
}

const VIEWPORT = 500;
const LINE = 40;
const heightOf = (element: Element) => (element.classList.contains('user') ? 60 : 140);

/** A stacked layout for the transcript: the loading line (while shown), then the built messages. */
function withLayout(h: Harness) {
  const scroller = h.$('#transcript');
  const line = h.$('.older-messages');
  let scrollTop = 0;
  const lineHeight = () => (line.hidden ? 0 : LINE);
  const contentHeight = () => h.all('.message').reduce((total, message) => total + heightOf(message), lineHeight());
  const topInContent = (element: Element) => {
    let y = lineHeight();
    for (const message of h.all('.message')) {
      if (message === element) {
        return y;
      }
      y += heightOf(message);
    }
    throw new Error('not a built message');
  };
  Object.defineProperty(scroller, 'scrollHeight', { get: contentHeight });
  Object.defineProperty(scroller, 'clientHeight', { get: () => VIEWPORT });
  Object.defineProperty(scroller, 'scrollTop', {
    get: () => scrollTop,
    set: (value: number) => {
      scrollTop = Math.max(0, Math.min(value, contentHeight() - VIEWPORT));
    },
  });
  const rect = (top: number, height: number) => ({ top, bottom: top + height, height, left: 0, right: 400, width: 400, x: 0, y: top }) as DOMRect;
  const original = h.window.HTMLElement.prototype.getBoundingClientRect;
  h.window.HTMLElement.prototype.getBoundingClientRect = function (this: HTMLElement) {
    if (this === scroller) {
      return rect(0, VIEWPORT);
    }
    return this.classList.contains('message') ? rect(topInContent(this) - scrollTop, heightOf(this)) : original.call(this);
  };
  /** Where a message's top is in the viewport now. */
  const viewportTop = (id: string) => h.$(`.message[data-message-id="${id}"]`).getBoundingClientRect().top;
  /** The person drags the scrollbar to `top`. */
  const scrollTo = (top: number) => {
    scroller.dispatchEvent(new h.window.Event('pointerdown', { bubbles: true }));
    scroller.scrollTop = top;
    scroller.dispatchEvent(new h.window.Event('scroll'));
    h.document.dispatchEvent(new h.window.Event('pointerup'));
  };
  return { scroller, line, viewportTop, scrollTo, topInContent, scrollTopNow: () => scrollTop };
}

const builtIds = (h: Harness) => h.all('.message').map((message) => message.getAttribute('data-message-id'));

describe('long chats', () => {
  it('opens a 500-message chat showing the newest messages at once, in one insertion, rendering few answers', (t) => {
    let renders = 0;
    const h = createHarness({ markdown: countingRenderer(() => renders++) });
    h.host(stateMessage([]));
    let insertions = 0;
    new h.window.MutationObserver((records) => {
      insertions += records.filter((record) => record.addedNodes.length > 0).length;
    }).observe(h.$('#transcript .messages'), { childList: true });

    const started = performance.now();
    h.host(stateMessage(longConversation(250)));
    t.diagnostic(`500 messages opened in ${Math.round(performance.now() - started)} ms (jsdom)`);

    assert.deepEqual(builtIds(h), idsOf(235, 250), 'the newest messages, in order, and no others');
    assert.equal(renders, 2, 'markdown rendered up front for the two newest answers only');
    assert.equal(h.$('.message.assistant[data-message-id="a249"]').querySelectorAll('.code-block').length, 1, 'the newest answer is rendered');
    const line = h.$('.older-messages');
    assert.equal(line.hidden, false, 'a line says earlier messages exist');
    assert.match(line.textContent ?? '', /Earlier messages load as you scroll/);
    assert.equal(h.$('#transcript').getAttribute('role'), 'log');
    return new Promise<void>((resolve) => {
      setImmediate(() => {
        assert.equal(insertions, 1, 'built off-document and inserted once');
        resolve();
      });
    });
  });

  it('opening costs the same DOM for 2,000 messages as for 500', () => {
    const count = (pairs: number) => {
      const h = createHarness();
      h.host(stateMessage(longConversation(pairs)));
      return h.document.getElementsByTagName('*').length;
    };
    assert.equal(count(1000), count(250));
  });

  it('scrolling to the top shows the earlier messages in order, down to the oldest, and the text read does not jump', () => {
    const h = createHarness();
    const layout = withLayout(h);
    h.host(stateMessage(longConversation(250)));
    h.flushFrames();
    assert.ok(layout.scrollTopNow() > 0, 'opens at the end');
    let batches = 0;
    while (!layout.line.hidden) {
      const firstShown = builtIds(h)[0] ?? '';
      layout.scrollTo(0);
      assert.equal(layout.viewportTop(firstShown), LINE, `after batch ${++batches} ${firstShown} is where it was`);
      assert.ok(batches < 30, 'the oldest message is reached');
    }
    assert.deepEqual(builtIds(h), idsOf(0, 250), 'every message, in order');
    assert.equal(h.$('#jump-to-latest').hidden, false, 'the way back down is offered');
    h.runTimers();
    assert.equal(h.$('.message.assistant[data-message-id="a0"]').querySelectorAll('.code-block').length, 1, 'the oldest answer renders too');
  });

  it('a scroll that stays away from the top builds nothing more', () => {
    const h = createHarness();
    const layout = withLayout(h);
    h.host(stateMessage(longConversation(250)));
    h.flushFrames();
    layout.scrollTo(layout.scrollTopNow() - 300);
    assert.equal(builtIds(h).length, 30);
  });

  it('the keyboard reaches them: the line has a button that shows the earlier messages right under it', () => {
    const h = createHarness();
    h.host(stateMessage(longConversation(250)));
    const show = h.$<HTMLButtonElement>('.older-messages button');
    assert.equal(show.tagName, 'BUTTON');
    assert.match(show.textContent ?? '', /Show earlier messages/);
    show.click();
    assert.deepEqual(builtIds(h), idsOf(225, 250));
    assert.equal(h.$('.older-messages').nextElementSibling, h.$('#transcript .messages'), 'the line stays above them all');
  });

  it('a short chat has no line about earlier messages', () => {
    const h = createHarness();
    h.host(stateMessage(longConversation(5)));
    assert.equal(h.$('.older-messages').hidden, true);
    assert.equal(builtIds(h).length, 10);
  });

  it('edit and resend works on a question built late', () => {
    const h = createHarness();
    const layout = withLayout(h);
    h.host(stateMessage(longConversation(250)));
    h.flushFrames();
    layout.scrollTo(0);
    h.$('.message.user[data-message-id="u230"] .edit-button').click();
    h.$<HTMLTextAreaElement>('.message.user[data-message-id="u230"] textarea.edit-input').value = 'a better question';
    h.$('.message.user[data-message-id="u230"] .save-resend-button').click();
    assert.deepEqual(h.postedOfType('editAndResend'), [{ type: 'editAndResend', messageId: 'u230', text: 'a better question' }]);

    h.host({ type: 'messagesTruncated', fromMessageId: 'u230' });
    h.host({ type: 'messageAdded', message: userMessage('u230b', 'a better question') });
    h.host({ type: 'messageAdded', message: answer('a230b', '', { status: 'streaming' }) });
    h.host({ type: 'delta', messageId: 'a230b', text: 'A fresh answer.' });
    h.flushFrames();
    assert.deepEqual(builtIds(h), [...idsOf(225, 230), 'u230b', 'a230b']);
    assert.match(h.$('.message[data-message-id="a230b"] .message-body').textContent ?? '', /A fresh answer\./);
    assert.equal(h.$('.older-messages').hidden, false, 'the older messages are still there to load');
    layout.scrollTo(0);
    assert.deepEqual(builtIds(h), [...idsOf(215, 230), 'u230b', 'a230b']);
  });

  it('retry works on an answer built late', () => {
    const h = createHarness();
    const layout = withLayout(h);
    h.host(stateMessage(longConversation(250)));
    h.flushFrames();
    layout.scrollTo(0);
    h.$('.message.assistant[data-message-id="a228"] .retry-button').click();
    assert.deepEqual(h.postedOfType('retry'), [{ type: 'retry', messageId: 'a228' }]);

    h.host({ type: 'messagesTruncated', fromMessageId: 'a228' });
    h.host({ type: 'messageAdded', message: answer('a228b', '', { status: 'streaming' }) });
    h.host({ type: 'delta', messageId: 'a228b', text: 'Tried again.' });
    h.flushFrames();
    assert.deepEqual(builtIds(h), [...idsOf(225, 228), 'u228', 'a228b']);
    assert.match(h.$('.message[data-message-id="a228b"] .message-body').textContent ?? '', /Tried again\./);
  });

  it('a cut above everything built shows the newest of what is left', () => {
    const h = createHarness();
    h.host(stateMessage(longConversation(250)));
    h.host({ type: 'messagesTruncated', fromMessageId: 'u100' });
    assert.deepEqual(builtIds(h), idsOf(85, 100));
    assert.equal(h.$('.older-messages').hidden, false);
    h.$('.older-messages button').click();
    assert.deepEqual(builtIds(h), idsOf(75, 100));
  });

  it('deltas reach the streaming answer at the end of a long chat', () => {
    const h = createHarness();
    const messages = [...longConversation(250), userMessage('u250', 'One more?'), answer('a250', 'So', { status: 'streaming' })];
    h.host(stateMessage(messages, { streamingMessageId: 'a250' }));
    h.host({ type: 'delta', messageId: 'a250', text: ' far.' });
    h.flushFrames();
    assert.match(h.$('.message[data-message-id="a250"] .message-body').textContent ?? '', /So far\./);
    assert.equal(h.$<HTMLButtonElement>('.message[data-message-id="u240"] .edit-button').disabled, true, 'editing waits for the answer');
  });

  it('a reload returns to a reading position in the part built late, building down to it', () => {
    const first = createHarness();
    const before = withLayout(first);
    first.host(stateMessage(longConversation(250)));
    first.flushFrames();
    before.scrollTo(0);
    before.scrollTo(0);
    before.scrollTo(0);
    assert.equal(builtIds(first)[0], 'u205');
    before.scrollTo(before.topInContent(first.$('.message[data-message-id="u210"]')) + 25);
    first.runTimers();
    const saved = first.saved();
    assert.equal(saved?.anchorId, 'u210');
    assert.equal(saved?.anchorOffset, 25);
    assert.equal(saved?.atBottom, false);

    const second = createHarness({ savedState: saved });
    const after = withLayout(second);
    second.host(stateMessage(longConversation(250)));
    second.flushFrames();
    assert.deepEqual(builtIds(second), idsOf(210, 250), 'built down to where the person was reading');
    assert.equal(after.viewportTop('u210'), -25, 'the same text at the top of the view');
    assert.equal(second.$('#jump-to-latest').hidden, false);
  });

  it('a replay that arrives while older answers wait drops their pending work', () => {
    let renders = 0;
    const h = createHarness({ markdown: countingRenderer(() => renders++) });
    h.host(stateMessage(longConversation(50)));
    h.host(stateMessage(longConversation(3)));
    h.runTimers();
    assert.equal(h.all('.message.assistant .code-block').length, 3);
    assert.equal(renders, 2 + 3, 'the two eager answers of the first state, then the three of the second');
  });

  it('lets the browser skip finished messages off screen, but never the streaming one', () => {
    const css = readFileSync(new URL('../../media/chat.css', import.meta.url), 'utf8');
    const rule = /\.message:not\(\[data-status='streaming'\]\)\s*\{([^}]*)\}/.exec(css);
    assert.ok(rule, 'a rule for finished messages');
    assert.match(rule[1], /content-visibility:\s*auto/);
    assert.match(rule[1], /contain-intrinsic-size:\s*auto \d+px/);
  });
});
