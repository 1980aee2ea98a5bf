import type { PanelName } from '../layout/Workspace.tsx';

/** What an embedding page asks for in the iframe's query: `?embed=1&lesson=…&panels=terminal,graph&theme=light&allowedOrigins=…`. */
export interface EmbedOptions {
  panels: PanelName[];
  theme?: 'dark' | 'light';
  /** Origins whose postMessage requests are answered (exact `scheme://host[:port]`, never `*`). */
  allowedOrigins: string[];
}

const PANELS: readonly PanelName[] = ['graph', 'terminal', 'editor', 'events', 'inspector'];
export const DEFAULT_EMBED_PANELS: PanelName[] = ['terminal', 'graph'];

/** An origin as `new URL(x).origin` spells it, or undefined for anything else (`*`, paths, `null`, other schemes). */
export function normalizeOrigin(raw: string): string | undefined {
  try {
    const u = new URL(raw.trim());
    if (u.protocol !== 'https:' && u.protocol !== 'http:') return undefined;
    if (u.pathname !== '/' || u.search || u.hash || u.username || u.password) return undefined;
    return u.origin;
  } catch {
    return undefined;
  }
}

/** Embed options from a query string; undefined when the page is not embedded (`embed` absent). */
export function parseEmbedOptions(search: string): EmbedOptions | undefined {
  const p = new URLSearchParams(search);
  if (!p.has('embed')) return undefined;
  const panels = (p.get('panels') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s): s is PanelName => (PANELS as readonly string[]).includes(s));
  const theme = p.get('theme');
  const allowedOrigins = [...new Set((p.get('allowedOrigins') ?? '').split(',').map(normalizeOrigin).filter((o): o is string => o !== undefined))];
  return { panels: panels.length ? [...new Set(panels)] : DEFAULT_EMBED_PANELS, theme: theme === 'light' || theme === 'dark' ? theme : undefined, allowedOrigins };
}
