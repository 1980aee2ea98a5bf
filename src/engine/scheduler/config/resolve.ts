import type { PluginFactory } from '../framework/interfaces.ts';
import type { Profile, ProfilePlugin } from '../framework/profile.ts';
import { API_VERSION, DEFAULT_MULTIPOINT, defaultArgs, EXTENSION_POINTS, type PluginRef, type ProfileConfig, type SchedulerConfiguration } from './defaults.ts';
import { validateArgs } from './args.ts';

/** The effective configuration: what `lab scheduler config` prints and the scheduler runs. */
export interface EffectiveConfig {
  config: SchedulerConfiguration;
  profiles: Profile[];
  podInitialBackoffSeconds: number;
  podMaxBackoffSeconds: number;
}

/** A rejected configuration: kube-scheduler's messages, one per problem. */
export class ConfigError extends Error {
  constructor(readonly errors: string[]) {
    super(errors.length === 1 ? errors[0] : `[${errors.join(', ')}]`);
  }
}

/** Plugins removed from v1 (invalidPluginsByVersion). */
const INVALID_IN_V1 = new Set(['AzureDiskLimits', 'CinderLimits', 'EBSLimits', 'GCEPDLimits']);

const TYPE_NAMES: Record<string, string> = {
  preEnqueue: 'PreEnqueuePlugin',
  queueSort: 'QueueSortPlugin',
  preFilter: 'PreFilterPlugin',
  filter: 'FilterPlugin',
  postFilter: 'PostFilterPlugin',
  preScore: 'PreScorePlugin',
  score: 'ScorePlugin',
  reserve: 'ReservePlugin',
  permit: 'PermitPlugin',
  preBind: 'PreBindPlugin',
  bind: 'BindPlugin',
  postBind: 'PostBindPlugin',
  multiPoint: 'MultiPoint',
};

const goValue = (v: unknown) => (typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v));

/**
 * Default, validate and resolve a KubeSchedulerConfiguration as kube-scheduler does at start-up: v1 defaults
 * (one default-scheduler profile, the default plugins merged with the profile's enabled/disabled sets,
 * default plugin args), ValidateKubeSchedulerConfiguration's field errors, then the framework's own checks
 * (unknown plugins, duplicate enables). Throws ConfigError with every message.
 */
export function resolveConfig(input: SchedulerConfiguration, registry: Record<string, PluginFactory>): EffectiveConfig {
  const errs: string[] = [];
  if (input.apiVersion !== API_VERSION) errs.push(`no kind "${input.kind ?? ''}" is registered for version "${input.apiVersion ?? ''}" in scheme "pkg/scheduler/apis/config/scheme/scheme.go:30"`);
  else if (input.kind !== 'KubeSchedulerConfiguration') errs.push(`no kind "${input.kind ?? ''}" is registered for version "${API_VERSION}" in scheme "pkg/scheduler/apis/config/scheme/scheme.go:30"`);
  if (errs.length) throw new ConfigError(errs);

  const parallelism = input.parallelism ?? 16;
  const pct = input.percentageOfNodesToScore ?? 0;
  const initial = input.podInitialBackoffSeconds ?? 1;
  const max = input.podMaxBackoffSeconds ?? 10;
  const profilesIn: ProfileConfig[] = input.profiles && input.profiles.length > 0 ? input.profiles : [{ schedulerName: 'default-scheduler' }];
  if (parallelism <= 0) errs.push(`parallelism: Invalid value: ${parallelism}: should be an integer value greater than zero`);

  const seen = new Map<string, number>();
  const profiles: Profile[] = [];
  const outProfiles: ProfileConfig[] = [];
  profilesIn.forEach((p, i) => {
    const path = `profiles[${i}]`;
    const name = p.schedulerName ?? 'default-scheduler';
    if (name === '') errs.push(`${path}.schedulerName: Required value`);
    if (p.percentageOfNodesToScore !== undefined && (p.percentageOfNodesToScore < 0 || p.percentageOfNodesToScore > 100)) {
      errs.push(`${path}.percentageOfNodesToScore: Invalid value: ${p.percentageOfNodesToScore}: not in valid range [0-100]`);
    }
    for (const point of [...EXTENSION_POINTS, 'multiPoint'] as const) {
      (p.plugins?.[point]?.enabled ?? []).forEach((e, k) => {
        if (INVALID_IN_V1.has(e.name)) errs.push(`${path}.plugins.${point}.enabled[${k}]: Invalid value: ${goValue(e.name)}: was invalid in version "${API_VERSION}" (KubeSchedulerConfiguration is version "${API_VERSION}")`);
      });
    }
    const args = defaultArgs();
    const seenArgs = new Set<string>();
    (p.pluginConfig ?? []).forEach((pc, k) => {
      if (seenArgs.has(pc.name)) errs.push(`${path}.pluginConfig[${k}]: Duplicate value: ${goValue(pc.name)}`);
      seenArgs.add(pc.name);
      const merged = { ...(args[pc.name] ?? { apiVersion: API_VERSION, kind: `${pc.name}Args` }), ...(pc.args ?? {}) };
      errs.push(...validateArgs(pc.name, merged, `${path}.pluginConfig[${k}].args`));
      args[pc.name] = merged;
    });
    if (seen.has(name)) errs.push(`${path}.schedulerName: Duplicate value: "profiles[${seen.get(name)}].schedulerName"`);
    seen.set(name, i);
    const built = buildProfile(name, p, args, registry, errs, p.percentageOfNodesToScore ?? pct);
    profiles.push(built);
    outProfiles.push({ schedulerName: name, ...(p.percentageOfNodesToScore !== undefined ? { percentageOfNodesToScore: p.percentageOfNodesToScore } : {}), plugins: pluginsOut(built), pluginConfig: Object.keys(args).sort().map((n) => ({ name: n, args: args[n] })) });
  });
  const qs = outProfiles.map((o) => JSON.stringify(o.plugins?.queueSort ?? {}));
  for (let i = 1; i < qs.length; i++) if (qs[i] !== qs[0]) errs.push(`profiles[${i}].plugins.queueSort: Invalid value: ${qs[i]}: must be the same for all profiles`);
  if (pct < 0 || pct > 100) errs.push(`percentageOfNodesToScore: Invalid value: ${pct}: not in valid range [0-100]`);
  if (initial <= 0) errs.push(`podInitialBackoffSeconds: Invalid value: ${initial}: must be greater than 0`);
  if (max < initial) errs.push(`podMaxBackoffSeconds: Invalid value: ${max}: must be greater than or equal to PodInitialBackoffSeconds`);
  if (errs.length) throw new ConfigError(errs);
  return {
    config: {
      apiVersion: API_VERSION,
      kind: 'KubeSchedulerConfiguration',
      parallelism,
      percentageOfNodesToScore: pct,
      podInitialBackoffSeconds: initial,
      podMaxBackoffSeconds: max,
      profiles: outProfiles,
    },
    profiles,
    podInitialBackoffSeconds: initial,
    podMaxBackoffSeconds: max,
  };
}

