import { describe, expect, it } from 'vitest';
import { lineOfPath, markFromError, splitDocuments } from './errors.ts';

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: other
    spec:
      containers:
      - name: web
        image: nginx
`;

describe('splitDocuments', () => {
  it('tells each document its first line', () => {
    expect(splitDocuments('a: 1\n---\nb: 2\nc: 3\n---\nd: 4').map((d) => d.start)).toEqual([1, 3, 6]);
  });
});

describe('lineOfPath', () => {
  const cases: Array<{ name: string; path: string; want: number | undefined }> = [
    { name: 'top level', path: 'spec', want: 5 },
    { name: 'nested', path: 'spec.template.metadata.labels', want: 11 },
    { name: 'through a list item', path: 'spec.template.spec.containers[0].image', want: 16 },
    { name: 'missing key stops at the deepest found', path: 'spec.replicas', want: 5 },
    { name: 'unknown root', path: 'nope', want: undefined },
  ];
  for (const c of cases) it(c.name, () => expect(lineOfPath(deployment, c.path)).toBe(c.want));
});

describe('markFromError', () => {
  const cases: Array<{ name: string; text: string; stderr: string; want: number | undefined }> = [
    {
      name: 'validation error on the named object',
      text: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n---\n${deployment}`,
      stderr: 'The Deployment "web" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"other"}: `selector` does not match template `labels`\n',
      want: 16,
    },
    {
      name: 'yaml syntax error counts within the failing document',
      text: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: b\n  bad: : :\n',
      stderr: 'error: error parsing /root/app.yaml: error converting YAML to JSON: yaml: line 5: mapping values are not allowed in this context\n',
      want: 10,
    },
    {
      name: 'unknown field',
      text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containerz: []\n',
      stderr: 'Error from server (BadRequest): error when creating "app.yaml": Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containerz"\n',
      want: 6,
    },
    { name: 'no line to tell', text: 'kind: Pod\n', stderr: 'error: the server could not find the requested resource\n', want: undefined },
  ];
  for (const c of cases) it(c.name, () => expect(markFromError(c.text, c.stderr)?.line).toBe(c.want));
});
