// Pictures in the chat as a person meets them in real VS Code: a PNG pasted into the input (a real paste event
// with the file in its clipboard data, dispatched inside the chat webview's frame) shows as a thumbnail chip,
// is sent with the question to a vision model, and the mock reports the exact bytes it got, which are the bytes
// stored beside the conversations under their hash. With a model that cannot see images the send is refused in
// the input, with vision models named, the draft and chip kept, and no request made.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { makePng } from '../../support/pngFixture';
import { newChat, pollFor, selectors, waitForAnswerEnd } from './chatView';
import { uiSession } from './session';
import { answerFileDialog, ensureApiKey, runCommand, screenshot } from './workbench';

const VISION_MODEL = 'gpt-5-mini';
const TEXT_ONLY_MODEL = 'deepseek-v3.1';

function readSettings(): Record<string, unknown> {
  const file = path.join(uiSession().userDataDir, 'User', 'settings.json');
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
}

/** Sets cometapi.model in the Settings editor, as a person would, and waits for the status bar to show it. */
async function useModel(page: Page, model: string): Promise<void> {
  await runCommand(page, 'Preferences: Open User Settings');
  const search = page.locator('.settings-editor .settings-header .suggest-input-container');
  await search.waitFor({ timeout: 15_000 });
  await search.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('@id:cometapi.model');
  const saved = async (): Promise<true | undefined> => {
    try {
      const value = readSettings()['cometapi.model'];
      return value === model || (value === undefined && model === VISION_MODEL) ? true : undefined;
    } catch {
      return undefined; // read while VS Code was writing it
    }
  };
  // The settings list re-renders while the search filters it: a value typed into the row it replaces is lost, so
  // the row is found and filled again until the setting is saved.
  for (let attempt = 1; ; attempt += 1) {
    const control = page.locator('.settings-editor input[aria-label="cometapi.model"]').first();
    await control.waitFor({ timeout: 15_000 });
    await control.fill(model);
    try {
      await pollFor('cometapi.model to be saved', saved, 7_000);
      break;
    } catch (error) {
      if (attempt === 3) {
        throw error;
      }
    }
  }
  await runCommand(page, 'View: Close All Editors');
  const item = page.locator('.statusbar [aria-label^="CometAPI model"]').first();
  await pollFor(`the status bar to show ${model}`, async () => (((await item.getAttribute('aria-label')) ?? '').includes(model) ? true : undefined));
}

/** Pastes a PNG into the chat input the way the browser delivers Ctrl+V of a screenshot. */
async function pastePng(frame: FrameLocator, png: Buffer, name: string): Promise<void> {
  await frame.locator(selectors.prompt).evaluate(
    (input, { base64, fileName }) => {
      const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
      const data = new DataTransfer();
      data.items.add(new File([bytes], fileName, { type: 'image/png' }));
      input.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    },
    { base64: png.toString('base64'), fileName: name },
  );
}

function chatPosts(since: number): { path: string; body: Record<string, unknown> | undefined }[] {
  return uiSession()
    .mock.requests.slice(since)
    .filter((request) => request.method === 'POST' && /\/v1\/(chat\/completions|responses|messages)$/u.test(request.path));
}

/** The image bytes of a chat completions or Responses request body. */
function sentImages(body: Record<string, unknown> | undefined): Buffer[] {
  const urls: string[] = [];
  JSON.stringify(body, (key, value: unknown) => {
    if (typeof value === 'string' && (key === 'url' || key === 'image_url') && value.startsWith('data:image/')) {
      urls.push(value);
    }
    return value;
  });
  return urls.map((url) => Buffer.from(url.slice(url.indexOf(',') + 1), 'base64'));
}

async function chipThumbnail(frame: FrameLocator, name: string): Promise<Locator> {
  const chip = frame.locator('#image-chips .image-chip', { hasText: name });
  await chip.waitFor({ timeout: 30_000 });
  return chip;
}

