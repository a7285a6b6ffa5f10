import assert from 'node:assert/strict';
import { test } from 'node:test';
// @ts-expect-error: a plain .mjs script without type declarations
import { cleanNpmEnv } from '../e2e/install.mjs';

test('nested npm installs get no npm_* variables from an outer `npm test` (code-server refuses Node 20 otherwise)', () => {
  const outer = {
    PATH: '/usr/bin',
    HOME: '/root',
    npm_config_user_agent: 'npm/11.19.1 node/v20.20.2 linux x64',
    npm_lifecycle_event: 'test',
    NPM_CONFIG_PREFIX: '/somewhere',
    npm_config_nodedir: '/node20',
  };
  const env = cleanNpmEnv(outer) as Record<string, string>;
  assert.deepEqual(env, { PATH: '/usr/bin', HOME: '/root' });
});
