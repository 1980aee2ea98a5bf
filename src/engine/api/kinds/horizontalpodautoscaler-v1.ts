/**
 * autoscaling/v1 HorizontalPodAutoscaler: conversion to the stored autoscaling/v2 form, as
 * pkg/apis/autoscaling/v1/conversion.go does (targetCPUUtilizationPercentage becomes a cpu Utilization
 * metric; the behavior travels in the `autoscaling.alpha.kubernetes.io/behavior` annotation).
 */
import type { KubeObject } from '../types.ts';
import type { HPASpec, HPAStatus } from './horizontalpodautoscaler.ts';

export const BEHAVIOR_ANNOTATION = 'autoscaling.alpha.kubernetes.io/behavior';
const alphaAnnotations = ['autoscaling.alpha.kubernetes.io/metrics', 'autoscaling.alpha.kubernetes.io/conditions', 'autoscaling.alpha.kubernetes.io/current-metrics', BEHAVIOR_ANNOTATION];

interface V1Spec {
  scaleTargetRef?: HPASpec['scaleTargetRef'];
  minReplicas?: number;
  maxReplicas?: number;
  targetCPUUtilizationPercentage?: number;
}

/** Convert an autoscaling/v1 object to autoscaling/v2 in place. */
export function hpaV1ToV2(obj: KubeObject): void {
  const v1 = (obj.spec ?? {}) as V1Spec;
  const spec: HPASpec = {};
  if (v1.scaleTargetRef !== undefined) spec.scaleTargetRef = v1.scaleTargetRef;
  if (v1.minReplicas != null) spec.minReplicas = v1.minReplicas;
  spec.maxReplicas = v1.maxReplicas ?? 0;
  if (v1.targetCPUUtilizationPercentage != null) {
    spec.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: v1.targetCPUUtilizationPercentage } } }];
  }
  const ann = obj.metadata.annotations;
  const behavior = ann?.[BEHAVIOR_ANNOTATION];
  if (behavior) {
    try {
      spec.behavior = JSON.parse(behavior) as HPASpec['behavior'];
    } catch {
      // An unreadable annotation is ignored, as the conversion ignores it.
    }
  }
  if (ann) {
    for (const k of alphaAnnotations) delete ann[k];
    if (Object.keys(ann).length === 0) delete obj.metadata.annotations;
  }
  obj.spec = spec;
  const st = obj.status as { currentReplicas?: number; desiredReplicas?: number; lastScaleTime?: string } | undefined;
  if (st) {
    const out: HPAStatus = { currentReplicas: st.currentReplicas ?? 0, desiredReplicas: st.desiredReplicas ?? 0 };
    if (st.lastScaleTime) out.lastScaleTime = st.lastScaleTime;
    obj.status = out;
  }
  obj.apiVersion = 'autoscaling/v2';
}
