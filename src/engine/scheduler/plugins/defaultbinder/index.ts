import { isStatusError } from '../../../api/types.ts';
import type { BindPlugin, Handle } from '../../framework/interfaces.ts';
import { errorStatus } from '../../framework/status.ts';
import { DefaultBinder } from '../../names.ts';

/** DefaultBinder (Bind): POST pods/NAME/binding through the API server. */
export function defaultBinder(h: Handle): BindPlugin {
  return {
    name: DefaultBinder,
    bind(_state, pod, nodeName) {
      try {
        h.api.bind(pod.namespace, pod.name, nodeName);
        return undefined;
      } catch (e) {
        if (isStatusError(e)) return errorStatus(DefaultBinder, e.message);
        throw e;
      }
    },
  };
}
