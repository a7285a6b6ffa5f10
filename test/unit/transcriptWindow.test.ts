// Which messages of a long chat have views (src/webview/ui/transcriptWindow.ts): the newest on opening, older
// ones batch by batch up to the oldest, down to a saved position at once, and what a cut leaves.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TranscriptWindow } from '../../src/webview/ui/transcriptWindow';

const sizes = { initial: 30, batch: 20 };

describe('TranscriptWindow', () => {
  it('opens with the newest messages only, however long the chat', () => {
    const window = new TranscriptWindow(sizes);
    assert.deepEqual(window.reset(2000), { start: 1970, end: 2000 });
    assert.equal(window.hasOlder, true);
    assert.deepEqual(window.reset(500), { start: 470, end: 500 });
  });

  it('a short chat is built whole and has nothing older', () => {
    const window = new TranscriptWindow(sizes);
    assert.deepEqual(window.reset(12), { start: 0, end: 12 });
    assert.equal(window.hasOlder, false);
    assert.equal(window.older(), undefined);
    assert.deepEqual(window.reset(0), { start: 0, end: 0 });
  });

  it('builds older batches just above what is built, ending at the oldest message', () => {
    const window = new TranscriptWindow(sizes);
    window.reset(75);
    assert.deepEqual(window.older(), { start: 25, end: 45 });
    assert.deepEqual(window.older(), { start: 5, end: 25 });
    assert.deepEqual(window.older(), { start: 0, end: 5 });
    assert.equal(window.hasOlder, false);
    assert.equal(window.older(), undefined);
  });

  it('builds down to a saved position in one go; one already built needs nothing', () => {
    const window = new TranscriptWindow(sizes);
    window.reset(2000);
    assert.equal(window.downTo(1990), undefined);
    assert.deepEqual(window.downTo(100), { start: 100, end: 1970 });
    assert.equal(window.builtFrom, 100);
    assert.deepEqual(window.older(), { start: 80, end: 100 });
  });

  it('messages added at the end are built', () => {
    const window = new TranscriptWindow(sizes);
    window.reset(100);
    assert.equal(window.appended(), 100);
    assert.equal(window.appended(), 101);
    assert.deepEqual(window.truncated(101), { keepViews: 31, rebuild: undefined });
  });

  it('a cut among the built messages keeps the views before it', () => {
    const window = new TranscriptWindow(sizes);
    window.reset(100);
    assert.deepEqual(window.truncated(80), { keepViews: 10, rebuild: undefined });
    assert.equal(window.builtFrom, 70);
    assert.deepEqual(window.older(), { start: 50, end: 70 });
  });

  it('a cut above everything built drops every view and builds the newest of what is left', () => {
    const window = new TranscriptWindow(sizes);
    window.reset(2000);
    assert.deepEqual(window.truncated(100), { keepViews: 0, rebuild: { start: 70, end: 100 } });
    assert.equal(window.hasOlder, true);
    assert.deepEqual(window.truncated(0), { keepViews: 0, rebuild: undefined });
    assert.equal(window.hasOlder, false);
  });

  it('a cut at an index it does not have changes nothing', () => {
    const window = new TranscriptWindow(sizes);
    window.reset(100);
    assert.deepEqual(window.truncated(100), { keepViews: 30, rebuild: undefined });
    assert.deepEqual(window.truncated(-1), { keepViews: 30, rebuild: undefined });
    assert.equal(window.builtFrom, 70);
  });
});
