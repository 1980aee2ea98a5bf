import { describe, expect, it } from 'vitest';
import { kubectl, newCluster } from './apply/testkit.ts';

// Wants recorded from kubectl 1.32 (`kubectl create -f F`), which reports go-yaml's texts.
const yamlErrors: Array<{ name: string; text: string; want: string }> = [
  { name: 'over-indented key', text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n   bad: x\n', want: 'yaml: line 5: mapping values are not allowed in this context' },
  { name: 'tab indentation', text: 'apiVersion: v1\nkind: Pod\nmetadata:\n\tname: a\n', want: 'yaml: line 4: found character that cannot start any token' },
  { name: 'under-indented key', text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n labels: x\n', want: 'yaml: line 4: did not find expected key' },
  { name: 'container key out of line', text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  containers:\n  - name: a\n    image: nginx\n   ports:\n    - containerPort: 80\n', want: 'yaml: line 8: did not find expected key' },
  { name: 'unclosed double quote', text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: "a\n', want: 'yaml: line 5: found unexpected end of stream' },
  { name: 'unclosed flow sequence', text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: [a\n', want: "yaml: line 4: did not find expected ',' or ']'" },
  { name: 'unclosed flow mapping', text: 'apiVersion: v1\nkind: Pod\nmetadata: {name: a\n', want: "yaml: line 3: did not find expected ',' or '}'" },
  { name: 'two colons on line 1', text: 'key: value: x\n', want: 'yaml: mapping values are not allowed in this context' },
  { name: 'misaligned sequence item', text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  containers:\n    - name: a\n      image: nginx\n     - name: b\n', want: "yaml: line 8: did not find expected '-' indicator" },
  { name: 'sequence inside mapping', text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  labels:\n    app: a\n  - x\n', want: 'yaml: line 6: did not find expected key' },
  { name: 'unknown alias', text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: *a\n', want: "yaml: unknown anchor 'a' referenced" },
  { name: 'indented key after kind', text: 'apiVersion: v1\nkind: Pod\n  metadata:\n  name: a\n', want: 'yaml: line 3: mapping values are not allowed in this context' },
  { name: 'missing space after dash', text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  containers:\n  -name: a\n    image: nginx\n', want: 'yaml: line 8: mapping values are not allowed in this context' },
  { name: 'value starting with @', text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: @a\n', want: 'yaml: line 4: found character that cannot start any token' },
  { name: 'line numbers count from the document', text: '---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c1\n---\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c2\ndata:\n  a: "1"\napiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n   bad: x\n', want: 'yaml: line 12: mapping values are not allowed in this context' },
];

describe('YAML syntax errors read like go-yaml', () => {
  for (const c of yamlErrors) {
    it(c.name, () => {
      const cl = newCluster();
      cl.writeFile('x.yaml', c.text);
      const r = kubectl(cl, ['create', '-f', 'x.yaml']);
      expect(r.stderr).toBe(`error: error parsing x.yaml: error converting YAML to JSON: ${c.want}\n`);
      expect(r.code).toBe(1);
      expect(cl.list('configmaps', 'default').map((o) => o.metadata.name)).not.toContain('c1');
    });
  }
});

describe('decoding and mapping errors', () => {
  const cases: Array<{ name: string; files: Record<string, string>; argv: string[]; stdin?: string; want: string }> = [
    { name: 'missing file', files: {}, argv: ['apply', '-f', 'x.yaml'], want: 'error: the path "x.yaml" does not exist\n' },
    {
      name: 'no kind, no apiVersion',
      files: { 'x.yaml': 'metadata:\n  name: web\n' },
      argv: ['apply', '-f', 'x.yaml'],
      want: 'error: error validating "x.yaml": error validating data: [apiVersion not set, kind not set]; if you choose to ignore these errors, turn validation off with --validate=false\n',
    },
    {
      name: 'no kind',
      files: { 'x.yaml': 'apiVersion: v1\nmetadata:\n  name: web\n' },
      argv: ['apply', '-f', 'x.yaml'],
      want: 'error: error validating "x.yaml": error validating data: kind not set; if you choose to ignore these errors, turn validation off with --validate=false\n',
    },
    {
      name: 'no kind with --validate=false',
      files: { 'x.yaml': 'metadata:\n  name: web\n' },
      argv: ['create', '-f', 'x.yaml', '--validate=false'],
      want: `error: unable to decode "x.yaml": Object 'Kind' is missing in '{"metadata":{"name":"web"}}'\n`,
    },
    {
      name: 'unknown kind',
      files: { 'x.yaml': 'apiVersion: v1\nkind: Foo\nmetadata:\n  name: web\n' },
      argv: ['apply', '-f', 'x.yaml'],
      want: 'error: resource mapping not found for name: "web" namespace: "" from "x.yaml": no matches for kind "Foo" in version "v1"\nensure CRDs are installed first\n',
    },
    {
      name: 'namespace mismatch',
      files: { 'x.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  namespace: a\n' },
      argv: ['create', '-f', 'x.yaml', '-n', 'b'],
      want: `error: the namespace from the provided object "a" does not match the namespace "b". You must pass '--namespace=a' to perform this operation.\n`,
    },
    { name: 'empty input', files: { 'x.yaml': '# nothing\n---\n' }, argv: ['create', '-f', 'x.yaml'], want: 'error: no objects passed to create\n' },
    { name: 'bad separator', files: { 'x.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n---x\n' }, argv: ['create', '-f', 'x.yaml'], want: 'error: error parsing x.yaml: invalid Yaml document separator: x\n' },
    {
      name: 'several errors print one per line without the error: prefix',
      files: { 'a.yaml': 'metadata:\n  name: web\n', 'b.yaml': 'apiVersion: v1\nkind: Foo\nmetadata:\n  name: web\n' },
      argv: ['apply', '-f', 'a.yaml', '-f', 'b.yaml'],
      want: 'error validating "a.yaml": error validating data: [apiVersion not set, kind not set]; if you choose to ignore these errors, turn validation off with --validate=false\nresource mapping not found for name: "web" namespace: "" from "b.yaml": no matches for kind "Foo" in version "v1"\nensure CRDs are installed first\n',
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const cl = newCluster();
      for (const [p, t] of Object.entries(c.files)) cl.writeFile(p, t);
      const r = kubectl(cl, c.argv, c.stdin);
      expect(r.stderr).toBe(c.want);
      expect(r.code).toBe(1);
    });
  }

  it('a broken file applies nothing, not even the valid files before it', () => {
    const cl = newCluster();
    cl.writeFile('good.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: good\n');
    cl.writeFile('bad.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n   bad: x\n');
    const r = kubectl(cl, ['apply', '-f', 'good.yaml', '-f', 'bad.yaml']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(cl.get('configmap', 'good')).toBeUndefined();
  });
});

describe('inputs', () => {
  const cm = (n: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${n}\n`;
  it('multi-document YAML, empty documents skipped', () => {
    const cl = newCluster();
    cl.writeFile('m.yaml', `---\n${cm('c1')}---\n---\n${cm('c2')}`);
    expect(kubectl(cl, ['create', '-f', 'm.yaml']).stdout).toBe('configmap/c1 created\nconfigmap/c2 created\n');
  });
  it('stdin with -f -', () => {
    const cl = newCluster();
    const r = kubectl(cl, ['apply', '-f', '-'], cm('fromstdin'));
    expect(r.stdout).toBe('configmap/fromstdin created\n');
  });
  it('a JSON stream and a List', () => {
    const cl = newCluster();
    cl.writeFile('j.json', '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"j1"}}\n{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"j2"}}');
    cl.writeFile('l.json', '{"apiVersion":"v1","kind":"List","items":[{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"l1"}},{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"l2"}}]}');
    expect(kubectl(cl, ['create', '-f', 'j.json', '-f', 'l.json']).stdout).toBe('configmap/j1 created\nconfigmap/j2 created\nconfigmap/l1 created\nconfigmap/l2 created\n');
  });
  it('a directory: its yaml/json files in name order', () => {
    const cl = newCluster();
    cl.writeFile('d/b.yaml', cm('b'));
    cl.writeFile('d/a.json', '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a"}}');
    cl.writeFile('d/notes.txt', 'ignored');
    expect(kubectl(cl, ['apply', '-f', 'd']).stdout).toBe('configmap/a created\nconfigmap/b created\n');
  });
  it('YAML 1.1 booleans decode as go-yaml does', () => {
    const cl = newCluster();
    cl.writeFile('x.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  labels:\n    a: "yes"\ndata:\n  d: 2001-12-14\n');
    kubectl(cl, ['create', '-f', 'x.yaml']);
    expect(cl.get('configmap', 'x')?.data).toEqual({ d: '2001-12-14' });
  });
});
