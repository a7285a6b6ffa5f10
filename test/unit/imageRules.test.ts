// What decides whether and how images go with a question: which models see them, what the refusal says, what an
// upload from the webview must really be, how images count in the context budget and how the draft keeps them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DraftImages, sameImages } from '../../src/core/chat/draftImages';
import { draftView, isEmptyDraft } from '../../src/core/chat/draftKeeper';
import { buildApiMessages } from '../../src/core/conversation/contextBudget';
import { IMAGE_TOKENS } from '../../src/shared/tokenEstimate';
import { toMarkdown } from '../../src/core/conversation/conversationOps';
import { sniffImageType } from '../../src/core/images/imageBytes';
import { restoreModelCache } from '../../src/core/models/modelCache';
import { buildModelEntries, parseCatalogue } from '../../src/core/models/modelCatalog';
import { takeImageUpload } from '../../src/core/images/imageIntake';
import { imageRefusal, maxImagesFor, seesImages, visionModelSuggestions } from '../../src/core/images/visionRules';
import { MemoryImageStore, sha256Of } from '../../src/core/storage/imageStore';
import { conversationSchema, type Conversation, type ImageRef } from '../../src/shared/conversation';
import { parse } from '../../src/shared/schema';
import { parseWebviewToHost } from '../../src/shared/protocol';
import { makePng } from '../support/pngFixture';

const png = makePng(3, 2, 1);
const ref: ImageRef = { sha256: sha256Of(png), mimeType: 'image/png', bytes: png.length, width: 3, height: 2, name: 'a.png' };

describe('vision gating', () => {
  it('vision families see images, text-only models do not, and catalogue features can say so for an unknown id', () => {
    for (const model of ['gpt-4o', 'gpt-5-mini', 'claude-sonnet-4-20250514', 'gemini-2.5-flash', 'o3-pro', 'qwen2.5-vl-72b']) {
      assert.equal(seesImages(model), true, model);
    }
    for (const model of ['deepseek-v3.1', 'deepseek-reasoner', 'kimi-k2', 'mistral-large', 'qwen3-coder-plus']) {
      assert.equal(seesImages(model), false, model);
    }
    assert.equal(seesImages('acme-omni-1', true), true);
    assert.equal(seesImages('acme-omni-1'), false);
  });

  it('an image feature in the public catalogue is kept with the model list (and its cache) and marks a model as seeing', () => {
    const catalogue = parseCatalogue([
      { id: 'acme-omni-1', provider: 'Acme', model_type: 'text', features: ['text-to-text', 'Image-to-Text', 42] },
      { id: 'acme-text-1', provider: 'Acme', model_type: 'text', features: ['text-to-text'] },
    ]);
    const [entry, textOnly] = buildModelEntries([{ id: 'acme-omni-1' }, { id: 'acme-text-1' }], catalogue);
    assert.equal(entry?.imageInput, true);
    assert.equal(textOnly?.imageInput, undefined);
    const restored = restoreModelCache({ fetchedAt: 1, baseUrl: 'https://api.cometapi.com/v1', catalogueSource: 'public', models: [entry] });
    assert.equal(restored?.models[0]?.imageInput, true);
    assert.equal(seesImages('acme-omni-1', entry?.imageInput), true);
    assert.equal(imageRefusal({ model: 'acme-omni-1', imageCount: 1, catalogueSaysImages: entry?.imageInput }), undefined);
    assert.match(imageRefusal({ model: 'acme-text-1', imageCount: 1 }) ?? '', /acme-text-1 cannot see images/u);
  });

  it('the refusal names vision models to switch to, from the person’s own list when it has some', () => {
    assert.equal(imageRefusal({ model: 'gpt-4o', imageCount: 0 }), undefined);
    assert.equal(imageRefusal({ model: 'gpt-4o', imageCount: 2 }), undefined);
    assert.equal(
      imageRefusal({ model: 'deepseek-v3.1', imageCount: 1, knownModels: ['deepseek-v3.1', 'kimi-k2', 'gemini-2.5-pro', 'claude-opus-4-1-20250805'] }),
      'deepseek-v3.1 cannot see images. Switch to a vision model such as gemini-2.5-pro, claude-opus-4-1-20250805, or remove the images.',
    );
    assert.deepEqual(visionModelSuggestions(['deepseek-v3.1']), ['gpt-4o', 'claude-sonnet-4-5', 'gemini-2.5-flash']);
    assert.deepEqual(visionModelSuggestions(['gpt-5', 'gpt-5-mini', 'gpt-5-nano', 'deepseek-v3.1', 'claude-opus-4-1-20250805', 'gemini-2.5-pro']), [
      'gpt-5',
      'claude-opus-4-1-20250805',
      'gemini-2.5-pro',
    ]);
  });

  it('more images than the model accepts are refused with the numbers', () => {
    assert.equal(maxImagesFor('claude-sonnet-4-5'), 20);
    assert.equal(imageRefusal({ model: 'claude-sonnet-4-5', imageCount: 20 }), undefined);
    assert.equal(imageRefusal({ model: 'gpt-4o', imageCount: 17 }), 'gpt-4o accepts at most 16 images in a request; this one has 17. Remove some images.');
  });
});

