/** A volume mounted into a container's filesystem: another tree seen at `path`. */
export interface FsMount {
  path: string;
  fs: ContainerFs;
  readOnly: boolean;
  /** A directory inside `fs` that is what the mount shows (volumeMounts[].subPath); '' for the whole tree. */
  prefix: string;
}

/**
 * A container's filesystem, as far as the simulation needs one: regular files and directories, plus mounts
 * (volumes) whose trees live elsewhere and may be shared with other containers, pods or nodes.
 */
export class ContainerFs {
  /**
   * Files and directories. A copy (`clone`) shares them with its original until either side changes them
   * (copy on write: most copies, such as a container's tree made from its image's, change little or nothing).
   */
  private fileMap = new Map<string, string>();
  private dirSet = new Set<string>(['/']);
  /** The maps above may be shared with another tree: copy before changing them. */
  private sharedFiles = false;
  private sharedDirs = false;
  /** Mounts, longest path first. */
  private mounts: FsMount[] = [];
  /** Files whose content a program produces when read (a controller's generated config); created on first use. */
  private generated?: Map<string, () => string>;

  /** An empty tree (only `/`): the backing store of a volume. */
  static empty(): ContainerFs {
    const fs = Object.create(ContainerFs.prototype) as ContainerFs;
    fs.fileMap = new Map();
    fs.dirSet = new Set(['/']);
    fs.sharedFiles = false;
    fs.sharedDirs = false;
    fs.mounts = [];
    return fs;
  }

  /** Regular files of this tree (not of its mounts), path → content. */
  get files(): ReadonlyMap<string, string> {
    return this.fileMap;
  }

  /** Directories of this tree (not of its mounts). */
  get dirs(): ReadonlySet<string> {
    return this.dirSet;
  }

  private ownFiles(): Map<string, string> {
    if (this.sharedFiles) {
      this.fileMap = new Map(this.fileMap);
      this.sharedFiles = false;
    }
    return this.fileMap;
  }

  private ownDirs(): Set<string> {
    if (this.sharedDirs) {
      this.dirSet = new Set(this.dirSet);
      this.sharedDirs = false;
    }
    return this.dirSet;
  }

  constructor(init: Record<string, string> = {}, dirs: string[] = []) {
    for (const d of ['/bin', '/dev', '/etc', '/home', '/proc', '/root', '/sys', '/tmp', '/usr', '/var', ...dirs]) this.mkdirp(d);
    for (const [p, c] of Object.entries(init)) this.write(p, c);
  }

