/**
 * What the rest of the engine may ask of the kubelets (kubectl logs/exec go through here, as they go through
 * the kubelet's API on a real node). The kubelet component registers an implementation under
 * `rt.services.set('kubelet', impl)`.
 */
export interface KubeletService {
  /**
   * Container log text for `kubectl logs`. Throws a StatusError (e.g. BadRequest `container "x" in pod "y"
   * is waiting to start: ContainerCreating`) exactly as the apiserver relays the kubelet's answer.
   */
  logs(namespace: string, pod: string, container: string | undefined, opts: { previous?: boolean; tail?: number; timestamps?: boolean }): string;
  /** Run a command in a container for `kubectl exec` (simulated): output and exit code. */
  exec(namespace: string, pod: string, container: string | undefined, command: string[]): { stdout: string; stderr: string; exitCode: number };
}

export const KUBELET_SERVICE = 'kubelet';
