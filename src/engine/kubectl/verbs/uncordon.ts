// `kubectl uncordon` (staging/src/k8s.io/kubectl/pkg/cmd/drain): mark nodes schedulable again.
import { registerCommand } from '../command.ts';
import { dryRunFlag, dryRunStrategy, reportErrors } from '../apply/report.ts';
import { cordonOrUncordon } from '../nodes/cordon.ts';
import { uncordonHelp } from '../nodes/help.ts';
import { checkNodeArgs, resolveNodes } from '../nodes/targets.ts';

registerCommand({
  name: 'uncordon',
  short: 'Mark node as schedulable',
  help: uncordonHelp,
  flags: [{ name: 'selector', short: 'l', type: 'string', default: '' }, dryRunFlag],
  run(ctx, args) {
    checkNodeArgs(args, 'uncordon');
    const dry = dryRunStrategy(args.str('dry-run'));
    const { nodes, errors } = resolveNodes(ctx, args, 'uncordon');
    if (errors.length > 0) return reportErrors(ctx, errors);
    cordonOrUncordon(ctx, nodes, false, dry);
    return 0;
  },
});
