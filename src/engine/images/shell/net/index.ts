import type { Gen, ShIO, ShState } from '../run.ts';
import { dig, nslookup } from './dns.ts';
import { curl, wget } from './http.ts';
import { nc, ping } from './tools.ts';

/** Network tools of the in-container shell (they reach the cluster through `ShMachine.net`). */
export const netBuiltins: Record<string, (st: ShState, argv: string[], io: ShIO) => Gen> = { wget, curl, nc, ping, nslookup, dig };

/** Names `kubectl exec` may run directly. */
export const netTools = Object.keys(netBuiltins);
