// `npm start` shows the extension against the mock in demo mode: its answers must be worth looking at (a table,
// code in two languages, reasoning for reasoning models), say that they come from a local stand-in, and the
// scenarios must stay reachable by typing. Read through the real OpenAI SDK, as the extension reads them.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import OpenAI from 'openai';
import { problemInstruction } from '../../src/core/selection/problemPrompt';
import { startMockCometServer, type MockCometServer } from '../support/mockCometServer';
import { makePng } from '../support/pngFixture';

let server: MockCometServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function askDemo(question: string, model: string): Promise<{ content: string; reasoning: string }> {
  server ??= await startMockCometServer({ demoAnswers: true });
  const client = new OpenAI({ apiKey: server.apiKey, baseURL: server.url, maxRetries: 0 });
  const stream = await client.chat.completions.create({ model, stream: true, messages: [{ role: 'user', content: question }] });
  let content = '';
  let reasoning = '';
  for await (const chunk of stream) {
    const delta = chunk.choices[0]?.delta as { content?: string; reasoning_content?: string } | undefined;
    content += delta?.content ?? '';
    reasoning += delta?.reasoning_content ?? '';
  }
  return { content, reasoning };
}

describe('mock CometAPI demo answers', () => {
  it('answer a question with a table, TypeScript and Python code and a note that a local stand-in wrote it', async () => {
    const { content, reasoning } = await askDemo('How do I fetch JSON with a timeout?', 'claude-sonnet-4-5');
    assert.match(content, /You asked: \*How do I fetch JSON with a timeout\?\*/);
    assert.match(content, /^\| Language \| Timeout \| Error on 4xx\/5xx \|\n\|---\|---\|---\|$/m);
    assert.match(content, /```ts\n[\s\S]+?\n```/);
    assert.match(content, /```python\n[\s\S]+?\n```/);
    assert.match(content, /local stand-in/);
    assert.match(content, /not from CometAPI/);
    assert.equal(reasoning, '', 'a model that does not reason streams no reasoning');
  });

  it('stream reasoning first for a reasoning model (the default gpt-5-mini)', async () => {
    const { content, reasoning } = await askDemo('Why is the sky blue?', 'gpt-5-mini');
    assert.match(reasoning, /^The question came with context/);
    assert.match(content, /^### Here is an overview/);
  });

  it('explain attached code (what Explain Selection sends) instead of giving an overview', async () => {
    const question = 'Explain this code from src/cart.ts (lines 8-15):\n\n```ts\nexport function cartTotal() {}\n```';
    const { content } = await askDemo(question, 'gpt-4.1');
    assert.match(content, /^### What this code does/);
    assert.match(content, /You asked: \*Explain this code from src\/cart\.ts \(lines 8-15\):\*/);
    assert.match(content, /^\| Aspect \| Before \| After \|$/m);
  });

  it('still answer scenario:status-429 with a rate limit', async () => {
    server = await startMockCometServer({ demoAnswers: true });
    const client = new OpenAI({ apiKey: server.apiKey, baseURL: server.url, maxRetries: 0 });
    await assert.rejects(
      client.chat.completions.create({ model: 'gpt-4.1', stream: true, messages: [{ role: 'user', content: 'scenario:status-429 please' }] }),
      (error: unknown) => error instanceof OpenAI.APIError && error.status === 429,
    );
  });

  it('keep the plain test answers when demo mode is off', async () => {
    server = await startMockCometServer();
    const client = new OpenAI({ apiKey: server.apiKey, baseURL: server.url, maxRetries: 0 });
    const answer = await client.chat.completions.create({ model: 'gpt-5-mini', messages: [{ role: 'user', content: 'hi' }] });
    assert.match(answer.choices[0]?.message.content ?? '', /^## Answer from the mock/);
  });
  it('a question with a picture says what arrived instead of explaining code', async () => {
    server ??= await startMockCometServer({ demoAnswers: true });
    const client = new OpenAI({ apiKey: server.apiKey, baseURL: server.url, maxRetries: 0 });
    const png = makePng(40, 20, 3);
    const stream = await client.chat.completions.create({
      model: 'gpt-5-mini',
      stream: true,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is in this screenshot?' },
            { type: 'image_url', image_url: { url: `data:image/png;base64,${png.toString('base64')}` } },
          ],
        },
      ],
    });
    let content = '';
    for await (const chunk of stream) {
      content += chunk.choices[0]?.delta?.content ?? '';
    }
    assert.match(content, new RegExp(`Images received: 1 \\(image/png ${png.length} bytes 40x20`, 'u'));
    assert.doesNotMatch(content, /What this code does/u);
    assert.match(content, /local stand-in/u);

    // A later question in the same chat carries the picture in its history, and is answered as itself.
    const later = await client.chat.completions.create({
      model: 'gpt-5-mini',
      messages: [
        { role: 'user', content: [{ type: 'image_url', image_url: { url: `data:image/png;base64,${png.toString('base64')}` } }] },
        { role: 'assistant', content: content },
        { role: 'user', content: 'And what is a closure?' },
      ],
    });
    assert.doesNotMatch(later.choices[0]?.message.content ?? '', /Images received/u);
  });

  it("Fix with CometAPI on the demo workspace's mistake answers with the corrected line", async () => {
    const question = problemInstruction('fix', 'src/checkout.ts', { startLine: 5, endLine: 5 }, { startLine: 5, endLine: 5 }, [
      { message: "Type 'number' is not assignable to type 'string'.", severity: 'error', startLine: 5, startColumn: 9, endLine: 5, source: 'ts', code: '2322' },
    ]);
    const { content } = await askDemo(`${question}\n\n\`\`\`ts\n  const total: string = cartTotal(lines);\n\`\`\``, 'gpt-5-mini');
    assert.ok(content.startsWith('```ts\n  const total: number = cartTotal(lines);\n```'), content.slice(0, 200));
  });
});
