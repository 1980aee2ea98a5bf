/**
 * Kubelab's engine: the public API. The UI, the CLI, lesson checks, tests and embedders use only this.
 */
export { Cluster, createCluster, type ClusterStream, type WatchEvent } from './cluster.ts';
export { diffManifest, type ManifestDiff } from './kubectl/diff/manifest.ts';
export { setEditorHook } from './kubectl/verbs/edit-hook.ts';
export type { EditorHook } from './kubectl/verbs/edit.ts';
export type { ClusterOptions, NodeSpec } from './runtime.ts';
export type { OutputListener, RunResult } from './shell/types.ts';
export { needsMoreInput } from './shell/parser.ts';
export type { KubeObject } from './api/types.ts';
export type { MeshTelemetryEdge } from './mesh/dataplane/telemetryapi.ts';
export type { SchedulingExplanation, NodeExplanation, FilterVerdict, ScoreContribution } from './scheduler/api.ts';
export { parseQuantity, QuantityError, type Quantity } from './util/quantity.ts';
export { parseSelector, parseFieldSelector, SelectorError, type LabelSelector } from './util/selectors.ts';
export { humanDuration } from './util/duration.ts';
