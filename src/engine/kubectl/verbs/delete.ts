// `kubectl delete`: registers itself with registerCommand (placeholder).
export {};
