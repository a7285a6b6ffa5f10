// Following the stream: the pure rules (ScrollFollower) and the transcript applying them, with layout
// metrics faked on the scrolling element (jsdom does no layout).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ScrollFollower, type ScrollMetrics } from '../../src/webview/ui/scrollFollower';
import { answer, createHarness, startStreaming, stateMessage, userMessage } from './uiHarness';

const at = (scrollTop: number, scrollHeight = 2000, clientHeight = 500): ScrollMetrics => ({ scrollTop, scrollHeight, clientHeight });

describe('ScrollFollower', () => {
  it('follows growth while at the bottom', () => {
    const follower = new ScrollFollower();
    follower.onScroll(at(1500), false);
    assert.equal(follower.targetAfterContentChange(at(1500, 2400)), 1900);
  });

  it('keeps following while content growth leaves the view behind (scrollTop unchanged)', () => {
    const follower = new ScrollFollower();
    follower.onScroll(at(1500), false);
    follower.onScroll(at(1500, 3000), false);
    assert.equal(follower.isFollowing, true);
  });

  it('keeps following when layout moves the view up as sizes settle (scroll anchoring)', () => {
    const follower = new ScrollFollower();
    follower.onScroll(at(1500), false);
    follower.onScroll(at(1300, 2100), false);
    assert.equal(follower.isFollowing, true);
    assert.equal(follower.targetAfterContentChange(at(1300, 2100)), 1600);
  });

  it('stops following when something scrolls up with no size change (find in page)', () => {
    const follower = new ScrollFollower();
    follower.onScroll(at(1500), false);
    follower.onScroll(at(400), false);
    assert.equal(follower.isFollowing, false);
  });

  it('stops following on any scroll up and never moves the view then', () => {
    const follower = new ScrollFollower();
    follower.onScroll(at(1500), false);
    follower.onScroll(at(1400), true);
    assert.equal(follower.isFollowing, false);
    assert.equal(follower.targetAfterContentChange(at(1400, 2600)), undefined);
    assert.equal(follower.shouldOfferJump(at(1400, 2600)), true);
  });

  it('stops at once on an upward wheel, before any scroll event', () => {
    const follower = new ScrollFollower();
    follower.onScroll(at(1500), false);
    follower.onUserScrollUp(at(1500));
    assert.equal(follower.targetAfterContentChange(at(1500, 2400)), undefined);
  });

  it('a wheel up over a chat too short to scroll does not stop following', () => {
    const follower = new ScrollFollower();
    follower.onUserScrollUp(at(0, 300, 500));
    assert.equal(follower.targetAfterContentChange(at(0, 900, 500)), 400);
  });

  it('resumes when the person scrolls back to the bottom', () => {
    const follower = new ScrollFollower();
    follower.onScroll(at(1500), false);
    follower.onScroll(at(900), true);
    follower.onScroll(at(1495), true);
    assert.equal(follower.isFollowing, true);
    assert.equal(follower.shouldOfferJump(at(1495)), false);
  });

  it('jump to latest follows again and returns the bottom', () => {
    const follower = new ScrollFollower();
    follower.onScroll(at(1500), false);
    follower.onScroll(at(200), true);
    assert.equal(follower.jumpToLatest(at(200, 3000)), 2500);
    assert.equal(follower.isFollowing, true);
  });

  it('content shrinking under a following view keeps following', () => {
    const follower = new ScrollFollower();
    follower.onScroll(at(1500), false);
    follower.onScroll(at(700, 1200), true);
    assert.equal(follower.isFollowing, true);
  });

  it('a restored reading position is not followed', () => {
    const follower = new ScrollFollower();
    follower.restore(300);
    assert.equal(follower.targetAfterContentChange(at(300, 2400)), undefined);
  });
});

