// Failures, untrusted text and links: the error card's actions, user text that looks like HTML, links that
// must not escape, code block buttons, and junk from the message channel.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { answer, createHarness, startStreaming, stateMessage, userMessage } from './uiHarness';
import { renderUserMessage } from '../../src/core/selection/selectionPrompt';

describe('error answers', () => {
  it('show a card with the message, request id and one button per offered action', () => {
    const h = createHarness();
    startStreaming(h);
    h.host({ type: 'delta', messageId: 'a1', text: 'Partial text before the failure' });
    h.host({
      type: 'answerEnded',
      messageId: 'a1',
      status: 'error',
      error: {
        kind: 'auth',
        message: 'CometAPI rejected the API key.',
        requestId: 'req_123abc',
        status: 401,
        actions: ['setApiKey', 'selectModel', 'retry', 'openSettings'],
      },
    });
    h.flushFrames();
    const message = h.$('.message.assistant[data-message-id="a1"]');
    assert.equal(message.dataset.status, 'error');
    assert.match(message.querySelector('.message-body')?.textContent ?? '', /Partial text before the failure/);
    const card = message.querySelector<HTMLElement>('.error-card');
    assert.ok(card);
    assert.equal(card.getAttribute('role'), 'alert');
    assert.equal(card.querySelector('.error-message')?.textContent, 'CometAPI rejected the API key.');
    assert.equal(card.querySelector('.request-id')?.textContent, 'req_123abc');
    const buttons = [...card.querySelectorAll<HTMLButtonElement>('[data-error-action]')];
    assert.deepEqual(
      buttons.map((b) => b.textContent),
      ['Set API Key', 'Pick a Model', 'Retry', 'Open Settings'],
    );

    buttons.forEach((button) => button.click());
    assert.deepEqual(h.posted.slice(-4), [
      { type: 'runAction', action: 'setApiKey' },
      { type: 'runAction', action: 'selectModel' },
      { type: 'retry', messageId: 'a1' },
      { type: 'runAction', action: 'openSettings' },
    ]);
    assert.equal(h.$('#sr-announcer').textContent, 'Answer from gpt-5-mini failed: CometAPI rejected the API key.');
  });

  it('copies the request id through the host', () => {
    const h = createHarness();
    h.host(
      stateMessage([
        userMessage('u1', 'q'),
        answer('a1', '', { status: 'error', error: { kind: 'server', message: 'Server error', requestId: 'req_9', actions: [] } }),
      ]),
    );
    h.$('.copy-request-id').click();
    assert.deepEqual(h.postedOfType('copy'), [{ type: 'copy', text: 'req_9' }]);
  });

  it('leaves out actions it does not know instead of showing dead buttons', () => {
    const h = createHarness();
    h.host(
      stateMessage([
        userMessage('u1', 'q'),
        answer('a1', '', { status: 'error', error: { kind: 'server', message: 'x', actions: ['retry', 'launchRocket' as 'retry'] } }),
      ]),
    );
    assert.deepEqual(
      h.all('.error-card [data-error-action]').map((b) => b.textContent),
      ['Retry'],
    );
  });
});

describe('untrusted text', () => {
  it('shows user text that looks like HTML as text, newlines kept', () => {
    const h = createHarness();
    const text = 'Why does <img src=x onerror="alert(1)"> break?\n<script>alert(2)</script>';
    h.host(stateMessage([userMessage('u1', text)]));
    const shown = h.$('.message.user .message-text');
    assert.equal(shown.textContent, text);
    assert.equal(h.all('.message.user img, .message.user script').length, 0);
  });

  it('shows attached code as text in a card with its range and truncation notice', () => {
    const h = createHarness();
    h.host(
      stateMessage([
        userMessage('u1', 'Explain', {
          contexts: [
            { path: 'src/big.ts', languageId: 'typescript', startLine: 1, endLine: 2300, truncatedAtLine: 2300, totalLines: 9000, code: '<b>not bold</b>' },
          ],
        }),
      ]),
    );
    const card = h.$('.context-card');
    assert.equal(card.querySelector('.context-path')?.textContent, 'src/big.ts');
    assert.equal(card.querySelector('.context-lines')?.textContent, 'lines 1-2,300');
    assert.equal(card.querySelector('.context-truncation')?.textContent, 'lines 1-2,300 of 9,000 included');
    const details = card.querySelector('details');
    assert.ok(details && !details.open);
    assert.equal(details.querySelector('code')?.textContent, '<b>not bold</b>');
    assert.equal(card.querySelectorAll('b').length, 0);
  });

  it('words a cut selection that starts below line 1 exactly as the prompt told the model', () => {
    const h = createHarness();
    const context = { path: 'src/big.ts', languageId: 'typescript', startLine: 101, endLine: 9100, truncatedAtLine: 2400, totalLines: 9000, code: 'x' };
    h.host(stateMessage([userMessage('u1', 'Explain', { contexts: [context] })]));
    assert.equal(h.$('.context-truncation').textContent, 'lines 101-2,400 of 101-9,100 included');
    assert.match(renderUserMessage({ text: 'Explain', contexts: [context] }), /lines 101-2,400 of 101-9,100 included/);
  });

  it('ignores junk and malformed messages from the channel', () => {
    const h = createHarness();
    h.host(stateMessage([userMessage('u1', 'q')]));
    for (const junk of [
      null,
      'state',
      42,
      { type: 'nope' },
      { type: 'state' },
      { type: 'delta', messageId: 7 },
      { type: 'messageAdded', message: { id: 'x', role: 'hacker', text: '' } },
    ]) {
      h.host(junk);
    }
    assert.deepEqual(
      h.all('.message').map((m) => m.dataset.messageId),
      ['u1'],
    );
  });
});

