// Resolve /api/v1/... and /apis/GROUP/VERSION/... URLs to a resource type, namespace, name and subresource.
import type { ResourceRegistry } from '../engine/api/registry.ts';
import type { ResourceType } from '../engine/api/types.ts';
import type { ResourcePath } from './request.ts';

function typeFor(registry: ResourceRegistry, group: string, version: string, plural: string): ResourceType | undefined {
  for (const t of registry.all()) {
    if (t.plural !== plural || t.group !== group) continue;
    if (t.version === version || t.alternateVersions?.some((a) => a.version === version)) return t;
  }
  return undefined;
}

/**
 * `{group, version, rest}` of a resource URL, or undefined for paths that are not under /api/v1 or
 * /apis/GROUP/VERSION.
 */
export function splitGroupVersion(path: string): { group: string; version: string; rest: string[] } | undefined {
  const segs = path.split('/').filter((s) => s !== '');
  if (segs[0] === 'api' && segs.length >= 2) return { group: '', version: segs[1], rest: segs.slice(2) };
  if (segs[0] === 'apis' && segs.length >= 3) return { group: segs[1], version: segs[2], rest: segs.slice(3) };
  return undefined;
}

/** Resolve the segments after the group-version; undefined when no served resource matches. */
export function resolveResource(registry: ResourceRegistry, group: string, version: string, rest: string[]): ResourcePath | undefined {
  if (rest.length === 0) return undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    const t = typeFor(registry, group, version, rest[2]);
    if (t && t.namespaced && rest.length <= 5) return { rt: t, version, namespace: decodeURIComponent(rest[1]), name: rest[3] && decodeURIComponent(rest[3]), subresource: rest[4] };
    if (!t && group === '' && rest.length === 3) {
      // /api/v1/namespaces/NAME/status|finalize
      const ns = typeFor(registry, '', version, 'namespaces');
      if (ns) return { rt: ns, version, name: decodeURIComponent(rest[1]), subresource: rest[2] };
    }
    if (t || rest.length > 3) return undefined;
  }
  const t = typeFor(registry, group, version, rest[0]);
  if (!t || rest.length > 3) return undefined;
  return { rt: t, version, name: rest[1] && decodeURIComponent(rest[1]), subresource: rest[2] };
}
