// `kubectl label`: registers itself with registerCommand (placeholder).
export {};
