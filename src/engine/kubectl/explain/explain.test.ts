// kubectl explain: the v2 plaintext template's pieces (word wrapping, type guesses, enum lines) on small
// schemas, integration cases through `cluster.run`, and a byte-for-byte comparison with the real kubectl
// 1.32, which reads the same schema from a minimal OpenAPI v3 server (skipped without /usr/bin/kubectl).
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCluster } from '../../index.ts';
import { startExplainServer, type OracleServer } from './oracle-server.ts';
import { explain, typeGuess, wordWrap, type OpenApiDoc } from './render.ts';
import schemaJson from './schema.json';

const schema = schemaJson as unknown as OpenApiDoc;

describe('wordWrap (go-wordwrap WrapString)', () => {
  it.each([
    ['short line unchanged', 'a b c', 10, 'a b c'],
    ['breaks before the word that overflows', 'aaa bbb ccc', 7, 'aaa bbb\nccc'],
    ['a word longer than the limit stays whole', 'x https://example.com/very/long y', 8, 'x\nhttps://example.com/very/long\ny'],
    ['existing newlines are kept', 'one\n\ntwo', 76, 'one\n\ntwo'],
    ['trailing newline kept', 'text\n', 76, 'text\n'],
    ['spaces at a break are dropped', 'ab  cd', 3, 'ab\ncd'],
  ])('%s', (_n, text, lim, want) => {
    expect(wordWrap(text, lim)).toBe(want);
  });
});

describe('typeGuess', () => {
  const doc: OpenApiDoc = {
    components: {
      schemas: {
        'a.Obj': { type: 'object', properties: {} },
        'a.Str': { type: 'string' },
        'a.Any': { description: 'no type' },
      },
    },
  };
  it.each([
    ['string', { type: 'string' }, 'string'],
    ['object', { type: 'object' }, 'Object'],
    ['untyped', {}, 'Object'],
    ['array of refs via allOf', { type: 'array', items: { allOf: [{ $ref: '#/components/schemas/a.Obj' }] } }, '[]Obj'],
    ['map of strings', { type: 'object', additionalProperties: { type: 'string' } }, 'map[string]string'],
    ['ref to a scalar type', { allOf: [{ $ref: '#/components/schemas/a.Str' }] }, 'string'],
    ['ref to an untyped schema keeps the name', { $ref: '#/components/schemas/a.Any' }, 'Any'],
  ])('%s', (_n, s, want) => {
    expect(typeGuess(s, doc)).toBe(want);
  });
});

describe('explain template', () => {
  const doc: OpenApiDoc = {
    components: {
      schemas: {
        'x.Thing': {
          description: 'Thing is a test kind.',
          type: 'object',
          required: ['mode'],
          properties: {
            mode: { description: 'How it runs.', type: 'string', enum: ['', 'A', 'B', 'C', 'D', 'E'] },
            child: { description: 'The child.', allOf: [{ $ref: '#/components/schemas/x.Child' }] },
          },
          'x-kubernetes-group-version-kind': [{ group: 'test.io', version: 'v1', kind: 'Thing' }],
        },
        'x.Child': { description: 'Child holds a name.', type: 'object', properties: { name: { type: 'string' } } },
      },
    },
  };
  const gvk = { group: 'test.io', version: 'v1', kind: 'Thing' };
  it.each([
    [
      'kind with required field and a truncated enum',
      [],
      false,
      'GROUP:      test.io\nKIND:       Thing\nVERSION:    v1\n\nDESCRIPTION:\n    Thing is a test kind.\n    \nFIELDS:\n  child\t<Child>\n    The child.\n\n  mode\t<string> -required-\n  enum: "", A, B, C, ....\n    How it runs.\n\n\n',
    ],
    ['field: long enum view', ['mode'], false, 'GROUP:      test.io\nKIND:       Thing\nVERSION:    v1\n\nFIELD: mode <string>\nENUM:\n    ""\n    A\n    B\n    C\n    D\n    E\n\nDESCRIPTION:\n    How it runs.\n    \n\n'],
    ['field of a ref type: both descriptions (a blank line for the missing enum), no-description placeholder', ['child'], false, 'GROUP:      test.io\nKIND:       Thing\nVERSION:    v1\n\nFIELD: child <Child>\n\n\nDESCRIPTION:\n    The child.\n    Child holds a name.\n    \nFIELDS:\n  name\t<string>\n    <no description>\n\n\n'],
    ['recursive', [], true, 'GROUP:      test.io\nKIND:       Thing\nVERSION:    v1\n\nDESCRIPTION:\n    Thing is a test kind.\n    \nFIELDS:\n  child\t<Child>\n    name\t<string>\n  mode\t<string> -required-\n  enum: "", A, B, C, ....\n\n'],
  ])('%s', (_n, path, recursive, want) => {
    expect(explain(doc, gvk, path, recursive)).toBe(want);
  });

  it('a missing field names the last path element and keeps the header', () => {
    expect(() => explain(doc, gvk, ['nope', 'deeper'], false)).toThrow('field "deeper" does not exist');
  });
});

