// One output channel ("CometAPI") for the extension; every line passes through secret redaction first, with the
// real key (handed over by the key manager whenever it reads or stores one) masked in every spelling.
import * as vscode from 'vscode';
import { redactSecrets } from '../core/errors/redact';
import { Disposable } from '../shared/disposable';

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  /** A secret to mask from now on, in every line (the API key, as soon as it is known). */
  addSecret?(secret: string): void;
}

/** Keys seen this session: a line about the previous key, logged after it was replaced, is masked too. */
const maxRememberedSecrets = 8;

export class OutputLogger extends Disposable implements Logger {
  private readonly channel = this.register(vscode.window.createOutputChannel('CometAPI', { log: true }));
  private secrets: string[] = [];

  info(message: string): void {
    this.channel.info(this.redact(message));
  }

  warn(message: string): void {
    this.channel.warn(this.redact(message));
  }

  error(message: string): void {
    this.channel.error(this.redact(message));
  }

  addSecret(secret: string): void {
    const trimmed = secret.trim();
    if (trimmed && !this.secrets.includes(trimmed)) {
      this.secrets = [trimmed, ...this.secrets].slice(0, maxRememberedSecrets);
    }
  }

  /** What a person may see of `text`: also for error text shown outside the log. */
  redact(text: string): string {
    return redactSecrets(text, this.secrets);
  }

  show(): void {
    this.channel.show(true);
  }
}
