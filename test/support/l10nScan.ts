// Reads the extension's sources with the TypeScript parser to find (a) every message key passed to t() or
// vscode.l10n.t() and (b) literals a person would read that reach the UI without going through either.
// Used by test/unit/l10n*.test.ts; see docs/architecture.md#languages.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export const repoRoot = path.resolve(__dirname, '..', '..');

export interface Found {
  readonly file: string;
  readonly line: number;
  readonly text: string;
}

export function sourceFiles(folder = 'src'): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        walk(full);
      } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) {
        out.push(full);
      }
    }
  };
  walk(path.join(repoRoot, folder));
  return out.sort();
}

const parsed = new Map<string, ts.SourceFile>();

function parse(file: string): ts.SourceFile {
  let source = parsed.get(file);
  if (!source) {
    source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    parsed.set(file, source);
  }
  return source;
}

function where(source: ts.SourceFile, node: ts.Node): { file: string; line: number } {
  return { file: path.relative(repoRoot, source.fileName), line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1 };
}

/** `t(...)` or `l10n.t(...)` / `vscode.l10n.t(...)`. */
export function isTranslateCall(node: ts.Node): boolean {
  if (!ts.isCallExpression(node)) {
    return false;
  }
  const callee = node.expression;
  if (ts.isIdentifier(callee)) {
    return callee.text === 't';
  }
  return (
    ts.isPropertyAccessExpression(callee) &&
    callee.name.text === 't' &&
    ts.isPropertyAccessExpression(callee.expression) &&
    callee.expression.name.text === 'l10n'
  );
}

function literalText(node: ts.Node): string | undefined {
  return ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) ? node.text : undefined;
}

export interface KeyScan {
  readonly keys: Found[];
  /** t() calls whose message is not a literal: their key cannot be checked. */
  readonly dynamic: Found[];
}

