// `kubectl get`: registers itself with registerCommand (placeholder).
export {};
