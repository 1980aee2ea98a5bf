/**
 * Image references normalised as containerd (distribution/reference ParseNormalizedNamed) does:
 * `nginx` → `docker.io/library/nginx:latest`, `user/app:1` → `docker.io/user/app:1`,
 * `registry.k8s.io/pause:3.10` stays as it is.
 */
export interface ImageRef {
  /** Registry host, e.g. `docker.io`. */
  domain: string;
  /** Path inside the registry, e.g. `library/nginx`. */
  path: string;
  /** Tag; `latest` when neither tag nor digest was given. */
  tag?: string;
  digest?: string;
  /** Fully qualified repository name: `docker.io/library/nginx`. */
  repository: string;
  /** Fully qualified reference: `docker.io/library/nginx:1.14`. */
  full: string;
}

export class ReferenceError extends Error {}

const componentRe = /^[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*$/;
const tagRe = /^[\w][\w.-]{0,127}$/;
const digestRe = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;
const domainRe = /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\.(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?))*(?::[0-9]+)?$/;

/** Parse and normalise; throws ReferenceError with distribution/reference's message. */
export function parseImageRef(image: string): ImageRef {
  if (image === '') throw new ReferenceError('repository name must have at least one component');
  if (/^[a-f0-9]{64}$/.test(image)) {
    throw new ReferenceError(`invalid repository name (${image}), cannot specify 64-byte hexadecimal strings`);
  }
  let rest = image;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!digestRe.test(digest)) throw new ReferenceError('invalid reference format');
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!tagRe.test(tag)) throw new ReferenceError('invalid reference format');
  }
  // splitDockerDomain: the first component is a registry when it has a dot or a port, or is localhost.
  let domain = 'docker.io';
  let path = rest;
  const slash = rest.indexOf('/');
  if (slash >= 0) {
    const first = rest.slice(0, slash);
    if (first.includes('.') || first.includes(':') || first === 'localhost' || first !== first.toLowerCase()) {
      domain = first;
      path = rest.slice(slash + 1);
    }
  }
  if (domain === 'index.docker.io') domain = 'docker.io';
  if (domain === 'docker.io' && !path.includes('/')) path = `library/${path}`;
  if (!domainRe.test(domain)) throw new ReferenceError('invalid reference format');
  const comps = path.split('/');
  for (const c of comps) {
    if (!componentRe.test(c)) {
      if (componentRe.test(c.toLowerCase())) {
        throw new ReferenceError(`invalid reference format: repository name (${path}) must be lowercase`);
      }
      throw new ReferenceError('invalid reference format');
    }
  }
  if (!tag && !digest) tag = 'latest';
  const repository = `${domain}/${path}`;
  const full = repository + (tag ? `:${tag}` : '') + (digest ? `@${digest}` : '');
  return { domain, path, tag, digest, repository, full };
}

/** The error text the kubelet reports for an unparsable image (`Failed to apply default image tag ...`). */
export function invalidImageMessage(image: string, e: unknown): string {
  return `Failed to apply default image tag "${image}": couldn't parse image name "${image}": ${e instanceof Error ? e.message : String(e)}`;
}

/** The API server's default pull policy: Always for `:latest` or no tag, IfNotPresent otherwise. */
export function defaultPullPolicy(image: string): 'Always' | 'IfNotPresent' {
  try {
    const r = parseImageRef(image);
    if (r.digest) return 'IfNotPresent';
    return r.tag === 'latest' ? 'Always' : 'IfNotPresent';
  } catch {
    return 'IfNotPresent';
  }
}

/** A stable sha256-looking digest for a name (FNV-1a based; the same on every run and in every cluster). */
export function stableDigest(seed: string): string {
  let out = '';
  let h = 0x811c9dc5;
  for (let round = 0; out.length < 64; round++) {
    const s = `${seed}#${round}`;
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, 64);
}
