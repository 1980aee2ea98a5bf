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