describe('kubectl explain', () => {
  const c = createCluster({ nodes: 0 });
  it.each([
    ['unknown type (no error: prefix, as kubectl prints the mapper error)', 'kubectl explain foo', '', 'the server doesn\'t have a resource type "foo"\n', 1],
    ['missing field prints the header first', 'kubectl explain pods.spec.nope', 'KIND:       Pod\nVERSION:    v1\n\n', 'error: field "nope" does not exist\n', 1],
    ['no argument', 'kubectl explain', '', 'error: You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.\n', 1],
    ['two arguments', 'kubectl explain pods svc', '', 'error: We accept only this format: explain RESOURCE\n', 1],
    ['bad output', 'kubectl explain pods -o foo', '', 'error: unrecognized format: foo\n', 1],
    ['unserved version', 'kubectl explain pods --api-version=v2', '', 'error: couldn\'t find resource for "/v2, Resource=pods"\n', 1],
    ['resource not in that group/version', 'kubectl explain pods --api-version=apps/v1', '', 'error: GVR (apps/v1, Resource=pods) not found in OpenAPI schema\n', 1],
  ])('%s', (_n, cmd, stdout, stderr, code) => {
    expect(c.run(cmd)).toEqual({ stdout, stderr, exitCode: code });
  });

  it.each([
    ['restartPolicy enum', 'kubectl explain pod.spec.restartPolicy', 'KIND:       Pod\nVERSION:    v1\n\nFIELD: restartPolicy <string>\nENUM:\n    Always\n    Never\n    OnFailure\n\nDESCRIPTION:\n'],
    ['group-qualified resource', 'kubectl explain deployments.apps.spec.strategy', 'GROUP:      apps\nKIND:       Deployment\nVERSION:    v1\n\nFIELD: strategy <DeploymentStrategy>\n\n\nDESCRIPTION:\n    The deployment strategy to use to replace existing pods with new ones.\n    DeploymentStrategy describes how to replace existing pods with new ones.\n    \nFIELDS:\n'],
    ['short name and map of quantities', 'kubectl explain po.spec.containers.resources.limits', 'KIND:       Pod\nVERSION:    v1\n\nFIELD: limits <map[string]Quantity>\n\n\nDESCRIPTION:\n'],
  ])('%s', (_n, cmd, prefix) => {
    const r = c.run(cmd);
    expect(r.exitCode).toBe(0);
    expect(r.stdout.startsWith(prefix)).toBe(true);
  });

  it('lists required fields', () => {
    expect(c.run('kubectl explain pods.spec').stdout).toContain('  containers\t<[]Container> -required-\n');
  });
});

const kubectl = '/usr/bin/kubectl';
describe.skipIf(!existsSync(kubectl))('explain matches the real kubectl 1.32 (skipped when /usr/bin/kubectl is absent)', () => {
  const c = createCluster({ nodes: 0 });
  let server: OracleServer;
  const cacheDir = mkdtempSync(join(tmpdir(), 'kubelab-explain-'));
  beforeAll(async () => {
    server = await startExplainServer(c.runtime.registry, schema);
  });
  afterAll(() => server?.close());

  const real = (args: string[]) =>
    new Promise<{ stdout: string; stderr: string; code: number }>((resolve) => {
      execFile(kubectl, [`--server=${server.url}`, `--cache-dir=${cacheDir}`, '--kubeconfig=/dev/null', ...args], (err, stdout, stderr) => {
        resolve({ stdout, stderr, code: err ? ((err as { code?: number }).code ?? 1) : 0 });
      });
    });

  it.each([
    'explain pods',
    'explain pods.spec',
    'explain po.spec.containers',
    'explain pods.spec.containers.resources.limits',
    'explain pod.spec.restartPolicy',
    'explain pods --recursive',
    'explain deployments --recursive',
    'explain deployments.apps.spec.strategy',
    'explain deployments --api-version=apps/v1',
    'explain svc.spec.type',
    'explain nodes.status',
    'explain pods.metadata.creationTimestamp',
    'explain endpointslices',
    'explain leases.spec',
    'explain events',
    'explain cm --recursive',
    'explain rs.spec.template',
    'explain pods.spec.foo.bar',
    'explain foo',
    'explain pods --api-version=v2',
    'explain pods --api-version=apps/v1',
    'explain pods.spec.',
  ])('%s', async (cmd) => {
    const want = await real(cmd.split(' '));
    const got = c.run(`kubectl ${cmd}`);
    expect({ stdout: got.stdout, stderr: got.stderr, code: got.exitCode }).toEqual(want);
  }, 20000);
});
