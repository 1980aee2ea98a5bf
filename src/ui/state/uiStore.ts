import { createStore, type StoreApi } from 'zustand/vanilla';
import { isLocale, type Locale } from '../i18n/strings.ts';

/** Simulation speeds offered in the header: virtual seconds per wall-clock second (0 = paused). */
export const SPEEDS = [0, 1, 10, 60] as const;
export type Speed = (typeof SPEEDS)[number];

export type Theme = 'dark' | 'light';
export const DOCK_TABS = ['terminal', 'editor', 'events'] as const;
export type DockTab = (typeof DOCK_TABS)[number];
/** On narrow screens every panel is a tab of its own. */
export const NARROW_TABS = ['cluster', 'terminal', 'editor', 'events', 'inspector'] as const;
export type NarrowTab = (typeof NARROW_TABS)[number];

/** What the inspector shows: any object by kind (`Pod`, `Node`, `Service`, `Deployment`...) and name. */
export interface ObjRef {
  kind: string;
  name: string;
  namespace?: string;
}

/** The graph's views: pods inside their nodes, pods under their owners, or the Istio mesh's traffic. */
export type GraphView = 'nodes' | 'owners' | 'mesh';

/** UI-only state of one lab: how fast time runs, what is selected, how the page looks. The cluster's state lives in the engine. */
export interface UiState {
  speed: Speed;
  selected?: ObjRef;
  theme: Theme;
  locale: Locale;
  dockTab: DockTab;
  narrowTab: NarrowTab;
  inspectorOpen: boolean;
  graphView: GraphView;
  /** Namespace filter of the graph ('' = all namespaces). */
  namespace: string;
  /** Search text highlighted in the graph. */
  search: string;
  /** Show the scheduling overlay for the selected pod (pending pods show it regardless). */
  schedulingOverlay: boolean;
  /** Level of detail: `auto` collapses nodes to pod counts when zoomed out or crowded; `full` always draws every pod. */
  detail: 'auto' | 'full';
  setSpeed(speed: Speed): void;
  select(ref: ObjRef | undefined): void;
  setTheme(theme: Theme): void;
  setLocale(locale: Locale): void;
  setDockTab(tab: DockTab): void;
  setNarrowTab(tab: NarrowTab): void;
  setInspectorOpen(open: boolean): void;
  setGraphView(view: GraphView): void;
  setNamespace(ns: string): void;
  setSearch(text: string): void;
  setSchedulingOverlay(on: boolean): void;
  setDetail(detail: 'auto' | 'full'): void;
}

export type Prefs = Pick<UiState, 'theme' | 'locale' | 'dockTab' | 'inspectorOpen'>;

/** The graph id of a selected object (`pod:NS/NAME`, `node:NAME`, `obj:KIND:NS/NAME`), as the topology model names them. */
export function graphId(ref: ObjRef | undefined): string | undefined {
  if (!ref) return undefined;
  if (ref.kind === 'Pod') return `pod:${ref.namespace ?? 'default'}/${ref.name}`;
  if (ref.kind === 'Node') return `node:${ref.name}`;
  return `obj:${ref.kind}:${ref.namespace ?? ''}/${ref.name}`;
}

/** The reverse of `graphId`; undefined for ids that name no object (the unscheduled lane, count cards). */
export function refFromGraphId(id: string): ObjRef | undefined {
  if (id.startsWith('pod:')) {
    const [namespace, name] = id.slice(4).split('/');
    return { kind: 'Pod', namespace, name };
  }
  if (id.startsWith('node:')) return { kind: 'Node', name: id.slice(5) };
  const m = /^obj:([A-Za-z]+):([^/]*)\/([^/]+)$/.exec(id);
  if (m && m[1] !== 'Standalone') return m[2] ? { kind: m[1], namespace: m[2], name: m[3] } : { kind: m[1], name: m[3] };
  return undefined;
}

const PREFS_KEY = 'kubelab.prefs';

/** Saved preferences from `storage` (localStorage in the page), ignoring anything malformed. */
export function loadPrefs(storage: Pick<Storage, 'getItem'> | undefined): Partial<Prefs> {
  try {
    const raw = JSON.parse(storage?.getItem(PREFS_KEY) ?? '{}') as Record<string, unknown>;
    const out: Partial<Prefs> = {};
    if (raw.theme === 'dark' || raw.theme === 'light') out.theme = raw.theme;
    if (isLocale(raw.locale)) out.locale = raw.locale;
    if ((DOCK_TABS as readonly unknown[]).includes(raw.dockTab)) out.dockTab = raw.dockTab as DockTab;
    if (typeof raw.inspectorOpen === 'boolean') out.inspectorOpen = raw.inspectorOpen;
    return out;
  } catch {
    return {};
  }
}

export function savePrefs(storage: Pick<Storage, 'setItem'> | undefined, s: Prefs): void {
  try {
    storage?.setItem(PREFS_KEY, JSON.stringify({ theme: s.theme, locale: s.locale, dockTab: s.dockTab, inspectorOpen: s.inspectorOpen }));
  } catch {
    // Storage may be full or disabled (private windows); preferences then last for the session only.
  }
}

/** One store per lab instance (never a module singleton), so two labs on a page do not share state. */
export function createUiStore(initial: Partial<Pick<UiState, 'speed'> & Prefs> = {}): StoreApi<UiState> {
  return createStore<UiState>((set) => ({
    speed: initial.speed ?? 1,
    selected: undefined,
    theme: initial.theme ?? 'dark',
    locale: initial.locale ?? 'en',
    dockTab: initial.dockTab ?? 'terminal',
    narrowTab: 'cluster',
    inspectorOpen: initial.inspectorOpen ?? true,
    graphView: 'nodes',
    namespace: '',
    search: '',
    schedulingOverlay: false,
    detail: 'auto',
    setSpeed: (speed) => set({ speed }),
    select: (selected) => set({ selected }),
    setTheme: (theme) => set({ theme }),
    setLocale: (locale) => set({ locale }),
    setDockTab: (dockTab) => set({ dockTab }),
    setNarrowTab: (narrowTab) => set({ narrowTab }),
    setInspectorOpen: (inspectorOpen) => set({ inspectorOpen }),
    setGraphView: (graphView) => set({ graphView }),
    setNamespace: (namespace) => set({ namespace }),
    setSearch: (search) => set({ search }),
    setSchedulingOverlay: (schedulingOverlay) => set({ schedulingOverlay }),
    setDetail: (detail) => set({ detail }),
  }));
}
