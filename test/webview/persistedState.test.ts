// The webview's saved state (scroll position, conversation) is read with the shared schema, leniently:
// one damaged or outdated field falls back on its own and the rest is kept.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readPersistedState } from '../../src/webview/ui/hostBridge';

describe('saved webview state', () => {
  it('reads back what was saved', () => {
    const state = { version: 1, conversationId: 'c1', scrollTop: 420.5, atBottom: false } as const;
    assert.deepEqual(readPersistedState(structuredClone(state)), state);
  });

  it('reads back a position saved at a message (a windowed transcript finds it again there)', () => {
    const state = { version: 1, conversationId: 'c1', scrollTop: 65, atBottom: false, anchorId: 'u210', anchorOffset: 25 } as const;
    assert.deepEqual(readPersistedState(structuredClone(state)), state);
    assert.deepEqual(readPersistedState({ ...state, anchorId: 7, anchorOffset: 'x' }), { version: 1, conversationId: 'c1', scrollTop: 65, atBottom: false });
  });

  it('a damaged field falls back alone; the good fields are kept', () => {
    assert.deepEqual(readPersistedState({ version: 1, conversationId: 'c1', scrollTop: Number.NaN, atBottom: false }), {
      version: 1,
      conversationId: 'c1',
      scrollTop: 0,
      atBottom: false,
    });
    assert.deepEqual(readPersistedState({ version: 'one', conversationId: 42, scrollTop: 300, atBottom: 'yes' }), {
      version: 1,
      scrollTop: 300,
      atBottom: true,
    });
  });

  it('fields it does not know, prototype keys included, are not carried over', () => {
    const raw = JSON.parse('{"version":1,"scrollTop":5,"atBottom":true,"legacy":"x","__proto__":{"polluted":true}}') as unknown;
    const state = readPersistedState(raw);
    assert.deepEqual(Object.keys(state).sort(), ['atBottom', 'scrollTop', 'version']);
    assert.equal((state as { polluted?: unknown }).polluted, undefined);
  });

  it('something that is not a saved state at all gives the defaults', () => {
    for (const raw of [undefined, null, 'state', 42, []]) {
      assert.deepEqual(readPersistedState(raw), { version: 1, scrollTop: 0, atBottom: true });
    }
  });
});
