// `kubectl api-resources`: registers itself with registerCommand (placeholder).
export {};
