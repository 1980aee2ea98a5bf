import { agnhostApp, pauseApp, stressApp } from './apps/tools.ts';
import { corednsRepository, dnsutilsRepository } from './apps/coredns.ts';
import { systemRepositories } from './apps/system.ts';
import { mysqlApp, postgresApp, redisApp } from './apps/data.ts';
import { ingressNginxRepository } from './apps/ingressnginx.ts';
import { istioPilotRepository, istioProxyRepository } from './apps/istio/index.ts';
import { tcpEchoRepository } from './apps/istio/tcpecho.ts';
import { bookinfoRepositories } from './apps/bookinfo/index.ts';
import { perlRepository } from './apps/perl.ts';
import { nginxApp, nginxRelease } from './apps/nginx.ts';
import { echoServer, goproxy, helloApp, httpdApp, httpEcho } from './apps/web.ts';
import { stableDigest, type ImageRef } from './reference.ts';
import type { ShTool } from './shell/run.ts';
import type { AppContext, AppStartResult, ShellFlavor } from './types.ts';

/** One image build; several tags may name it (`1.14`, `1.14.2`). */
export interface ImageVersion {
  tags: string[];
  /** Compressed size in bytes, as the kubelet reports after a pull. */
  size: number;
  /** The build's real manifest-list digest (`sha256:...`), when manifests pin it; otherwise a stable made-up one. */
  digest?: string;
}

/** A repository in the simulated registries, with the image config its builds share. */
export interface Repository {
  name: string;
  versions: ImageVersion[];
  entrypoint: string[];
  cmd: string[];
  env: Record<string, string>;
  /** STOPSIGNAL from the image config (SIGTERM unless the image says otherwise). */
  stopSignal: string;
  flavor: ShellFlavor;
  /** True for images without a shell or coreutils (distroless, scratch). */
  bare?: boolean;
  /** Long-running programs in the image, by binary name. `exec` means "run this argv instead" (entry-point scripts). */
  apps: Record<string, (ctx: AppContext) => AppStartResult | { exec: string[]; logs?: string[] }>;
  /** Short-lived programs in the image (perl), run like builtins: in the main process and under `kubectl exec`. */
  tools?: Record<string, ShTool>;
  /** The software release a tag stands for (`latest` → `5.40.0`), for version banners; the tag itself otherwise. */
  release?: (tag: string) => string;
  files?: Record<string, string>;
}

