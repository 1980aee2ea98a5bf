// kubectl describe of Istio resources goes through kubectl's generic describer (describe.go genericDescriber and
// printUnstructuredContent): Name/Namespace/Labels/Annotations, then every other field sorted, maps as "Smart Label:"
// blocks (camelCase split and title-cased; keys with characters other than letters and '-' kept verbatim), list items
// one after another without markers, managedFields hidden (kubernetes/kubernetes#114584), and Events. One tabwriter
// (padding 2) aligns each run of "key:<tab>value" lines.
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../../index.ts';

describe('kubectl describe of Istio kinds', () => {
  const c = createCluster({ seed: 1, nodes: 1 });
  c.run('istioctl install --set profile=minimal -y');
  const strip = (s: string) => s.replace(/^ {2}(Creation Timestamp|Resource Version|UID):.*\n/gm, '');
  const cases = [
    {
      name: 'PeerAuthentication: a numeric map key stays verbatim',
      yaml: 'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata: {name: pa, labels: {team: a}}\nspec:\n  selector: {matchLabels: {app: web}}\n  mtls: {mode: STRICT}\n  portLevelMtls:\n    "8080": {mode: DISABLE}',
      cmd: 'kubectl describe peerauthentication pa',
      want:
        'Name:         pa\nNamespace:    default\nLabels:       team=a\nAnnotations:  <none>\nAPI Version:  security.istio.io/v1\nKind:         PeerAuthentication\nMetadata:\n  Generation:          1\nSpec:\n  Mtls:\n    Mode:  STRICT\n  Port Level Mtls:\n    8080:\n      Mode:  DISABLE\n  Selector:\n    Match Labels:\n      App:  web\nEvents:     <none>\n',
    },
    {
      name: 'AuthorizationPolicy: lists of maps and of strings',
      yaml: 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata: {name: ap}\nspec:\n  action: DENY\n  rules:\n  - to: [{operation: {methods: [POST, PUT]}}]\n    when: [{key: "request.headers[x-user]", values: [bob]}]',
      cmd: 'kubectl describe authorizationpolicy ap',
      want:
        'Name:         ap\nNamespace:    default\nLabels:       <none>\nAnnotations:  <none>\nAPI Version:  security.istio.io/v1\nKind:         AuthorizationPolicy\nMetadata:\n  Generation:          1\nSpec:\n  Action:  DENY\n  Rules:\n    To:\n      Operation:\n        Methods:\n          POST\n          PUT\n    When:\n      Key:  request.headers[x-user]\n      Values:\n        bob\nEvents:  <none>\n',
    },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      expect(c.run(`kubectl apply -f - <<EOF\n${tc.yaml}\nEOF`).exitCode).toBe(0);
      expect(strip(c.run(tc.cmd).stdout)).toBe(tc.want);
    });
  }
});
