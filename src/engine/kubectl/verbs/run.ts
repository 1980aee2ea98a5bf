// `kubectl run`: registers itself with registerCommand (placeholder).
export {};