describe('what an upload must be', () => {
  it('the bytes decide the type: PNG, JPEG, GIF, WebP, and SVG is recognised as the code it is', () => {
    assert.equal(sniffImageType(png), 'image/png');
    assert.equal(sniffImageType(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10])), 'image/jpeg');
    assert.equal(sniffImageType(new TextEncoder().encode('GIF89a....')), 'image/gif');
    assert.equal(sniffImageType(new TextEncoder().encode('RIFF\u0000\u0000\u0000\u0000WEBPVP8 ')), 'image/webp');
    assert.equal(sniffImageType(new TextEncoder().encode('\uFEFF  <?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>')), 'svg');
    assert.equal(sniffImageType(new TextEncoder().encode('hello')), 'unknown');
  });

  it('the message schema caps an upload: 4 MB of base64 at most, 2048 px, the four types, base64 characters only', () => {
    const upload = {
      name: 'a.png',
      mimeType: 'image/png',
      base64: Buffer.alloc(4 * 1024 * 1024 - 2, 1).toString('base64'),
      width: 2048,
      height: 2048,
      thumbnail: '',
    };
    assert.ok(parseWebviewToHost({ type: 'attachImage', image: upload }).ok);
    const bad = [
      { ...upload, base64: Buffer.alloc(4 * 1024 * 1024 + 3, 1).toString('base64') },
      { ...upload, width: 2049 },
      { ...upload, mimeType: 'image/svg+xml' },
      { ...upload, base64: 'PHN2Zz4=<script>' },
      { ...upload, thumbnail: 'A'.repeat(25 * 1024) },
    ];
    for (const image of bad) {
      assert.equal(parseWebviewToHost({ type: 'attachImage', image }).ok, false, JSON.stringify(image).slice(0, 80));
    }
  });

  it('an upload whose bytes are not the type it claims is refused and nothing is stored', async () => {
    const store = new MemoryImageStore();
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>').toString('base64');
    const refused = await takeImageUpload({ name: 'evil.png', mimeType: 'image/png', base64: svg, width: 1, height: 1, thumbnail: '' }, store);
    assert.deepEqual(refused, { ok: false, message: 'evil.png is not a PNG, JPEG, GIF or WebP image and was not attached.' });
    await assert.rejects(store.readBase64({ sha256: sha256Of(Buffer.from(svg, 'base64')), mimeType: 'image/png' }));

    const taken = await takeImageUpload(
      { name: 'a.png', mimeType: 'image/png', base64: png.toString('base64'), width: 3, height: 2, thumbnail: '/9j/' },
      store,
    );
    assert.deepEqual(taken, { ok: true, image: { ...ref, thumbnail: '/9j/' } });
    assert.equal(await store.readBase64(ref), png.toString('base64'));
  });
});

describe('images in the conversation', () => {
  const conversation: Conversation = {
    id: 'c1',
    title: 't',
    createdAt: 1,
    updatedAt: 1,
    messages: [{ id: 'u1', role: 'user', text: 'look', createdAt: 1, images: [ref] }],
  };

  it('a question with images becomes text then image parts, and each image counts in the budget', () => {
    const withImage = buildApiMessages(conversation, {
      instructionRole: 'system',
      maxContextTokens: 100_000,
      renderUserMessage: (message) => message.text,
      imagePartsOf: (message) => (message.images ?? []).map((image) => ({ type: 'image' as const, mimeType: image.mimeType, base64: 'AAAA' })),
    });
    assert.deepEqual(withImage.messages[0]?.parts, [
      { type: 'text', text: 'look' },
      { type: 'image', mimeType: 'image/png', base64: 'AAAA' },
    ]);
    const textOnly = buildApiMessages(conversation, { instructionRole: 'system', maxContextTokens: 100_000, renderUserMessage: (message) => message.text });
    assert.equal(textOnly.messages[0]?.parts, undefined);
    assert.equal(withImage.estimatedTokens - textOnly.estimatedTokens, IMAGE_TOKENS);
  });

  it('the Markdown export links each image to its exported file, or names it when there is none', () => {
    assert.match(
      toMarkdown(conversation, (image) => `chat-images/${image.sha256}.png`),
      new RegExp(`!\\[Image: a\\.png \\(3×2\\)\\]\\(chat-images/${ref.sha256}\\.png\\)`, 'u'),
    );
    assert.match(toMarkdown(conversation), /_Image: a\.png \(3×2\)_/u);
  });

  it('a file written before images existed still loads, and one with a forged image hash does not', () => {
    const { images: _none, ...old } = conversation.messages[0] as { images?: unknown };
    assert.ok(parse(conversationSchema, { ...conversation, messages: [old] }, 'strict', 'conversation').ok);
    assert.ok(parse(conversationSchema, conversation, 'strict', 'conversation').ok);
    const forged = { ...conversation, messages: [{ ...conversation.messages[0], images: [{ ...ref, sha256: '../../etc/passwd' }] }] };
    assert.equal(parse(conversationSchema, forged, 'strict', 'conversation').ok, false);
  });

  it('the draft keeps images by issued id, forgets forged ids, and a draft holding only an image is not empty', () => {
    let n = 0;
    const images = new DraftImages(() => `img-${++n}`);
    const attached = images.attach(undefined, ref);
    assert.ok(attached);
    assert.deepEqual(attached.draft, { text: '', contexts: [], images: [{ id: 'img-1', image: ref }] });
    assert.equal(isEmptyDraft(attached.draft), false);
    assert.deepEqual(draftView(attached.draft).images, [{ id: 'img-1', image: ref }]);
    assert.deepEqual(images.resolve(['forged', 'img-1', 'img-1']), [{ id: 'img-1', image: ref }]);
    assert.equal(sameImages(attached.draft.images, []), false);
    images.reset(undefined);
    assert.deepEqual(images.resolve(['img-1']), []);
  });
});
