import type { NodeSelectorRequirement, NodeSelectorTerm } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { CycleState } from '../../framework/cycle-state.ts';
import { makeNode, makePod, tableOf, type PodBuilder } from '../../testing/builders.ts';
import { nodeAffinity } from './index.ts';

const expr = (key: string, operator: string, ...values: string[]): NodeSelectorTerm => ({ matchExpressions: [{ key, operator, values } as NodeSelectorRequirement] });
const NOPE = ['UnschedulableAndUnresolvable', "node(s) didn't match Pod's node affinity/selector"];

/** Run PreFilter then (unless skipped) Filter against one node named `node1` with `labels`. */
function run(pod: PodBuilder, labels: Record<string, string>, nodeName = 'node1') {
  const b = makeNode(nodeName);
  for (const [k, v] of Object.entries(labels)) b.label(k, v);
  const pl = nodeAffinity();
  const info = pod.info();
  const state = new CycleState();
  const pre = pl.preFilter(state, info, {} as never);
  if (pre?.status?.isSkip()) return 'skip';
  if (pre?.status) return [pre.status.code, pre.status.message()];
  if (pre?.result?.nodeNames && !pre.result.nodeNames.has(nodeName)) return 'absent';
  const s = pl.filter(state, info, tableOf([b.obj()]), 0);
  return s ? [s.code, s.message()] : 'ok';
}

