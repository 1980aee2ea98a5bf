import type { IDisposable, ILink, ILinkProvider } from '@xterm/xterm';
import type { ClusterSource } from '../state/clusterSource.ts';
import type { ObjRef } from '../state/uiStore.ts';
import { nameIndex, objectLinks, type NameIndex } from './links.ts';

/** The part of an xterm Terminal the link provider needs. */
export interface LinkableTerminal {
  registerLinkProvider(provider: ILinkProvider): IDisposable;
  buffer: { active: { getLine(y: number): { translateToString(trim?: boolean): string } | undefined } };
}

/**
 * Make object names in terminal output clickable (xterm link provider): clicking one selects the object,
 * as clicking it in the graph or the events list does. Names resolve against the live snapshot.
 */
export function registerObjectLinks(term: LinkableTerminal, source: ClusterSource, onSelect: (ref: ObjRef) => void): () => void {
  let cached: { version: number; names: NameIndex } | undefined;
  const names = (): NameIndex => {
    const snap = source.getSnapshot();
    if (!cached || cached.version !== snap.version) cached = { version: snap.version, names: nameIndex(snap.byKind) };
    return cached.names;
  };
  const d = term.registerLinkProvider({
    provideLinks(y, callback) {
      const text = term.buffer.active.getLine(y - 1)?.translateToString(true) ?? '';
      const links: ILink[] = objectLinks(text, names()).map((l) => ({
        range: { start: { x: l.start + 1, y }, end: { x: l.end, y } },
        text: text.slice(l.start, l.end),
        decorations: { pointerCursor: true, underline: true },
        activate: () => onSelect(l.ref),
      }));
      callback(links.length ? links : undefined);
    },
  });
  return () => d.dispose();
}
