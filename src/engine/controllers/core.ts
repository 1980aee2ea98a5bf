import type { ClusterRuntime } from '../runtime.ts';
import type { Controller } from './types.ts';

/** Core controllers: Endpoints, EndpointSlice, ServiceAccount, Namespace deletion, garbage collection. */
export const coreControllers: Array<(rt: ClusterRuntime) => Controller> = [];
