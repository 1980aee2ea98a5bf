import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';
import { parseRecord, type LabRecord } from '../persistence/journal.ts';

/** The URL fragment parameter that carries a shared lab: `#lab=<lz-string, URI-safe>`. */
export const SHARE_PARAM = 'lab';
/** Links longer than this are refused (browsers and chat tools truncate long URLs). */
export const MAX_SHARE_CHARS = 60_000;

/**
 * A shared lab is data only: the cluster's origin and its input log, replayed through the simulated shell.
 * Nothing in it is ever evaluated as script or rendered as HTML.
 */
export function encodeShare(rec: LabRecord): string | undefined {
  const packed = compressToEncodedURIComponent(JSON.stringify({ v: rec.version, o: rec.origin, e: rec.entries.map((e) => ('run' in e ? [e.at, e.run] : 'file' in e ? [e.at, e.file, e.text] : e)), t: rec.end }));
  return packed.length > MAX_SHARE_CHARS ? undefined : packed;
}

export function decodeShare(packed: string): LabRecord | undefined {
  if (packed.length > MAX_SHARE_CHARS) return undefined;
  try {
    const text = decompressFromEncodedURIComponent(packed);
    if (!text) return undefined;
    const raw = JSON.parse(text) as { v?: unknown; o?: unknown; e?: unknown; t?: unknown };
    if (!Array.isArray(raw.e)) return undefined;
    const entries = raw.e.map((x: unknown) => {
      if (!Array.isArray(x)) return x && typeof x === 'object' ? x : undefined;
      return x.length === 2 ? { at: x[0] as unknown, run: x[1] as unknown } : { at: x[0] as unknown, file: x[1] as unknown, text: x[2] as unknown };
    });
    return parseRecord({ version: raw.v, origin: raw.o, entries, end: raw.t });
  } catch {
    return undefined;
  }
}

/** The shared lab in a location hash (`#lab=...`), if any; `invalid` when one is there but unreadable. */
export function sharedFromHash(hash: string): { record?: LabRecord; invalid?: boolean } {
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  const packed = p.get(SHARE_PARAM);
  if (packed === null) return {};
  const record = decodeShare(packed);
  return record ? { record } : { invalid: true };
}

/** The page URL that opens `rec`: the lab's origin in the query (lesson, seed, nodes), the log in the hash. */
export function shareUrl(base: string, rec: LabRecord): string | undefined {
  const packed = encodeShare(rec);
  if (!packed) return undefined;
  const url = new URL(base);
  url.search = originQuery(url.search, rec);
  url.hash = `${SHARE_PARAM}=${packed}`;
  return url.toString();
}

/** `search` with `lesson`, `seed` and `nodes` set to the record's origin (and `step` dropped). */
export function originQuery(search: string, rec: Pick<LabRecord, 'origin'>): string {
  const p = new URLSearchParams(search);
  for (const k of ['lesson', 'step', 'seed', 'nodes']) p.delete(k);
  if (rec.origin.lesson) p.set('lesson', rec.origin.lesson);
  if (rec.origin.seed !== undefined) p.set('seed', String(rec.origin.seed));
  if (rec.origin.nodes !== undefined && !rec.origin.lesson) p.set('nodes', String(rec.origin.nodes));
  const s = p.toString();
  return s ? `?${s}` : '';
}
