// Watch: a chunked stream of JSON watch events ({"type":..., "object":...}) for one resource, starting from a
// resourceVersion (events still in the store's history) or from the current state (synthetic ADDED events),
// with label/field selectors, bookmarks and timeoutSeconds.
import type { ServerResponse } from 'node:http';
import { StatusError, type KubeObject } from '../engine/api/types.ts';
import { resourceAttributes, forbiddenError } from '../engine/auth/attributes.ts';
import { authService } from '../engine/auth/service.ts';
import type { StoreEvent } from '../engine/store/store.ts';
import { defaultFieldLabels } from '../engine/util/selectors.ts';
import { jsonOf, listOptions } from './resources.ts';
import type { ApiRequest, ResourcePath } from './request.ts';
import { failure } from './status.ts';
import { buildTable, wantsTable, type IncludeObject } from './table.ts';

export interface WatchHandle {
  close(): void;
}

/** How often a watch that allows bookmarks gets one (wall-clock ms). */
export const BOOKMARK_INTERVAL_MS = 10_000;

/** True when the request is a watch: `?watch=1|true` on a collection (or a named object, as field selector). */
export function isWatch(q: URLSearchParams): boolean {
  const w = q.get('watch');
  return w === '1' || w === 'true';
}

/**
 * Start a watch on `res`. The first chunk is written at once; events follow as the store changes. Returns a
 * handle the server closes on shutdown.
 */
export function startWatch(req: ApiRequest, p: ResourcePath, res: ServerResponse, onClose: () => void): WatchHandle {
  const { rt } = p;
  const auth = authService(req.rt);
  const attrs = resourceAttributes(req.user, 'watch', rt.group, rt.plural, p.namespace ?? '', p.name ?? '');
  const d = auth.authorize(attrs);
  if (!d.allowed) throw forbiddenError(attrs, d.reason);
  const opts = listOptions(req.query);
  if (p.name) opts.fieldSelector = undefined;
  const fieldLabels = rt.fieldLabels ?? defaultFieldLabels;
  for (const t of opts.fieldSelector?.terms ?? []) {
    if (!(t.field in fieldLabels)) throw new StatusError(400, 'BadRequest', `field label not supported: ${t.field}`);
  }
  const matches = (o: KubeObject | undefined): boolean => {
    if (!o) return false;
    if (p.namespace && rt.namespaced && o.metadata.namespace !== p.namespace) return false;
    if (p.name && o.metadata.name !== p.name) return false;
    if (opts.labelSelector && !opts.labelSelector.matches(o.metadata.labels ?? {})) return false;
    if (opts.fieldSelector && !opts.fieldSelector.matches(o, fieldLabels)) return false;
    return true;
  };
  const store = req.rt.store;
  const rvParam = req.query.get('resourceVersion') ?? '';
  let backlog: StoreEvent[] | undefined = [];
  let initial: KubeObject[] = [];
  if (rvParam === '' || rvParam === '0' || req.query.get('sendInitialEvents') === 'true') {
    initial = store.list(rt.plural, rt.namespaced ? p.namespace : undefined).filter(matches);
  }
  if (rvParam !== '' && rvParam !== '0') {
    const n = Number(rvParam);
    if (!Number.isInteger(n) || n < 0) throw new StatusError(400, 'BadRequest', `invalid resource version: ${rvParam}`);
    backlog = store.eventsSince(n);
  }

  const table = wantsTable(req.accept);
  const include = (req.query.get('includeObject') ?? 'PartialObjectMetadata') as IncludeObject;
  const render = (o: KubeObject): unknown =>
    table ? buildTable(rt.kind, [o], req.rt.clock.nowUnixMs(), include, table, { resourceVersion: o.metadata.resourceVersion }) : o;

  res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked' });
  res.flushHeaders();
  const send = (type: string, object: unknown) =>
    res.write(table ? JSON.stringify({ type, object }) + '\n' : `{"type":"${type}","object":${jsonOf(object as KubeObject)}}\n`);
  let closed = false;
  const timers: Array<ReturnType<typeof setTimeout>> = [];
  let unsubscribe = () => {};
  const close = () => {
    if (closed) return;
    closed = true;
    unsubscribe();
    for (const t of timers) clearTimeout(t);
    res.end();
    onClose();
  };
  res.on('close', close);

  if (backlog === undefined) {
    const oldest = Number(rvParam);
    send('ERROR', failure(410, 'Expired', `too old resource version: ${oldest} (${store.currentRevision()})`));
    close();
    return { close };
  }
  for (const o of initial) send('ADDED', render(o));
  // Runs inside the engine's store writes: it must never throw into them; a watch that cannot render closes.
  const forward = (ev: Pick<StoreEvent, 'type' | 'resource' | 'object' | 'oldObject'>) => {
    try {
      deliver(ev);
    } catch {
      close();
    }
  };
  const deliver = (ev: Pick<StoreEvent, 'type' | 'resource' | 'object' | 'oldObject'>) => {
    if (closed || ev.resource !== rt.plural) return;
    const now = matches(ev.object);
    if (ev.type === 'DELETED') {
      if (now) send('DELETED', render(ev.object));
      return;
    }
    const before = ev.type === 'MODIFIED' && ev.oldObject !== undefined ? matches(ev.oldObject) : undefined;
    if (now) send(before === false ? 'ADDED' : ev.type, render(ev.object));
    else if (before) send('DELETED', render(ev.object));
  };
  for (const ev of backlog) forward({ ...ev, oldObject: undefined });
  if (req.query.get('sendInitialEvents') === 'true' && req.query.get('allowWatchBookmarks') === 'true') {
    send('BOOKMARK', { kind: rt.kind, apiVersion: rt.group ? `${rt.group}/${rt.version}` : rt.version, metadata: { resourceVersion: String(store.currentRevision()), annotations: { 'k8s.io/initial-events-end': 'true' } } });
  }
  unsubscribe = store.watch(forward);
  if (req.query.get('allowWatchBookmarks') === 'true') {
    const tick = () => {
      if (closed) return;
      send('BOOKMARK', { kind: rt.kind, apiVersion: rt.group ? `${rt.group}/${rt.version}` : rt.version, metadata: { resourceVersion: String(store.currentRevision()) } });
      timers.push(setTimeout(tick, BOOKMARK_INTERVAL_MS));
    };
    timers.push(setTimeout(tick, BOOKMARK_INTERVAL_MS));
  }
  const timeout = Number(req.query.get('timeoutSeconds') ?? '0');
  if (timeout > 0) timers.push(setTimeout(close, timeout * 1000));
  return { close };
}
