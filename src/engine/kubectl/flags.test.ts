import { describe, expect, it } from 'vitest';
import { FlagError, parseFlags, parseGoDuration, parseGoInt, type FlagSpec } from './flags.ts';

describe('parseGoDuration (time.ParseDuration)', () => {
  const cases: Array<{ in: string; want: number | undefined }> = [
    { in: '0', want: 0 },
    { in: '30s', want: 30000 },
    { in: '1m30s', want: 90000 },
    { in: '500ms', want: 500 },
    { in: '1.5h', want: 5400000 },
    { in: '-1s', want: -1000 },
    { in: '+2m', want: 120000 },
    { in: '.5s', want: 500 },
    { in: '10', want: undefined },
    { in: '', want: undefined },
    { in: 's', want: undefined },
    { in: '1x', want: undefined },
  ];
  for (const tc of cases) it(JSON.stringify(tc.in), () => expect(parseGoDuration(tc.in)).toBe(tc.want));
});

describe('parseFlags (pflag rules)', () => {
  const specs: FlagSpec[] = [
    { name: 'namespace', short: 'n', type: 'string' },
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'watch', short: 'w', type: 'bool' },
    { name: 'replicas', short: 'r', type: 'int' },
    { name: 'dry-run', type: 'string', noOptDefault: 'unchanged' },
    { name: 'image', type: 'stringArray' },
  ];
  const ok: Array<{ name: string; argv: string[]; want: Record<string, unknown>; positional?: string[]; afterDash?: string[] }> = [
    { name: 'long with =', argv: ['--namespace=dev'], want: { namespace: 'dev' } },
    { name: 'long with space', argv: ['--namespace', 'dev'], want: { namespace: 'dev' } },
    { name: 'short attached', argv: ['-ndev'], want: { namespace: 'dev' } },
    { name: 'short with =', argv: ['-n=dev'], want: { namespace: 'dev' } },
    { name: 'grouped bools', argv: ['-Aw'], want: { 'all-namespaces': true, watch: true } },
    { name: 'bool =false', argv: ['--watch=false'], want: { watch: false } },
    { name: 'no-opt default', argv: ['--dry-run'], want: { 'dry-run': 'unchanged' } },
    { name: 'repeatable', argv: ['--image=a', '--image', 'b'], want: { image: ['a', 'b'] } },
    { name: 'interspersed positionals', argv: ['pods', '-n', 'dev', 'web'], want: { namespace: 'dev' }, positional: ['pods', 'web'] },
    { name: 'after --', argv: ['x', '--', 'sh', '-c', 'exit 1'], want: {}, positional: ['x'], afterDash: ['sh', '-c', 'exit 1'] },
  ];
  for (const tc of ok) {
    it(tc.name, () => {
      const p = parseFlags(tc.argv, specs);
      for (const [k, v] of Object.entries(tc.want)) expect(p.values.get(k)).toEqual(v);
      if (tc.positional) expect(p.positional).toEqual(tc.positional);
      if (tc.afterDash) expect(p.afterDash).toEqual(tc.afterDash);
    });
  }
  // Messages as the real kubectl 1.32 prints them (after "Error: ").
  const bad: Array<{ name: string; argv: string[]; want: string }> = [
    { name: 'unknown long', argv: ['--foo'], want: 'unknown flag: --foo' },
    { name: 'unknown short', argv: ['-z'], want: "unknown shorthand flag: 'z' in -z" },
    { name: 'missing value short', argv: ['-n'], want: "flag needs an argument: 'n' in -n" },
    { name: 'missing value long', argv: ['--namespace'], want: 'flag needs an argument: --namespace' },
    { name: 'bad int', argv: ['--replicas=abc'], want: 'invalid argument "abc" for "-r, --replicas" flag: strconv.ParseInt: parsing "abc": invalid syntax' },
  ];
  for (const tc of bad) {
    it(tc.name, () => {
      expect(() => parseFlags(tc.argv, specs)).toThrow(FlagError);
      expect(() => parseFlags(tc.argv, specs)).toThrow(tc.want);
    });
  }
});

describe('parseGoInt (strconv.ParseInt base 0, as pflag int flags)', () => {
  const cases: Array<{ in: string; want: number | undefined }> = [
    { in: '3', want: 3 },
    { in: '12', want: 12 },
    { in: '3000', want: 3000 },
    { in: '-2', want: -2 },
    { in: '+7', want: 7 },
    { in: '0', want: 0 },
    { in: '0x10', want: 16 },
    { in: '010', want: 8 },
    { in: '0o17', want: 15 },
    { in: '0b101', want: 5 },
    { in: '0x_1F', want: 31 },
    { in: '1_000', want: 1000 },
    { in: '1__0', want: undefined },
    { in: '08', want: undefined },
    { in: 'abc', want: undefined },
    { in: '', want: undefined },
    { in: '1.5', want: undefined },
  ];
  for (const tc of cases) it(JSON.stringify(tc.in), () => expect(parseGoInt(tc.in)).toBe(tc.want));
});
