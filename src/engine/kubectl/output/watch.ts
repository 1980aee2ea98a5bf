/**
 * `kubectl get -w` / `--watch-only`. Run by `Cluster.stream` it keeps watching until cancelled (see follow.ts); otherwise bounded: print the current state, then let virtual time run (in
 * one-second steps) for the request timeout — 30 virtual seconds when none is given — printing a row for
 * every watch event on the watched objects, as kubectl does (header once, columns kept aligned).
 */
import type { KubeObject } from '../../api/types.ts';
import { toTable } from '../printers/registry.ts';
import { TablePrinter } from '../printers/tableprinter.ts';
import { TabWriter } from '../printers/tabwriter.ts';
import type { KubectlContext } from '../command.ts';
import { formatError, KubectlError } from '../errors.ts';
import { parseGoDuration, type ParsedArgs } from '../flags.ts';
import type { ResourceResult } from '../resources.ts';
import { parseSelectors } from '../selector.ts';
import { defaultFieldLabels } from '../../util/selectors.ts';
import { tableOptions, type HumanOptions } from './human.ts';
import { printGeneric, type OutputSpec } from './printflags.ts';
import { claimFollow } from '../follow.ts';

/** Virtual time a watch runs when no --request-timeout is given. */
export const defaultWatchMs = 30_000;

export function runWatch(ctx: KubectlContext, args: ParsedArgs, spec: OutputSpec, r: ResourceResult, o: HumanOptions): number {
  const types = new Set(r.infos.map((i) => i.rt));
  if (types.size > 1) throw new KubectlError('you may only specify a single resource type');
  if (r.errors.length > 0) {
    if (args.bool('ignore-not-found')) return 0;
    ctx.err(formatError(r.errors[0]));
    return 1;
  }
  const info = r.infos[0];
  if (!info) return 0;
  const rt = info.rt;
  const watchOnly = args.bool('watch-only');
  const names = info.isList ? undefined : new Set(r.infos.map((i) => i.objects[0]?.metadata.name));
  const ns = info.namespace;
  const { label: ls, field: fs } = parseSelectors(rt, args.str('selector'), args.str('field-selector'));

  let emit = (t: string) => ctx.out(t);
  const w = new TabWriter((t) => emit(t));
  const printer = new TablePrinter(tableOptions(rt, o, false));
  let first = true;
  const print = (objs: KubeObject[]) => {
    if (spec.kind === 'table') {
      printer.print(toTable(rt.kind, objs, ctx.rt.clock.nowUnixMs()), w);
      w.flush();
      return;
    }
    for (const obj of objs) {
      let text = printGeneric(spec, obj as Record<string, unknown>, () => rt.group, o.noHeaders);
      if (spec.kind === 'yaml' && !first) text = '---\n' + text;
      first = false;
      emit(text);
    }
  };
  if (!watchOnly) print(r.infos.flatMap((i) => i.objects));

  const matches = (obj: KubeObject) => {
    if (ns && obj.metadata.namespace !== ns) return false;
    if (names && !names.has(obj.metadata.name)) return false;
    if (ls && !ls.matches(obj.metadata.labels ?? {})) return false;
    if (fs && !fs.matches(obj, rt.fieldLabels ?? defaultFieldLabels)) return false;
    return true;
  };
  const timeout = parseGoDuration(args.str('request-timeout') || '0');
  const unsubscribe = ctx.rt.store.watch((ev) => {
    if (ev.resource !== rt.plural || !matches(ev.object)) return;
    print([ev.object]);
  });
  // Streamed (the terminal's live `get -w`): keep watching until Ctrl+C or the request timeout.
  const slot = claimFollow(ctx.rt);
  if (slot) {
    emit = slot.out;
    const clock = ctx.rt.clock;
    const timer = timeout && timeout > 0 ? clock.schedule(() => (unsubscribe(), slot.end(0)), timeout, { background: true, label: 'kubectl get --watch timeout' }) : undefined;
    slot.hold(() => {
      clock.cancel(timer);
      unsubscribe();
    });
    return 0;
  }
  try {
    const total = timeout && timeout > 0 ? timeout : defaultWatchMs;
    for (let elapsed = 0; elapsed < total; elapsed += 1000) ctx.rt.advance(Math.min(1000, total - elapsed));
  } finally {
    unsubscribe();
  }
  return 0;
}
