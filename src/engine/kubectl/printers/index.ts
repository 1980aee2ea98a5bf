// Every per-kind table printer registers itself; importing this module loads them all.
import './pod.ts';
import './node.ts';
import './namespace.ts';
import './deployment.ts';
import './replicaset.ts';
import './replicationcontroller.ts';
import './statefulset.ts';
import './daemonset.ts';
import './controllerrevision.ts';
import './service.ts';
import './endpoints.ts';
import './endpointslice.ts';
import './configmap.ts';
import './secret.ts';
import './serviceaccount.ts';
import './event.ts';
import './lease.ts';
import './job.ts';
import './cronjob.ts';
import './priorityclass.ts';
import './resourcequota.ts';
import './limitrange.ts';
import './poddisruptionbudget.ts';

export { toTable, tableHandlerFor } from './registry.ts';
export { TabWriter, tabulate } from './tabwriter.ts';
export type { Table, TableRow, Cell, ColumnDef, RowContext } from './types.ts';
