import { useEffect, useState } from 'react';

/**
 * The value of an asynchronous read (a request to the engine's worker), re-asked whenever `deps` change.
 * Undefined until the first answer; an answer to an older ask is dropped; a failed or throwing ask gives
 * undefined. The previous value stays shown while a newer ask is on its way (no flicker on every frame).
 */
export function useAsync<T>(ask: () => T | Promise<T> | undefined, deps: readonly unknown[]): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  useEffect(() => {
    let current = true;
    let p: T | Promise<T> | undefined;
    try {
      p = ask();
    } catch {
      p = undefined;
    }
    Promise.resolve(p).then(
      (v) => current && setValue(() => v),
      () => current && setValue(undefined),
    );
    return () => {
      current = false;
    };
  }, deps);
  return value;
}
