/**
 * `-o custom-columns=HEADER:.path,...` and `-o custom-columns-file=FILE` (cli-runtime's CustomColumnsPrinter).
 * Values print with Go's fmt.Sprint; several results join with commas; nothing found prints `<none>`.
 */
import { KubectlError } from '../errors.ts';
import { tabulate } from '../printers/tabwriter.ts';
import { goPrint, JsonPath, JsonPathError } from './jsonpath.ts';

export interface CustomColumn {
  header: string;
  fieldSpec: string;
}

const jsonRegexp = /^\{\.?([^{}]+)\}$|^\.?([^{}]+)$/;

/** RelaxedJSONPathExpression: `a.b`, `.a.b`, `{a.b}`, `{.a.b}` all become `{.a.b}`. */
export function relaxedJsonPath(expr: string): string {
  if (expr.length === 0) return expr;
  const m = jsonRegexp.exec(expr);
  if (!m) {
    throw new KubectlError("unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'");
  }
  return `{.${m[1] || m[2]}}`;
}

export function columnsFromSpec(spec: string): CustomColumn[] {
  if (spec.length === 0) throw new KubectlError('custom-columns format specified but no custom columns given');
  return spec.split(',').map((part) => {
    const i = part.indexOf(':');
    if (i < 0) throw new KubectlError(`unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>`);
    return { header: part.slice(0, i), fieldSpec: relaxedJsonPath(part.slice(i + 1)) };
  });
}

export function columnsFromTemplate(text: string): CustomColumn[] {
  const lines = text.split('\n');
  const fmt = 'Expected format is one line of space separated headers, one line of space separated column specs.';
  if (lines.length < 1 || (lines.length === 1 && lines[0] === '')) throw new KubectlError(`invalid template, missing header line. ${fmt}`);
  if (lines.length < 2) throw new KubectlError(`invalid template, missing spec line. ${fmt}`);
  const headers = lines[0].split(/\s+/).filter(Boolean);
  const specs = lines[1].split(/\s+/).filter(Boolean);
  if (headers.length !== specs.length) {
    throw new KubectlError(`number of headers (${headers.length}) and field specifications (${specs.length}) don't match`);
  }
  return headers.map((h, i) => ({ header: h, fieldSpec: relaxedJsonPath(specs[i]) }));
}

/** Render objects (already flattened from a List) as a custom-columns table. */
export function printCustomColumns(columns: CustomColumn[], objects: unknown[], noHeaders: boolean): string {
  const parsers = columns.map((c, ix) => {
    const j = new JsonPath(`column${ix}`);
    try {
      j.parse(c.fieldSpec);
    } catch (e) {
      throw new KubectlError((e as Error).message);
    }
    return j;
  });
  let text = noHeaders ? '' : columns.map((c) => c.header).join('\t') + '\n';
  for (const obj of objects) {
    const cells = parsers.map((p) => {
      let values: unknown[][];
      try {
        values = p.findAll(obj);
      } catch (e) {
        if (e instanceof JsonPathError) throw new KubectlError(e.message);
        throw e;
      }
      const strs: string[] = [];
      if (values.length === 0 || values[0].length === 0) strs.push('<none>');
      for (const arr of values) for (const v of arr) strs.push(goPrint(v));
      return strs.join(',');
    });
    text += cells.join('\t') + '\n';
  }
  return tabulate(text);
}
