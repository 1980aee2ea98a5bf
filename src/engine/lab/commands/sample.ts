import { writeIstioSamples } from '../../images/apps/bookinfo/samples.ts';
import { runKubectl } from '../../kubectl/run.ts';
import { KubectlError } from '../../kubectl/errors.ts';
import { registerLabCommand } from '../command.ts';


const samples: Record<string, string> = {
  bookinfo: 'samples/bookinfo/platform/kube/bookinfo.yaml',
  httpbin: 'samples/httpbin/httpbin.yaml',
  curl: 'samples/curl/curl.yaml',
  sleep: 'samples/sleep/sleep.yaml',
};

/** `lab sample bookinfo [-n NS]`: kubectl apply -f samples/bookinfo/platform/kube/bookinfo.yaml (and the other samples). */
registerLabCommand({
  name: 'sample',
  short: "Deploy one of Istio's sample applications (bookinfo, httpbin, curl, sleep)",
  help:
    "Deploy one of Istio's sample applications, as `kubectl apply -f samples/...` from an Istio release would.\n" +
    'The sample manifests are also in the lab filesystem (ls samples/), so the Istio tasks work word for word.\n\n' +
    'Examples:\n  lab sample bookinfo\n  lab sample bookinfo -n bookinfo\n  kubectl apply -f samples/bookinfo/networking/virtual-service-all-v1.yaml\n\nUsage:\n  lab sample NAME [-n NAMESPACE]\n',
  run(ctx, args) {
    writeIstioSamples(ctx.rt);
    const name = args.positional[0];
    if (!name) {
      ctx.out(Object.keys(samples).map((s) => `${s}\t${samples[s]}\n`).join(''));
      return 0;
    }
    const file = samples[name];
    if (!file) throw new KubectlError(`unknown sample "${name}": one of ${Object.keys(samples).join(', ')}`);
    return runKubectl(ctx.rt, ['apply', '-f', file, ...(ctx.namespaceExplicit ? ['-n', ctx.namespace] : [])], { stdin: '', out: ctx.out, err: ctx.err });
  },
});
