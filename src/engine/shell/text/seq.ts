import { tryHelpText, type TextTool } from './tool.ts';

const NUM = /^[+-]?(\d+\.?\d*|\.\d+)$/;

function decimals(s: string): number {
  const dot = s.indexOf('.');
  return dot < 0 ? 0 : s.length - dot - 1;
}

/**
 * GNU seq: `seq LAST`, `seq FIRST LAST`, `seq FIRST INCREMENT LAST`, with `-s SEP` and `-w` (equal width).
 * Numbers print with as many decimals as the operands have (`seq 0 0.5 1` → 0.0 0.5 1.0).
 */
export const seq: TextTool = (io) => {
  let sep = '\n';
  let equalWidth = false;
  const nums: string[] = [];
  const args = io.argv.slice(1);
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-w' || a === '--equal-width') equalWidth = true;
    else if (a === '-s' || a.startsWith('--separator=')) {
      const v = a === '-s' ? args[++i] : a.slice(12);
      if (v === undefined) {
        io.err(`seq: option requires an argument -- 's'\n${tryHelpText('seq')}`);
        return 1;
      }
      sep = v;
    } else if (a.startsWith('-s')) sep = a.slice(2);
    else if (a.startsWith('-') && a.length > 1 && !NUM.test(a)) {
      io.err(`seq: invalid option -- '${a[1]}'\n${tryHelpText('seq')}`);
      return 1;
    } else nums.push(a);
  }
  if (nums.length === 0) {
    io.err(`seq: missing operand\n${tryHelpText('seq')}`);
    return 1;
  }
  if (nums.length > 3) {
    io.err(`seq: extra operand ‘${nums[3]}’\n${tryHelpText('seq')}`);
    return 1;
  }
  const bad = nums.find((n) => !NUM.test(n));
  if (bad !== undefined) {
    io.err(`seq: invalid floating point argument: ‘${bad}’\n${tryHelpText('seq')}`);
    return 1;
  }
  const [firstS, incS, lastS] = nums.length === 1 ? ['1', '1', nums[0]] : nums.length === 2 ? [nums[0], '1', nums[1]] : [nums[0], nums[1], nums[2]];
  const inc = Number(incS);
  if (inc === 0) {
    io.err(`seq: invalid Zero increment value: ‘${incS}’\n${tryHelpText('seq')}`);
    return 1;
  }
  const first = Number(firstS);
  const last = Number(lastS);
  const prec = Math.max(decimals(firstS), decimals(incS));
  const out: string[] = [];
  // Count steps rather than add repeatedly, so decimal increments do not drift.
  for (let k = 0; ; k++) {
    const v = first + k * inc;
    if (inc > 0 ? v > last + 1e-9 : v < last - 1e-9) break;
    out.push(v.toFixed(prec));
    if (out.length > 1_000_000) break;
  }
  if (equalWidth) {
    const width = Math.max(...out.map((s) => s.length));
    for (let i = 0; i < out.length; i++) {
      const neg = out[i].startsWith('-');
      out[i] = neg ? '-' + out[i].slice(1).padStart(width - 1, '0') : out[i].padStart(width, '0');
    }
  }
  if (out.length > 0) io.out(out.join(sep) + '\n');
  return 0;
};
