import { describe, expect, it } from 'vitest';
import { pullErrorText, resolveImage } from './catalog.ts';
import { execInContainer } from './exec.ts';
import { ContainerFs } from './fs.ts';
import { SimProcess } from './process.ts';
import { defaultPullPolicy, parseImageRef } from './reference.ts';
import { goDuration } from './shell/format.ts';

const T0 = Date.parse('2025-01-01T00:00:00Z');

function proc(image: string, command?: string[], args?: string[], env: Record<string, string> = {}, memoryLimit?: number): SimProcess {
  const r = resolveImage(parseImageRef(image));
  if (!('repo' in r)) throw new Error(`no image ${image}`);
  return new SimProcess({
    repo: r.repo,
    tag: r.tag,
    command,
    args,
    env: new Map(Object.entries({ ...r.repo.env, ...env })),
    hostname: 'web-1',
    podIP: '10.244.1.5',
    startMs: T0,
    fs: new ContainerFs(r.repo.files ?? {}),
    memoryLimit,
  });
}

describe('image references normalise like containerd', () => {
  const cases: Array<{ in: string; want: string }> = [
    { in: 'nginx', want: 'docker.io/library/nginx:latest' },
    { in: 'nginx:1.14', want: 'docker.io/library/nginx:1.14' },
    { in: 'library/nginx:1.25', want: 'docker.io/library/nginx:1.25' },
    { in: 'hashicorp/http-echo', want: 'docker.io/hashicorp/http-echo:latest' },
    { in: 'registry.k8s.io/pause:3.10', want: 'registry.k8s.io/pause:3.10' },
    { in: 'localhost:5000/app', want: 'localhost:5000/app:latest' },
    { in: 'index.docker.io/library/busybox:1.36', want: 'docker.io/library/busybox:1.36' },
  ];
  for (const c of cases) it(c.in, () => expect(parseImageRef(c.in).full).toBe(c.want));

  it('rejects upper case with the reference library message', () => {
    expect(() => parseImageRef('NGINX')).toThrow('invalid reference format: repository name (library/NGINX) must be lowercase');
  });

  const policies: Array<{ image: string; want: string }> = [
    { image: 'nginx', want: 'Always' },
    { image: 'nginx:latest', want: 'Always' },
    { image: 'nginx:1.14', want: 'IfNotPresent' },
  ];
  for (const p of policies) it(`default pull policy of ${p.image}`, () => expect(defaultPullPolicy(p.image)).toBe(p.want));
});

