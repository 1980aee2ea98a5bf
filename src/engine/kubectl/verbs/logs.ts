// `kubectl logs`: registers itself with registerCommand (placeholder).
export {};