describe('links', () => {
  function withLinks() {
    const h = createHarness();
    h.host(stateMessage([userMessage('u1', 'q'), answer('a1', 'links')]));
    const body = h.$('.message.assistant .message-body');
    const hrefs = [
      'https://example.com/a',
      'http://example.com/b',
      'mailto:someone@example.com',
      'javascript:alert(1)',
      'command:workbench.action.quit',
      'file:///etc/passwd',
      'relative/path',
      '#anchor',
    ];
    for (const href of hrefs) {
      const a = h.document.createElement('a');
      a.setAttribute('href', href);
      a.textContent = href;
      body.append(a);
    }
    return { h, links: h.all<HTMLAnchorElement>('.message-body a') };
  }

  it('open through the host only for http(s) and mailto, and never navigate the webview', () => {
    const { h, links } = withLinks();
    const prevented = links.map((link) => {
      const event = new h.window.MouseEvent('click', { bubbles: true, cancelable: true });
      link.dispatchEvent(event);
      return event.defaultPrevented;
    });
    assert.ok(prevented.every(Boolean), 'every link click is prevented');
    assert.deepEqual(
      h.postedOfType('openLink').map((m) => m.href),
      ['https://example.com/a', 'http://example.com/b', 'mailto:someone@example.com'],
    );
  });

  it('links rendered from model markdown go through the same gate', () => {
    const h = createHarness();
    h.host(stateMessage([userMessage('u1', 'q'), answer('a1', 'See [the docs](https://docs.example.com/x) or [this](javascript:alert(1)).')]));
    const links = h.all<HTMLAnchorElement>('.message-body a');
    assert.ok(links.length >= 1);
    for (const link of links) {
      link.click();
    }
    assert.deepEqual(h.postedOfType('openLink'), [{ type: 'openLink', href: 'https://docs.example.com/x' }]);
  });

  it('middle clicks are prevented as well', () => {
    const { h, links } = withLinks();
    const event = new h.window.MouseEvent('auxclick', { bubbles: true, cancelable: true, button: 1 });
    links[3].dispatchEvent(event);
    assert.equal(event.defaultPrevented, true);
  });
});

describe('code block buttons', () => {
  function blockIn(answerText: string, questionContexts: boolean) {
    const h = createHarness();
    const contexts = questionContexts ? [{ path: 'a.ts', languageId: 'typescript', startLine: 1, endLine: 2, code: 'old()' }] : undefined;
    h.host(stateMessage([userMessage('u1', 'q', { contexts }), answer('a1', answerText)]));
    return h;
  }

  it('offer Replace Selection and Show Diff only when the question carried code', () => {
    const withCode = blockIn('```ts\nnew();\n```', true);
    assert.deepEqual(
      withCode.all('[data-code-action]').map((b) => b.dataset.codeAction),
      ['copy', 'insert', 'replaceSelection', 'showDiff', 'newFile'],
    );
    const plain = blockIn('```ts\nnew();\n```', false);
    assert.deepEqual(
      plain.all('[data-code-action]').map((b) => b.dataset.codeAction),
      ['copy', 'insert', 'newFile'],
    );
  });

  it('Copy posts the exact code and says Copied; the others post a codeAction with language and answer id', () => {
    const h = blockIn('Here:\n\n```python\nprint("hi")\n```\n', true);
    const copy = h.$('[data-code-action="copy"]');
    copy.click();
    assert.deepEqual(h.postedOfType('copy'), [{ type: 'copy', text: 'print("hi")' }]);
    assert.equal(copy.getAttribute('data-feedback'), 'Copied');
    h.$('[data-code-action="insert"]').click();
    h.$('[data-code-action="showDiff"]').click();
    assert.deepEqual(h.postedOfType('codeAction'), [
      { type: 'codeAction', action: 'insert', code: 'print("hi")', language: 'python', messageId: 'a1' },
      { type: 'codeAction', action: 'showDiff', code: 'print("hi")', language: 'python', messageId: 'a1' },
    ]);
  });
});
