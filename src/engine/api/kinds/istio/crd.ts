import { StatusError, type FieldError, type KubeObject, type ResourceType } from '../../types.ts';
import { defineKind } from '../define.ts';
import { unknownFields, validateSchema, type JsonSchema } from './schema.ts';
import schemas from './schemas.json';

/** What the Istio validating webhook (validation.istio.io) checks for one kind: messages, empty when valid. */
export type IstioValidator = (obj: KubeObject) => string[];

export interface IstioKindSpec {
  kind: keyof typeof schemas;
  group: 'networking.istio.io' | 'security.istio.io';
  plural: string;
  singular: string;
  shortNames: string[];
  /** Served versions, the preferred (v1) first: networking serves v1, v1alpha3, v1beta1; security v1, v1beta1. */
  versions: string[];
  webhook: IstioValidator;
}

/** The webhook validator of each Istio kind, keyed by kind. */
export const istioValidators = new Map<string, IstioValidator>();

/** The OpenAPI v3 schema of an Istio kind (Istio 1.24's CRD, descriptions stripped); also served to the editor. */
export function istioSchema(kind: string): JsonSchema | undefined {
  return (schemas as Record<string, JsonSchema>)[kind];
}

/**
 * The ResourceTypes of one Istio CRD: one per served version, all sharing the `plural` keyspace. Objects are
 * stored at v1 (what kubectl reads back as the preferred version), whatever version they were written in.
 */
export function istioKind(spec: IstioKindSpec): ResourceType {
  const schema = istioSchema(spec.kind)!;
  const specSchema = schema.properties?.spec ?? {};
  istioValidators.set(spec.kind, spec.webhook);
  const categories = ['istio-io', spec.group.replace(/\./g, '-')];
  // Strict decoding (kubectl sends fieldValidation=Strict): unknown fields, named with the version written.
  const strictDecode = (obj: KubeObject, version: string) => {
    const unknown = [...unknownFields(specSchema, obj.spec, 'spec'), ...Object.keys(obj).filter((k) => !['apiVersion', 'kind', 'metadata', 'spec', 'status'].includes(k))];
    if (unknown.length > 0) {
      throw new StatusError(
        400,
        'BadRequest',
        `${spec.kind} in version "${version}" cannot be handled as a ${spec.kind}: strict decoding error: ${unknown.map((f) => `unknown field "${f}"`).join(', ')}`,
      );
    }
  };
  const [preferred, ...others] = spec.versions;
  return defineKind({
    kind: spec.kind,
    group: spec.group,
    version: preferred,
    plural: spec.plural,
    singular: spec.singular,
    shortNames: spec.shortNames,
    namespaced: true,
    categories,
    hasStatus: true,
    tracksGeneration: true,
    // The versions share one schema: conversion is the identity once the fields are known.
    alternateVersions: others.map((version) => ({ version, toStored: (obj: KubeObject) => strictDecode(obj, version) })),
    decode(obj) {
      strictDecode(obj, preferred);
    },
    validate(obj): FieldError[] {
      return validateSchema(specSchema, obj.spec ?? {}, 'spec');
    },
    specOf: (obj) => obj.spec,
  });
}
