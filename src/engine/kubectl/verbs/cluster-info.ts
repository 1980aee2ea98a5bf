// `kubectl cluster-info`: registers itself with registerCommand (placeholder).
export {};
