// `kubectl cordon` (staging/src/k8s.io/kubectl/pkg/cmd/drain): mark nodes unschedulable.
import { registerCommand } from '../command.ts';
import { dryRunFlag, dryRunStrategy, reportErrors } from '../apply/report.ts';
import { cordonOrUncordon } from '../nodes/cordon.ts';
import { cordonHelp } from '../nodes/help.ts';
import { checkNodeArgs, resolveNodes } from '../nodes/targets.ts';

registerCommand({
  name: 'cordon',
  short: 'Mark node as unschedulable',
  help: cordonHelp,
  flags: [{ name: 'selector', short: 'l', type: 'string', default: '' }, dryRunFlag],
  run(ctx, args) {
    checkNodeArgs(args, 'cordon');
    const dry = dryRunStrategy(args.str('dry-run'));
    const { nodes, errors } = resolveNodes(ctx, args, 'cordon');
    if (errors.length > 0) return reportErrors(ctx, errors);
    cordonOrUncordon(ctx, nodes, true, dry);
    return 0;
  },
});