/** Every key passed to t()/l10n.t() in the files. */
export function translationKeys(files: readonly string[]): KeyScan {
  const keys: Found[] = [];
  const dynamic: Found[] = [];
  for (const file of files) {
    const source = parse(file);
    const visit = (node: ts.Node) => {
      if (ts.isCallExpression(node) && isTranslateCall(node) && node.arguments.length > 0) {
        const text = literalText(node.arguments[0]);
        if (text === undefined) {
          dynamic.push({ ...where(source, node), text: node.arguments[0].getText(source) });
        } else {
          keys.push({ ...where(source, node), text });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { keys, dynamic };
}

/** Properties whose value a person reads: VS Code's UI options and the webview's element options. */
const READ_PROPERTIES = new Set([
  'title',
  'placeholder',
  'placeHolder',
  'prompt',
  'detail',
  'tooltip',
  'text',
  'label',
  'description',
  'message',
  'aria-label',
  'ariaLabel',
  'validationMessage',
  'openLabel',
  'saveLabel',
]);
/** Assignments to these properties show their value: `element.textContent = ...`, `quickPick.title = ...`. */
const READ_ASSIGNMENTS = new Set([
  'textContent',
  'innerText',
  'title',
  'placeholder',
  'placeHolder',
  'prompt',
  'tooltip',
  'text',
  'description',
  'detail',
  'label',
  'ariaLabel',
  'validationMessage',
]);
const READ_ATTRIBUTES = new Set(['aria-label', 'title', 'placeholder', 'alt', 'data-feedback']);
const MESSAGE_CALLS = new Set(['showInformationMessage', 'showWarningMessage', 'showErrorMessage', 'setStatusBarMessage']);
/** Webview helpers whose first argument is a visible label (`button(doc, label, ...)` takes it second). */
const LABEL_ARGUMENT: Readonly<Record<string, number>> = { button: 1 };

/**
 * Text a person would read: words with a space between them, or a capitalised word ("Retry"), once codicons
 * (`$(key)`) and `${...}` holes are taken out. Single lowercase tokens are ids and values ('plaintext', 'auto').
 */
function hasWords(text: string): boolean {
  const bare = text.replace(/\$\([\w-]+\)/g, '').trim();
  return /[A-Za-z]{2,}/.test(bare) && (/\s/.test(bare) || /^[^a-z]*[A-Z]/.test(bare));
}

/** The literal pieces of an expression that would be shown as they are (t() calls are fine and not entered). */
function shownLiterals(node: ts.Expression): ts.Node[] {
  if (isTranslateCall(node)) {
    return [];
  }
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
    return hasWords(node.text) ? [node] : [];
  }
  if (ts.isTemplateExpression(node)) {
    const text = node.head.text + node.templateSpans.map((span) => span.literal.text).join(' ');
    return hasWords(text) ? [node] : node.templateSpans.flatMap((span) => shownLiterals(span.expression));
  }
  if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node)) {
    return shownLiterals(node.expression);
  }
  if (ts.isConditionalExpression(node)) {
    return [...shownLiterals(node.whenTrue), ...shownLiterals(node.whenFalse)];
  }
  if (
    ts.isBinaryExpression(node) &&
    [ts.SyntaxKind.PlusToken, ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken].includes(node.operatorToken.kind)
  ) {
    return [...shownLiterals(node.left), ...shownLiterals(node.right)];
  }
  return [];
}

function propertyName(name: ts.PropertyName): string | undefined {
  return ts.isIdentifier(name) || ts.isStringLiteral(name) ? name.text : undefined;
}

function calleeName(call: ts.CallExpression): string | undefined {
  const callee = call.expression;
  if (ts.isIdentifier(callee)) {
    return callee.text;
  }
  return ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
}

/** Literals that reach the person without t(): the file and line of each. */
export function bypassingLiterals(files: readonly string[]): Found[] {
  const found: Found[] = [];
  for (const file of files) {
    const source = parse(file);
    // `const retry = 'Enter Another Key'` then showErrorMessage(message, retry): the button label is the constant.
    const constants = new Map<string, ts.Expression>();
    const collect = (node: ts.Node) => {
      if (
        ts.isVariableDeclaration(node) &&
        ts.isIdentifier(node.name) &&
        node.initializer &&
        ts.isVariableDeclarationList(node.parent) &&
        node.parent.flags & ts.NodeFlags.Const
      ) {
        constants.set(node.name.text, node.initializer);
      }
      ts.forEachChild(node, collect);
    };
    collect(source);
    const shown = (node: ts.Expression): ts.Node[] => {
      const constant = ts.isIdentifier(node) ? constants.get(node.text) : undefined;
      return shownLiterals(constant ?? node);
    };
    const report = (nodes: ts.Node[]) => nodes.forEach((node) => found.push({ ...where(source, node), text: node.getText(source) }));
    const visit = (node: ts.Node) => {
      if (ts.isPropertyAssignment(node)) {
        const name = propertyName(node.name);
        if (name && READ_PROPERTIES.has(name)) {
          report(shown(node.initializer));
        }
      } else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(node.left)) {
        if (READ_ASSIGNMENTS.has(node.left.name.text)) {
          report(shown(node.right));
        }
      } else if (ts.isCallExpression(node) && !isTranslateCall(node)) {
        const name = calleeName(node);
        if (name && MESSAGE_CALLS.has(name)) {
          // The message and every button label; option objects are visited as property assignments.
          report(node.arguments.flatMap((arg) => shown(arg)));
        } else if (name === 'setAttribute' && node.arguments.length === 2) {
          const attribute = literalText(node.arguments[0]);
          if (attribute && READ_ATTRIBUTES.has(attribute)) {
            report(shown(node.arguments[1]));
          }
        } else if (name && name in LABEL_ARGUMENT && node.arguments.length > LABEL_ARGUMENT[name]) {
          report(shown(node.arguments[LABEL_ARGUMENT[name]]));
        } else if (name === 'appendData' || name === 'createTextNode') {
          report(node.arguments.flatMap((arg) => shownLiterals(arg)));
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}
