// The Compare Models panel as a person reads it, built in jsdom with the real markdown engine and the real
// message checks: one column per model, answers growing side by side, each column's own Stop, figures and error,
// "Continue with this model", and the same sanitising as the chat.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { JSDOM } from 'jsdom';
import type { ComparePanelState, CompareToHost, HostToCompare } from '../../src/shared/compareProtocol';
import * as markdownEngine from '../../src/webview/markdown';
import { CompareApp } from '../../src/webview/compare/compareApp';

function createPanel() {
  const dom = new JSDOM('<!DOCTYPE html><html><head></head><body><div id="app"></div></body></html>', { url: 'https://webview.test/' });
  const document = dom.window.document;
  const style = document.createElement('style');
  // The panel's stylesheets, in the order the host lists them (src/host/compare/comparePanel.ts).
  style.textContent = ['markdown.css', 'chat.css', 'compare.css'].map((name) => readFileSync(join(__dirname, '../../media', name), 'utf8')).join('\n');
  document.head.append(style);
  const posted: CompareToHost[] = [];
  const savedStates: ComparePanelState[] = [];
  let frames: (() => void)[] = [];
  const app = new CompareApp(document.getElementById('app') as HTMLElement, {
    post: (message) => posted.push(message),
    saveState: (panelState) => savedStates.push(panelState),
    markdown: markdownEngine,
    requestFrame: (cb) => frames.push(cb),
  });
  const host = (message: HostToCompare | unknown) => app.handleMessage(message);
  const flush = () => {
    const due = frames;
    frames = [];
    due.forEach((cb) => cb());
  };
  const columns = () => [...document.querySelectorAll<HTMLElement>('.compare-column')];
  // chat.css hides [hidden] with !important, which jsdom's cascade does not weigh: checked by the attribute itself.
  const shown = (element: Element | null) =>
    element !== null && element.closest('[hidden]') === null && dom.window.getComputedStyle(element).display !== 'none';
  return { document, posted, savedStates, host, flush, columns, shown };
}

const state = (extra: Partial<Extract<HostToCompare, { type: 'compareState' }>> = {}): HostToCompare => ({
  type: 'compareState',
  question: 'Explain closures.',
  contextCount: 1,
  columns: [
    { model: 'gpt-4.1', text: '', status: 'streaming' },
    { model: 'gemini-2.5-pro', text: '', status: 'streaming' },
  ],
  savedToHistory: false,
  showCost: true,
  ...extra,
});

