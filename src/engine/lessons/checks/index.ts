/** Every predicate lesson checks can use, registered one group per file. */
import './combinators.ts';
import './objects.ts';
import './workloads.ts';
import './network.ts';
import './history.ts';
import './controlplane.ts';
import './mesh.ts';

export { evaluateCheck, listPredicates, validateCheck, type CheckContext, type CheckResult, type PredicateDef } from './registry.ts';
