// `kubectl apply`: registers itself with registerCommand (placeholder).
export {};
