// `kubectl rollout` (staging/src/k8s.io/kubectl/pkg/cmd/rollout): status, history, undo, pause, resume, restart.
import { registerCommand, type CommandSpec } from '../command.ts';
import { KubectlError } from '../errors.ts';
import type { FlagSpec } from '../flags.ts';
import { dryRunFlag } from '../apply/report.ts';
import { filenameFlags } from '../apply/flags.ts';
import { historyHelp, pauseHelp, restartHelp, resumeHelp, rolloutHelp, statusHelp, undoHelp } from '../rollout/help.ts';
import { runHistory } from '../rollout/history.ts';
import { runPause, runRestart, runResume } from '../rollout/pause.ts';
import { runStatus } from '../rollout/status.ts';
import { runUndo } from '../rollout/undo.ts';

const common: FlagSpec[] = [...filenameFlags, { name: 'kustomize', short: 'k', type: 'string' }, { name: 'selector', short: 'l', type: 'string' }];
const printFlags: FlagSpec[] = [
  { name: 'output', short: 'o', type: 'string' },
  { name: 'template', type: 'string' },
  { name: 'allow-missing-template-keys', type: 'bool', default: true },
  { name: 'show-managed-fields', type: 'bool' },
];

const subcommands: CommandSpec[] = [
  {
    name: 'status',
    short: 'Show the status of the rollout',
    help: statusHelp,
    flags: [...common, { name: 'revision', type: 'int', default: 0 }, { name: 'timeout', type: 'duration', default: '0s' }, { name: 'watch', short: 'w', type: 'bool', default: true }],
    run: runStatus,
  },
  {
    name: 'history',
    short: 'View rollout history',
    help: historyHelp,
    flags: [...common, ...printFlags, { name: 'revision', type: 'int', default: 0 }],
    run: runHistory,
  },
  {
    name: 'undo',
    short: 'Undo a previous rollout',
    help: undoHelp,
    flags: [...common, ...printFlags, dryRunFlag, { name: 'to-revision', type: 'int', default: 0 }],
    run: runUndo,
  },
  { name: 'pause', short: 'Mark the provided resource as paused', help: pauseHelp, flags: [...common, ...printFlags, { name: 'field-manager', type: 'string', default: 'kubectl-rollout' }], run: runPause },
  { name: 'resume', short: 'Resume a paused resource', help: resumeHelp, flags: [...common, ...printFlags, { name: 'field-manager', type: 'string', default: 'kubectl-rollout' }], run: runResume },
  { name: 'restart', short: 'Restart a resource', help: restartHelp, flags: [...common, ...printFlags, { name: 'field-manager', type: 'string', default: 'kubectl-rollout' }], run: runRestart },
];

registerCommand({
  name: 'rollout',
  short: 'Manage the rollout of a resource',
  help: rolloutHelp,
  subcommands,
  run(ctx, args) {
    // Reached only when no subcommand matched: cobra's help, or its unknown-command error.
    if (args.positional.length === 0) {
      ctx.out(rolloutHelp);
      return 0;
    }
    throw new KubectlError(`unknown command "${args.positional[0]}"\nSee 'kubectl rollout -h' for help and examples`);
  },
});
