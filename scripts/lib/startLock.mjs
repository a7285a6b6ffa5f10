// One `npm start` at a time per cache: a second one reads who holds the lock and says where that one runs,
// instead of starting another code-server beside it. A lock left by a process that died is taken over.
import fs from 'node:fs';
import path from 'node:path';

/**
 * @param {string} file the lock file (JSON: pid, and the URL once known)
 * @returns {{ ok: true, update: (fields: object) => void, release: () => void } | { ok: false, holder: { pid: number, url?: string } }}
 */
export function acquireStartLock(file) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      // 'wx' fails when the file exists: of two starts racing, exactly one creates it.
      fs.writeFileSync(file, JSON.stringify({ pid: process.pid }), { flag: 'wx' });
      return {
        ok: true,
        update: (fields) => fs.writeFileSync(file, JSON.stringify({ pid: process.pid, ...fields })),
        release: () => {
          if (readHolder(file)?.pid === process.pid) fs.rmSync(file, { force: true });
        },
      };
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      const holder = readHolder(file);
      if (holder && isAlive(holder.pid)) return { ok: false, holder };
      // Dead holder, or a half-written file from a crash: take it over.
      fs.rmSync(file, { force: true });
    }
  }
  throw new Error(`could not take the lock ${file}`);
}

function readHolder(file) {
  try {
    const holder = JSON.parse(fs.readFileSync(file, 'utf8'));
    return Number.isInteger(holder.pid) && holder.pid > 0 ? holder : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}
