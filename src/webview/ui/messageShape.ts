// The webview's gate for what the host posts: the shared schema checks every field, so a malformed message
// is dropped instead of half-rendered.
import { parseHostToWebview, type HostToWebview } from '../../shared/protocol';

/** The message, typed, if it is one the UI can trust; otherwise undefined (junk is ignored, not thrown). */
export function parseHostMessage(data: unknown): HostToWebview | undefined {
  const parsed = parseHostToWebview(data);
  return parsed.ok ? parsed.value : undefined;
}
