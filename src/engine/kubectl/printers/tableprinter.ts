import type { KubeObject } from '../../api/types.ts';
import { formatLabels } from './common.ts';
import type { TabWriter } from './tabwriter.ts';
import type { Cell, ColumnDef, RowContext, Table, TableHandler } from './types.ts';

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

/** A cell as printTable prints it: cut at the first newline, carriage return or form feed, marked `...`. */
function cellText(c: Cell): string {
  if (c === null || c === undefined) return '';
  if (typeof c !== 'string') return String(c);
  for (let i = 0; i < c.length; i++) {
    const ch = c.charCodeAt(i);
    if (ch === 10 || ch === 12 || ch === 13) return c.slice(0, i) + '...';
  }
  return c;
}

/**
 * The human-readable table printer (cli-runtime's HumanReadablePrinter for server-side Tables), decorating as
 * decorateTable does: NAMESPACE first, `kind/` name prefixes, `-L` label columns and LABELS last. One instance
 * serves one resource type; like upstream it prints the header only for the first table with rows, and never
 * for a table whose columns equal the last ones printed. Rows go straight into the tab writer's cells: no
 * decorated copy of the table is built.
 */
export class TablePrinter {
  private lastColumns: ColumnDef[] | undefined;
  private printedHeaders = false;
  /** The column that gets the `kind/` prefix (the first name column), -1 for none. */
  private nameColumn = -1;
  /** The visible cells of the row being printed (reused from row to row). */
  private readonly line: string[] = [];

  constructor(private readonly options: TablePrintOptions) {}

  /** Print a Table (rows computed beforehand, as the server hands them over). */
  print(table: Table, w: TabWriter): void {
    const visible = this.begin(table.columns, table.rows.length, w);
    if (!visible) return;
    for (const r of table.rows) this.row(r.cells, r.object, table.columns, visible, w);
  }

  /**
   * Print `objects` through their kind's handler, one row at a time (the same output as `print(toTable(...))`).
   * Rows are computed as the server computes them (wide), leaving out hidden priority cells.
   */
  printObjects(handler: TableHandler, objects: readonly KubeObject[], nowMs: number, w: TabWriter): void {
    const visible = this.begin(handler.columns, objects.length, w);
    if (!visible) return;
    const ctx: RowContext = { nowMs, wide: true, omitPriority: !this.options.wide };
    for (let i = 0; i < objects.length; i++) this.row(handler.row(objects[i], ctx), objects[i], handler.columns, visible, w);
  }

  /** The header decision and line; returns which of `columns` print, or undefined when nothing prints. */
  private begin(columns: ColumnDef[], rows: number, w: TabWriter): boolean[] | undefined {
    const o = this.options;
    let noHeaders = !!o.noHeaders;
    const sameColumns = columns.length === 0 || columns === this.lastColumns;
    if (this.printedHeaders && sameColumns) noHeaders = true;
    if (!sameColumns) {
      this.lastColumns = columns;
      this.printedHeaders = false;
    }
    if (rows > 0) this.printedHeaders = true;
    this.nameColumn = o.withKind ? columns.findIndex((c) => c.isName) : -1;
    // Priority columns are hidden unless wide.
    const visible = columns.map((c) => !!o.wide || !c.priority);
    if (!noHeaders) {
      if (rows === 0) return undefined;
      const line = this.line;
      line.length = 0;
      if (o.withNamespace) line.push('NAMESPACE');
      for (let i = 0; i < columns.length; i++) if (visible[i]) line.push(columns[i].name.toUpperCase());
      for (const h of labelHeaders(o.columnLabels ?? [])) line.push(h);
      if (o.showLabels) line.push('LABELS');
      emit(line, w);
    }
    return visible;
  }

  private row(cells: readonly Cell[], object: KubeObject, columns: ColumnDef[], visible: boolean[], w: TabWriter): void {
    const o = this.options;
    const line = this.line;
    line.length = 0;
    if (o.withNamespace) line.push(object.metadata.namespace ?? '');
    const n = Math.min(cells.length, columns.length);
    for (let i = 0; i < n; i++) {
      if (!visible[i]) continue;
      const text = cellText(cells[i]);
      line.push(i === this.nameColumn ? `${o.withKind}/${text}` : text);
    }
    if (o.columnLabels?.length || o.showLabels) {
      const labels = object.metadata.labels ?? {};
      for (const k of o.columnLabels ?? []) line.push(labels[k] ?? '');
      if (o.showLabels) line.push(formatLabels(labels));
    }
    emit(line, w);
  }
}

/** One line: tab-separated cells, the last one the line's trailing text. */
function emit(line: readonly string[], w: TabWriter): void {
  const last = line.length - 1;
  for (let i = 0; i < last; i++) w.cell(line[i]);
  w.endLine(last >= 0 ? line[last] : '');
}
