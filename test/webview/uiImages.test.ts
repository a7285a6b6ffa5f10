// Pictures in the chat input as a person uses them: paste or drop makes a thumbnail chip (through the host,
// which stores the image), chips are removable and come back after a reload, a send names them, a refusal puts
// them back with its reason, and an SVG or a damaged file is refused with a message. jsdom has no canvas, so
// the scaling itself is checked in real Chromium (chatPageBrowser.test.ts); here a stand-in reports what it got.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DraftImage, ImageRef } from '../../src/shared/conversation';
import type { ImageUpload } from '../../src/shared/protocol';
import { ImageProblem, browserImagePreparer } from '../../src/webview/ui/imageScaling';
import { createHarness, stateMessage, userMessage, type Harness } from './uiHarness';

const ref = (name: string): ImageRef => ({ sha256: 'b'.repeat(64), mimeType: 'image/png', bytes: 321, width: 640, height: 480, name, thumbnail: '/9j/4AAQ' });
const chip = (id: string, name = 'screenshot.png'): DraftImage => ({ id, image: ref(name) });

/** Scales nothing: answers with the file's name and type, or refuses a file named "broken.png" as damaged. */
async function standIn(file: Blob, name: string): Promise<ImageUpload> {
  if (name === 'broken.png') {
    throw new ImageProblem(`${name} could not be read as an image; the file may be damaged.`);
  }
  assert.equal(file.type, 'image/png');
  return { name, mimeType: 'image/png', base64: 'iVBORw0KGgo=', width: 640, height: 480, thumbnail: '/9j/4AAQ' };
}

function pngFile(h: Harness, name = 'screenshot.png', type = 'image/png'): File {
  return new h.window.File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], name, { type });
}

/** A paste or drop as the browser dispatches it; jsdom has no DataTransfer, so the event carries a plain one. */
function dispatchFiles(h: Harness, target: Element, type: 'paste' | 'drop', files: File[]): Event {
  const event = new h.window.Event(type, { bubbles: true, cancelable: true });
  const data = { files, types: ['Files'], dropEffect: 'none' };
  Object.defineProperty(event, type === 'paste' ? 'clipboardData' : 'dataTransfer', { value: data });
  target.dispatchEvent(event);
  return event;
}

const settle = () => new Promise((resolve) => setImmediate(resolve));
const chipNames = (h: Harness) => h.all('#image-chips .image-chip-label').map((label) => label.textContent);

