import type { ClusterRuntime } from '../runtime.ts';

/**
 * The lab's virtual filesystem as the shell sees it: a flat map of paths to contents (`rt.files`).
 * The working directory is always the home directory, `/root`; files under it are stored by their path
 * relative to it (`web.yaml`), so `web.yaml`, `./web.yaml`, `~/web.yaml` and `/root/web.yaml` are the
 * same file. Other absolute paths are stored as written. There are no real directories: a directory
 * exists while some file path runs through it.
 */
export const HOME = '/root';

export function normalizePath(path: string): string {
  let p = path.replace(/\/{2,}/g, '/');
  if (p === HOME || p === '~' || p === '.' || p === './') return '';
  if (p.startsWith(HOME + '/')) p = p.slice(HOME.length + 1);
  else if (p.startsWith('~/')) p = p.slice(2);
  while (p.startsWith('./')) p = p.slice(2);
  p = p.replace(/\/\.\//g, '/');
  if (p.length > 1 && p.endsWith('/')) p = p.slice(0, -1);
  return p;
}

export function readFile(rt: ClusterRuntime, path: string): string | undefined {
  return rt.files.get(normalizePath(path));
}

export function writeFile(rt: ClusterRuntime, path: string, content: string): void {
  rt.files.set(normalizePath(path), content);
}

export function appendFile(rt: ClusterRuntime, path: string, content: string): void {
  const key = normalizePath(path);
  rt.files.set(key, (rt.files.get(key) ?? '') + content);
}

export function removeFile(rt: ClusterRuntime, path: string): boolean {
  return rt.files.delete(normalizePath(path));
}

/** True when some file lives under `path` (so it is a directory). The home directory always exists. */
export function isDirectory(rt: ClusterRuntime, path: string): boolean {
  const key = normalizePath(path);
  if (key === '' || key === '/') return true;
  for (const f of rt.files.keys()) if (f.startsWith(key + '/')) return true;
  return false;
}

/** Names directly inside a directory (files and sub-directories), sorted. */
export function listDirectory(rt: ClusterRuntime, path: string): string[] {
  const key = normalizePath(path);
  const names = new Set<string>();
  for (const f of rt.files.keys()) {
    let rest: string | undefined;
    if (key === '') rest = f.startsWith('/') ? undefined : f;
    else if (key === '/') rest = f.startsWith('/') ? f.slice(1) : `root/${f}`;
    else if (f.startsWith(key + '/')) rest = f.slice(key.length + 1);
    if (rest) names.add(rest.split('/')[0]);
  }
  return [...names].sort();
}
