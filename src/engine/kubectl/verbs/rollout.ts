// `kubectl rollout`: registers itself with registerCommand (placeholder).
export {};
