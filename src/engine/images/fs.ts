/** A container's filesystem, as far as the simulation needs one: regular files and directories. */
export class ContainerFs {
  readonly files = new Map<string, string>();
  readonly dirs = new Set<string>(['/']);

  constructor(init: Record<string, string> = {}, dirs: string[] = []) {
    for (const d of ['/bin', '/dev', '/etc', '/home', '/proc', '/root', '/sys', '/tmp', '/usr', '/var', ...dirs]) this.mkdirp(d);
    for (const [p, c] of Object.entries(init)) this.write(p, c);
  }

  static normalize(path: string, cwd = '/'): string {
    // Fast path: already absolute and clean.
    if (path.startsWith('/') && !/\/\/|\/\.\.?(\/|$)/.test(path)) return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
    const abs = path.startsWith('/') ? path : `${cwd.replace(/\/$/, '')}/${path}`;
    const out: string[] = [];
    for (const seg of abs.split('/')) {
      if (!seg || seg === '.') continue;
      if (seg === '..') out.pop();
      else out.push(seg);
    }
    return '/' + out.join('/');
  }

  static parent(path: string): string {
    const i = path.lastIndexOf('/');
    return i <= 0 ? '/' : path.slice(0, i);
  }

  mkdirp(path: string): void {
    let p = ContainerFs.normalize(path);
    while (!this.dirs.has(p)) {
      this.dirs.add(p);
      p = ContainerFs.parent(p);
    }
  }

  isFile(path: string): boolean {
    return this.files.has(ContainerFs.normalize(path));
  }

  isDir(path: string): boolean {
    return this.dirs.has(ContainerFs.normalize(path));
  }

  exists(path: string): boolean {
    return this.isFile(path) || this.isDir(path);
  }

  read(path: string): string | undefined {
    return this.files.get(ContainerFs.normalize(path));
  }

  write(path: string, content: string, append = false): void {
    const p = ContainerFs.normalize(path);
    this.mkdirp(ContainerFs.parent(p));
    this.files.set(p, append ? (this.files.get(p) ?? '') + content : content);
  }

  remove(path: string, recursive = false): boolean {
    const p = ContainerFs.normalize(path);
    if (this.files.delete(p)) return true;
    if (!this.dirs.has(p)) return false;
    if (!recursive) return false;
    for (const f of [...this.files.keys()]) if (f.startsWith(p + '/')) this.files.delete(f);
    for (const d of [...this.dirs]) if (d === p || d.startsWith(p + '/')) this.dirs.delete(d);
    return true;
  }

  /** Names directly inside a directory, sorted. */
  list(path: string): string[] {
    const p = ContainerFs.normalize(path);
    const prefix = p === '/' ? '/' : p + '/';
    const names = new Set<string>();
    for (const f of this.files.keys()) if (f.startsWith(prefix) && !f.slice(prefix.length).includes('/')) names.add(f.slice(prefix.length));
    for (const d of this.dirs) if (d !== p && d.startsWith(prefix) && !d.slice(prefix.length).includes('/')) names.add(d.slice(prefix.length));
    return [...names].sort();
  }

  clone(): ContainerFs {
    const c = new ContainerFs();
    for (const d of this.dirs) c.dirs.add(d);
    for (const [k, v] of this.files) c.files.set(k, v);
    return c;
  }
}
