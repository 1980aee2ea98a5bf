import { describe, expect, it } from 'vitest';
import { createCluster } from '../../index.ts';

// autoscaling/v1 is served next to autoscaling/v2 and converted to it on the way in, as
// pkg/apis/autoscaling/v1/conversion.go does (TestHorizontalPodAutoscalerSpecConversion's cases).
const v1 = (extra: string) => `kubectl apply -f - <<EOF
apiVersion: autoscaling/v1
kind: HorizontalPodAutoscaler
metadata:
  name: web
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  maxReplicas: 5
${extra}EOF`;

describe('autoscaling/v1 HorizontalPodAutoscaler', () => {
  const cases = [
    {
      name: 'targetCPUUtilizationPercentage becomes a cpu Utilization metric',
      extra: '  minReplicas: 2\n  targetCPUUtilizationPercentage: 60\n',
      want: { minReplicas: 2, maxReplicas: 5, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 60 } } }] },
    },
    {
      name: 'without a target the v2 default (80% cpu) applies',
      extra: '',
      want: { minReplicas: 1, maxReplicas: 5, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }] },
    },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      const c = createCluster({ nodes: 1 });
      const r = c.run(v1(tc.extra));
      expect(r.stderr).toBe('');
      expect(r.stdout).toBe('horizontalpodautoscaler.autoscaling/web created\n');
      const hpa = c.get('hpa', 'web')!;
      expect(hpa.apiVersion).toBe('autoscaling/v2');
      expect(hpa.spec).toMatchObject(tc.want);
      expect((hpa.spec as Record<string, unknown>).targetCPUUtilizationPercentage).toBeUndefined();
    });
  }

  it('is listed through hpa.v1.autoscaling with the same columns', () => {
    const c = createCluster({ nodes: 1 });
    c.run(v1('  targetCPUUtilizationPercentage: 60\n'));
    const r = c.run('kubectl get hpa.v1.autoscaling');
    expect(r.stdout).toBe(
      'NAME   REFERENCE        TARGETS              MINPODS   MAXPODS   REPLICAS   AGE\n' +
        'web    Deployment/web   cpu: <unknown>/60%   1         5         0          0s\n',
    );
  });

  it('re-applying a changed v1 manifest updates the stored v2 object', () => {
    const c = createCluster({ nodes: 1 });
    c.run(v1('  targetCPUUtilizationPercentage: 60\n'));
    const r = c.run(v1('  targetCPUUtilizationPercentage: 70\n'));
    expect(r.stdout).toBe('horizontalpodautoscaler.autoscaling/web configured\n');
    expect(c.get('hpa', 'web')!.spec).toMatchObject({ metrics: [{ resource: { target: { averageUtilization: 70 } } }] });
  });
});