/**
 * Merge the profile's plugin sets with the defaults (mergePlugins): multiPoint disabled/enabled first, then
 * per extension point: "*" or names disabled there, and plugins enabled only there.
 */
function buildProfile(name: string, p: ProfileConfig, args: Record<string, Record<string, unknown>>, registry: Record<string, PluginFactory>, errs: string[], pct: number): Profile {
  const mp = p.plugins?.multiPoint;
  const disabledAll = (mp?.disabled ?? []).some((d) => d.name === '*');
  const disabledNames = new Set((mp?.disabled ?? []).map((d) => d.name));
  const list: ProfilePlugin[] = disabledAll ? [] : DEFAULT_MULTIPOINT.filter((d) => !disabledNames.has(d.name)).map((d) => ({ ...d }));
  const check = (point: string, e: PluginRef): boolean => {
    if (registry[e.name]) return true;
    errs.push(`initializing profiles: creating profile for scheduler name ${name}: ${TYPE_NAMES[point]} "${e.name}" does not exist`);
    return false;
  };
  for (const e of mp?.enabled ?? []) {
    if (!check('multiPoint', e)) continue;
    const cur = list.find((x) => x.name === e.name);
    if (cur) cur.weight = e.weight || cur.weight;
    else list.push({ name: e.name, weight: e.weight });
  }
  const disabled: Record<string, Set<string> | '*'> = {};
  for (const point of EXTENSION_POINTS) {
    const set = p.plugins?.[point];
    if (!set) continue;
    const d = set.disabled ?? [];
    if (d.some((x) => x.name === '*')) disabled[point] = '*';
    else if (d.length) disabled[point] = new Set(d.map((x) => x.name));
    const seenHere = new Set<string>();
    for (const e of set.enabled ?? []) {
      if (!check(point, e)) continue;
      if (seenHere.has(e.name)) errs.push(`initializing profiles: creating profile for scheduler name ${name}: plugin "${e.name}" already registered as "${TYPE_NAMES[point]}"`);
      seenHere.add(e.name);
      const cur = list.find((x) => x.name === e.name);
      const dis = disabled[point];
      if (!cur) list.push({ name: e.name, weight: e.weight, only: new Set([point]) });
      else if (cur.only) (cur.only as Set<string>).add(point);
      else if (dis === '*') (cur.alsoAt ??= new Set()).add(point);
      else if (dis) dis.delete(e.name);
      if (cur && point === 'score' && e.weight) cur.weight = e.weight;
    }
  }
  return { schedulerName: name, plugins: list, percentageOfNodesToScore: pct, disabled, args };
}

/** The plugins section as kube-scheduler prints it: the resolved multiPoint list plus per-point overrides. */
function pluginsOut(p: Profile): ProfileConfig['plugins'] {
  const out: NonNullable<ProfileConfig['plugins']> = {};
  const multi = p.plugins.filter((x) => !x.only);
  out.multiPoint = { enabled: multi.map((x) => (x.weight ? { name: x.name, weight: x.weight } : { name: x.name })) };
  for (const point of EXTENSION_POINTS) {
    const enabled = p.plugins.filter((x) => x.only?.has(point) || x.alsoAt?.has(point)).map((x) => (x.weight && point === 'score' ? { name: x.name, weight: x.weight } : { name: x.name }));
    const d = p.disabled?.[point];
    const disabled = d === '*' ? [{ name: '*' }] : d ? [...d].map((name) => ({ name })) : [];
    if (enabled.length || disabled.length) out[point] = { ...(enabled.length ? { enabled } : {}), ...(disabled.length ? { disabled } : {}) };
  }
  return out;
}
