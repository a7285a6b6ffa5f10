// The file of the editor the person works in, offered in the chat as a one-click chip. Focus moving to the chat
// (or a panel) does not change the offer, so the chip still names the file the person was just in; closing that
// file's last tab withdraws it. The chat is told each change; a click attaches through Add File to Chat's path.
import * as vscode from 'vscode';
import type { ActiveFile } from '../../shared/protocol';
import { Disposable } from '../../shared/disposable';
import { fileLabel } from './readAttachedFile';

/** Documents that are files a person would attach: on disk (local or remote) or an unsaved untitled buffer. */
const offeredSchemes: ReadonlySet<string> = new Set(['file', 'untitled', 'vscode-remote']);

export class ActiveFileOffer extends Disposable {
  private offered: vscode.Uri | undefined;

  /** `post` tells the chat view the new offer (ChatView.post: dropped while the view is closed, replayed in its state). */
  constructor(private readonly post: (file: ActiveFile | undefined) => void) {
    super();
    this.offer(vscode.window.activeTextEditor);
    this.register(vscode.window.onDidChangeActiveTextEditor((editor) => this.offer(editor)));
    this.register(vscode.window.tabGroups.onDidChangeTabs(() => this.withdrawIfClosed()));
  }

  /** The offer as the chat shows it: the file's label, nothing else. */
  current(): ActiveFile | undefined {
    return this.offered ? { path: fileLabel(this.offered) } : undefined;
  }

  /** The file the chip stands for, read when the person clicks it. */
  get uri(): vscode.Uri | undefined {
    return this.offered;
  }

  private offer(editor: vscode.TextEditor | undefined): void {
    // `undefined` is focus moving to the chat, a panel or a non-text editor: keep offering the last file.
    if (!editor || !offeredSchemes.has(editor.document.uri.scheme)) {
      return;
    }
    if (this.offered?.toString() === editor.document.uri.toString()) {
      return;
    }
    this.offered = editor.document.uri;
    this.post(this.current());
  }

  private withdrawIfClosed(): void {
    const offered = this.offered?.toString();
    if (offered === undefined) {
      return;
    }
    const stillOpen = vscode.window.tabGroups.all.some((group) =>
      group.tabs.some((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === offered),
    );
    if (!stillOpen) {
      // Another file editor that is still visible takes over; else there is nothing to offer.
      this.offered = undefined;
      const next = vscode.window.activeTextEditor;
      if (next && offeredSchemes.has(next.document.uri.scheme)) {
        this.offered = next.document.uri;
      }
      this.post(this.current());
    }
  }
}
