import fc from 'fast-check';

/** One generated terminal input. `atomic` inputs touch at most one object, so a failure must change nothing. */
export interface GenCommand {
  line: string;
  atomic: boolean;
}

const names = ['web', 'api', 'db', 'cache', 'Web', 'a-very-long-name-that-is-fine', 'bad_name', ''];
const images = ['nginx:1.14', 'nginx:1.25', 'nginx', 'nginx:nope', 'busybox', 'redis:7', 'httpd', 'NGINX:::', 'registry.k8s.io/pause:3.10'];
const namespaces = ['default', 'dev', 'kube-system', 'missing', 'Bad'];
const kinds = ['pods', 'deployments', 'deploy', 'rs', 'svc', 'services', 'cm', 'nodes', 'ns', 'ep', 'endpointslices', 'events', 'foo', 'all'];

const name = fc.constantFrom(...names);
const image = fc.constantFrom(...images);
const ns = fc.constantFrom(...namespaces);
const kind = fc.constantFrom(...kinds);
const smallInt = fc.integer({ min: -2, max: 12 });
const quantityText = fc.constantFrom('100m', '0.5', '1', '64Mi', '1Gi', '128974848', '1e3', 'abc', '-1', '2.5Gi', '', '100Ki');

function atomic(line: string): GenCommand {
  return { line, atomic: true };
}
function multi(line: string): GenCommand {
  return { line, atomic: false };
}

const deploymentYaml = fc
  .record({
    name,
    image,
    replicas: smallInt,
    cpu: quantityText,
    memory: quantityText,
    selectorMatches: fc.boolean(),
    strategy: fc.constantFrom('RollingUpdate', 'Recreate', 'Bogus'),
    surge: fc.constantFrom('25%', '0', '1', '50%', '0%', 'x'),
    unavailable: fc.constantFrom('25%', '0', '1', '0%'),
    ns,
  })
  .map(
    (d) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${d.name}
  namespace: ${d.ns}
spec:
  replicas: ${d.replicas}
  selector:
    matchLabels:
      app: ${d.name || 'x'}
  strategy:
    type: ${d.strategy}${d.strategy === 'RollingUpdate' ? `\n    rollingUpdate:\n      maxSurge: ${/^\d+$/.test(d.surge) ? d.surge : `"${d.surge}"`}\n      maxUnavailable: ${/^\d+$/.test(d.unavailable) ? d.unavailable : `"${d.unavailable}"`}` : ''}
  template:
    metadata:
      labels:
        app: ${d.selectorMatches ? d.name || 'x' : 'other'}
    spec:
      containers:
      - name: main
        image: ${d.image}
        resources:
          requests:
            cpu: "${d.cpu}"
            memory: "${d.memory}"
`,
  );

const serviceYaml = fc.record({ name, port: fc.integer({ min: -1, max: 70000 }), type: fc.constantFrom('ClusterIP', 'NodePort', 'LoadBalancer', 'Weird'), nodePort: fc.constantFrom(0, 30080, 30080, 29999, 32767) }).map(
  (s) => `apiVersion: v1
kind: Service
metadata:
  name: ${s.name}
spec:
  type: ${s.type}
  selector:
    app: ${s.name || 'x'}
  ports:
  - port: ${s.port}
    targetPort: 80${s.type === 'NodePort' && s.nodePort ? `\n    nodePort: ${s.nodePort}` : ''}
`,
);

const garbageYaml = fc.constantFrom(
  'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: nginx\n   bad: indent\n',
  'kind: Foo\napiVersion: v1\nmetadata:\n  name: x\n',
  'apiVersion: v1\nmetadata:\n  name: x\n',
  '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":{"k":"v"}}',
  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  country: no\n',
  '---\n---\n',
  '- just\n- a list\n',
  'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p2\nspec:\n  containers: []\n',
  'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p3\nspec:\n  containers:\n  - name: c\n    image: busybox\n    command: ["sh", "-c", "exit 1"]\n',
  'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  replica: 2\n',
  '\t\u0000weird',
);

const manifest = fc.oneof(deploymentYaml, serviceYaml, garbageYaml);

export const commandArb: fc.Arbitrary<GenCommand> = fc.oneof(
  fc.record({ n: name, i: image, r: smallInt }).map(({ n, i, r }) => atomic(`kubectl create deployment ${n} --image=${i} --replicas=${r}`)),
  fc.record({ n: name, r: smallInt }).map(({ n, r }) => atomic(`kubectl scale deployment ${n} --replicas=${r}`)),
  fc.record({ n: name, i: image }).map(({ n, i }) => atomic(`kubectl set image deployment/${n} ${n}=${i}`)),
  fc.record({ n: name }).map(({ n }) => atomic(`kubectl delete deployment ${n}`)),
  fc.record({ n: name, i: image }).map(({ n, i }) => atomic(`kubectl run ${n} --image=${i}`)),
  fc.record({ n: name, p: fc.integer({ min: -1, max: 70000 }) }).map(({ n, p }) => atomic(`kubectl expose deployment ${n} --port=${p}`)),
  fc.record({ n: name }).map(({ n }) => atomic(`kubectl create namespace ${n}`)),
  fc.record({ n: ns }).map(({ n }) => atomic(`kubectl delete namespace ${n}`)),
  fc.record({ n: name, k: fc.constantFrom('tier=web', 'tier-', 'Bad Key=x', 'a=b=c') }).map(({ n, k }) => atomic(`kubectl label deployment ${n} '${k}'`)),
  fc.record({ n: name, k: fc.constantFrom('note=hi', 'note-', '=x') }).map(({ n, k }) => atomic(`kubectl annotate deployment ${n} ${k}`)),
  fc.record({ n: name, v: fc.constantFrom('undo', 'pause', 'resume', 'restart', 'history', 'status --timeout=5s') }).map(({ n, v }) => multi(`kubectl rollout ${v} deployment/${n}`)),
  fc.record({ m: manifest, v: fc.constantFrom('apply', 'create', 'replace') }).map(({ m, v }) => atomic(`kubectl ${v} -f - <<EOF\n${m}EOF`)),
  fc.record({ k: kind, n: ns, o: fc.constantFrom('', ' -o wide', ' -o yaml', ' -o json', ' -o name', ' -A', " -o jsonpath='{.items[*].metadata.name}'", ' -l app=web', ' --field-selector status.phase=Running', ' -o bogus') }).map(({ k, n, o }) => multi(`kubectl get ${k} -n ${n}${o}`)),
  fc.record({ k: fc.constantFrom('pods', 'deployment', 'node', 'svc', 'ns'), n: name }).map(({ k, n }) => multi(`kubectl describe ${k} ${n}`)),
  fc.record({ n: name }).map(({ n }) => multi(`kubectl delete pods -l app=${n} --wait=false`)),
  fc.integer({ min: 0, max: 120 }).map((s) => multi(`sleep ${s}`)),
  fc.string({ maxLength: 30 }).map((s) => multi(s)),
  fc.string({ maxLength: 30 }).map((s) => multi(`kubectl ${s}`)),
  fc.constantFrom('kubectl', 'kubectl get', 'kubectl api-resources', 'kubectl version', 'kubectl get events -A', 'echo "unterminated', 'cat <<EOF', 'kubectl get pods | grep web', 'history').map(multi),
);
