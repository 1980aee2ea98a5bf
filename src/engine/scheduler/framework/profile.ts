import { DEFAULT_MULTIPOINT } from '../config/defaults.ts';

/** One plugin of a profile; `weight` applies to its Score (default 1). */
export interface ProfilePlugin {
  name: string;
  weight?: number;
  /** Enabled only at these extension points (configured per point rather than multiPoint). */
  only?: ReadonlySet<string>;
  /** Extension points where "*" disabled the defaults but this multiPoint plugin was enabled again. */
  alsoAt?: Set<string>;
}

/**
 * A scheduler profile: plugins enabled at every extension point they implement (upstream's multiPoint
 * expansion), in order, and the share of nodes to score (0 = adaptive).
 */
export interface Profile {
  schedulerName: string;
  plugins: ProfilePlugin[];
  percentageOfNodesToScore: number;
  /** Per extension point: plugins disabled there ('*': every plugin not enabled there explicitly). */
  disabled?: Partial<Record<string, ReadonlySet<string> | '*'>>;
  /** Plugin arguments (pluginConfig) by plugin name. */
  args?: Record<string, Record<string, unknown>>;
}

/**
 * The default profile of kube-scheduler 1.32 (apis/config/v1/default_plugins.go), restricted to the plugins
 * Kubelab implements, in upstream's order, with upstream's score weights.
 */
export const defaultProfile: Profile = {
  schedulerName: 'default-scheduler',
  plugins: DEFAULT_MULTIPOINT.map((p) => ({ ...p })),
  percentageOfNodesToScore: 0,
};
