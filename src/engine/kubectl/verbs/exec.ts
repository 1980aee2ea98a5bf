// `kubectl exec`: registers itself with registerCommand (placeholder).
export {};
