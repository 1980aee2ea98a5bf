import { describe, expect, it } from 'vitest';
import { toJson, toYaml } from './yaml.ts';
import { haveRealKubectl, runReal } from '../apply/testkit.ts';

// Scalar styles as go-yaml v2 (sigs.k8s.io/yaml) writes them; wants recorded from kubectl 1.32.
const scalars: Array<[string, string]> = [
  ['plain', 'plain'], ['', '""'], ['true', '"true"'], ['yes', '"yes"'], ['On', '"On"'], ['1', '"1"'], ['1.5', '"1.5"'],
  ['.5', '".5"'], ['+1', '"+1"'], ['012', '"012"'], ['0x1F', '"0x1F"'], ['0o17', '"0o17"'], ['1_000', '"1_000"'], ['1e3', '"1e3"'],
  ['1:20', '"1:20"'], ['2001-12-14', '"2001-12-14"'], ['null', '"null"'], ['~', '"~"'], ['.inf', '".inf"'],
  ['a: b', "'a: b'"], ['a:b', 'a:b'], [':x', ':x'], ['*foo', "'*foo'"], ['%x', "'%x'"], ['!x', "'!x'"], ['&x', "'&x'"],
  ['|x', "'|x'"], ['>x', "'>x'"], ['?x', '?x'], ['? x', "'? x'"], ['#x', "'#x'"], ['a #b', "'a #b'"], ['-x', '-x'],
  ['- x', "'- x'"], ['-', "'-'"], ['[x', "'[x'"], ['{x}', "'{x}'"], ['@x', "'@x'"], ['`x', "'`x'"], ['x,y', 'x,y'],
  ["it's", "it's"], ['"q"', `'"q"'`], [' lead', "' lead'"], ['trail ', "'trail '"], ['x\ty', '"x\\ty"'], ['é', 'é'],
  ['=', '='], ['<<', '<<'], ['trail \nx', '"trail \\nx"'],
];

describe('toYaml scalars', () => {
  for (const [input, want] of scalars) {
    it(JSON.stringify(input), () => expect(toYaml({ k: input })).toBe(`k: ${want}\n`));
  }
  it('keys that read as booleans are quoted', () => expect(toYaml({ y: 1, N: 2, x: 3 })).toBe('"N": 2\nx: 3\n"y": 1\n'));
  it('literal blocks with chomping and indentation indicators', () => {
    expect(toYaml({ a: 'l1\nl2', b: 'l1\nl2\n', c: 'l1\n\n', d: '  ind\nx' })).toBe('a: |-\n  l1\n  l2\nb: |\n  l1\n  l2\nc: |+\n  l1\n\nd: |2-\n    ind\n  x\n');
  });
  it('structure: sorted keys, unindented sequences, empty collections, null', () => {
    expect(toYaml({ spec: { containers: [{ name: 'a', ports: [{ containerPort: 80 }], resources: {} }], list: [] }, metadata: { creationTimestamp: null }, status: {} })).toBe(
      'metadata:\n  creationTimestamp: null\nspec:\n  containers:\n  - name: a\n    ports:\n    - containerPort: 80\n    resources: {}\n  list: []\nstatus: {}\n',
    );
  });
  it('natural key order as go-yaml: digit runs compare as numbers, non-letters before letters', () => {
    expect(toYaml({ k10: 1, k2: 1, k1: 1, 'a-b': 1, ab: 1, a: 1, A: 1, _x: 1 })).toBe('_x: 1\nA: 1\na: 1\na-b: 1\nab: 1\nk1: 1\nk2: 1\nk10: 1\n');
  });
  it('no line folding of long strings', () => {
    const long = 'word '.repeat(40).trim();
    expect(toYaml({ k: long })).toBe(`k: ${long}\n`);
  });
});

describe('toJson', () => {
  it('Go encoding: four-space indent, HTML-safe escapes, empty collections inline', () => {
    expect(toJson({ a: '<b>&', m: {}, l: [], n: null })).toBe('{\n    "a": "\\u003cb\\u003e\\u0026",\n    "m": {},\n    "l": [],\n    "n": null\n}\n');
  });
});

describe('toYaml matches kubectl for many literals at once', () => {
  it.skipIf(!haveRealKubectl)('configmap with every scalar above (needs /usr/bin/kubectl)', () => {
    const data: Record<string, string> = {};
    scalars.forEach(([v], i) => (data[`k${i}`] = v));
    const real = runReal(['create', 'configmap', 'cm', ...Object.entries(data).map(([k, v]) => `--from-literal=${k}=${v}`), '--dry-run=client', '-o', 'yaml']);
    expect(toYaml({ apiVersion: 'v1', data, kind: 'ConfigMap', metadata: { creationTimestamp: null, name: 'cm' } })).toBe(real.stdout);
  });
});
