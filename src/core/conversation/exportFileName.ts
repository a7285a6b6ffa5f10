// The file name Export Chat as Markdown proposes for a conversation: its title made safe as a file name on
// every system a chat may be exported on (the same history folder can be synced between Windows, macOS and Linux).

/** Characters no file name may hold on Windows (the strictest of the three), plus control characters. */
const forbidden = /[\\/:*?"<>|\u0000-\u001f\u007f]+/g;
/** Names Windows keeps for devices, with or without an extension ("con.md" cannot be created either). */
const reservedOnWindows = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])$/i;
const maxLength = 80;
const fallback = 'chat';

/** `title` as a file name with the `.md` extension: "Fix: a/b?" gives "Fix a b.md"; an empty or unusable title gives "chat.md". */
export function markdownFileName(title: string): string {
  return `${safeBaseName(title)}.md`;
}

function safeBaseName(title: string): string {
  const spaced = title.replace(forbidden, ' ').replace(/\s+/g, ' ');
  // Cut by code points so an emoji is never split in half, then drop what Windows strips from a name's end.
  const cut = Array.from(spaced.trim()).slice(0, maxLength).join('');
  const base = cut.replace(/[\s.]+$/, '');
  return base === '' || reservedOnWindows.test(base) ? fallback : base;
}
