/**
 * Human-readable `kubectl get` output for resolved resources (get.go's Run loop): one table per resource
 * type through a shared tab writer, `kind.group/name` names when several kinds are printed, a blank line
 * between types, NAMESPACE with -A, and the "No resources found" notice on stderr.
 */
import type { ResourceType } from '../../api/types.ts';
import '../printers/index.ts';
import { tableHandlerFor } from '../printers/registry.ts';
import { TablePrinter, type TablePrintOptions } from '../printers/tableprinter.ts';
import { TabWriter } from '../printers/tabwriter.ts';
import type { ResourceInfo } from '../resources.ts';
import { sortByField } from './sort.ts';

export interface HumanOptions {
  wide: boolean;
  noHeaders: boolean;
  showLabels: boolean;
  showKind: boolean;
  columnLabels: string[];
  allNamespaces: boolean;
  sortBy: string;
}

export function kindLabel(rt: Pick<ResourceType, 'kind' | 'group'>): string {
  return rt.group ? `${rt.kind.toLowerCase()}.${rt.group}` : rt.kind.toLowerCase();
}

export function tableOptions(rt: ResourceType, o: HumanOptions, withKind: boolean): TablePrintOptions {
  return {
    wide: o.wide,
    noHeaders: o.noHeaders,
    withNamespace: o.allNamespaces && rt.namespaced,
    withKind: withKind || o.showKind ? kindLabel(rt) : undefined,
    showLabels: o.showLabels,
    columnLabels: o.columnLabels,
  };
}

/**
 * Print infos as tables. Returns the text written to stdout (empty when nothing printed, in which case the
 * caller prints the "No resources found" notice if there were no errors).
 */
export function printHuman(infos: ResourceInfo[], o: HumanOptions, nowMs: number): string {
  let out = '';
  let written = 0;
  let separatorReady = false;
  const sink = (t: string) => {
    if (t.length === 0) return;
    if (separatorReady) {
      out += '\n';
      written += 1;
      separatorReady = false;
    }
    out += t;
    written += t.length;
  };
  const w = new TabWriter(sink);
  const withKind = infos.length > 1 && infos.some((i) => i.rt !== infos[0].rt);
  let printer: TablePrinter | undefined;
  let last: ResourceType | undefined;
  for (const info of infos) {
    if (!printer || last !== info.rt) {
      w.flush();
      w.setRememberedWidths(null);
      if (last && !o.noHeaders && written > 0) separatorReady = true;
      printer = new TablePrinter(tableOptions(info.rt, o, withKind));
      last = info.rt;
    }
    const objects = o.sortBy ? sortByField(info.objects, o.sortBy, (x) => x) : info.objects;
    printer.printObjects(tableHandlerFor(info.rt.kind), objects, nowMs, w);
  }
  w.flush();
  return out;
}
