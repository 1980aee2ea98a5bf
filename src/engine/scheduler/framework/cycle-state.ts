/**
 * Data one scheduling cycle carries between phases (upstream's CycleState). Slots are addressed by typed
 * keys that map to array indices, so a Filter reading what its PreFilter wrote costs an array access, not a
 * Map lookup, for every node.
 */
let nextKey = 0;

export class StateKey<T> {
  readonly id = nextKey++;
  constructor(readonly name: string) {}
  /** Phantom use of T so keys of different types are not interchangeable. */
  declare readonly _type?: T;
}

export class CycleState {
  private slots: unknown[] = [];

  read<T>(key: StateKey<T>): T | undefined {
    return this.slots[key.id] as T | undefined;
  }

  write<T>(key: StateKey<T>, value: T): void {
    this.slots[key.id] = value;
  }

  /** Forget everything, for reuse by the next cycle. */
  reset(): void {
    this.slots.length = 0;
  }
}
