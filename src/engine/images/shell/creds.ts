/* eslint-disable require-yield -- builtins share the generator signature. */
// The process credentials a container runs with (uid, gid, supplementary groups, effective capabilities) and
// the busybox tools whose output or permission checks depend on them: id, whoami, chown, and the `ip` changes
// that need CAP_NET_ADMIN.
import type { Gen, ShIO, ShState } from './run.ts';

export interface ProcessCreds {
  uid: number;
  gid: number;
  /** Supplementary groups, ascending (the kernel keeps the group list sorted). */
  groups: number[];
  /** Effective capabilities, without the CAP_ prefix. */
  caps: ReadonlySet<string>;
  /** The group new files on volumes get (spec.securityContext.fsGroup: the volume directory is setgid). */
  fsGroup?: number;
}

/** containerd's default capability set (oci/spec.go defaultUnixCaps). */
export const defaultCaps: readonly string[] = ['CHOWN', 'DAC_OVERRIDE', 'FSETID', 'FOWNER', 'MKNOD', 'NET_RAW', 'SETGID', 'SETUID', 'SETFCAP', 'SETPCAP', 'NET_BIND_SERVICE', 'SYS_CHROOT', 'KILL', 'AUDIT_WRITE'];

/** Every capability of Linux 6.x (what a privileged container holds). */
export const allCaps: readonly string[] = [
  'CHOWN', 'DAC_OVERRIDE', 'DAC_READ_SEARCH', 'FOWNER', 'FSETID', 'KILL', 'SETGID', 'SETUID', 'SETPCAP', 'LINUX_IMMUTABLE', 'NET_BIND_SERVICE',
  'NET_BROADCAST', 'NET_ADMIN', 'NET_RAW', 'IPC_LOCK', 'IPC_OWNER', 'SYS_MODULE', 'SYS_RAWIO', 'SYS_CHROOT', 'SYS_PTRACE', 'SYS_PACCT', 'SYS_ADMIN',
  'SYS_BOOT', 'SYS_NICE', 'SYS_RESOURCE', 'SYS_TIME', 'SYS_TTY_CONFIG', 'MKNOD', 'LEASE', 'AUDIT_WRITE', 'AUDIT_CONTROL', 'SETFCAP', 'MAC_OVERRIDE',
  'MAC_ADMIN', 'SYSLOG', 'WAKE_ALARM', 'BLOCK_SUSPEND', 'AUDIT_READ', 'PERFMON', 'BPF', 'CHECKPOINT_RESTORE',
];

export const rootCreds: ProcessCreds = { uid: 0, gid: 0, groups: [], caps: new Set(defaultCaps) };

/** True when the process may do what `cap` guards (root's default set, or what the securityContext granted). */
export function hasCap(st: ShState, cap: string): boolean {
  return (st.m.creds ?? rootCreds).caps.has(cap);
}

const named = (id: number) => (id === 0 ? '0(root)' : String(id));

/** busybox id (coreutils/id.c): `uid=N gid=N groups=...`; names only where /etc/passwd and /etc/group have them. */
function* id(st: ShState, argv: string[], io: ShIO): Gen {
  const c = st.m.creds ?? rootCreds;
  const flag = argv[1];
  if (flag === '-u' || flag === '-g' || flag === '-G') {
    io.out(`${flag === '-u' ? c.uid : flag === '-g' ? c.gid : groupsOf(c).join(' ')}\n`);
    return 0;
  }
  io.out(`uid=${named(c.uid)} gid=${named(c.gid)} groups=${groupsOf(c).map(named).join(',')}\n`);
  return 0;
}

function groupsOf(c: ProcessCreds): number[] {
  return c.groups.length > 0 ? c.groups : [c.gid];
}

function* whoami(st: ShState, _argv: string[], io: ShIO): Gen {
  const c = st.m.creds ?? rootCreds;
  if (c.uid === 0) {
    io.out('root\n');
    return 0;
  }
  io.err(st.m.flavor === 'busybox' ? `whoami: unknown uid ${c.uid}\n` : `whoami: cannot find name for user ID ${c.uid}\n`);
  return 1;
}

/** chown OWNER[:GROUP] FILE...: needs CAP_CHOWN (a non-root owner may not give files away either). */
function* chown(st: ShState, argv: string[], io: ShIO): Gen {
  const args = argv.slice(1).filter((a) => !a.startsWith('-'));
  const busybox = st.m.flavor === 'busybox';
  if (args.length < 2) {
    io.err(busybox ? 'chown: missing operand\n' : "chown: missing operand\nTry 'chown --help' for more information.\n");
    return 1;
  }
  const [spec, ...files] = args;
  const [u, g] = spec.split(/[:.]/);
  const uid = u === 'root' ? 0 : Number(u);
  const gid = g === undefined || g === '' ? undefined : g === 'root' ? 0 : Number(g);
  if ((u !== '' && !Number.isInteger(uid)) || (gid !== undefined && !Number.isInteger(gid))) {
    io.err(busybox ? `chown: unknown user/group ${spec}\n` : `chown: invalid user: '${spec}'\n`);
    return 1;
  }
  let code = 0;
  for (const f of files) {
    const fail = (why: string) => {
      io.err(busybox ? `chown: ${f}: ${why}\n` : `chown: changing ownership of '${f}': ${why}\n`);
      code = 1;
    };
    if (!st.m.fs.exists(f)) fail(busybox ? 'No such file or directory' : 'No such file or directory');
    else if (st.m.fs.isReadOnly(f)) fail('Read-only file system');
    else if (!hasCap(st, 'CHOWN')) fail('Operation not permitted');
    else {
      const cur = st.m.fs.ownerOf(f);
      st.m.fs.chown(f, u === '' ? cur.uid : uid, gid ?? cur.gid);
    }
  }
  return code;
}

const ipChanges = new Set(['add', 'del', 'delete', 'set', 'change', 'replace', 'append', 'flush']);
/** `ip link add`, `ip addr add`, `ip route del`...: changes to the network namespace, which need CAP_NET_ADMIN. */
export function isIpChange(verb: string | undefined): boolean {
  return verb !== undefined && ipChanges.has(verb);
}

export const credBuiltins: Record<string, (st: ShState, argv: string[], io: ShIO) => Gen> = { id, whoami, chown };
