import { describe, expect, it } from 'vitest';
import { createCluster } from '../../engine/index.ts';
import { EmbedBridge, type EmbedHost, type ReplyTarget } from './bridge.ts';
import { normalizeOrigin, parseEmbedOptions } from './options.ts';

function setup(allowed: string[]) {
  const cluster = createCluster({ seed: 1, nodes: 1 });
  const host: EmbedHost = {
    run: (c) => cluster.run(c),
    apply: (y) => {
      cluster.writeFile('embed.yaml', y);
      return cluster.run('kubectl apply -f embed.yaml');
    },
    get: (r, n, ns) => (n ? cluster.get(r, n, ns) : cluster.list(r, ns)),
    watch: (l) => cluster.watch(l),
  };
  const sent: Array<{ message: unknown; targetOrigin: string }> = [];
  const source: ReplyTarget = { postMessage: (message, targetOrigin) => sent.push({ message, targetOrigin }) };
  return { cluster, bridge: new EmbedBridge(host, allowed), sent, source };
}

describe('EmbedBridge', () => {
  const docs = 'https://docs.example';
  it('answers an allowed origin, with that exact origin as target', () => {
    const { bridge, sent, source } = setup([docs]);
    expect(bridge.handle({ origin: docs, source, data: { kubelab: 1, id: 1, type: 'run', command: 'kubectl create namespace demo' } })).toBe(true);
    expect(sent).toEqual([{ targetOrigin: docs, message: { kubelab: 1, id: 1, ok: true, result: { stdout: 'namespace/demo created\n', stderr: '', exitCode: 0 } } }]);
  });

  const refused: Array<{ name: string; allowed: string[]; origin: string }> = [
    { name: 'an origin not in the list', allowed: [docs], origin: 'https://evil.example' },
    { name: 'a look-alike subdomain', allowed: [docs], origin: 'https://docs.example.evil.example' },
    { name: 'another scheme', allowed: [docs], origin: 'http://docs.example' },
    { name: 'anyone, when "*" was listed', allowed: ['*'], origin: 'https://evil.example' },
    { name: 'opaque origins', allowed: ['null'], origin: 'null' },
    { name: 'anyone, when no origin was listed', allowed: [], origin: docs },
  ];
  for (const tc of refused) {
    it(`does not answer ${tc.name}, and runs nothing`, () => {
      const { bridge, sent, source, cluster } = setup(tc.allowed);
      expect(bridge.handle({ origin: tc.origin, source, data: { kubelab: 1, id: 1, type: 'run', command: 'kubectl create namespace demo' } })).toBe(false);
      expect(sent).toEqual([]);
      expect(cluster.get('namespaces', 'demo')).toBeUndefined();
    });
  }

  it('applies YAML, reads state and reports bad requests as errors', () => {
    const { bridge, sent, source } = setup([docs]);
    bridge.handle({ origin: docs, source, data: { kubelab: 1, id: 'a', type: 'apply', yaml: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {k: v}\n' } });
    bridge.handle({ origin: docs, source, data: { kubelab: 1, id: 'b', type: 'get', resource: 'configmaps', name: 'c', namespace: 'default' } });
    bridge.handle({ origin: docs, source, data: { kubelab: 1, id: 'c', type: 'launch' } });
    expect(sent.map((s) => s.message)).toMatchObject([
      { id: 'a', ok: true, result: { stdout: 'configmap/c created\n', exitCode: 0 } },
      { id: 'b', ok: true, result: { kind: 'ConfigMap', data: { k: 'v' } } },
      { id: 'c', ok: false, error: 'unknown request type "launch"' },
    ]);
  });

  it('pushes watch events of the subscribed kinds until unsubscribed', () => {
    const { bridge, sent, source, cluster } = setup([docs]);
    bridge.handle({ origin: docs, source, data: { kubelab: 1, id: 1, type: 'subscribe', kinds: ['Namespace'] } });
    cluster.run('kubectl create namespace n1');
    cluster.run('kubectl create configmap x');
    bridge.handle({ origin: docs, source, data: { kubelab: 1, id: 2, type: 'unsubscribe' } });
    cluster.run('kubectl create namespace n2');
    const pushes = sent.map((s) => s.message as { type?: string; event?: { kind: string; object: { metadata: { name: string } } } }).filter((m) => m.type === 'watch');
    expect(pushes.map((m) => `${m.event!.kind}/${m.event!.object.metadata.name}`)).toEqual(['Namespace/n1']);
    expect(sent.every((s) => s.targetOrigin === docs)).toBe(true);
  });

  it('ignores messages that are not requests', () => {
    const { bridge, sent, source } = setup([docs]);
    for (const data of [null, 'run', { type: 'run', command: 'x' }, { kubelab: 2, id: 1, type: 'run' }]) expect(bridge.handle({ origin: docs, source, data })).toBe(false);
    expect(sent).toEqual([]);
  });
});

describe('embed options', () => {
  const cases: Array<{ name: string; search: string; want: ReturnType<typeof parseEmbedOptions> }> = [
    { name: 'not embedded', search: '?lesson=pods', want: undefined },
    { name: 'defaults', search: '?embed=1', want: { panels: ['terminal', 'graph'], theme: undefined, allowedOrigins: [] } },
    {
      name: 'panels, theme and origins',
      search: '?embed=1&panels=graph,editor,bogus&theme=light&allowedOrigins=https://docs.example,*,https://a.example/path,http://localhost:8080',
      want: { panels: ['graph', 'editor'], theme: 'light', allowedOrigins: ['https://docs.example', 'http://localhost:8080'] },
    },
  ];
  for (const tc of cases) it(tc.name, () => expect(parseEmbedOptions(tc.search)).toEqual(tc.want));

  it('normalizes origins as the browser reports them', () => {
    expect(normalizeOrigin('https://Docs.Example:443')).toBe('https://docs.example');
    expect(normalizeOrigin('javascript:alert(1)')).toBeUndefined();
  });
});
