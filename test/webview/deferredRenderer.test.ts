// Deferred answers near the view (src/webview/ui/deferredRenderer.ts) render nearest first, a few
// milliseconds per task, so the frame after opening a chat is not held up by a dozen answers at once.
// jsdom has no IntersectionObserver; a stand-in reports what a webview's would.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { JSDOM } from 'jsdom';
import { DeferredRenderer } from '../../src/webview/ui/deferredRenderer';

type Report = (entries: Partial<IntersectionObserverEntry>[]) => void;

function setUp() {
  const { window } = new JSDOM('<!DOCTYPE html><div id="root"></div>');
  let report: Report = () => undefined;
  Object.assign(window, {
    IntersectionObserver: class {
      constructor(callback: Report) {
        report = callback;
      }
      observe(): void {}
      unobserve(): void {}
      disconnect(): void {}
    },
  });
  const tasks: (() => void)[] = [];
  const renderer = new DeferredRenderer(window.document.getElementById('root') as HTMLElement, (cb) => tasks.push(cb));
  const rendered: string[] = [];
  const element = (name: string, renderMs: number) => {
    const node = window.document.createElement('div');
    renderer.defer(node, () => {
      const until = performance.now() + renderMs;
      while (performance.now() < until) {
        // Stands in for parsing and highlighting an answer.
      }
      rendered.push(name);
    });
    return node;
  };
  const near = (target: Element, middle: number): Partial<IntersectionObserverEntry> => ({
    target,
    isIntersecting: true,
    rootBounds: { top: 0, height: 1000 } as DOMRectReadOnly,
    boundingClientRect: { top: middle - 50, height: 100 } as DOMRectReadOnly,
  });
  const runTask = () => tasks.shift()?.();
  return { renderer, element, near, rendered, tasks, runTask, report: (entries: Partial<IntersectionObserverEntry>[]) => report(entries) };
}

describe('deferred rendering near the view', () => {
  it('renders nothing in the observer callback itself, then nearest first, one slice per task', () => {
    const { element, near, rendered, tasks, runTask, report } = setUp();
    const far = element('far', 10);
    const middle = element('middle', 10);
    const nearest = element('nearest', 10);
    report([near(far, 1900), near(middle, 100), near(nearest, 480)]);
    assert.deepEqual(rendered, [], 'the frame is not held up');
    runTask();
    assert.deepEqual(rendered, ['nearest'], 'one slow render fills a slice');
    runTask();
    runTask();
    assert.deepEqual(rendered, ['nearest', 'middle', 'far']);
    assert.equal(tasks.length, 0, 'nothing left scheduled');
  });

  it('quick renders share a slice; an element that left the view, or was cancelled, waits', () => {
    const { renderer, element, near, rendered, runTask, report } = setUp();
    const a = element('a', 0);
    const b = element('b', 0);
    const gone = element('gone', 0);
    const cancelled = element('cancelled', 0);
    report([near(a, 500), near(b, 600), near(gone, 700), near(cancelled, 800)]);
    report([{ target: gone, isIntersecting: false }]);
    renderer.cancel(cancelled);
    runTask();
    assert.deepEqual(rendered, ['a', 'b']);
  });

  it('after dispose nothing renders', () => {
    const { renderer, element, near, rendered, runTask, report } = setUp();
    const a = element('a', 0);
    report([near(a, 500)]);
    renderer.dispose();
    runTask();
    assert.deepEqual(rendered, []);
  });
});
