/** The parse tree of a JSONPath template (client-go util/jsonpath/node.go). */
export type Node =
  | { t: 'list'; nodes: Node[] }
  | { t: 'text'; text: string }
  | { t: 'field'; name: string }
  | { t: 'array'; params: Array<{ known: boolean; value: number }> }
  | { t: 'filter'; left: Node & { t: 'list' }; right: Node & { t: 'list' }; op: string }
  | { t: 'int'; value: number }
  | { t: 'float'; value: number }
  | { t: 'bool'; value: boolean }
  | { t: 'wildcard' }
  | { t: 'recursive' }
  | { t: 'union'; nodes: Array<Node & { t: 'list' }> }
  | { t: 'identifier'; name: string };

export type ListNode = Node & { t: 'list' };

export const newList = (): ListNode => ({ t: 'list', nodes: [] });

/** A template that does not parse or cannot be evaluated; the message is client-go's. */
export class JsonPathError extends Error {}
