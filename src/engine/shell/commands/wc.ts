import { readFile } from '../fs.ts';
import { registerShellCommand } from './registry.ts';
import { tryHelp } from './text.ts';

interface Counts {
  lines: number;
  words: number;
  bytes: number;
}

function count(text: string): Counts {
  return {
    lines: (text.match(/\n/g) ?? []).length,
    words: text.split(/\s+/).filter(Boolean).length,
    bytes: new TextEncoder().encode(text).length,
  };
}

registerShellCommand({
  name: 'wc',
  synopsis: 'wc [-lwc] [FILE]...',
  run: (ctx) => {
    const want = { lines: false, words: false, bytes: false };
    const files: string[] = [];
    for (const a of ctx.argv.slice(1)) {
      if (/^-[lwcm]+$/.test(a)) {
        if (a.includes('l')) want.lines = true;
        if (a.includes('w')) want.words = true;
        if (a.includes('c') || a.includes('m')) want.bytes = true;
      } else if (a.startsWith('-') && a !== '-') {
        ctx.err(`wc: invalid option -- '${a[1]}'\n${tryHelp('wc')}`);
        return 1;
      } else files.push(a);
    }
    if (!want.lines && !want.words && !want.bytes) want.lines = want.words = want.bytes = true;
    const fields = (['lines', 'words', 'bytes'] as const).filter((k) => want[k]);
    const rows: Array<{ c: Counts; name?: string }> = [];
    let status = 0;
    let readsStdin = files.length === 0;
    for (const f of files.length > 0 ? files : ['-']) {
      if (f === '-') {
        readsStdin = true;
        rows.push({ c: count(ctx.stdin), name: files.length > 0 ? '-' : undefined });
        continue;
      }
      const text = readFile(ctx.rt, f);
      if (text === undefined) {
        ctx.err(`wc: ${f}: No such file or directory\n`);
        status = 1;
        continue;
      }
      rows.push({ c: count(text), name: f });
    }
    if (rows.length > 1) {
      const total = rows.reduce((t, r) => ({ lines: t.lines + r.c.lines, words: t.words + r.c.words, bytes: t.bytes + r.c.bytes }), { lines: 0, words: 0, bytes: 0 });
      rows.push({ c: total, name: 'total' });
    }
    // GNU wc pads every number to the digits of the files' total size (7 when reading a pipe); a single
    // number alone is not padded.
    const totalBytes = rows.slice(0, files.length > 1 ? -1 : undefined).reduce((n, r) => n + r.c.bytes, 0);
    const width = fields.length === 1 && rows.length === 1 ? 1 : readsStdin ? 7 : String(totalBytes).length;
    for (const r of rows) ctx.out(fields.map((k) => String(r.c[k]).padStart(width)).join(' ') + (r.name ? ` ${r.name}` : '') + '\n');
    return status;
  },
});
