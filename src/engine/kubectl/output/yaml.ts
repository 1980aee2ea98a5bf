import yaml from 'js-yaml';

/**
 * YAML as kubectl prints it (sigs.k8s.io/yaml over go-yaml): keys sorted, sequences not indented under
 * their key, double-quoted strings where quoting is needed, no line folding.
 */
export function toYaml(value: unknown): string {
  return yaml.dump(value, { sortKeys: true, noArrayIndent: true, lineWidth: -1, quotingType: '"', noRefs: true });
}

/** JSON as kubectl prints it: four-space indent, keys in object order, trailing newline. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, null, 4) + '\n';
}
