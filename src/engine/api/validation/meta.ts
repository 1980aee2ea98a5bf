import type { FieldError, KubeObject, ResourceType } from '../types.ts';
import { forbidden, immutable, invalid, nonNegative, required, sortedEntries } from './field.ts';
import { deepEqual } from '../../util/equal.ts';
import { isQualifiedName, isValidLabelValue, labelValueOk, nameIsDNSLabel, nameIsDNSSubdomain } from './names.ts';

const totalAnnotationSizeLimit = 256 * 1024;

/**
 * Keys found to be qualified names, remembered (bounded): the same few label and annotation keys recur on
 * every object, and a key is checked by splitting it and matching regular expressions. Annotation keys are
 * checked lower-cased, so they are remembered apart.
 */
const qualifiedKeys = new Set<string>();
const qualifiedAnnotationKeys = new Set<string>();

function keyOk(seen: Set<string>, key: string, lowerCase: boolean): boolean {
  if (seen.has(key)) return true;
  if (isQualifiedName(lowerCase ? key.toLowerCase() : key).length > 0) return false;
  if (seen.size >= 4096) seen.clear();
  seen.add(key);
  return true;
}

/** True when no label has an error: the common case, checked without sorting or building error lists. */
function labelsOk(labels: Record<string, string>): boolean {
  for (const k in labels) if (!keyOk(qualifiedKeys, k, false) || !labelValueOk(String(labels[k]))) return false;
  return true;
}

/** metav1validation.ValidateLabels. */
export function validateLabels(labels: Record<string, string> | undefined | null, path: string): FieldError[] {
  // Errors come in key order, as upstream reports them; valid labels need no sorting.
  if (!labels || labelsOk(labels)) return [];
  const errs: FieldError[] = [];
  for (const [k, v] of sortedEntries(labels)) {
    for (const msg of isQualifiedName(k)) errs.push(invalid(path, k, msg));
    for (const msg of isValidLabelValue(String(v))) errs.push(invalid(path, v, msg));
  }
  return errs;
}

/** apimachinery ValidateAnnotations. */
export function validateAnnotations(annotations: Record<string, string> | undefined | null, path: string): FieldError[] {
  if (!annotations) return [];
  // The common case (valid keys, well under the size limit) without sorting or building error lists.
  let total = 0;
  let ok = true;
  for (const k in annotations) {
    if (!keyOk(qualifiedAnnotationKeys, k, true)) {
      ok = false;
      break;
    }
    total += k.length + String(annotations[k]).length;
  }
  if (ok && total <= totalAnnotationSizeLimit) return [];
  const errs: FieldError[] = [];
  let size = 0;
  for (const [k, v] of sortedEntries(annotations)) {
    for (const msg of isQualifiedName(k.toLowerCase())) errs.push(invalid(path, k, msg));
    size += k.length + String(v).length;
  }
  if (size > totalAnnotationSizeLimit) errs.push({ type: 'TooLong', field: path, detail: `may not be more than ${totalAnnotationSizeLimit} bytes` });
  return errs;
}

function validateFinalizers(finalizers: string[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const f of finalizers ?? []) for (const msg of isQualifiedName(f)) errs.push(invalid(path, f, msg));
  const list = finalizers ?? [];
  if (list.includes('orphan') && list.includes('foregroundDeletion')) {
    errs.push(invalid(path, list, 'finalizer orphan and foregroundDeletion cannot be both set'));
  }
  return errs;
}

function validateOwnerReferences(obj: KubeObject, path: string): FieldError[] {
  const errs: FieldError[] = [];
  let firstController = '';
  for (const ref of obj.metadata.ownerReferences ?? []) {
    const version = ref.apiVersion?.includes('/') ? ref.apiVersion.split('/')[1] : ref.apiVersion;
    if (!version) errs.push(invalid(`${path}.apiVersion`, ref.apiVersion ?? '', 'version must not be empty'));
    if (!ref.kind) errs.push(invalid(`${path}.kind`, ref.kind ?? '', 'kind must not be empty'));
    if (!ref.name) errs.push(invalid(`${path}.name`, ref.name ?? '', 'name must not be empty'));
    if (!ref.uid) errs.push(invalid(`${path}.uid`, ref.uid ?? '', 'uid must not be empty'));
    if (ref.controller) {
      const cur = `${ref.kind}/${ref.name}`;
      if (firstController) {
        errs.push({
          type: 'Invalid',
          field: path,
          value: '[]v1.OwnerReference{...}',
          rawValue: true,
          detail: `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${cur}`,
        });
      } else firstController = cur;
    }
  }
  return errs;
}

/**
 * ObjectMeta validation shared by every kind (apimachinery ValidateObjectMetaAccessor and
 * ValidateObjectMetaAccessorUpdate): name rules per kind, namespace presence, labels, annotations,
 * owner references, finalizers; on update, immutable metadata.
 */
export function validateObjectMeta(rt: ResourceType, obj: KubeObject, old: KubeObject | undefined): FieldError[] {
  const errs: FieldError[] = [];
  const meta = obj.metadata ?? {};
  const nameFn = rt.validateName ?? nameIsDNSSubdomain;
  if (!old) {
    if (meta.generateName) for (const msg of nameFn(meta.generateName, true)) errs.push(invalid('metadata.generateName', meta.generateName, msg));
    if (!meta.name) errs.push(required('metadata.name', 'name or generateName is required'));
    else for (const msg of nameFn(meta.name, false)) errs.push(invalid('metadata.name', meta.name, msg));
    if (rt.namespaced) {
      if (!meta.namespace) errs.push(required('metadata.namespace'));
      else for (const msg of nameIsDNSLabel(meta.namespace, false)) errs.push(invalid('metadata.namespace', meta.namespace, msg));
    } else if (meta.namespace) {
      errs.push(forbidden('metadata.namespace', 'not allowed on this type'));
    }
    errs.push(...nonNegative('metadata.generation', meta.generation));
  } else {
    const om = old.metadata;
    if (om.deletionTimestamp) {
      const extra = (meta.finalizers ?? []).filter((f) => !(om.finalizers ?? []).includes(f)).sort();
      if (extra.length > 0) {
        errs.push(
          forbidden(
            'metadata.finalizers',
            `no new finalizers can be added if the object is being deleted, found new finalizers []string{${extra.map((f) => JSON.stringify(f)).join(', ')}}`,
          ),
        );
      }
    }
    errs.push(...immutable('metadata.name', meta.name, om.name));
    errs.push(...immutable('metadata.namespace', meta.namespace, om.namespace));
  }
  // On update, parts equal to the stored version passed this same validation when it was written: the
  // outcome cannot differ, so skip the work (status writes carry metadata over unchanged).
  const om = old?.metadata;
  if (!om || !deepEqual(meta.labels, om.labels)) errs.push(...validateLabels(meta.labels, 'metadata.labels'));
  if (!om || !deepEqual(meta.annotations, om.annotations)) errs.push(...validateAnnotations(meta.annotations, 'metadata.annotations'));
  if (!om || !deepEqual(meta.ownerReferences, om.ownerReferences)) errs.push(...validateOwnerReferences(obj, 'metadata.ownerReferences'));
  if (!old) errs.push(...validateFinalizers(meta.finalizers, 'metadata.finalizers'));
  return errs;
}