describe('Compare Models panel', () => {
  it('shows the question once and a column per model, both growing as their deltas arrive', () => {
    const p = createPanel();
    p.host(state());
    assert.equal(p.document.querySelector('.compare-question')?.textContent, 'Explain closures.');
    assert.equal(p.document.querySelector('.compare-attachments')?.textContent, 'with 1 attachment');
    assert.deepEqual(
      p.columns().map((column) => column.querySelector('.column-model')?.textContent),
      ['gpt-4.1', 'gemini-2.5-pro'],
    );
    p.host({ type: 'compareDelta', column: 0, text: 'A closure **captures** ' });
    p.host({ type: 'compareDelta', column: 1, text: 'Closures keep ' });
    p.host({ type: 'compareDelta', column: 0, text: 'variables.' });
    p.flush();
    assert.equal(p.columns()[0]?.querySelector('.column-answer')?.textContent?.trim(), 'A closure captures variables.');
    assert.equal(p.columns()[0]?.querySelector('.column-answer strong')?.textContent, 'captures');
    assert.equal(p.columns()[1]?.querySelector('.column-answer')?.textContent?.trim(), 'Closures keep');
    assert.ok(p.shown(p.columns()[0]?.querySelector('.column-stop') ?? null), 'Stop shows while streaming');
    assert.ok(!p.shown(p.columns()[0]?.querySelector('.column-continue') ?? null), 'no Continue before the answer ends');
  });

  it("each column's Stop stops that column only", () => {
    const p = createPanel();
    p.host(state());
    p.columns()[1]?.querySelector<HTMLButtonElement>('.column-stop')?.click();
    assert.deepEqual(p.posted.slice(-1), [{ type: 'stop', column: 1 }]);
  });

  it('an ended column shows first token, total time, tokens per second and cost; Continue posts its column', () => {
    const p = createPanel();
    p.host(state());
    p.host({ type: 'compareDelta', column: 0, text: 'Done.' });
    p.host({
      type: 'compareEnded',
      column: 0,
      status: 'done',
      usage: { promptTokens: 1000, completionTokens: 234, totalTokens: 1234 },
      cost: { kind: 'priced', usd: 0.0042, tokens: 1234 },
      timings: { firstTokenMs: 812, totalMs: 3240, tokensPerSecond: 96.4 },
    });
    const column = p.columns()[0];
    assert.equal(column?.querySelector('.column-figures')?.textContent, 'First token 0.8 s3.2 s in all96 tokens/s$0.0042 · 1,234 tokens');
    assert.ok(!p.shown(column?.querySelector('.column-stop') ?? null), 'no Stop once ended');
    column?.querySelector<HTMLButtonElement>('.column-continue')?.click();
    assert.deepEqual(p.posted.slice(-1), [{ type: 'continueWith', column: 0 }]);
    assert.equal(p.columns()[1]?.classList.contains('is-streaming'), true, 'the other column still streams');
  });

  it('a failed column says why in its own column, with no Continue; the other is untouched', () => {
    const p = createPanel();
    p.host(state());
    p.host({ type: 'compareDelta', column: 1, text: 'Still going' });
    p.host({
      type: 'compareEnded',
      column: 0,
      status: 'error',
      error: { kind: 'server', message: 'no available channel for model gpt-4.1', actions: ['selectModel'] },
      timings: { totalMs: 120 },
    });
    p.flush();
    const failed = p.columns()[0];
    assert.equal(failed?.querySelector('.column-problem')?.textContent, 'Failed: no available channel for model gpt-4.1');
    assert.ok(!p.shown(failed?.querySelector('.column-continue') ?? null));
    assert.equal(p.columns()[1]?.querySelector('.column-answer')?.textContent?.trim(), 'Still going');
  });

  it('a reloaded panel shows everything that had arrived, finished columns rendered at once', () => {
    const p = createPanel();
    p.host(
      state({
        columns: [
          { model: 'gpt-4.1', text: '# Title\n\nfinished', status: 'done', timings: { totalMs: 1000 } },
          { model: 'gpt-5-mini', text: 'half', status: 'streaming' },
        ],
        savedToHistory: true,
      }),
    );
    p.flush();
    assert.equal(p.columns()[0]?.querySelector('h1')?.textContent, 'Title');
    assert.equal(p.columns()[1]?.querySelector('.column-answer')?.textContent?.trim(), 'half');
    assert.equal(p.document.querySelector('.compare-saved')?.textContent, 'Kept in the chat history');
  });

  it("keeps the run's history id with VS Code, so a window reload can bring the panel back", () => {
    const p = createPanel();
    p.host(state());
    assert.deepEqual(p.savedStates, [], 'a state without an id keeps nothing');
    p.host(state({ historyId: 'run-42' }));
    assert.deepEqual(p.savedStates, [{ historyId: 'run-42' }]);
  });

  it('model output is sanitised as in the chat: no script, no handler, no remote image', () => {
    const p = createPanel();
    p.host(state());
    p.host({
      type: 'compareDelta',
      column: 0,
      text: '<img src="https://evil.test/x.png" onerror="alert(1)"><script>alert(2)</script>[link](javascript:alert(3))',
    });
    p.host({ type: 'compareEnded', column: 0, status: 'done' });
    const answer = p.columns()[0]?.querySelector('.column-answer');
    assert.equal(answer?.querySelector('script'), null);
    assert.equal(answer?.querySelector('[onerror]'), null);
    assert.equal(answer?.querySelector('img[src^="https:"]'), null);
    assert.equal(answer?.querySelector('a[href^="javascript:"]'), null);
  });

  it('cometapi.showCost off hides the cost and keeps the timings', () => {
    const p = createPanel();
    p.host(state({ showCost: false }));
    p.host({ type: 'compareEnded', column: 0, status: 'done', cost: { kind: 'priced', usd: 0.01, tokens: 10 }, timings: { totalMs: 500 } });
    const figures = p.columns()[0]?.querySelector('.column-figures');
    assert.ok(!p.shown(figures?.querySelector('.cost') ?? null));
    assert.ok(p.shown(figures?.querySelector('.total-time') ?? null));
  });

  it('a message that breaks the schema is ignored', () => {
    const p = createPanel();
    p.host(state());
    p.host({ type: 'compareDelta', column: 7, text: 'nowhere' });
    p.host({ type: 'compareDelta', column: 0, text: 42 });
    p.flush();
    assert.equal(p.columns()[0]?.querySelector('.column-answer')?.textContent?.trim(), '');
  });
});
