// Every sentence a person reads goes through t(), on every side of the extension. The host installs VS Code's
// translator (vscode.l10n.t, which reads l10n/bundle.l10n.<language>.json) at activation; the webview installs
// a lookup into the strings the host sent it. Core and shared code call t() and stay free of vscode.
// The English text is the key, with {0}, {1}… for arguments, as vscode.l10n expects.
// See docs/architecture.md#languages.

export type L10nArg = string | number | boolean;
export type Localizer = (message: string, args: readonly L10nArg[]) => string;

/** Fills {0}, {1}… with the arguments; a placeholder with no argument is left as it is. */
export function formatMessage(message: string, args: readonly L10nArg[]): string {
  return message.replace(/\{(\d+)\}/g, (whole, index: string) => {
    const value = args[Number(index)];
    return value === undefined ? whole : String(value);
  });
}

let localizer: Localizer = formatMessage;

/** Installs the side's translator; tests and plain Node get English. */
export function setLocalizer(next: Localizer): void {
  localizer = next;
}

/** The person's language version of `message` with its arguments filled in. */
export function t(message: string, ...args: L10nArg[]): string {
  return localizer(message, args);
}
