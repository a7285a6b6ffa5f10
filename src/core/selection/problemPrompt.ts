// "Fix with CometAPI" and "Explain with CometAPI" on a problem (a diagnostic) in the editor: which diagnostics
// and lines belong to the problem, the code around it, and the instruction the model reads. Pure: the host's
// code action provider reads the document and the diagnostics, this decides what is sent.
import type { CodeContext } from '../../shared/conversation';
import { formatCount, formatLineRange } from '../../shared/selectionText';
import { buildContext } from './selectionPrompt';

export type ProblemAction = 'fix' | 'explain';

export type ProblemSeverity = 'error' | 'warning' | 'information' | 'hint';

/** One diagnostic as the model is told about it. Lines and columns are 1-based. */
export interface ProblemFact {
  readonly message: string;
  readonly severity: ProblemSeverity;
  readonly startLine: number;
  readonly startColumn: number;
  readonly endLine: number;
  /** Who reported it ("ts", "eslint"), when the language says. */
  readonly source?: string;
  /** Its code ("2322", "no-unused-vars"), when the language says. */
  readonly code?: string;
}

/** Lines of code sent above and below the problem, so the model sees the declarations and calls around it. */
export const PROBLEM_WINDOW_RADIUS = 10;

/** Every diagnostic touching `line` (1-based), in the order of their position, and the lines they span together. */
export function problemsOnLine(facts: readonly ProblemFact[], line: number): (LineSpan & { readonly problems: readonly ProblemFact[] }) | undefined {
  const problems = facts
    .filter((fact) => fact.startLine <= line && line <= Math.max(fact.startLine, fact.endLine))
    .sort((a, b) => a.startLine - b.startLine || a.startColumn - b.startColumn);
  if (problems.length === 0) {
    return undefined;
  }
  return {
    problems,
    startLine: Math.min(...problems.map((p) => p.startLine)),
    endLine: Math.max(...problems.map((p) => Math.max(p.startLine, p.endLine))),
  };
}

/** The lines to send around the problem's lines (1-based, inclusive), clipped to the document. */
export function problemWindow(startLine: number, endLine: number, lineCount: number, radius = PROBLEM_WINDOW_RADIUS): LineSpan {
  const last = Math.max(1, lineCount);
  return { startLine: Math.max(1, startLine - radius), endLine: Math.min(last, Math.max(startLine, endLine) + radius) };
}

/** One diagnostic as a list item: "error TS2322 (ts) at line 7, column 7: Type … is not assignable …". */
export function describeProblem(fact: ProblemFact): string {
  const code = fact.code === undefined || fact.code === '' ? '' : ` ${fact.code}`;
  const source = fact.source === undefined || fact.source === '' ? '' : ` (${fact.source})`;
  // Compilers write multi-line messages (TypeScript's "Type A is not assignable… / Property x is missing…");
  // indenting the rest keeps each message one list item.
  const message = fact.message.trim().replace(/\r\n?/g, '\n').replace(/\n/g, '\n  ');
  return `- ${fact.severity}${code}${source} at line ${formatCount(fact.startLine)}, column ${formatCount(fact.startColumn)}: ${message}`;
}

/**
 * The instruction sent with the code: what to do about the problem, and every diagnostic on its lines. A fix
 * asks for `target` (the lines Replace Selection will replace) back in one code block.
 */
export function problemInstruction(action: ProblemAction, path: string, problem: LineSpan, target: LineSpan, problems: readonly ProblemFact[]): string {
  const where = formatLineRange(problem.startLine, problem.endLine);
  const list = problems.map(describeProblem).join('\n');
  const count = problems.length === 1 ? 'this problem' : `these ${problems.length} problems`;
  if (action === 'explain') {
    return [`Explain ${count} reported on ${where} of ${path}: what it means, why this code causes it, and how to fix it. Be concise.`, list].join('\n');
  }
  const targetWhere = formatLineRange(target.startLine, target.endLine);
  const exactly = target.endLine > target.startLine ? 'those lines' : 'that line';
  return [
    `Fix ${count} reported on ${where} of ${path}:`,
    list,
    '',
    `Reply with the corrected ${targetWhere} in one code block that replaces exactly ${exactly} (keep their indentation), then say briefly what was wrong.`,
  ].join('\n');
}

export interface LineSpan {
  /** 1-based, inclusive. */
  readonly startLine: number;
  readonly endLine: number;
}

export interface ProblemQuestionInput {
  readonly action: ProblemAction;
  readonly path: string;
  readonly languageId: string;
  readonly uri: string;
  /** Every diagnostic on the problem's lines, from problemsOnLine. */
  readonly problems: readonly ProblemFact[];
  /** The code around the problem (whole lines), from problemWindow. */
  readonly window: LineSpan & { readonly text: string };
  /** The problem's own lines (whole lines): where Replace Selection puts the answer's code. */
  readonly problem: LineSpan & { readonly text: string };
  /** cometapi.maxContextCharacters. */
  readonly maxChars: number;
}

export type ProblemQuestion =
  { readonly ok: true; readonly text: string; readonly contexts: readonly CodeContext[] } | { readonly ok: false; readonly reason: string };

/**
 * The question to send: the instruction, then the code around the problem for reading (no uri, so Replace
 * Selection never aims at it), then the problem's lines with the document's uri, which Replace Selection
 * replaces. When the problem's lines cannot be sent on their own (a problem reported on a blank line, such as a
 * missing brace at the end), the window is the target instead. Cuts above `maxChars` are made visible as for
 * selections.
 */
export function problemQuestion(input: ProblemQuestionInput): ProblemQuestion {
  const { action, path, languageId, uri, problems, window, problem, maxChars } = input;
  const around = buildContext({ path, languageId, ...window, maxChars });
  const own = buildContext({ path, languageId, ...problem, uri, maxChars });
  const sameLines = window.startLine === problem.startLine && window.endLine === problem.endLine;
  let contexts: CodeContext[];
  if (own.ok) {
    contexts = sameLines || !around.ok ? [own.context] : [around.context, own.context];
  } else {
    const windowAsTarget = buildContext({ path, languageId, ...window, uri, maxChars });
    if (!windowAsTarget.ok) {
      return { ok: false, reason: windowAsTarget.reason };
    }
    contexts = [windowAsTarget.context];
  }
  // A target cut to fit is replaced only as far as the model saw it (Replace Selection's sentLines).
  const last = contexts[contexts.length - 1];
  const target = last ? { startLine: last.startLine, endLine: last.truncatedAtLine ?? last.endLine } : problem;
  return { ok: true, text: problemInstruction(action, path, problem, target, problems), contexts };
}
