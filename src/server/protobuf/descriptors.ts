// The shape of messages.json: per Go type ("core/v1.Pod"), its protobuf fields in Go struct order, which is the
// order encoding/json writes them.

export interface FieldDesc {
  /** JSON name ('' for an embedded struct inlined into its parent). */
  j: string;
  /** Protobuf field number. */
  n: number;
  /** 'string' | 'int' | 'bool' | 'bytes' | 'double' | 'map' | '@time' | '@quantity' | ... | a message ("apps/v1.DeploymentSpec"). */
  t: string;
  /** A slice (repeated field). */
  r?: 1;
  /** Map key and value types (value '[]T' for map[string][]string). */
  m?: [string, string];
  /** A pointer: a zero value sent on the wire is kept. */
  p?: 1;
  /** `json:",omitempty"`. */
  o?: 1;
  /** Inlined into the parent's JSON object. */
  i?: 1;
}

export type MessageTable = Record<string, FieldDesc[]>;
