// The chat in another display language: a code-server started with --locale zh-cn (and an empty language
// pack, see codeServer.mjs), running only test/e2e/ui/*.zhcn.ts. A separate server because the display
// language is fixed when code-server starts.
import { runSeparateServerStage } from './separateServerStage.mjs';
import { quietUserSettings } from './workspaceSetup.mjs';

/** @returns {Promise<import('../resultCollector.ts').RunResult>} */
export function runLocaleStage(context) {
  return runSeparateServerStage(context, {
    folder: 'locale-zh-cn',
    userSettings: quietUserSettings(context.mock.url),
    locale: 'zh-cn',
    fileSuffix: '.zhcn.ts',
    label: 'zh-cn',
  });
}