describe('image catalog', () => {
  it('knows nginx:1.14 with its size and a stable digest shared by its aliases', () => {
    const a = resolveImage(parseImageRef('nginx:1.14'));
    const b = resolveImage(parseImageRef('nginx:1.14.2'));
    expect('repo' in a && a.version.size).toBe(44_709_785);
    expect('repo' in a && 'repo' in b && a.imageID === b.imageID).toBe(true);
    expect('repo' in a && a.imageID).toMatch(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
  });

  it('gives containerd error texts for unknown tags and repositories', () => {
    const tag = parseImageRef('nginx:nope');
    expect(pullErrorText(tag, resolveImage(tag) as never)).toBe(
      'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:nope": failed to resolve reference "docker.io/library/nginx:nope": docker.io/library/nginx:nope: not found',
    );
    const repo = parseImageRef('nosuchimage');
    expect(pullErrorText(repo, resolveImage(repo) as never)).toContain('pull access denied, repository does not exist or may require authorization');
  });
});

describe('container processes', () => {
  const exits: Array<{ name: string; image: string; command?: string[]; args?: string[]; env?: Record<string, string>; want: { afterMs: number; code: number } | undefined }> = [
    { name: 'nginx serves forever', image: 'nginx:1.25', want: undefined },
    { name: 'sleep 3600', image: 'busybox', command: ['sleep', '3600'], want: { afterMs: 3_600_000, code: 0 } },
    { name: 'sh -c "exit 1"', image: 'busybox', command: ['sh', '-c', 'exit 1'], want: { afterMs: 0, code: 1 } },
    { name: 'echo then sleep 10', image: 'busybox', command: ['sh', '-c', 'echo hello; sleep 10'], want: { afterMs: 10_000, code: 0 } },
    { name: 'busybox default sh exits at once', image: 'busybox', want: { afterMs: 0, code: 0 } },
    { name: 'endless loop', image: 'busybox', command: ['sh', '-c', 'while true; do echo hi; sleep 5; done'], want: undefined },
    { name: 'mysql without a password', image: 'mysql:8.0', want: { afterMs: 310, code: 1 } },
    { name: 'mysql with a password', image: 'mysql:8.0', env: { MYSQL_ROOT_PASSWORD: 'x' }, want: undefined },
    { name: 'unknown command', image: 'busybox', command: ['sh', '-c', 'nosuchcmd'], want: { afterMs: 0, code: 127 } },
  ];
  for (const c of exits) {
    it(c.name, () => {
      const ex = proc(c.image, c.command, c.args, c.env).predictExit();
      expect(ex ? { afterMs: ex.atMs - T0, code: ex.code } : undefined).toEqual(c.want);
    });
  }

  it('logs the counter example line by line on virtual time', () => {
    const p = proc('busybox', ['/bin/sh', '-c', 'i=0; while true; do echo "$i: $(date)"; i=$((i+1)); sleep 1; done']);
    p.advanceTo(T0 + 2500);
    expect(p.output().map((l) => l.text)).toEqual(['0: Wed Jan  1 00:00:00 UTC 2025', '1: Wed Jan  1 00:00:01 UTC 2025', '2: Wed Jan  1 00:00:02 UTC 2025']);
  });

  it('runs the liveness docs script against its own files', () => {
    const p = proc('registry.k8s.io/busybox:1.27.2', undefined, ['/bin/sh', '-c', 'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600']);
    expect(execInContainer(p, ['cat', '/tmp/healthy'], T0 + 10_000, 'id').exitCode).toBe(0);
    const late = execInContainer(p, ['cat', '/tmp/healthy'], T0 + 31_000, 'id');
    expect(late).toMatchObject({ exitCode: 1, stderr: "cat: can't open '/tmp/healthy': No such file or directory\n" });
  });

  it('prints the mysql refusal', () => {
    const p = proc('mysql:8.4');
    p.advanceTo(T0 + 1000);
    expect(p.output().map((l) => l.text)).toContain('2025-01-01 00:00:00+00:00 [ERROR] [Entrypoint]: Database is uninitialized and password option is not specified');
  });

  it('OOM-kills stress over its memory limit', () => {
    const args = ['--vm', '1', '--vm-bytes', '250M', '--vm-hang', '1'];
    expect(proc('polinux/stress', ['stress'], args, {}, 100 * 1024 * 1024).predictExit()).toMatchObject({ code: 137, reason: 'OOMKilled' });
    expect(proc('polinux/stress', ['stress'], ['--vm', '1', '--vm-bytes', '150M'], {}, 200 * 1024 * 1024).predictExit()).toBeUndefined();
  });

  it('nginx answers / with its welcome page and 404 elsewhere', () => {
    const p = proc('nginx:1.27');
    expect(p.http(80, '/', T0 + 1000, '10.244.1.1', 'curl')?.body).toContain('<title>Welcome to nginx!</title>');
    expect(p.http(80, '/nope', T0 + 1000, '10.244.1.1', 'curl')?.status).toBe(404);
    expect(p.http(8080, '/', T0 + 1000, '10.244.1.1', 'curl')).toBeUndefined();
  });

  it('rejects executables the image does not have', () => {
    expect(proc('busybox', ['foo']).startError).toContain('exec: "foo": executable file not found in $PATH: unknown');
    expect(proc('hashicorp/http-echo', ['sh']).startError).toContain('exec: "sh": executable file not found in $PATH');
  });

  it('sh ignores SIGTERM; nginx quits on SIGQUIT', () => {
    expect(proc('busybox', ['sleep', '3600']).signal('SIGTERM', T0 + 1000)).toBeUndefined();
    expect(proc('nginx').signal('SIGQUIT', T0 + 1000)).toMatchObject({ code: 0 });
  });
});

describe('Go durations in pull events', () => {
  const cases: Array<[number, string]> = [[0, '0s'], [548, '548ms'], [2345, '2.345s'], [2300, '2.3s'], [65_100, '1m5.1s']];
  for (const [ms, want] of cases) it(`${ms}ms → ${want}`, () => expect(goDuration(ms)).toBe(want));
});

describe('ContainerFs.forImage', () => {
  const files = { '/etc/nginx/nginx.conf': 'user nginx;\n', '/usr/share/nginx/html/index.html': '', '/srv/a/b/c.txt': 'c' };
  const cases: Array<{ name: string; files: Record<string, string> | undefined }> = [
    { name: 'an image with files', files },
    { name: 'an image without files', files: undefined },
  ];
  it.each(cases)('$name: the same tree, in the same order, as building it', ({ files: f }) => {
    const built = new ContainerFs(f ?? {});
    const copy = ContainerFs.forImage(f);
    expect([...copy.files]).toEqual([...built.files]);
    expect([...copy.dirs]).toEqual([...built.dirs]);
    expect(copy.isReadOnly('/etc')).toBe(false);
  });
  it('copies are independent of each other', () => {
    const a = ContainerFs.forImage(files);
    a.write('/etc/nginx/nginx.conf', 'changed');
    a.remove('/srv', true);
    const b = ContainerFs.forImage(files);
    expect(b.read('/etc/nginx/nginx.conf')).toBe('user nginx;\n');
    expect(b.isFile('/srv/a/b/c.txt')).toBe(true);
  });
});

describe('ContainerFs.clone: copies share nothing observable', () => {
  // A copy is a deep copy (predictExit dry-runs a program on one): whatever either side does, the other
  // keeps its files, directories, generated files and mounted volumes as they were.
  const base = () => {
    const fs = new ContainerFs({ '/etc/a.conf': 'a\n', '/srv/x/y.txt': 'y' });
    const vol = ContainerFs.empty();
    vol.write('/data.txt', 'd');
    fs.mount('/mnt', vol);
    fs.provide('/etc/gen.conf', () => 'generated\n');
    return fs;
  };
  const ops: Array<{ name: string; op: (fs: ContainerFs) => void }> = [
    { name: 'write', op: (fs) => fs.write('/etc/a.conf', 'changed') },
    { name: 'append', op: (fs) => fs.write('/etc/a.conf', 'more\n', true) },
    { name: 'new file in a new dir', op: (fs) => fs.write('/opt/new/file', 'n') },
    { name: 'mkdir -p', op: (fs) => fs.mkdirp('/var/lib/thing') },
    { name: 'rm -r', op: (fs) => fs.remove('/srv', true) },
    { name: 'rm a file', op: (fs) => fs.remove('/etc/a.conf') },
    { name: 'write a generated file', op: (fs) => fs.write('/etc/gen.conf', 'plain') },
    { name: 'write through a mount', op: (fs) => fs.write('/mnt/data.txt', 'changed') },
  ];
  const view = (fs: ContainerFs) => ({
    files: [...fs.files],
    dirs: [...fs.dirs],
    gen: fs.read('/etc/gen.conf'),
    vol: fs.read('/mnt/data.txt'),
    list: fs.list('/'),
  });
  for (const { name, op } of ops) {
    it(`${name} on the copy leaves the original as it was`, () => {
      const orig = base();
      const before = view(orig);
      const copy = orig.clone();
      op(copy);
      expect(view(orig)).toEqual(before);
    });
    it(`${name} on the original leaves the copy as it was`, () => {
      const orig = base();
      const copy = orig.clone();
      const before = view(copy);
      op(orig);
      expect(view(copy)).toEqual(before);
    });
    it(`${name} does the same on a copy as on a fresh tree`, () => {
      const fresh = base();
      op(fresh);
      const copy = base().clone();
      op(copy);
      expect(view(copy)).toEqual(view(fresh));
    });
  }
});
