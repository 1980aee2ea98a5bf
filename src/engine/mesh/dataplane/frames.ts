/**
 * Time an application spends waiting on its own outgoing calls while it serves a request (productpage waiting
 * for reviews). Requests run synchronously, so a stack suffices: whoever delivers a request to an app opens a
 * frame, the app's client adds each call's duration, and the deliverer adds the total to the app's hop.
 */
const stack: number[] = [];

export function beginAppWork(): void {
  stack.push(0);
}

export function addAppWork(ms: number): void {
  if (stack.length) stack[stack.length - 1] += ms;
}

export function endAppWork(): number {
  return stack.pop() ?? 0;
}
