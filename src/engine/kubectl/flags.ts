/**
 * Command-line flag parsing with pflag's rules and messages: `--flag=value`, `--flag value`, `-f value`,
 * `-fvalue`, grouped boolean shorthands (`-it`), `--bool=false`, and `--` ending flag parsing. Flags may
 * appear anywhere among positional arguments, as cobra allows.
 */
export type FlagType = 'bool' | 'string' | 'int' | 'stringArray' | 'stringSlice' | 'duration';

export interface FlagSpec {
  name: string;
  short?: string;
  type: FlagType;
  default?: string | number | boolean | string[];
  help?: string;
  /** Value used when a string flag is given without `=value` (pflag NoOptDefVal), e.g. `--dry-run` → "unchanged". */
  noOptDefault?: string;
  hidden?: boolean;
}

export class FlagError extends Error {}

export interface ParsedArgs {
  positional: string[];
  /** Positional args after `--` (cobra's ArgsLenAtDash split). */
  afterDash: string[];
  /** Flags explicitly set on the command line (by long name). */
  set: Set<string>;
  values: Map<string, string | number | boolean | string[]>;
  str(name: string): string;
  bool(name: string): boolean;
  int(name: string): number;
  arr(name: string): string[];
  has(name: string): boolean;
}

/** Go's time.ParseDuration ("30s", "1m30s", "500ms", "-1s", "2h"); returns ms, or undefined when invalid. */
export function parseGoDuration(s: string): number | undefined {
  let rest = s;
  let sign = 1;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    sign = rest[0] === '-' ? -1 : 1;
    rest = rest.slice(1);
  }
  if (rest === '0') return 0;
  if (!rest) return undefined;
  const re = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/y;
  const units: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, μs: 1e-3, ms: 1, s: 1000, m: 60000, h: 3600000 };
  let total = 0;
  let m: RegExpExecArray | null;
  let pos = 0;
  while ((m = re.exec(rest))) {
    total += parseFloat(m[1]) * units[m[2]];
    pos = re.lastIndex;
  }
  return pos === rest.length ? sign * total : undefined;
}

/**
 * strconv.ParseInt(s, 0, 64), as pflag's int flags parse: an optional sign, then decimal, `0x` hex, `0o` or
 * leading-`0` octal, or `0b` binary, with `_` allowed between digits (Go's integer-literal syntax).
 */
export function parseGoInt(s: string): number | undefined {
  const m = /^([+-]?)(0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|0[0-7_]*|[1-9][0-9_]*)$/.exec(s);
  if (!m) return undefined;
  const sign = m[1] === '-' ? -1 : 1;
  let body = m[2];
  let base = 10;
  if (/^0[xX]/.test(body)) [base, body] = [16, body.slice(2)];
  else if (/^0[oO]/.test(body)) [base, body] = [8, body.slice(2)];
  else if (/^0[bB]/.test(body)) [base, body] = [2, body.slice(2)];
  else if (body.length > 1 && body[0] === '0') [base, body] = [8, body.slice(1)];
  if (body.includes('_')) {
    // Underscores only between digits (and after a base prefix).
    if (/^_*$|__|_$/.test(body)) return undefined;
    body = body.replace(/_/g, '');
  }
  if (body === '') return base === 8 ? 0 : undefined;
  const n = parseInt(body, base);
  return Number.isNaN(n) ? undefined : sign * n;
}

function flagLabel(f: FlagSpec): string {
  return f.short ? `-${f.short}, --${f.name}` : `--${f.name}`;
}

function convert(f: FlagSpec, raw: string): string | number | boolean {
  switch (f.type) {
    case 'bool':
      if (['true', '1', 't', 'T', 'TRUE', 'True'].includes(raw)) return true;
      if (['false', '0', 'f', 'F', 'FALSE', 'False'].includes(raw)) return false;
      throw new FlagError(`invalid argument "${raw}" for "${flagLabel(f)}" flag: strconv.ParseBool: parsing "${raw}": invalid syntax`);
    case 'int': {
      const n = parseGoInt(raw);
      if (n === undefined) {
        throw new FlagError(`invalid argument "${raw}" for "${flagLabel(f)}" flag: strconv.ParseInt: parsing "${raw}": invalid syntax`);
      }
      return n;
    }
    case 'duration':
      if (parseGoDuration(raw) === undefined) {
        throw new FlagError(`invalid argument "${raw}" for "${flagLabel(f)}" flag: time: invalid duration "${raw}"`);
      }
      return raw;
    default:
      return raw;
  }
}

export function parseFlags(argv: string[], specs: FlagSpec[]): ParsedArgs {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const byShort = new Map(specs.filter((s) => s.short).map((s) => [s.short!, s]));
  const values = new Map<string, string | number | boolean | string[]>();
  const set = new Set<string>();
  const positional: string[] = [];
  const afterDash: string[] = [];
  for (const s of specs) if (s.default !== undefined) values.set(s.name, s.default);

  const assign = (f: FlagSpec, raw: string) => {
    const v = convert(f, raw);
    if (f.type === 'stringArray' || f.type === 'stringSlice') {
      const prev = set.has(f.name) ? (values.get(f.name) as string[]) : [];
      const parts = f.type === 'stringSlice' ? raw.split(',') : [raw];
      values.set(f.name, [...prev, ...parts]);
    } else {
      values.set(f.name, v);
    }
    set.add(f.name);
  };

  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      afterDash.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--') && a.length > 2) {
      const eq = a.indexOf('=');
      const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
      const f = byName.get(name);
      if (!f) throw new FlagError(`unknown flag: --${name}`);
      if (eq >= 0) assign(f, a.slice(eq + 1));
      else if (f.type === 'bool') assign(f, 'true');
      else if (f.noOptDefault !== undefined) assign(f, f.noOptDefault);
      else if (i + 1 < argv.length) assign(f, argv[++i]);
      else throw new FlagError(`flag needs an argument: --${name}`);
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      // Shorthand group: -it, -nfoo, -n=foo, -n foo.
      let j = 1;
      while (j < a.length) {
        const c = a[j];
        const f = byShort.get(c);
        if (!f) throw new FlagError(`unknown shorthand flag: '${c}' in ${a}`);
        const rest = a.slice(j + 1);
        if (f.type === 'bool') {
          if (rest.startsWith('=')) {
            assign(f, rest.slice(1));
            break;
          }
          assign(f, 'true');
          j++;
          continue;
        }
        if (rest.startsWith('=')) assign(f, rest.slice(1));
        else if (rest.length > 0) assign(f, rest);
        else if (f.noOptDefault !== undefined) assign(f, f.noOptDefault);
        else if (i + 1 < argv.length) assign(f, argv[++i]);
        else throw new FlagError(`flag needs an argument: '${c}' in ${a}`);
        break;
      }
      continue;
    }
    positional.push(a);
  }

  return {
    positional,
    afterDash,
    set,
    values,
    str: (n) => String(values.get(n) ?? ''),
    bool: (n) => values.get(n) === true,
    int: (n) => Number(values.get(n) ?? 0),
    arr: (n) => (values.get(n) as string[] | undefined) ?? [],
    has: (n) => set.has(n),
  };
}
