// Types for workspaceSetup.mjs, so runElectron.ts can share it with the plain-JS runner.
export function quietUserSettings(mockUrl: string): Record<string, unknown>;
export function writeUserSettings(userDataDir: string, settings: Record<string, unknown>): string;
export function createWorkspace(runDir: string): string;
