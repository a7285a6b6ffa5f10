// Long conversations: a full state of 500 messages is built in one batch, quickly (older answers' markdown
// renders when it is about to be seen), and finished messages are the ones CSS lets the browser skip
// while off screen.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { ChatMessage } from '../../src/shared/conversation';
import * as markdownEngine from '../../src/webview/markdown';
import type { MarkdownRenderer } from '../../src/webview/ui/markdownPort';
import { answer, createHarness, stateMessage, userMessage } from './uiHarness';

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

describe('long chats', () => {
  it('builds a 500-message state in one insertion, rendering markdown only for the newest answers', (t) => {
    let renders = 0;
    const h = createHarness({ markdown: countingRenderer(() => renders++) });
    h.host(stateMessage([]));
    const transcript = h.$('#transcript .messages');
    let insertions = 0;
    new h.window.MutationObserver((records) => {
      insertions += records.filter((record) => record.addedNodes.length > 0).length;
    }).observe(transcript, { childList: true });

    const started = performance.now();
    h.host(stateMessage(longConversation(250)));
    // Wall time under jsdom on a shared machine is noise; the markdown work done up front is the cost that
    // grows with the chat, so that is what is asserted. The time is reported for a person to look at.
    t.diagnostic(`500 messages in ${Math.round(performance.now() - started)} ms (jsdom)`);

    assert.equal(h.all('.message').length, 500);
    assert.ok(renders <= 6, `markdown rendered for ${renders} answers up front`);
    const newest = h.$('.message.assistant[data-message-id="a249"]');
    assert.equal(newest.querySelectorAll('.code-block').length, 1, 'the newest answers are rendered at once');
    const oldest = h.$('.message.assistant[data-message-id="a0"] .message-body');
    assert.match(oldest.textContent ?? '', /Answer 0\./, 'older answers show their text while waiting');
    return new Promise<void>((resolve) => {
      setImmediate(() => {
        assert.equal(insertions, 1, 'built off-document and inserted once');
        resolve();
      });
    });
  });

  it('renders the older answers later, newest first, until all are markdown', () => {
    const h = createHarness();
    h.host(stateMessage(longConversation(250)));
    const rendered = () => h.all('.message.assistant .code-block').length;
    assert.ok(rendered() < 20, `only a screenful at first, got ${rendered()}`);
    h.runTimers();
    assert.equal(rendered(), 250);
    assert.equal(h.all('.markdown-pending').length, 0);
  });

  it('a replay that arrives while older answers wait drops their pending work', () => {
    let renders = 0;
    const h = createHarness({ markdown: countingRenderer(() => renders++) });
    h.host(stateMessage(longConversation(50)));
    h.host(stateMessage(longConversation(3)));
    h.runTimers();
    assert.equal(h.all('.message.assistant .code-block').length, 3);
    assert.equal(renders, 6 + 3, 'the six eager answers of the first state, then the three of the second');
  });

  it('lets the browser skip finished messages off screen, but never the streaming one', () => {
    const css = readFileSync(new URL('../../media/chat.css', import.meta.url), 'utf8');
    const rule = /\.message:not\(\[data-status='streaming'\]\)\s*\{([^}]*)\}/.exec(css);
    assert.ok(rule, 'a rule for finished messages');
    assert.match(rule[1], /content-visibility:\s*auto/);
    assert.match(rule[1], /contain-intrinsic-size:\s*auto \d+px/);
  });
});
