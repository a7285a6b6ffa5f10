// CometAPI's models in VS Code's Language Model API, used by another extension (the lm-client fixture) exactly
// as Cline or Roo Code would: selectChatModels({ vendor: 'cometapi' }) and sendRequest, against a mock CometAPI
// started here with a key unique to this run.
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { startMockCometServer, type MockCometServer } from '../../support/mockCometServer';
import { activeExtension, waitFor } from './extensionUnderTest';

interface Answer {
  readonly text?: string;
  readonly toolCalls?: { callId: string; name: string; input: Record<string, unknown> }[];
  readonly firstToolCalls?: { callId: string; name: string; input: Record<string, unknown> }[];
  readonly error?: { name?: string; code?: string; message: string };
}

interface OfferedModel {
  readonly id: string;
  readonly family: string;
}

const ask = (options: { modelId: string; prompt: string; tools?: boolean; roundTrip?: boolean; cancelAfterFirstText?: boolean }) =>
  vscode.commands.executeCommand<Answer>('lmClient.ask', options);
const offered = () => vscode.commands.executeCommand<OfferedModel[]>('lmClient.models');

suite('VS Code language models (another extension through vscode.lm)', () => {
  const key = `sk-e2e-lm-${randomBytes(12).toString('hex')}`;
  let mock: MockCometServer;
  let originalBaseUrl: string | undefined;
  let originalModel: string | undefined;

  suiteSetup(async () => {
    await activeExtension();
    mock = await startMockCometServer({ apiKey: key });
    const config = vscode.workspace.getConfiguration('cometapi');
    originalBaseUrl = config.inspect<string>('baseUrl')?.globalValue;
    originalModel = config.inspect<string>('model')?.globalValue;
    await config.update('baseUrl', mock.url, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('cometapi.clearApiKey', { confirm: false });
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('cometapi.clearApiKey', { confirm: false });
    await vscode.workspace.getConfiguration('cometapi').update('baseUrl', originalBaseUrl, vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('cometapi').update('model', originalModel, vscode.ConfigurationTarget.Global);
    await mock?.close();
  });

  const posts = () => mock.requests.filter((request) => request.method === 'POST');

  test('with no key, no CometAPI model is offered and nothing is sent', async () => {
    mock.clearRequests();
    assert.deepEqual(await offered(), []);
    assert.equal(mock.requests.length, 0, 'listing without a key sent nothing');
  });

  test('with a key, the chosen chat models are offered (a short list, no image models)', async () => {
    assert.equal(await vscode.commands.executeCommand<boolean>('cometapi.setApiKey', key), true);
    const models = await waitFor('CometAPI models offered', async () => {
      const list = await offered();
      return list.length > 0 ? list : undefined;
    });
    const ids = models.map((model) => model.id);
    assert.ok(ids.includes('gpt-4.1'), `gpt-4.1 is offered (got ${ids.join(', ')})`);
    assert.ok(ids.length <= 20, `a short list, got ${ids.length}`);
    assert.ok(!ids.some((id) => /dall-e|tts|embedding/.test(id)), 'no media models');
    assert.equal(models.find((model) => model.id === 'gpt-4.1')?.family, 'OpenAI');
  });

  test('a question is answered with streamed text, and private modelOptions never reach the API', async () => {
    mock.clearRequests();
    const answer = await ask({ modelId: 'gpt-4.1', prompt: 'What is 2+2?' });
    assert.equal(answer.error, undefined, JSON.stringify(answer.error));
    assert.match(answer.text ?? '', /You said: What is 2\+2\?/);
    const [sent] = posts();
    assert.equal(sent.authorized, true, 'the stored key was used');
    assert.ok(!JSON.stringify(sent.body).includes('_privateFlag'), 'a modelOptions key starting with _ was sent');
  });

  test('a full tool round trip: the call arrives whole, its result goes back and the answer uses it', async () => {
    mock.clearRequests();
    const answer = await ask({ modelId: 'gpt-4.1', prompt: 'Weather in Paris? scenario:tool-call', tools: true, roundTrip: true });
    assert.equal(answer.error, undefined, JSON.stringify(answer.error));
    assert.deepEqual(
      answer.firstToolCalls?.map((call) => [call.name, call.input]),
      [['get_weather', { city: 'Paris' }]],
    );
    assert.match(answer.text ?? '', /The tool answered: Sunny and 24 degrees in Paris/);
    const [, followUp] = posts();
    const messages = followUp.body?.messages as { role: string; tool_call_id?: string }[];
    assert.equal(messages.at(-1)?.role, 'tool');
    assert.equal(messages.at(-1)?.tool_call_id, answer.firstToolCalls?.[0].callId);
  });

  test('a Responses-only model (o3-pro) makes the tool call too, and answers with its result', async () => {
    // The chat view's current model is always offered: the simplest way to bring o3-pro into the list.
    await vscode.workspace.getConfiguration('cometapi').update('model', 'o3-pro', vscode.ConfigurationTarget.Global);
    await waitFor('o3-pro offered', async () => ((await offered()).some((model) => model.id === 'o3-pro') ? true : undefined));
    mock.clearRequests();
    const answer = await ask({ modelId: 'o3-pro', prompt: 'Weather in Paris? scenario:tool-call', tools: true, roundTrip: true });
    assert.equal(answer.error, undefined, JSON.stringify(answer.error));
    assert.deepEqual(
      answer.firstToolCalls?.map((call) => [call.name, call.input]),
      [['get_weather', { city: 'Paris' }]],
    );
    assert.match(answer.text ?? '', /The tool answered: Sunny and 24 degrees in Paris/);
    const [first, followUp] = posts();
    assert.equal(first.path, '/v1/responses');
    const input = followUp.body?.input as { type?: string; call_id?: string }[];
    assert.equal(input.at(-1)?.type, 'function_call_output');
    assert.equal(input.at(-1)?.call_id, answer.firstToolCalls?.[0].callId);
  });

  test('arguments that are not valid JSON end the response with a clear error', async () => {
    const answer = await ask({ modelId: 'gpt-4.1', prompt: 'Weather? scenario:tool-call-bad-json', tools: true });
    assert.match(answer.error?.message ?? '', /not valid JSON/);
    assert.deepEqual(answer.toolCalls ?? [], []);
  });

  test('cancelling closes the connection to CometAPI at once', async () => {
    mock.clearRequests();
    const answer = await ask({ modelId: 'gpt-4.1', prompt: 'Tell me a lot scenario:slow', cancelAfterFirstText: true });
    assert.ok((answer.text ?? '').length > 0, 'some text arrived before the cancel');
    assert.equal(answer.error?.name, 'Canceled', JSON.stringify(answer.error));
    await waitFor('the mock to see the connection closed', () => (posts()[0]?.clientClosedEarly ? true : undefined), 5_000);
  });

  test('a 401 becomes a NoPermissions error that says to set the key', async () => {
    const answer = await ask({ modelId: 'gpt-4.1', prompt: 'Hi scenario:status-401' });
    assert.ok(answer.error, 'the response failed');
    assert.match(answer.error.message, /key/i);
    assert.ok(!answer.error.message.includes(key), 'the key is not in the error message');
    assert.equal(answer.error.code, 'NoPermissions', JSON.stringify(answer.error));
  });

  test('after the key is cleared, the models are gone', async () => {
    await vscode.commands.executeCommand('cometapi.clearApiKey', { confirm: false });
    await waitFor('no CometAPI models offered', async () => ((await offered()).length === 0 ? true : undefined));
  });
});
