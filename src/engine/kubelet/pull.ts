import { pullErrorText, resolveImage } from '../images/catalog.ts';
import { defaultPullPolicy, invalidImageMessage, parseImageRef, type ImageRef } from '../images/reference.ts';
import { goDuration } from '../images/shell/format.ts';
import type { Ctr } from './container.ts';
import type { PodWorker } from './worker.ts';

/** How long after a failed pull the next pod sync reports ImagePullBackOff. */
const RESYNC_AFTER_ERROR_MS = 1_000;
/** Pod worker resync while an image cannot be used (ErrImageNeverPull, InvalidImageName). */
const RESYNC_MS = 15_000;

/**
 * EnsureImageExists, as pkg/kubelet/images does it: pull policy, presence on the node, per-image back-off,
 * serialised pulls. Calls `ready(atMs)` once the image is usable; otherwise leaves the container waiting.
 */
export function ensureImage(w: PodWorker, c: Ctr, ready: (atMs: number) => void): void {
  const node = w.node;
  const now = w.now();
  const image = c.spec.image ?? '';
  const fp = w.fieldPath(c);
  let ref: ImageRef;
  try {
    ref = parseImageRef(image);
  } catch (e) {
    const msg = invalidImageMessage(image, e);
    w.event('Warning', 'InspectFailed', msg, fp);
    w.event('Warning', 'Failed', 'Error: InvalidImageName', fp);
    w.setWaiting(c, 'InvalidImageName', msg);
    w.after(RESYNC_MS, () => ensureImage(w, c, ready), false);
    return;
  }
  c.imageName = ref.full;
  const key = ref.full;
  const policy = c.spec.imagePullPolicy ?? defaultPullPolicy(image);
  const present = node.images.get(key);
  if (present && policy !== 'Always') {
    c.image = present;
    w.event('Normal', 'Pulled', `Container image "${image}" already present on machine`, fp);
    ready(now);
    return;
  }
  if (policy === 'Never') {
    const msg = `Container image "${image}" is not present with pull policy of Never`;
    w.event('Warning', 'ErrImageNeverPull', msg, fp);
    w.event('Warning', 'Failed', 'Error: ErrImageNeverPull', fp);
    w.setWaiting(c, 'ErrImageNeverPull', msg);
    w.after(RESYNC_MS, () => ensureImage(w, c, ready), false);
    return;
  }
  const backoffKey = `${w.uid}_${image}`;
  if (node.pullBackoff.isInBackOffSinceUpdate(backoffKey, now)) {
    w.event('Normal', 'BackOff', `Back-off pulling image "${image}"`, fp);
    w.event('Warning', 'Failed', 'Error: ImagePullBackOff', fp);
    w.setWaiting(c, 'ImagePullBackOff', `Back-off pulling image "${image}": ${w.pullErrors?.get(backoffKey) ?? ''}`.replace(/: $/, ''));
    const until = node.pullBackoff.until(backoffKey) ?? now;
    w.after(Math.max(0, until - now), () => ensureImage(w, c, ready), false);
    return;
  }
  w.event('Normal', 'Pulling', `Pulling image "${image}"`, fp);
  const resolved = resolveImage(ref);
  // Serialised pulls: this one starts when the node's queue is free.
  const start = Math.max(now, node.pullFreeAt);
  const latency = 250 + node.rt.rng.int(500);
  let duration: number;
  if (!('repo' in resolved)) duration = latency + 200;
  else if (present || node.inflight.has(key)) duration = 80 + node.rt.rng.int(220);
  else duration = latency + Math.round(resolved.version.size / node.bytesPerMs);
  const end = start + duration;
  node.pullFreeAt = end;
  if ('repo' in resolved && !present) node.inflight.set(key, end);
  w.at(end, () => {
    if (!('repo' in resolved)) {
      const err = pullErrorText(ref, resolved);
      w.event('Warning', 'Failed', `Failed to pull image "${image}": ${err}`, fp);
      node.pullBackoff.next(backoffKey, w.now());
      (w.pullErrors ??= new Map()).set(backoffKey, `ErrImagePull: ${err}`);
      w.event('Warning', 'Failed', 'Error: ErrImagePull', fp);
      w.setWaiting(c, 'ErrImagePull', err);
      w.after(RESYNC_AFTER_ERROR_MS, () => ensureImage(w, c, ready), true);
      return;
    }
    node.inflight.delete(key);
    node.images.set(key, resolved);
    node.images.set(resolved.imageID, resolved);
    c.image = resolved;
    w.pullErrors?.delete(backoffKey);
    w.event('Normal', 'Pulled', `Successfully pulled image "${image}" in ${goDuration(duration)} (${goDuration(end - now)} including waiting). Image size: ${resolved.version.size} bytes.`, fp);
    ready(end);
  }, true);
}