// Cases follow upstream's TestNodeAffinity (framework/plugins/nodeaffinity/node_affinity_test.go).
describe('NodeAffinity Filter', () => {
  const cases: Array<{ name: string; pod: PodBuilder; labels: Record<string, string>; want: unknown; nodeName?: string }> = [
    { name: 'missing labels', pod: makePod('p').nodeSelector({ foo: 'bar' }), labels: {}, want: NOPE },
    { name: 'same labels', pod: makePod('p').nodeSelector({ foo: 'bar' }), labels: { foo: 'bar' }, want: 'ok' },
    { name: 'node labels are superset', pod: makePod('p').nodeSelector({ foo: 'bar' }), labels: { foo: 'bar', baz: 'blah' }, want: 'ok' },
    { name: 'node labels are subset', pod: makePod('p').nodeSelector({ foo: 'bar', baz: 'blah' }), labels: { foo: 'bar' }, want: NOPE },
    { name: 'pod without nodeSelector or required affinity is skipped', pod: makePod('p'), labels: {}, want: 'skip' },
    { name: 'In: matching value', pod: makePod('p').requiredAffinity(expr('foo', 'In', 'bar', 'value2')), labels: { foo: 'bar' }, want: 'ok' },
    { name: 'Gt: label greater than the value', pod: makePod('p').requiredAffinity(expr('kernel-version', 'Gt', '0204')), labels: { 'kernel-version': '0206' }, want: 'ok' },
    { name: 'Lt: label not less than the value', pod: makePod('p').requiredAffinity(expr('kernel-version', 'Lt', '0204')), labels: { 'kernel-version': '0206' }, want: NOPE },
    { name: 'Gt with a non-integer label does not match', pod: makePod('p').requiredAffinity(expr('v', 'Gt', '1')), labels: { v: 'abc' }, want: NOPE },
    { name: 'NotIn: value in the list', pod: makePod('p').requiredAffinity(expr('mem-type', 'NotIn', 'DDR', 'DDR2')), labels: { 'mem-type': 'DDR3' }, want: 'ok' },
    { name: 'NotIn: label absent matches', pod: makePod('p').requiredAffinity(expr('mem-type', 'NotIn', 'DDR')), labels: {}, want: 'ok' },
    { name: 'Exists: label present', pod: makePod('p').requiredAffinity(expr('GPU', 'Exists')), labels: { GPU: 'NVIDIA-GRID-K1' }, want: 'ok' },
    { name: 'DoesNotExist: label present', pod: makePod('p').requiredAffinity(expr('GPU', 'DoesNotExist')), labels: { GPU: 'x' }, want: NOPE },
    { name: 'all expressions of a term must match', pod: makePod('p').requiredAffinity({ matchExpressions: [{ key: 'foo', operator: 'In', values: ['bar'] }, { key: 'baz', operator: 'Exists' }] }), labels: { foo: 'bar' }, want: NOPE },
    { name: 'terms are ORed', pod: makePod('p').requiredAffinity(expr('foo', 'In', 'nope'), expr('diffkey', 'In', 'wrong', 'value2')), labels: { diffkey: 'value2' }, want: 'ok' },
    { name: 'an empty term matches no node', pod: makePod('p').requiredAffinity({ matchExpressions: [] }), labels: { foo: 'bar' }, want: NOPE },
    { name: 'nodeSelector and affinity must both match', pod: makePod('p').nodeSelector({ foo: 'bar' }).requiredAffinity(expr('foo', 'Exists')), labels: { foo: 'baz' }, want: NOPE },
    { name: 'matchFields metadata.name In restricts to named nodes', pod: makePod('p').requiredAffinity({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node2'] }] }), labels: {}, want: 'absent' },
    { name: 'matchFields metadata.name In matches the named node', pod: makePod('p').requiredAffinity({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node1'] }] }), labels: {}, want: 'ok' },
    {
      name: 'matchFields with conflicting names in one term',
      pod: makePod('p').requiredAffinity({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node1'] }, { key: 'metadata.name', operator: 'In', values: ['node2'] }] }),
      labels: {},
      want: ['UnschedulableAndUnresolvable', 'pod affinity terms conflict'],
    },
    { name: 'matchFields NotIn excludes the node', pod: makePod('p').requiredAffinity({ matchFields: [{ key: 'metadata.name', operator: 'NotIn', values: ['node1'] }] }), labels: {}, want: NOPE },
  ];
  for (const tc of cases) it(tc.name, () => expect(run(tc.pod, tc.labels, tc.nodeName)).toEqual(tc.want));
});

// Follows upstream's TestNodeAffinityPriority.
describe('NodeAffinity Score', () => {
  const affinity1 = [{ weight: 2, preference: expr('foo', 'In', 'bar') }];
  const affinity2 = [
    { weight: 2, preference: expr('foo', 'In', 'bar') },
    { weight: 4, preference: expr('key', 'In', 'value') },
    { weight: 5, preference: { matchExpressions: [{ key: 'foo', operator: 'In', values: ['bar'] }, { key: 'key', operator: 'In', values: ['value'] }, { key: 'az', operator: 'In', values: ['az1'] }] } },
  ];
  const label1 = { foo: 'bar' };
  const label2 = { key: 'value' };
  const label3 = { az: 'az1' };
  const label4 = { abc: 'az11', def: 'az22' };
  const label5 = { foo: 'bar', key: 'value', az: 'az1' };
  const score = (terms: typeof affinity1 | undefined, nodeLabels: Array<Record<string, string>>) => {
    const pl = nodeAffinity();
    const b = makePod('p');
    if (terms) b.preferredAffinity(...terms);
    const info = b.info();
    const t = tableOf(
      nodeLabels.map((l, k) => {
        const n = makeNode(`n${k}`);
        for (const [key, v] of Object.entries(l)) n.label(key, v);
        return n.obj();
      }),
    );
    const state = new CycleState();
    if (pl.preScore(state, info, t, new Int32Array(0), 0)?.isSkip()) return 'skip';
    const s = Int32Array.from(nodeLabels.map((_, i) => pl.score(state, info, t, i)));
    pl.normalizeScore!(state, info, s, s.length);
    return [...s];
  };
  const cases = [
    { name: 'no preferred affinity: the plugin skips scoring', terms: undefined, nodes: [label1, label2, label3], want: 'skip' },
    { name: 'no node matches preferred scheduling requirements in NodeAffinity of pod so all nodes score 0', terms: affinity1, nodes: [label4, label2, label3], want: [0, 0, 0] },
    { name: 'only node1 matches the preferred scheduling requirements of pod', terms: affinity1, nodes: [label1, label2, label3], want: [100, 0, 0] },
    { name: 'all nodes match preferred scheduling requirements of pod, but node5 matches most', terms: affinity2, nodes: [label1, label5, label2], want: [18, 100, 36] },
  ];
  for (const tc of cases) it(tc.name, () => expect(score(tc.terms, tc.nodes)).toEqual(tc.want));
});
