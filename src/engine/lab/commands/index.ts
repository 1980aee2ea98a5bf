// Each lab subcommand registers itself in its own file; importing them here builds the command table.
import './time.ts';
import './node.ts';
import './addon.ts';
import './ingress.ts';
import './netpol.ts';
import './load.ts';
import './curl.ts';
import './trace.ts';
import './storage.ts';
import './cluster.ts';
import './user.ts';
import './audit.ts';
import './apiserver.ts';
import './config.ts';
import './controlplane.ts';
import './etcd/index.ts';
import './explain-scheduling.ts';
