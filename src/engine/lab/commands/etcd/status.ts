import { ETCD_VERSION } from '../../../controlplane/defaults.ts';
import { registerEtcdSubcommand } from './registry.ts';
import { controlPlane, etcdTable, humanBytes } from './shared.ts';

/**
 * `lab etcd status`: as `etcdctl endpoint status --cluster -w table`. A member whose node is down does not
 * answer: etcdctl reports it on stderr and leaves its row out; without quorum the members that answer say so
 * in ERRORS.
 */
registerEtcdSubcommand({
  name: 'status',
  short: 'Status of every etcd endpoint (etcdctl endpoint status --cluster -w table)',
  help:
    'Show each etcd member\'s status as `etcdctl endpoint status --cluster -w table`: its ID, version, database\n' +
    'size, whether it is the raft leader, the raft term and index.\n\nUsage:\n  lab etcd status\n',
  run(ctx) {
    const cp = controlPlane(ctx);
    const members = cp.members();
    const quorum = cp.hasQuorum();
    const term = String(cp.raftTerm());
    const index = String(ctx.rt.store.currentRevision() + members.length + 1);
    const size = humanBytes(cp.dbSize());
    const rows: string[][] = [];
    for (const m of members) {
      if (!m.healthy) {
        ctx.err(`Failed to get the status of endpoint ${m.clientURL} (context deadline exceeded)\n`);
        continue;
      }
      rows.push([m.clientURL, m.id, ETCD_VERSION, size, String(m.isLeader), 'false', term, index, index, quorum ? '' : 'etcdserver: no leader']);
    }
    ctx.out(
      etcdTable(['endpoint', 'ID', 'version', 'db size', 'is leader', 'is learner', 'raft term', 'raft index', 'raft applied index', 'errors'], rows),
    );
    return rows.length === members.length ? 0 : 1;
  },
});
