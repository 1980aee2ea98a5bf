// Decoding request bodies as the apiserver's serializers do (JSON, YAML), with its error texts.
import yaml from 'js-yaml';
import { StatusError } from '../engine/api/types.ts';
import { HttpError } from './status.ts';
import { decodeProtobufObject, ProtobufDecodeError } from './protobuf/decode.ts';

/** The apiserver's request body limit (3 MiB, apiserver's MaxRequestBodyBytes). */
export const MAX_BODY_BYTES = 3 * 1024 * 1024;

// The media types the apiserver decodes for built-in types (it also lists application/cbor, which Kubelab does not
// decode); custom resources are not served as protobuf.
const acceptedMedia = 'application/json, application/yaml, application/vnd.kubernetes.protobuf';
const acceptedMediaCustom = 'application/json, application/yaml';

export const PROTOBUF = 'application/vnd.kubernetes.protobuf';

/** encoding/json's error for the first thing JSON.parse could not read. */
function goJsonError(text: string): string {
  if (text.trim() === '') return 'unexpected end of JSON input';
  try {
    JSON.parse(text);
    return '';
  } catch (e) {
    const m = /position (\d+)/.exec((e as Error).message);
    const at = m ? Number(m[1]) : text.length;
    if (at >= text.length) return 'unexpected end of JSON input';
    const c = text[at];
    return `invalid character '${c}' looking for beginning of value`;
  }
}

/**
 * Decode an object body (POST/PUT). `bytes` is the raw body, needed for protobuf; `builtIn` says whether the
 * resource is one of Kubernetes' own types (the only ones the apiserver accepts as protobuf).
 */
export function decodeObject(text: string, contentType: string, bytes?: Uint8Array, builtIn = true): unknown {
  const media = contentType.split(';')[0].trim().toLowerCase();
  if (media === PROTOBUF && builtIn && bytes) {
    try {
      return decodeProtobufObject(bytes);
    } catch (e) {
      if (e instanceof ProtobufDecodeError) throw new StatusError(400, 'BadRequest', e.message);
      throw e;
    }
  }
  if (media === 'application/yaml') {
    try {
      return yaml.load(text, { schema: yaml.JSON_SCHEMA });
    } catch (e) {
      throw new StatusError(400, 'BadRequest', `couldn't get version/kind; json parse error: ${(e as Error).message.split('\n')[0]}`);
    }
  }
  if (media !== 'application/json' && media !== '') {
    throw new HttpError(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: ${builtIn ? acceptedMedia : acceptedMediaCustom}`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new StatusError(400, 'BadRequest', `couldn't get version/kind; json parse error: ${goJsonError(text)}`);
  }
}

/** Decode a PATCH body: JSON for the JSON patch types, YAML (a superset) for apply patches. */
export function decodePatch(text: string, yamlAllowed: boolean): unknown {
  if (yamlAllowed) {
    try {
      return yaml.load(text, { schema: yaml.JSON_SCHEMA });
    } catch (e) {
      throw new StatusError(400, 'BadRequest', `error decoding YAML: ${(e as Error).message.split('\n')[0]}`);
    }
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new StatusError(400, 'BadRequest', goJsonError(text));
  }
}
