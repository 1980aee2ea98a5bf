import { resolveImage } from '../../../images/catalog.ts';
import { parseImageRef } from '../../../images/reference.ts';
import { KUBELET_MANAGER } from '../../../kubelet/http.ts';
import type { KubeletManager } from '../../../kubelet/manager.ts';
import { KubectlError } from '../../../kubectl/errors.ts';
import type { ClusterRuntime } from '../../../runtime.ts';

export interface NodeImage {
  image: string;
  sizeBytes: number;
}

/** `name:tag=sizeMB,...` (sizes in MB of 10^6 bytes). */
export function parseImages(text: string): NodeImage[] {
  const out: NodeImage[] = [];
  for (const part of text.split(',').filter((p) => p !== '')) {
    const i = part.lastIndexOf('=');
    const image = i < 0 ? part : part.slice(0, i);
    const mb = i < 0 ? NaN : Number(part.slice(i + 1));
    if (!image || !Number.isFinite(mb) || mb < 0) throw new KubectlError(`invalid image "${part}": expected name:tag=sizeMB`);
    try {
      parseImageRef(image);
    } catch (e) {
      throw new KubectlError(`invalid image "${image}": ${e instanceof Error ? e.message : String(e)}`);
    }
    out.push({ image, sizeBytes: Math.round(mb * 1_000_000) });
  }
  return out;
}

/**
 * Images already on a node: listed in its status (as the kubelet reports them: digest reference and tag,
 * largest first) and known to its kubelet, so that pods using them find them "already present on machine".
 */
export function addNodeImages(rt: ClusterRuntime, nodeName: string, images: NodeImage[]): void {
  const agent = rt.service<KubeletManager>(KUBELET_MANAGER)?.nodes.get(nodeName);
  const entries: Array<{ names: string[]; sizeBytes: number }> = [];
  for (const img of images) {
    const ref = parseImageRef(img.image);
    const resolved = resolveImage(ref);
    if ('repo' in resolved) {
      entries.push({ names: [resolved.imageID, ref.full], sizeBytes: img.sizeBytes });
      agent?.images.set(ref.full, resolved);
      agent?.images.set(resolved.imageID, resolved);
    } else {
      entries.push({ names: [ref.full], sizeBytes: img.sizeBytes });
    }
  }
  rt.api.modify(
    'nodes',
    undefined,
    nodeName,
    (n) => {
      const status = (n.status ??= {}) as { images?: Array<{ names: string[]; sizeBytes: number }> };
      status.images = [...entries, ...(status.images ?? [])].sort((a, b) => b.sizeBytes - a.sizeBytes);
    },
    { subresource: 'status' },
  );
}
