// The answer shapes that cost a streaming markdown renderer the most: one giant open block of each kind, the
// hostile nested list, and a long mixed answer. Used by the benchmark (bench/page.ts) at full size and by the
// equivalence tests at a smaller one. Deterministic: same size, same text.
import { generateLongAnswer } from './markdownCorpus';

export type ShapeName = 'code' | 'table' | 'paragraph' | 'nestedList' | 'mixed' | 'list' | 'quote';

function repeatUntil(length: number, line: (i: number) => string, separator = '\n'): string {
  const lines: string[] = [];
  let total = 0;
  for (let i = 0; total < length; i++) {
    const next = line(i);
    lines.push(next);
    total += next.length + separator.length;
  }
  return lines.join(separator);
}

/** One fenced TypeScript block of about `length` characters: "write the whole file". */
export function giantCodeBlock(length: number): string {
  const body = repeatUntil(length, (i) =>
    i % 40 === 0
      ? `/**\n * Handler ${i}: answers with the item, or \`404\` when it is missing.\n */`
      : `  export function handle${i}(request: Request): Response { return new Response(\`item \${${i}}\`, { status: ${200 + (i % 5)} }); } // ${i}`,
  );
  return `Here is the whole file:\n\n\`\`\`ts\n${body}\n\`\`\`\n`;
}

/** A table of `rows` rows with inline markup in its cells. */
export function giantTable(rows: number): string {
  const body = Array.from({ length: rows }, (_, i) => `| ${i} | name ${i} | **${i % 7}** | \`code ${i}\` | *${i % 3 ? 'yes' : 'no'}* |`).join('\n');
  return `| # | Name | Weight | Code | Flag |\n|---:|---|:-:|---|---|\n${body}\n`;
}

/** One paragraph of about `length` characters: many lines, no blank line, inline markup throughout. */
export function giantParagraph(length: number): string {
  return `${repeatUntil(length, (i) => `Sentence ${i} goes on with *emphasis*, \`code ${i}\`, a [link](https://example.com/${i}) and **strong** words.`)}\n`;
}

/** A tight list of about `length` characters. */
export function giantList(length: number): string {
  return `${repeatUntil(length, (i) => `- item ${i} with *emphasis* and \`code ${i}\``)}\n`;
}

/** A blockquote of about `length` characters, no blank line. */
export function giantQuote(length: number): string {
  return `${repeatUntil(length, (i) => `> quoted line ${i} with *emphasis* and \`code\`.`)}\n`;
}

/** "1. " repeated: ordered lists nested `depth` deep on one line. */
export function nestedOrderedList(depth: number): string {
  return '1. '.repeat(depth);
}

export function shapeText(name: ShapeName, size: number): string {
  switch (name) {
    case 'code':
      return giantCodeBlock(size);
    case 'table':
      return giantTable(size);
    case 'paragraph':
      return giantParagraph(size);
    case 'nestedList':
      return nestedOrderedList(size);
    case 'list':
      return giantList(size);
    case 'quote':
      return giantQuote(size);
    case 'mixed':
      return generateLongAnswer(size, 11);
  }
}
