// The three selection commands of the editor context menu, palette and keybinding: Explain Selection, Ask About
// Selection and Add Selection to Chat. Reading editors is readSelections', deciding what is sent is the pure
// builder's; this file only strings them together and makes every refusal or cut visible.
import * as vscode from 'vscode';
import { buildContext, explainInstruction } from '../../core/selection/selectionPrompt';
import type { CodeContext } from '../../shared/conversation';
import { formatCount, shownContextLabel, shownTruncationNotice } from '../../shared/selectionText';
import type { ChatApi } from '../chatApi';
import { readSelections } from './readSelections';

const maxCharsSetting = 'maxContextCharacters';
const defaultMaxChars = 100_000;
/** The manifest's minimum for the setting; a smaller value (hand-edited settings.json) is raised to it. */
const minimumMaxChars = 1000;

export function registerSelectionCommands(context: vscode.ExtensionContext, chat: ChatApi): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('cometapi.explainSelection', () => reportFailures(explainSelection(chat))),
    vscode.commands.registerCommand('cometapi.askAboutSelection', () => reportFailures(askAboutSelection(chat))),
    vscode.commands.registerCommand('cometapi.addSelectionToChat', () => reportFailures(addSelectionToChat(chat))),
  );
}

async function explainSelection(chat: ChatApi): Promise<void> {
  const contexts = await contextsFromEditor(vscode.l10n.t('Explain Selection'));
  if (!contexts) {
    return;
  }
  const languages = new Set(contexts.map((c) => c.languageId));
  const sharedLanguage = languages.size === 1 ? contexts[0]?.languageId : undefined;
  await chat.reveal();
  await chat.send(explainInstruction(sharedLanguage, contexts.length), contexts);
}

async function askAboutSelection(chat: ChatApi): Promise<void> {
  // Read before the input box opens: the box takes focus, and the person may click elsewhere while typing.
  const contexts = await contextsFromEditor(vscode.l10n.t('Ask About Selection'));
  if (!contexts) {
    return;
  }
  const question = await vscode.window.showInputBox({
    title: vscode.l10n.t('CometAPI: Ask About Selection'),
    prompt: vscode.l10n.t('Your question about {0}', describeAll(contexts)),
    placeHolder: vscode.l10n.t('e.g. Why could this throw? How would I make it faster?'),
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() === '' ? vscode.l10n.t('Type a question, or press Escape to cancel.') : undefined),
  });
  if (question === undefined || question.trim() === '') {
    return;
  }
  await chat.reveal();
  await chat.send(question.trim(), contexts);
}

async function addSelectionToChat(chat: ChatApi): Promise<void> {
  const contexts = await contextsFromEditor(vscode.l10n.t('Add Selection to Chat'));
  if (!contexts) {
    return;
  }
  await chat.reveal();
  for (const codeContext of contexts) {
    await chat.attach(codeContext);
  }
}

/**
 * The selections as contexts ready to send, or undefined after telling the person why there are none. Any
 * refused selection (binary, a single over-long line) stops the whole command: sending the rest would answer a
 * different question than the one asked.
 */
async function contextsFromEditor(commandTitle: string): Promise<CodeContext[] | undefined> {
  const read = await readSelections(commandTitle);
  if (!read.ok) {
    void vscode.window.showInformationMessage(read.message);
    return undefined;
  }
  const maxChars = readMaxChars();
  const contexts: CodeContext[] = [];
  for (const selection of read.selections) {
    const built = buildContext({ ...selection, maxChars });
    if (!built.ok) {
      void vscode.window.showWarningMessage(built.reason);
      return undefined;
    }
    contexts.push(built.context);
  }
  announceTruncation(contexts, maxChars);
  return contexts;
}

/**
 * The chat card shows the cut too; the toast is there because the person acted in the editor and may not be
 * looking at the chat, and it offers the setting that decides the cut.
 */
export function announceTruncation(contexts: readonly CodeContext[], maxChars: number): void {
  const notices = contexts.flatMap((c) => {
    const notice = shownTruncationNotice(c);
    return notice === undefined ? [] : [`${c.path}: ${notice}`];
  });
  if (notices.length === 0) {
    return;
  }
  const changeLimit = vscode.l10n.t('Change Limit');
  void vscode.window
    .showInformationMessage(
      vscode.l10n.t('Selection too long for cometapi.maxContextCharacters ({0}), so it was cut: {1}.', formatCount(maxChars), notices.join('; ')),
      changeLimit,
    )
    .then((choice) => {
      if (choice === changeLimit) {
        void vscode.commands.executeCommand('workbench.action.openSettings', `cometapi.${maxCharsSetting}`);
      }
    });
}

export function readMaxChars(): number {
  const configured = vscode.workspace.getConfiguration('cometapi').get<number>(maxCharsSetting, defaultMaxChars);
  return typeof configured === 'number' && Number.isFinite(configured) ? Math.max(minimumMaxChars, Math.floor(configured)) : defaultMaxChars;
}

function describeAll(contexts: readonly CodeContext[]): string {
  const first = contexts[0];
  if (contexts.length === 1 && first) {
    return shownContextLabel(first);
  }
  return vscode.l10n.t('{0} selections', contexts.length);
}

/** Commands run from menus and keybindings: an unexpected failure becomes a message rather than a silent no-op. */
export function reportFailures(work: Promise<void>): Promise<void> {
  return work.catch((error: unknown) => {
    const detail = error instanceof Error ? error.message : String(error);
    void vscode.window.showErrorMessage(vscode.l10n.t('CometAPI: {0}', detail));
  });
}