suite('Images in the chat', () => {
  suiteSetup(async () => {
    await ensureApiKey();
  });

  suiteTeardown(async () => {
    await useModel(uiSession().page, VISION_MODEL);
  });

  test('a pasted PNG reaches a vision model: the mock reports the bytes it got, stored beside the chats by hash', async () => {
    const { page, mock, userDataDir } = uiSession();
    await useModel(page, VISION_MODEL);
    const frame = await newChat(page);
    await pastePng(frame, makePng(320, 200, 11), 'screenshot.png');
    const chip = await chipThumbnail(frame, 'screenshot.png');
    // The thumbnail is a blob: URL the page made, and it decoded under the chat's CSP.
    await pollFor('the thumbnail to load', async () =>
      (await chip.locator('img').evaluate((img) => (img as HTMLImageElement).naturalWidth)) > 0 ? true : undefined,
    );
    assert.match((await chip.locator('img').getAttribute('src')) ?? '', /^blob:/u);
    await screenshot(page, 'image-chip-in-input');

    const before = mock.requests.length;
    const answersBefore = await frame.locator(selectors.assistant).count();
    const prompt = frame.locator(selectors.prompt);
    await prompt.fill('What does this screenshot show?');
    await prompt.press('Enter');
    const answer = frame.locator(selectors.assistant).nth(answersBefore);
    assert.equal(await waitForAnswerEnd(answer, 60_000), 'done');

    const request = await pollFor('the chat request', async () => chatPosts(before)[0]);
    const [sent, ...others] = sentImages(request.body);
    assert.ok(sent, `an image part was sent: ${JSON.stringify(request.body).slice(0, 300)}`);
    assert.equal(others.length, 0);
    assert.deepEqual([...sent.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG');
    assert.deepEqual([sent.readUInt32BE(16), sent.readUInt32BE(20)], [320, 200], 'small pictures keep their size');
    const sha256 = createHash('sha256').update(sent).digest('hex');
    const text = (await answer.textContent()) ?? '';
    assert.ok(text.includes(`Images received: 1 (image/png ${sent.length} bytes 320x200 sha256 ${sha256.slice(0, 12)})`), text.slice(0, 400));

    const stored = path.join(userDataDir, 'User', 'globalStorage', 'cometapi.cometapi-chat', 'images', `${sha256}.png`);
    assert.ok(fs.existsSync(stored), `the image is stored by hash at ${stored}`);
    assert.ok(fs.readFileSync(stored).equals(sent), 'the stored file is the picture that was sent');
    const question = frame.locator('.message.user .message-image').last();
    assert.match((await question.textContent()) ?? '', /screenshot\.png \(320×200\)/u);
    assert.equal(await frame.locator('#image-chips .image-chip').count(), 0, 'the chip went with the question');
    await screenshot(page, 'image-answered-by-vision-model');
  });

  test('Attach Image… picks a file through the dialog; the webview scales it to 2048 px like a pasted one', async () => {
    const { page, userDataDir } = uiSession();
    const frame = await newChat(page);
    // The runner's workspace sits beside the user-data folder (test/e2e/lib/workspaceSetup.mjs).
    const file = path.join(path.dirname(userDataDir), 'workspace', 'wide-photo.png');
    fs.writeFileSync(file, makePng(2600, 1300, 13));
    await runCommand(page, 'CometAPI: Attach Image…');
    await answerFileDialog(page, file);
    const chip = await chipThumbnail(frame, 'wide-photo.png');
    assert.equal(await chip.getAttribute('title'), 'wide-photo.png 2048×1024');
    await screenshot(page, 'image-attached-from-dialog');
    await frame.locator('#image-chips .image-chip-remove').click();
    assert.equal(await frame.locator('#image-chips .image-chip').count(), 0);
  });

  test('a model that cannot see images: the send is refused in the input, vision models named, nothing lost, no request', async () => {
    const { page, mock } = uiSession();
    await useModel(page, TEXT_ONLY_MODEL);
    const frame = await newChat(page);
    await pastePng(frame, makePng(64, 64, 12), 'diagram.png');
    await chipThumbnail(frame, 'diagram.png');
    const before = mock.requests.length;
    const prompt = frame.locator(selectors.prompt);
    await prompt.fill('Explain this diagram');
    await prompt.press('Enter');
    const notice = frame.locator('#image-notice');
    await pollFor('the refusal', async () => ((await notice.isVisible()) ? true : undefined), 30_000);
    assert.match(
      (await notice.textContent()) ?? '',
      new RegExp(`^${TEXT_ONLY_MODEL.replace('.', '\\.')} cannot see images\\. Switch to a vision model such as gpt-`, 'u'),
    );
    await pollFor('the draft to come back', async () => ((await prompt.inputValue()) === 'Explain this diagram' ? true : undefined));
    await chipThumbnail(frame, 'diagram.png');
    assert.equal(await frame.locator(selectors.assistant).count(), 0, 'no answer was started');
    await screenshot(page, 'image-refused-for-text-model');
    // Give a request that should not exist time to arrive before saying none did.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    assert.deepEqual(chatPosts(before), [], 'no request reached the server');
    // Leave an empty input for the suites after this one.
    await frame.locator('#image-chips .image-chip-remove').click();
    await prompt.fill('');
  });
});