describe('images in the chat input', () => {
  it('a pasted PNG goes to the host scaled, and the chip the host answers with shows, with its thumbnail', async () => {
    const h = createHarness({ prepareImage: standIn });
    h.host(stateMessage([]));
    const event = dispatchFiles(h, h.$('#prompt-input'), 'paste', [pngFile(h)]);
    assert.equal(event.defaultPrevented, true, 'the file name is not pasted as text');
    await settle();
    assert.deepEqual(h.postedOfType('attachImage'), [
      { type: 'attachImage', image: { name: 'screenshot.png', mimeType: 'image/png', base64: 'iVBORw0KGgo=', width: 640, height: 480, thumbnail: '/9j/4AAQ' } },
    ]);
    assert.equal(h.maybe('#image-chips .image-chip'), null, 'no chip until the host stored the image');
    h.host({ type: 'attachImage', image: chip('img-1') });
    assert.deepEqual(chipNames(h), ['screenshot.png']);
    assert.equal(h.$('#image-chips .image-chip').getAttribute('title'), 'screenshot.png 640×480');
    assert.equal(h.$('#image-chips').hidden, false);
  });

  it('a dropped picture makes a chip the same way; a dropped text file is left to the editor', async () => {
    const h = createHarness({ prepareImage: standIn });
    h.host(stateMessage([]));
    dispatchFiles(h, h.$('#composer'), 'drop', [pngFile(h, 'diagram.png')]);
    await settle();
    assert.deepEqual(
      h.postedOfType('attachImage').map((message) => message.image.name),
      ['diagram.png'],
    );
    const text = dispatchFiles(h, h.$('#composer'), 'drop', [pngFile(h, 'notes.txt', 'text/plain')]);
    assert.equal(text.defaultPrevented, false);
    assert.equal(h.postedOfType('attachImage').length, 1);
  });

  it('chips are removable; the draft then names only those left', () => {
    const h = createHarness({ prepareImage: standIn });
    h.host(stateMessage([], { draft: { text: 'compare', chips: [], images: [chip('img-1', 'a.png'), chip('img-2', 'b.png')] } }));
    assert.deepEqual(chipNames(h), ['a.png', 'b.png']);
    h.$<HTMLButtonElement>('#image-chips .image-chip-remove').click();
    assert.deepEqual(chipNames(h), ['b.png']);
    assert.equal(h.document.activeElement?.getAttribute('aria-label'), 'Remove b.png', 'focus moves to the next chip');
    h.runTimers();
    assert.deepEqual(h.postedOfType('draft').at(-1), { type: 'draft', conversationId: 'c1', text: 'compare', contextIds: [], imageIds: ['img-2'] });
    h.$<HTMLButtonElement>('#image-chips .image-chip-remove').click();
    assert.equal(h.$('#image-chips').hidden, true);
    assert.equal(h.document.activeElement?.id, 'prompt-input');
  });

  it('chips survive a reload: the host’s draft brings them back in a new page', () => {
    const first = createHarness({ prepareImage: standIn });
    const state = stateMessage([], { draft: { text: 'what is this?', chips: [], images: [chip('img-1')] } });
    first.host(state);
    first.app.dispose();
    const reloaded = createHarness({ prepareImage: standIn });
    reloaded.host(state);
    assert.deepEqual(chipNames(reloaded), ['screenshot.png']);
    assert.equal(reloaded.$<HTMLTextAreaElement>('#prompt-input').value, 'what is this?');
  });

  it('Send names the images; a refusal puts text and chips back with the reason beside them', () => {
    const h = createHarness({ prepareImage: standIn });
    h.host(stateMessage([], { draft: { text: '', chips: [], images: [chip('img-1')] } }));
    h.type('What is in it?');
    h.$<HTMLButtonElement>('#send-button').click();
    assert.deepEqual(h.postedOfType('send'), [{ type: 'send', text: 'What is in it?', imageIds: ['img-1'] }]);
    assert.deepEqual(chipNames(h), []);
    h.host({ type: 'attachImage', image: chip('img-1') });
    h.host({ type: 'restoreDraft', text: 'What is in it?' });
    h.host({ type: 'imageNotice', text: 'deepseek-v3.1 cannot see images. Switch to a vision model such as gpt-4o, or remove the images.' });
    assert.deepEqual(chipNames(h), ['screenshot.png']);
    assert.equal(h.$<HTMLTextAreaElement>('#prompt-input').value, 'What is in it?');
    assert.equal(h.$('#image-notice').hidden, false);
    assert.match(h.$('#image-notice').textContent ?? '', /cannot see images/u);
    assert.equal(h.$('#image-notice').getAttribute('role'), 'alert');
  });

  it('an SVG is refused as code, and a damaged picture with its own message; nothing goes to the host', async () => {
    // The page's own preparer: it refuses an SVG before decoding anything, which jsdom can run.
    const h: Harness = createHarness({ prepareImage: (file, name) => browserImagePreparer(h.document)(file, name) });
    h.host(stateMessage([]));
    dispatchFiles(h, h.$('#prompt-input'), 'paste', [pngFile(h, 'logo.svg', 'image/svg+xml')]);
    await settle();
    assert.equal(h.$('#image-notice').textContent, 'logo.svg is an SVG drawing, which is code rather than a picture; attach it as a file instead.');
    const broken = createHarness({ prepareImage: standIn });
    broken.host(stateMessage([]));
    dispatchFiles(broken, broken.$('#prompt-input'), 'paste', [pngFile(broken, 'broken.png')]);
    await settle();
    assert.equal(broken.$('#image-notice').textContent, 'broken.png could not be read as an image; the file may be damaged.');
    assert.deepEqual([...h.postedOfType('attachImage'), ...broken.postedOfType('attachImage')], []);
  });

  it('a sent question shows the images it carried', () => {
    const h = createHarness({ prepareImage: standIn });
    h.host(stateMessage([userMessage('u1', 'look', { images: [ref('chart.png')] })]));
    const images = h.all('.message.user .message-image');
    assert.equal(images.length, 1);
    assert.equal(images[0]?.textContent, 'Image: chart.png (640×480)');
  });

  it("a sent question's thumbnail lets go of its blob: URL once the picture has loaded", () => {
    const h = createHarness({ prepareImage: standIn });
    // jsdom has no blob URLs: count what the view makes and gives back.
    const made: string[] = [];
    const revoked: string[] = [];
    Object.assign(h.window.URL, {
      createObjectURL: () => {
        made.push(`blob:thumb-${made.length}`);
        return made[made.length - 1];
      },
      revokeObjectURL: (url: string) => revoked.push(url),
    });
    h.host(stateMessage([userMessage('u1', 'look', { images: [ref('chart.png'), ref('graph.png')] })]));
    const thumbnails = h.all<HTMLImageElement>('.message.user .message-image img');
    assert.deepEqual(
      thumbnails.map((image) => image.getAttribute('src')),
      ['blob:thumb-0', 'blob:thumb-1'],
    );
    assert.deepEqual(revoked, [], 'kept until the picture is shown');
    thumbnails[0]?.dispatchEvent(new h.window.Event('load'));
    thumbnails[1]?.dispatchEvent(new h.window.Event('error'));
    assert.deepEqual(revoked, ['blob:thumb-0', 'blob:thumb-1']);
  });
});