  /**
   * A fresh tree holding an image's files (`new ContainerFs(files)`), copied from one built per image: every
   * container of an image starts from the same files, so building each from the file list again is wasted.
   */
  static forImage(files: Record<string, string> | undefined): ContainerFs {
    const key = files ?? NO_FILES;
    let base = imageTrees.get(key);
    if (!base) {
      base = new ContainerFs(key);
      imageTrees.set(key, base);
    }
    return base.clone();
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

  /** Mount `fs` at `path` (replacing what was mounted there). Writes through a read-only mount are refused. */
  mount(path: string, fs: ContainerFs, readOnly = false, subPath = ''): void {
    const p = ContainerFs.normalize(path);
    this.mkdirp(p);
    const prefix = subPath ? ContainerFs.normalize(subPath) : '';
    if (prefix && !readOnly) fs.mkdirp(prefix);
    this.mounts = this.mounts.filter((m) => m.path !== p);
    this.mounts.push({ path: p, fs, readOnly, prefix: prefix === '/' ? '' : prefix });
    this.mounts.sort((a, b) => b.path.length - a.path.length);
  }

  /** The mount holding `path` and the path inside it, or undefined when the path is on the container's own tree. */
  private resolve(path: string): { m: FsMount; inner: string } | undefined {
    if (this.mounts.length === 0) return undefined;
    const p = ContainerFs.normalize(path);
    for (const m of this.mounts) {
      if (p === m.path) return { m, inner: m.prefix || '/' };
      if (p.startsWith(m.path + '/')) return { m, inner: m.prefix + p.slice(m.path.length) };
    }
    return undefined;
  }

  /** The container's own tree is read-only (securityContext.readOnlyRootFilesystem); mounts keep their mode. */
  readOnlyRoot = false;

  /**
   * Who creates files through this view (the container's uid and gid; `mountGid` for files on volumes, the
   * pod's fsGroup). Unset: root, and nothing is recorded.
   */
  writer?: { uid: number; gid: number; mountGid?: number };
  /** Owners other than root:root, by path in this tree (set on creation by a non-root writer, or by chown). */
  private owners?: Map<string, { uid: number; gid: number }>;

  /** The owner of a file or directory (root:root unless a non-root writer created it or chown changed it). */
  ownerOf(path: string): { uid: number; gid: number } {
    const r = this.resolve(path);
    if (r) return r.m.fs.ownerOf(r.inner);
    return this.owners?.get(ContainerFs.normalize(path)) ?? ROOT_OWNER;
  }

  chown(path: string, uid: number, gid: number): void {
    const r = this.resolve(path);
    if (r) return r.m.fs.chown(r.inner, uid, gid);
    const p = ContainerFs.normalize(path);
    if (uid === 0 && gid === 0) this.owners?.delete(p);
    else (this.owners ??= new Map()).set(p, { uid, gid });
  }

  /** Record the writer as owner of a path it is creating. */
  private created(path: string, target: ContainerFs, inner: string, onMount: boolean): void {
    const w = this.writer;
    if (!w || target.exists(inner)) return;
    const gid = onMount && w.mountGid !== undefined ? w.mountGid : w.gid;
    if (w.uid !== 0 || gid !== 0) (target.owners ??= new Map()).set(ContainerFs.normalize(inner), { uid: w.uid, gid });
  }

  /** True when `path` lies on a read-only mount (configMap, secret, projected, a readOnly volumeMount) or root. */
  isReadOnly(path: string): boolean {
    return this.resolve(path)?.m.readOnly ?? this.readOnlyRoot === true;
  }

  mkdirp(path: string): void {
    const r = this.resolve(path);
    if (r) {
      if (!r.m.readOnly) r.m.fs.mkdirp(r.inner);
      return;
    }
    let p = ContainerFs.normalize(path);
    while (!this.dirSet.has(p)) {
      this.ownDirs().add(p);
      p = ContainerFs.parent(p);
    }
  }

  /**
   * A file whose content is `content()` at the time it is read (a program that rewrites it as its state
   * changes, e.g. an ingress controller's nginx.conf). Writing the path replaces it with ordinary content.
   */
  provide(path: string, content: () => string): void {
    const p = ContainerFs.normalize(path);
    this.mkdirp(ContainerFs.parent(p));
    this.ownFiles().set(p, '');
    (this.generated ??= new Map()).set(p, content);
  }

  isFile(path: string): boolean {
    const r = this.resolve(path);
    if (r) return r.m.fs.isFile(r.inner);
    return this.fileMap.has(ContainerFs.normalize(path));
  }

  isDir(path: string): boolean {
    const r = this.resolve(path);
    if (r) return r.m.fs.isDir(r.inner);
    return this.dirSet.has(ContainerFs.normalize(path));
  }

  exists(path: string): boolean {
    return this.isFile(path) || this.isDir(path);
  }

  read(path: string): string | undefined {
    const r = this.resolve(path);
    if (r) return r.m.fs.read(r.inner);
    const p = ContainerFs.normalize(path);
    const gen = this.generated?.get(p);
    return gen ? gen() : this.fileMap.get(p);
  }

  write(path: string, content: string, append = false): void {
    const r = this.resolve(path);
    if (r) {
      if (r.m.readOnly) return;
      if (this.writer) this.created(path, r.m.fs, r.inner, true);
      r.m.fs.write(r.inner, content, append);
      return;
    }
    const p = ContainerFs.normalize(path);
    if (this.writer) this.created(p, this, p, false);
    this.mkdirp(ContainerFs.parent(p));
    const gen = this.generated?.get(p);
    if (gen) this.generated!.delete(p);
    const text = append ? (gen ? gen() : (this.fileMap.get(p) ?? '')) + content : content;
    // Rewriting a file with what it holds changes nothing (and keeps a shared tree shared).
    if (!gen && this.fileMap.get(p) === text) return;
    this.ownFiles().set(p, text);
  }

  remove(path: string, recursive = false): boolean {
    const r = this.resolve(path);
    if (r) return !r.m.readOnly && r.inner !== (r.m.prefix || '/') && r.m.fs.remove(r.inner, recursive);
    const p = ContainerFs.normalize(path);
    this.generated?.delete(p);
    if (this.fileMap.has(p)) {
      this.ownFiles().delete(p);
      return true;
    }
    if (!this.dirSet.has(p)) return false;
    if (!recursive) return false;
    for (const f of [...this.fileMap.keys()]) {
      if (f.startsWith(p + '/')) {
        this.ownFiles().delete(f);
        this.generated?.delete(f);
      }
    }
    for (const d of [...this.dirSet]) if (d === p || d.startsWith(p + '/')) this.ownDirs().delete(d);
    return true;
  }

  /** Names directly inside a directory, sorted. */
  list(path: string): string[] {
    const r = this.resolve(path);
    if (r) return r.m.fs.list(r.inner);
    const p = ContainerFs.normalize(path);
    const prefix = p === '/' ? '/' : p + '/';
    const names = new Set<string>();
    for (const f of this.fileMap.keys()) if (f.startsWith(prefix) && !f.slice(prefix.length).includes('/')) names.add(f.slice(prefix.length));
    for (const d of this.dirSet) if (d !== p && d.startsWith(prefix) && !d.slice(prefix.length).includes('/')) names.add(d.slice(prefix.length));
    return [...names].sort();
  }

  /**
   * A deep copy (mounted volumes included: writes to the copy reach no one else). The same entries in the
   * same order as the original's (every tree holds `/` first), shared until one side writes.
   */
  clone(): ContainerFs {
    const c = Object.create(ContainerFs.prototype) as ContainerFs;
    const shareDirs = this.dirSet.has('/');
    c.fileMap = this.fileMap;
    c.dirSet = shareDirs ? this.dirSet : new Set(['/', ...this.dirSet]);
    c.sharedFiles = this.sharedFiles = true;
    c.sharedDirs = shareDirs;
    if (shareDirs) this.sharedDirs = true;
    c.mounts = this.mounts.map((m) => ({ ...m, fs: m.fs.clone() }));
    if (this.generated) c.generated = new Map(this.generated);
    if (this.owners) c.owners = new Map(this.owners);
    c.readOnlyRoot = false;
    return c;
  }
}

const ROOT_OWNER = { uid: 0, gid: 0 };

/** The image trees `forImage` copies, per image file list (catalog objects, never changed). */
const imageTrees = new WeakMap<Record<string, string>, ContainerFs>();
const NO_FILES: Record<string, string> = {};
