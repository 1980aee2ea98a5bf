import { formatLabels } from './common.ts';
import type { TabWriter } from './tabwriter.ts';
import type { Cell, ColumnDef, Table } from './types.ts';

export interface TablePrintOptions {
  wide?: boolean;
  noHeaders?: boolean;
  withNamespace?: boolean;
  /** `kind.group` in lower case (e.g. `deployment.apps`) to prefix names with, when several kinds print. */
  withKind?: string;
  showLabels?: boolean;
  /** `-L key` columns. */
  columnLabels?: string[];
}

/** formatLabelHeaders: the last path segment of each key, upper-cased. */
function labelHeaders(keys: string[]): string[] {
  return keys.map((k) => {
    const parts = k.split('/');
    return parts[parts.length - 1].toUpperCase();
  });
}

function cellText(c: Cell): string {
  if (c === null || c === undefined) return '';
  if (typeof c === 'string') {
    // Truncate at the first newline, carriage return or form feed, as printTable does.
    const i = c.search(/[\f\n\r]/);
    return i >= 0 ? c.slice(0, i) + '...' : c;
  }
  return String(c);
}

/** decorateTable: NAMESPACE first, `kind/` name prefixes, label columns last. */
function decorate(table: Table, o: TablePrintOptions): Table {
  const columns: ColumnDef[] = [];
  if (o.withNamespace) columns.push({ name: 'Namespace' });
  columns.push(...table.columns);
  for (const h of labelHeaders(o.columnLabels ?? [])) columns.push({ name: h });
  if (o.showLabels) columns.push({ name: 'Labels' });
  const nameColumn = o.withKind ? table.columns.findIndex((c) => c.isName) : -1;
  const rows = table.rows.map((r) => {
    let cells = [...r.cells];
    if (nameColumn >= 0) cells[nameColumn] = `${o.withKind}/${cellText(cells[nameColumn])}`;
    if (o.withNamespace) cells = [r.object.metadata.namespace ?? '', ...cells];
    const labels = r.object.metadata.labels ?? {};
    for (const k of o.columnLabels ?? []) cells.push(labels[k] ?? '');
    if (o.showLabels) cells.push(formatLabels(labels));
    return { cells, object: r.object };
  });
  return { columns, rows };
}

/**
 * The human-readable table printer (cli-runtime's HumanReadablePrinter for server-side Tables). One instance
 * serves one resource type; like upstream it prints the header only for the first table with rows, and
 * never for a table whose columns equal the last ones printed.
 */
export class TablePrinter {
  private lastColumns: ColumnDef[] | undefined;
  private printedHeaders = false;

  constructor(private readonly options: TablePrintOptions) {}

  print(table: Table, w: TabWriter): void {
    let noHeaders = !!this.options.noHeaders;
    const sameColumns = table.columns.length === 0 || table.columns === this.lastColumns;
    if (this.printedHeaders && sameColumns) noHeaders = true;
    if (!sameColumns) {
      this.lastColumns = table.columns;
      this.printedHeaders = false;
    }
    if (table.rows.length > 0) this.printedHeaders = true;
    const t = decorate(table, this.options);
    const wide = !!this.options.wide;
    // Column positions are those of the decorated table; priority columns are hidden unless wide.
    const offset = this.options.withNamespace ? 1 : 0;
    const visible = t.columns.map((c, i) => wide || !c.priority || i < offset);
    if (!noHeaders) {
      if (t.rows.length === 0) return;
      w.write(t.columns.filter((_, i) => visible[i]).map((c) => c.name.toUpperCase()).join('\t') + '\n');
    }
    for (const r of t.rows) {
      const parts: string[] = [];
      r.cells.forEach((c, i) => {
        if (i < t.columns.length && visible[i]) parts.push(cellText(c));
      });
      w.write(parts.join('\t') + '\n');
    }
  }
}
