import type { KubeObject } from '../../api/types.ts';

/** One table cell as the server's Table returns it: strings, integers, booleans, or nothing. */
export type Cell = string | number | boolean | null;

/** metav1.TableColumnDefinition, reduced to what printing needs. */
export interface ColumnDef {
  name: string;
  /** 0: always shown; >0: only with `-o wide`. */
  priority?: number;
  /** The column holding the object's name (`Format: "name"`); gets the `kind/` prefix when several kinds print. */
  isName?: boolean;
}

export interface RowContext {
  /** Current virtual time as Unix milliseconds. */
  nowMs: number;
  wide: boolean;
  /**
   * The caller hides priority (`-o wide`) columns: a handler may leave their cells out. `wide` still says how
   * the visible cells are computed (the server generates wide rows; some cells, such as a Service's
   * EXTERNAL-IP, are clipped only when not wide).
   */
  omitPriority?: boolean;
}

/** A per-kind table printer, the equivalent of one `printX` handler in printers.go. */
export interface TableHandler {
  kind: string;
  columns: ColumnDef[];
  row(obj: KubeObject, ctx: RowContext): Cell[];
}

export interface TableRow {
  cells: Cell[];
  object: KubeObject;
}

/** metav1.Table: columns plus rows, each row keeping its object (for namespace/labels/sorting). */
export interface Table {
  columns: ColumnDef[];
  rows: TableRow[];
}