describe('transcript scrolling', () => {
  /** Gives the transcript a fake layout: a fixed viewport and content height the test controls. */
  function withLayout(h: ReturnType<typeof createHarness>) {
    const scroller = h.$('#transcript');
    const layout = { scrollHeight: 2000, clientHeight: 500, scrollTop: 0 };
    Object.defineProperty(scroller, 'scrollHeight', { get: () => layout.scrollHeight });
    Object.defineProperty(scroller, 'clientHeight', { get: () => layout.clientHeight });
    Object.defineProperty(scroller, 'scrollTop', {
      get: () => layout.scrollTop,
      set: (value: number) => {
        layout.scrollTop = Math.max(0, Math.min(value, layout.scrollHeight - layout.clientHeight));
      },
    });
    /** The person drags the scrollbar to `top`. */
    const scrollTo = (top: number) => {
      scroller.dispatchEvent(new h.window.Event('pointerdown', { bubbles: true }));
      scroller.scrollTop = top;
      scroller.dispatchEvent(new h.window.Event('scroll'));
      h.document.dispatchEvent(new h.window.Event('pointerup'));
    };
    /** The browser moves the view with no input in the transcript (scroll anchoring, find in page). */
    const browserScrollsTo = (top: number) => {
      scroller.scrollTop = top;
      scroller.dispatchEvent(new h.window.Event('scroll'));
    };
    return { scroller, layout, scrollTo, browserScrollsTo };
  }

  it('follows the stream at the bottom; after a scroll up it stays put and offers Jump to latest', () => {
    const h = createHarness();
    const { layout, scrollTo } = withLayout(h);
    startStreaming(h);
    h.flushFrames();
    assert.equal(layout.scrollTop, 1500, 'starts at the end');

    layout.scrollHeight = 2300;
    h.host({ type: 'delta', messageId: 'a1', text: 'more text' });
    h.flushFrames();
    assert.equal(layout.scrollTop, 1800, 'followed the new text');
    assert.equal(h.$('#jump-to-latest').hidden, true);

    scrollTo(1200);
    layout.scrollHeight = 2600;
    h.host({ type: 'delta', messageId: 'a1', text: 'even more' });
    h.flushFrames();
    assert.equal(layout.scrollTop, 1200, 'the view did not move while the person reads');
    assert.equal(h.$('#jump-to-latest').hidden, false);

    h.$('#jump-to-latest').click();
    assert.equal(layout.scrollTop, 2100);
    assert.equal(h.$('#jump-to-latest').hidden, true);
    layout.scrollHeight = 2900;
    h.host({ type: 'delta', messageId: 'a1', text: 'and more' });
    h.flushFrames();
    assert.equal(layout.scrollTop, 2400, 'following again');
  });

  it('a view moved up by layout settling goes back to the end and keeps following', () => {
    const h = createHarness();
    const { layout, browserScrollsTo } = withLayout(h);
    startStreaming(h);
    h.flushFrames();
    layout.scrollHeight = 2200;
    browserScrollsTo(1350);
    h.flushFrames();
    assert.equal(layout.scrollTop, 1700);
    assert.equal(h.$('#jump-to-latest').hidden, true);
  });

  it('a find-in-page jump up is left alone', () => {
    const h = createHarness();
    const { layout, browserScrollsTo } = withLayout(h);
    startStreaming(h);
    h.flushFrames();
    browserScrollsTo(300);
    layout.scrollHeight = 2300;
    h.host({ type: 'delta', messageId: 'a1', text: 'more' });
    h.flushFrames();
    assert.equal(layout.scrollTop, 300);
    assert.equal(h.$('#jump-to-latest').hidden, false);
  });

  it('an upward wheel stops following even before the scroll event arrives', () => {
    const h = createHarness();
    const { scroller, layout } = withLayout(h);
    startStreaming(h);
    h.flushFrames();
    layout.scrollHeight = 2400;
    h.host({ type: 'delta', messageId: 'a1', text: 'x' });
    scroller.dispatchEvent(new h.window.WheelEvent('wheel', { deltaY: -40 }));
    h.flushFrames();
    assert.equal(layout.scrollTop, 1500);
  });

  it('sending a new question brings the view back to the end', () => {
    const h = createHarness();
    const { layout, scrollTo } = withLayout(h);
    h.host(stateMessage([userMessage('u1', 'q'), answer('a1', 'a')]));
    h.flushFrames();
    scrollTo(100);
    layout.scrollHeight = 2200;
    h.host({ type: 'messageAdded', message: userMessage('u2', 'next') });
    h.flushFrames();
    assert.equal(layout.scrollTop, 1700);
  });

  it('remembers the reading position across a reload of the same conversation', () => {
    const first = createHarness();
    const { scrollTo } = withLayout(first);
    first.host(stateMessage([userMessage('u1', 'q'), answer('a1', 'a')]));
    first.flushFrames();
    scrollTo(640);
    first.runTimers();
    const saved = first.saved();
    assert.equal(saved?.scrollTop, 640);
    assert.equal(saved?.atBottom, false);

    const second = createHarness({ savedState: saved });
    const restored = withLayout(second);
    second.host(stateMessage([userMessage('u1', 'q'), answer('a1', 'a')]));
    second.flushFrames();
    assert.equal(restored.layout.scrollTop, 640);
    assert.equal(second.$('#jump-to-latest').hidden, false);
  });
});
