import { load } from 'js-yaml';

/** Where in the editor's file an engine error points: a 1-based line, or nothing when it cannot be told. */
export interface ErrorMark {
  line: number;
  message: string;
}

/** The documents of a multi-document file with the 1-based line each starts on. */
export function splitDocuments(text: string): Array<{ start: number; text: string }> {
  const lines = text.split('\n');
  const docs: Array<{ start: number; text: string }> = [];
  let start = 1;
  let buf: string[] = [];
  lines.forEach((l, i) => {
    if (/^---(\s|$)/.test(l)) {
      docs.push({ start, text: buf.join('\n') });
      buf = [];
      start = i + 2;
    } else buf.push(l);
  });
  docs.push({ start, text: buf.join('\n') });
  return docs;
}

/**
 * Find the line of `path` (`spec.template.metadata.labels`, `spec.containers[0].image`) in a YAML
 * document by following the keys down the indentation. A heuristic for block-style YAML, which is what
 * learners write; flow style (`{a: 1}`) stops the walk at the last key found.
 */
export function lineOfPath(doc: string, path: string): number | undefined {
  const keys = path.split('.').map((k) => k.replace(/\[\d+\]$/, '')).filter(Boolean);
  const lines = doc.split('\n');
  let from = 0;
  let minIndent = -1;
  let found: number | undefined;
  for (const key of keys) {
    let hit: number | undefined;
    for (let i = from; i < lines.length; i++) {
      const m = /^(\s*)(- )?([^\s#:][^:]*?):(\s|$)/.exec(lines[i]);
      if (!m) continue;
      const indent = m[1].length + (m[2] ? 2 : 0);
      if (indent <= minIndent && lines[i].trim() !== '') break;
      if (m[3].replace(/^["']|["']$/g, '') === key) {
        hit = i;
        minIndent = indent;
        break;
      }
    }
    if (hit === undefined) break;
    found = hit;
    from = hit + 1;
  }
  return found === undefined ? undefined : found + 1;
}

function docNamed(docs: Array<{ start: number; text: string }>, kind: string, name: string): { start: number; text: string } | undefined {
  return docs.find((d) => {
    try {
      const o = load(d.text) as { kind?: string; metadata?: { name?: string } } | undefined;
      return o?.kind === kind && o.metadata?.name === name;
    } catch {
      return false;
    }
  });
}

/** Map kubectl's error output for an applied file to an editor line, where the message tells one. */
export function markFromError(text: string, stderr: string): ErrorMark | undefined {
  const message = stderr.trim().split('\n')[0] ?? '';
  const docs = splitDocuments(text);
  // YAML syntax: "yaml: line N: ..." counts lines within the failing document.
  const yamlLine = /yaml: line (\d+):/.exec(message);
  if (yamlLine) {
    const n = Number(yamlLine[1]);
    const bad = docs.find((d) => {
      try {
        load(d.text);
        return false;
      } catch {
        return true;
      }
    });
    return { line: Math.min((bad ?? docs[0]).start + n - 1, text.split('\n').length), message };
  }
  // Validation: `The Deployment "web" is invalid: spec.x.y: ...`.
  const invalid = /The (\w+) "([^"]+)" is invalid: ([\w.[\]-]+):/.exec(message);
  if (invalid) {
    const doc = docNamed(docs, invalid[1], invalid[2]);
    const l = doc ? lineOfPath(doc.text, invalid[3]) : undefined;
    if (doc) return { line: doc.start + (l ?? 1) - 1, message };
  }
  // Strict decoding: `... unknown field "spec.containerz"` (the object is the one named in the message, if any).
  const unknown = /unknown field "([^"]+)"/.exec(message);
  if (unknown) {
    for (const d of docs) {
      const l = lineOfPath(d.text, unknown[1]);
      const last = unknown[1].split('.').pop() ?? '';
      if (l !== undefined && new RegExp(`^\\s*(- )?${last.replace(/[^\w-]/g, '')}:`).test(d.text.split('\n')[l - 1] ?? '')) return { line: d.start + l - 1, message };
    }
  }
  return undefined;
}
