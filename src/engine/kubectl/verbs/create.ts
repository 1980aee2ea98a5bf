// `kubectl create`: registers itself with registerCommand (placeholder).
export {};
