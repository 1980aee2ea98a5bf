// `kubectl explain TYPE[.FIELD...]`: the field documentation kubectl 1.32 prints by default (the OpenAPI v3
// `plaintext` template), read from the schema shipped with Kubelab (kubectl/explain/schema.json) for the
// kinds the API serves.
import type { ResourceType } from '../../api/types.ts';
import { registerCommand, type KubectlContext } from '../command.ts';
import { KubectlError } from '../errors.ts';
import type { ParsedArgs } from '../flags.ts';
import { explain, ExplainError, type Gvk, type OpenApiDoc } from '../explain/render.ts';
import schemaJson from '../explain/schema.json';

const doc = schemaJson as unknown as OpenApiDoc;

const help = `Describe fields and structure of various resources.

 This command describes the fields associated with each supported API resource. Fields are identified via a simple JSONPath identifier:

        <type>.<fieldName>[.<fieldName>]
        
 Information about each field is retrieved from the server in OpenAPI format.

Use "kubectl api-resources" for a complete list of supported resources.

Examples:
  # Get the documentation of the resource and its fields
  kubectl explain pods
  
  # Get all the fields in the resource
  kubectl explain pods --recursive
  
  # Get the explanation for deployment in supported api versions
  kubectl explain deployments --api-version=apps/v1
  
  # Get the documentation of a specific field of a resource
  kubectl explain pods.spec.containers
  
  # Get the documentation of resources in different format
  kubectl explain deployment --output=plaintext-openapiv2

Options:
    --api-version='':
	Use given api-version (group/version) of the resource.

    -o, --output='plaintext':
	Format in which to render the schema. Valid values are: (plaintext, plaintext-openapiv2).

    --recursive=false:
	When true, print the name of all the fields recursively. Otherwise, print the available fields with their description.

Usage:
  kubectl explain TYPE [--recursive=FALSE|TRUE] [--api-version=api-version-group] [-o|--output=plaintext|plaintext-openapiv2] [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

/**
 * SplitAndParseResourceRequestWithMatchingPrefix: the type is the first dotted segment, unless a
 * group-qualified name (`deployments.apps.spec`) matches; the rest is the field path.
 */
function splitResource(ctx: KubectlContext, input: string): { rt: ResourceType; path: string[] } {
  const text = input.endsWith('.') ? input.slice(0, -1) : input;
  const parts = text.split('.');
  const rt = ctx.rt.registry.lookup(parts[0]);
  // explain returns the mapper's error as it is, so this one has no `error: ` prefix.
  if (!rt) throw new KubectlError(`the server doesn't have a resource type "${parts[0]}"\n`, 1, true);
  const qualified = rt.group ? `${rt.plural}.${rt.group}` : rt.plural;
  if (rt.group && text.startsWith(`${qualified}`) && (text.length === qualified.length || text[qualified.length] === '.')) {
    const rest = text.slice(qualified.length);
    return { rt, path: rest ? rest.slice(1).split('.') : [] };
  }
  return { rt, path: parts.slice(1) };
}

function run(ctx: KubectlContext, args: ParsedArgs): number {
  if (args.positional.length === 0) {
    throw new KubectlError('You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.');
  }
  if (args.positional.length > 1) throw new KubectlError('We accept only this format: explain RESOURCE');
  const { rt, path } = splitResource(ctx, args.positional[0]);
  const output = args.str('output') || 'plaintext';
  if (output !== 'plaintext' && output !== 'plaintext-openapiv2') {
    throw new KubectlError(`unrecognized format: ${output}`);
  }
  if (output === 'plaintext-openapiv2') throw new KubectlError('--output=plaintext-openapiv2 is not supported in Kubelab; use the default --output=plaintext');
  let gvk: Gvk = { group: rt.group, version: rt.version, kind: rt.kind };
  const apiVersion = args.str('api-version');
  if (apiVersion) {
    // The OpenAPI v3 document is per group/version: a version the server does not serve has none, and a
    // served one may not have this resource.
    const [group, version] = apiVersion.includes('/') ? apiVersion.split('/', 2) : ['', apiVersion];
    const gvr = `${group}/${version}, Resource=${rt.plural}`;
    const types = ctx.rt.registry.all();
    if (!types.some((t) => t.group === group && t.version === version)) throw new KubectlError(`couldn't find resource for "${gvr}"`);
    const served = types.find((t) => t.group === group && t.version === version && t.plural === rt.plural);
    if (!served) throw new KubectlError(`GVR (${gvr}) not found in OpenAPI schema`);
    gvk = { group, version, kind: served.kind };
  }
  try {
    ctx.out(explain(doc, gvk, path, args.bool('recursive')));
  } catch (e) {
    if (e instanceof ExplainError) ctx.out(e.printed);
    throw e;
  }
  return 0;
}

registerCommand({
  name: 'explain',
  short: 'Get documentation for a resource',
  help,
  flags: [
    { name: 'api-version', type: 'string' },
    { name: 'output', short: 'o', type: 'string', default: 'plaintext' },
    { name: 'recursive', type: 'bool' },
  ],
  run,
});