const shellEnv = { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' };

const nginxApps: Repository['apps'] = {
  nginx: (ctx) => nginxApp(ctx, false),
  'nginx-debug': (ctx) => nginxApp(ctx, false),
  '/docker-entrypoint.sh': (ctx) => {
    const rest = ctx.argv.slice(1);
    if (rest[0] === 'nginx' || rest[0] === 'nginx-debug') return nginxApp({ ...ctx, argv: rest }, true);
    return { exec: rest, logs: [] };
  },
};

function dbEntrypoint(main: string, app: (ctx: AppContext) => AppStartResult): Repository['apps'] {
  return {
    [main]: app,
    'docker-entrypoint.sh': (ctx) => (ctx.argv[1] === main || ctx.argv[1]?.startsWith('-') ? app({ ...ctx, argv: ctx.argv.slice(1) }) : { exec: ctx.argv.slice(1) }),
  };
}

const busyboxLike = (name: string, versions: ImageVersion[], flavor: ShellFlavor = 'busybox', cmd = ['sh']): Repository => ({
  name,
  versions,
  entrypoint: [],
  cmd,
  env: shellEnv,
  stopSignal: 'SIGTERM',
  flavor,
  apps: {},
});

export const repositories: Repository[] = [
  {
    name: 'docker.io/library/nginx',
    versions: [
      { tags: ['1.7.9'], size: 39_947_316 },
      { tags: ['1.14', '1.14.2'], size: 44_709_785 },
      { tags: ['1.15', '1.15.12'], size: 44_986_541 },
      { tags: ['1.16', '1.16.1'], size: 51_030_575 },
      { tags: ['1.17', '1.17.10'], size: 51_483_812 },
      { tags: ['1.19', '1.19.10'], size: 53_637_286 },
      { tags: ['1.20', '1.20.2'], size: 56_727_410 },
      { tags: ['1.21', '1.21.6'], size: 56_745_783 },
      { tags: ['1.22', '1.22.1'], size: 56_839_620 },
      { tags: ['1.23', '1.23.4'], size: 57_005_842 },
      { tags: ['1.24', '1.24.0'], size: 57_065_522 },
      { tags: ['1.25', '1.25.5'], size: 70_544_671 },
      { tags: ['1.26', '1.26.2', 'stable'], size: 72_101_453 },
      { tags: ['1.27', '1.27.3', 'latest', 'mainline'], size: 72_099_410 },
      { tags: ['1.28', '1.28.0'], size: 72_188_133 },
      { tags: ['alpine', '1.27-alpine', '1.27.3-alpine', 'mainline-alpine'], size: 20_494_201 },
      { tags: ['stable-alpine', '1.26-alpine', '1.26.2-alpine'], size: 20_451_390 },
      { tags: ['1.25-alpine', '1.25.5-alpine'], size: 19_163_114 },
    ],
    entrypoint: ['/docker-entrypoint.sh'],
    cmd: ['nginx', '-g', 'daemon off;'],
    env: { ...shellEnv, NGINX_VERSION: '' },
    stopSignal: 'SIGQUIT',
    flavor: 'gnu',
    apps: nginxApps,
    files: { '/usr/share/nginx/html/index.html': '', '/etc/nginx/nginx.conf': 'user  nginx;\nworker_processes  auto;\n', '/etc/nginx/conf.d/default.conf': 'server {\n    listen       80;\n    server_name  localhost;\n}\n' },
  },
  {
    name: 'docker.io/library/httpd',
    versions: [
      { tags: ['2.4', '2.4.62', 'latest', '2'], size: 58_232_374 },
      { tags: ['alpine', '2.4-alpine', '2.4.62-alpine'], size: 22_873_109 },
    ],
    entrypoint: [],
    cmd: ['httpd-foreground'],
    env: { ...shellEnv, HTTPD_PREFIX: '/usr/local/apache2' },
    stopSignal: 'SIGWINCH',
    flavor: 'gnu',
    apps: { 'httpd-foreground': httpdApp, httpd: httpdApp },
    files: { '/usr/local/apache2/htdocs/index.html': '<html><body><h1>It works!</h1></body></html>\n' },
  },
  busyboxLike('docker.io/library/busybox', [
    { tags: ['1.28'], size: 727_869 },
    { tags: ['1.35', '1.35.0'], size: 2_220_094 },
    { tags: ['1.36', '1.36.1', 'latest', 'stable'], size: 2_159_766 },
    { tags: ['1.37', '1.37.0'], size: 2_166_802 },
  ]),
  busyboxLike('registry.k8s.io/busybox', [{ tags: ['1.27.2', 'latest'], size: 1_144_547 }]),
  busyboxLike('docker.io/library/alpine', [
    { tags: ['3.18', '3.18.9'], size: 3_420_343 },
    { tags: ['3.19', '3.19.4'], size: 3_418_543 },
    { tags: ['3.20', '3.20.3'], size: 3_626_898 },
    { tags: ['3.21', '3.21.0', 'latest', '3'], size: 3_644_081 },
  ], 'busybox', ['/bin/sh']),
  busyboxLike('docker.io/library/ubuntu', [
    { tags: ['22.04', 'jammy'], size: 29_536_818 },
    { tags: ['24.04', 'noble', 'latest'], size: 29_754_422 },
  ], 'gnu', ['/bin/bash']),
  busyboxLike('docker.io/library/debian', [{ tags: ['12', 'bookworm', 'latest', 'bookworm-slim', '12-slim'], size: 48_495_137 }], 'gnu', ['bash']),
  busyboxLike('docker.io/curlimages/curl', [{ tags: ['8.11.1', 'latest'], size: 11_873_023 }], 'busybox', ['curl', '--help']),
  perlRepository,
  ingressNginxRepository,
  istioPilotRepository,
  istioProxyRepository,
  tcpEchoRepository,
  ...bookinfoRepositories,
  {
    name: 'docker.io/library/redis',
    versions: [
      { tags: ['6', '6.2', '6.2.16'], size: 40_313_921 },
      { tags: ['7.2', '7.2.6'], size: 40_798_314 },
      { tags: ['7', '7.4', '7.4.1', 'latest'], size: 45_170_142 },
      { tags: ['alpine', '7-alpine', '7.4-alpine', '7.4.1-alpine'], size: 17_222_108 },
    ],
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['redis-server'],
    env: shellEnv,
    stopSignal: 'SIGTERM',
    flavor: 'gnu',
    apps: dbEntrypoint('redis-server', redisApp),
  },
  {
    name: 'docker.io/library/mysql',
    versions: [
      { tags: ['5.7', '5.7.44'], size: 156_744_108 },
      { tags: ['8.0', '8.0.40', '8'], size: 166_109_433 },
      { tags: ['8.4', '8.4.3', 'lts', 'latest'], size: 172_530_512 },
    ],
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['mysqld'],
    env: shellEnv,
    stopSignal: 'SIGTERM',
    flavor: 'gnu',
    apps: dbEntrypoint('mysqld', mysqlApp),
  },
  {
    name: 'docker.io/library/postgres',
    versions: [
      { tags: ['15', '15.10'], size: 150_162_845 },
      { tags: ['16', '16.6'], size: 152_300_021 },
      { tags: ['17', '17.2', 'latest'], size: 154_491_877 },
      { tags: ['alpine', '17-alpine', '16-alpine'], size: 105_212_553 },
    ],
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['postgres'],
    env: shellEnv,
    stopSignal: 'SIGINT',
    flavor: 'gnu',
    apps: dbEntrypoint('postgres', postgresApp),
  },
  {
    name: 'registry.k8s.io/e2e-test-images/agnhost',
    versions: [{ tags: ['2.39'], size: 51_133_021 }, { tags: ['2.40'], size: 51_160_101 }, { tags: ['2.52', '2.53'], size: 42_810_132 }],
    entrypoint: ['/agnhost'],
    cmd: [],
    env: shellEnv,
    stopSignal: 'SIGTERM',
    flavor: 'busybox',
    apps: { '/agnhost': agnhostApp, agnhost: agnhostApp },
  },
  {
    name: 'docker.io/hashicorp/http-echo',
    bare: true,
    versions: [{ tags: ['1.0', '1.0.0', 'latest'], size: 3_529_861 }, { tags: ['0.2.3'], size: 2_730_130 }],
    entrypoint: ['/http-echo'],
    cmd: [],
    env: {},
    stopSignal: 'SIGTERM',
    flavor: 'busybox',
    apps: { '/http-echo': httpEcho },
  },
  {
    name: 'gcr.io/google-samples/hello-app',
    bare: true,
    versions: [{ tags: ['1.0'], size: 11_101_022 }, { tags: ['2.0'], size: 11_101_153 }],
    entrypoint: ['/hello-app'],
    cmd: [],
    env: {},
    stopSignal: 'SIGTERM',
    flavor: 'busybox',
    apps: { '/hello-app': helloApp },
  },
  {
    name: 'registry.k8s.io/echoserver',
    versions: [{ tags: ['1.10', '1.4'], size: 46_232_151 }],
    entrypoint: [],
    cmd: ['/usr/local/bin/run.sh'],
    env: shellEnv,
    stopSignal: 'SIGTERM',
    flavor: 'gnu',
    apps: { '/usr/local/bin/run.sh': echoServer },
  },
  {
    name: 'registry.k8s.io/goproxy',
    bare: true,
    versions: [{ tags: ['0.1'], size: 2_459_208 }],
    entrypoint: ['/goproxy'],
    cmd: [],
    env: {},
    stopSignal: 'SIGTERM',
    flavor: 'busybox',
    apps: { '/goproxy': () => goproxy() },
  },
  {
    name: 'registry.k8s.io/pause',
    bare: true,
    versions: [{ tags: ['3.9'], size: 321_520 }, { tags: ['3.10', 'latest'], size: 320_368 }],
    entrypoint: ['/pause'],
    cmd: [],
    env: {},
    stopSignal: 'SIGTERM',
    flavor: 'busybox',
    apps: { '/pause': () => pauseApp() },
  },
  {
    name: 'docker.io/polinux/stress',
    versions: [{ tags: ['latest', '1.0.4'], size: 4_041_495 }],
    entrypoint: [],
    cmd: ['stress', '--help'],
    env: shellEnv,
    stopSignal: 'SIGTERM',
    flavor: 'busybox',
    apps: { stress: stressApp, '/usr/local/bin/stress': stressApp },
  },
  corednsRepository, dnsutilsRepository,
  ...systemRepositories,
];


const byName = new Map(repositories.map((r) => [r.name, r]));

export interface ResolvedImage {
  repo: Repository;
  version: ImageVersion;
  /** The tag asked for, or the first tag of the build for digest references. */
  tag: string;
  /** `sha256:<64 hex>` of the build's manifest list. */
  digest: string;
  /** `docker.io/library/nginx@sha256:...`, as containerd reports the image ID. */
  imageID: string;
}

const digests = new Map<ImageVersion, string>();

export function digestOf(repo: Repository, version: ImageVersion): string {
  let d = digests.get(version);
  if (!d) {
    d = version.digest ?? `sha256:${stableDigest(`${repo.name}@${version.tags[0]}`)}`;
    digests.set(version, d);
  }
  return d;
}

export type ResolveError = { notFound: true } | { denied: true };

/** Look an image up in the simulated registries. */
export function resolveImage(ref: ImageRef): ResolvedImage | ResolveError {
  const repo = byName.get(ref.repository);
  if (!repo) return { denied: true };
  for (const version of repo.versions) {
    if (ref.digest ? ref.digest === digestOf(repo, version) : version.tags.includes(ref.tag!)) {
      const digest = digestOf(repo, version);
      return { repo, version, tag: ref.tag ?? version.tags[0], digest, imageID: `${repo.name}@${digest}` };
    }
  }
  return { notFound: true };
}

/** The app version a tag stands for (used in version banners). */
export function appVersion(repo: Repository, tag: string): string {
  if (repo.release) return repo.release(tag);
  return repo.name.endsWith('/nginx') ? nginxRelease(tag) : tag;
}

/** containerd's pull error text for a reference that does not resolve. */
export function pullErrorText(ref: ImageRef, err: ResolveError): string {
  if ('notFound' in err) {
    return `rpc error: code = NotFound desc = failed to pull and unpack image "${ref.full}": failed to resolve reference "${ref.full}": ${ref.full}: not found`;
  }
  if (ref.domain === 'docker.io') {
    return `rpc error: code = Unknown desc = failed to pull and unpack image "${ref.full}": failed to resolve reference "${ref.full}": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`;
  }
  return `rpc error: code = Unknown desc = failed to pull and unpack image "${ref.full}": failed to resolve reference "${ref.full}": unexpected status from HEAD request to https://${ref.domain}/v2/${ref.path}/manifests/${ref.tag ?? ref.digest}: 403 Forbidden`;
}
