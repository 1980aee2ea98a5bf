import type { KubeObject } from '../../api/types.ts';
import type { DescribeContext } from './writer.ts';

export type Describer = (obj: KubeObject, ctx: DescribeContext) => string;

const describers = new Map<string, Describer>();

export function registerDescriber(kind: string, d: Describer): void {
  describers.set(kind, d);
}

export function describerFor(kind: string): Describer | undefined {
  return describers.get(kind);
}
