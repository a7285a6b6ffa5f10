// What an answer cost, as a person sees it under the answer in real VS Code: the catalogue's price for the model
// times the tokens the server reported, worked out here from the mock's own price list and the usage shown.
import * as assert from 'node:assert/strict';
import { ask, newChat, waitForAnswerEnd } from './chatView';
import { uiSession } from './session';
import { ensureApiKey, screenshot } from './workbench';
import { CATALOGUE } from '../../support/mockCometCatalogue';
import { formatUsd } from '../../../src/webview/ui/format';

/** "1,234 tokens · 1,000 prompt · 234 completion" (with "(N from cache)" after the prompt when there is some). */
function usageFrom(footer: string): { prompt: number; completion: number; total: number } {
  const match = /([\d,]+) tokens · ([\d,]+) prompt(?: \([\d,]+ from cache\))? · ([\d,]+) completion/.exec(footer);
  assert.ok(match, `the usage under the answer: ${footer}`);
  const number = (text: string): number => Number(text.replaceAll(',', ''));
  return { total: number(match[1]), prompt: number(match[2]), completion: number(match[3]) };
}

suite('cost under an answer', () => {
  test("the cost under an answer is the catalogue's price times the tokens the server reported", async () => {
    const { page, mock } = uiSession();
    await ensureApiKey();
    const frame = await newChat(page);
    const from = mock.requests.length;
    const answer = await ask(frame, 'What does this cost?');
    assert.equal(await waitForAnswerEnd(answer), 'done');
    // Priced as the model asked for: the server may answer with a dated snapshot of it, which the answer names.
    const sent = mock.requests.slice(from).find((request) => request.path === '/v1/chat/completions' || request.path === '/v1/responses');
    const model = String(sent?.body?.model);
    const price = CATALOGUE.find((entry) => entry.id === model);
    assert.ok(price?.input !== undefined && price.output !== undefined, `the mock's catalogue prices ${model}`);
    const usage = usageFrom((await answer.locator('.message-footer .usage').textContent()) ?? '');
    const usd = (usage.prompt * price.input + usage.completion * price.output) / 1_000_000;
    const expected = `${formatUsd(usd)} · ${usage.total.toLocaleString('en-US')} tokens`;
    assert.equal(await answer.locator('.message-footer .cost').textContent(), expected);
    // A new chat with one answer: the header's total is that answer's cost.
    assert.equal(await frame.locator('.header-bar .conversation-cost').textContent(), formatUsd(usd));
    await screenshot(page, 'cost-under-answer');
  });
});
