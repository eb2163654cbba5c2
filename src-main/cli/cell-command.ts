import type { Command } from 'commander';
import { Option } from 'commander';
import type { CellTrace } from '../contract/cell-lab.js';
import { openCell } from '../services/cell-lab.js';
import { withModels } from './model-commands.js';
import { dbOption, integer } from './options.js';

const SHOWN = 6;
const fmt = (v: number) => (v >= 0 ? ' ' : '') + v.toFixed(4);
/** At most SHOWN values of a vector, with how many more there are. */
const vec = (v: readonly number[]) => `[${v.slice(0, SHOWN).map(fmt).join(', ')}${v.length > SHOWN ? `, … +${v.length - SHOWN}` : ''}]`;

/** The cell lab as text: what was opened, the formulas, the engine check, then each step gate by gate. */
export function formatCellTrace(trace: CellTrace, step?: number): string {
  const s = trace.source;
  const lines = [
    `${s.experiment} · layers[${s.layer}] ${s.direction ? `Bidirectional ${trace.kind}, ${s.direction}` : trace.kind} (${trace.units} units) · ${s.repeat === null ? `untrained (seed ${s.seed})` : `repeat ${s.repeat} (seed ${s.seed})`} · example ${s.example} of ${s.examples}${s.label ? ` (${s.label})` : ''} · from zero state`,
    '',
    ...trace.formulas.map((f) => `  ${f}`),
    '',
    `engine check: ${trace.engineCheck.engine}, max |Δh| ${trace.engineCheck.maxAbsDiff.toExponential(1)} ${trace.engineCheck.ok ? '≤' : '>'} ${trace.engineCheck.tolerance.toExponential(0)} ${trace.engineCheck.ok ? '✓ the formulas give the engine’s outputs' : '✗ MISMATCH'}`,
  ];
  for (const st of trace.steps) {
    if (step !== undefined && st.t !== step) continue;
    lines.push('', `t=${st.t}  x ${vec(st.input)}`);
    for (const g of trace.gates) lines.push(`  ${g.padEnd(2)} pre ${vec(st.preActivations[g]!)}  →  ${vec(st.gates[g]!)}`);
    for (const [name, v] of Object.entries(st.state)) lines.push(`  ${name.padEnd(2)}     ${vec(v)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Adds `cell`: step a recurrent layer of a kept (or untrained) model through a held-out example. */
export function registerCellCommand(program: Command): void {
  program
    .command('cell')
    .description("the cell lab: step a recurrent layer through a held-out example, gate by gate, checked against the engine")
    .argument('<experiment>', 'experiment id or name')
    .addOption(new Option('--repeat <k>', 'the repeat whose kept weights to open (default 1)').argParser(integer('--repeat', 1)).conflicts('untrained'))
    .option('--untrained', "the model's seeded initial weights instead of a trained repeat's")
    .addOption(new Option('--layer <i>', 'index of the layer in model.layers (default: the first recurrent one)').argParser(integer('--layer', 0)))
    .addOption(new Option('--example <n>', 'the held-out example to step through (default 1)').argParser(integer('--example', 1)))
    .addOption(new Option('--direction <d>', 'a Bidirectional layer: which direction to show').choices(['forward', 'backward']))
    .addOption(new Option('--step <t>', 'print only step t (0-based)').argParser(integer('--step', 0)))
    .addOption(new Option('--config <c>', 'configuration of a grid (default 1)').argParser(integer('--config', 1)))
    .option('--json', 'print JSON (every unit of every step)')
    .addOption(dbOption())
    .action(async (ref: string, o: { repeat?: number; untrained?: boolean; layer?: number; direction?: 'forward' | 'backward'; example?: number; step?: number; config?: number; json?: boolean; db?: string }) => {
      const trace = await withModels(o.db, (models) =>
        openCell(models, ref, {
          ...(o.config !== undefined ? { config: o.config } : {}),
          ...(o.repeat !== undefined ? { repeat: o.repeat } : {}),
          ...(o.untrained ? { untrained: true } : {}),
          ...(o.layer !== undefined ? { layer: o.layer } : {}),
          ...(o.example !== undefined ? { example: o.example } : {}),
          ...(o.direction ? { direction: o.direction } : {}),
        }),
      );
      process.stdout.write(o.json ? `${JSON.stringify(trace)}\n` : formatCellTrace(trace, o.step));
    });
}
