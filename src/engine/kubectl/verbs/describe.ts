// `kubectl describe`: registers itself with registerCommand (placeholder).
export {};
