import { describe, expect, it } from 'vitest';
import openapi from '../../engine/kubectl/explain/schema.json';
import { kubernetesJsonSchema } from './k8sSchema.ts';

type Obj = Record<string, unknown>;
const { schema, kinds } = kubernetesJsonSchema(openapi as { components: { schemas: Record<string, unknown> } });
const defs = schema.definitions as Record<string, Obj>;

describe('kubernetesJsonSchema', () => {
  it('knows the lab kinds with their apiVersions', () => {
    const names = kinds.map((k) => `${k.apiVersion}/${k.kind}`);
    for (const want of ['v1/Pod', 'v1/Service', 'apps/v1/Deployment', 'batch/v1/Job', 'autoscaling/v2/HorizontalPodAutoscaler']) expect(names).toContain(want);
  });
  it('points every ref into definitions', () => {
    const refs = JSON.stringify(schema).match(/"\$ref":"[^"]+"/g) ?? [];
    expect(refs.length).toBeGreaterThan(100);
    for (const r of refs) {
      const target = r.slice(8, -1);
      expect(target.startsWith('#/definitions/')).toBe(true);
      expect(defs[target.slice('#/definitions/'.length)], target).toBeDefined();
    }
  });
  it('int-or-string accepts both', () => {
    expect(defs['io.k8s.apimachinery.pkg.util.intstr.IntOrString'].type).toEqual(['integer', 'string']);
  });
  it('objects with a field list reject unknown fields; maps do not', () => {
    expect(defs['io.k8s.api.apps.v1.DeploymentSpec'].additionalProperties).toBe(false);
    const meta = defs['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'].properties as Record<string, Obj>;
    expect(meta.labels.additionalProperties).toEqual({ type: 'string' });
  });
  it('one if/then per kind', () => {
    const allOf = schema.allOf as Array<{ if: { properties: { kind: { const: string } } }; then: { $ref: string } }>;
    const dep = allOf.find((a) => a.if.properties.kind.const === 'Deployment');
    expect(dep?.then.$ref).toBe('#/definitions/io.k8s.api.apps.v1.Deployment');
  });
});
