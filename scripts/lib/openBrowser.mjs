// Opens a URL in the person's browser when there is one; stays quiet when there is not (a server, CI, SSH).
import { spawn } from 'node:child_process';

export function openInBrowser(url) {
  const command = openerFor(process.platform, process.env);
  if (!command) return false;
  try {
    const child = spawn(command[0], [...command.slice(1), url], { detached: true, stdio: 'ignore' });
    child.on('error', () => {});
    child.unref();
    return true;
  } catch {
    return false;
  }
}

function openerFor(platform, env) {
  if (platform === 'darwin') return ['open'];
  if (platform === 'win32') return ['cmd', '/c', 'start', '""'];
  // Without a display nothing could show the page; xdg-open would pick a text browser or fail loudly.
  if (!env.DISPLAY && !env.WAYLAND_DISPLAY) return undefined;
  return ['xdg-open'];
}
