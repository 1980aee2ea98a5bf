import { describe, expect, it } from 'vitest';
import { createCluster } from '../index.ts';

describe('ResourceRegistry lookups', () => {
  const { registry } = createCluster({ nodes: 0 }).runtime;
  it.each([
    ['v1', 'Pod', 'pods'],
    ['apps/v1', 'Deployment', 'deployments'],
    ['apps/v1', 'ReplicaSet', 'replicasets'],
    ['v1', 'Deployment', undefined],
    ['apps/v2', 'Deployment', undefined],
    ['extensions/v1beta1', 'Deployment', undefined],
    ['', 'Pod', undefined],
    ['v1', 'Nothing', undefined],
    ['apps/v1/extra', 'Deployment', 'deployments'],
  ])('forKind(%j, %j) → %s', (apiVersion, kind, plural) => {
    expect(registry.forKind(apiVersion, kind)?.plural).toBe(plural);
  });

  it.each([
    ['pods', 'Pod'],
    ['deployments', 'Deployment'],
    ['events', 'Event'],
    ['nothings', undefined],
  ])('byPlural(%j) → %s', (plural, kind) => {
    expect(registry.byPlural(plural)?.kind).toBe(kind);
  });
});

// A CustomResourceDefinition's kind is served from its registration until its deletion (the apiserver's
// discovery follows the CRD): answers remembered for a kind must follow both.
describe('ResourceRegistry follows registrations', () => {
  it.each([
    { name: 'asked before and after registering', steps: ['ask', 'register', 'ask'], want: [undefined, 'widgets'] },
    { name: 'asked while served, then unregistered', steps: ['register', 'ask', 'ask', 'unregister', 'ask'], want: ['widgets', 'widgets', undefined] },
  ])('$name', ({ steps, want }) => {
    const { registry } = createCluster({ nodes: 0, boot: false }).runtime;
    const widget = { ...registry.byPlural('configmaps')!, group: 'example.com', version: 'v1', kind: 'Widget', plural: 'widgets', singular: 'widget', shortNames: [] };
    const got: Array<string | undefined> = [];
    for (const s of steps) {
      if (s === 'ask') got.push(registry.forKind('example.com/v1', 'Widget')?.plural);
      else if (s === 'register') registry.register(widget);
      else registry.unregister(widget);
    }
    expect(got).toEqual(want);
  });
});
