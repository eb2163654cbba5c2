/**
 * PyTorch on the same MNIST-shaped steps in the same run, when `/usr/bin/python3 -c 'import torch'` works
 * (Debian's python3-torch; it links the reference BLAS unless OpenBLAS is installed): SimpleRNN(150), LSTM(128)
 * and BiLSTM(128) → Linear(10), batch 150, 28 × 28, cross-entropy, Adam 1e-3, on 1 and 2 intra-op threads.
 * Optional: without torch it says why and the bench goes on with REFERENCE.md's figures. Never used by tests.
 */
import { spawnSync } from 'node:child_process';
import { realpathSync } from 'node:fs';

const PYTHON = '/usr/bin/python3';

// Fastest of 10 timed steps after 3 warm-up steps, per model and thread count; one JSON line each.
const SCRIPT = String.raw`
import json, time, torch
from torch import nn
class Net(nn.Module):
    def __init__(self, kind):
        super().__init__()
        units = 150 if kind == 'simpleRNN' else 128
        rnn = nn.RNN if kind == 'simpleRNN' else nn.LSTM
        self.rnn = rnn(28, units, batch_first=True, bidirectional=(kind == 'biLSTM'))
        self.out = nn.Linear(units * (2 if kind == 'biLSTM' else 1), 10)
    def forward(self, x):
        h, _ = self.rnn(x)
        return self.out(h[:, -1, :])
torch.manual_seed(0)
x = torch.randn(150, 28, 28)
y = torch.randint(0, 10, (150,))
for threads in (1, 2):
    torch.set_num_threads(threads)
    for kind in ('simpleRNN', 'lstm', 'biLSTM'):
        net = Net(kind)
        opt = torch.optim.Adam(net.parameters(), lr=1e-3)
        loss_fn = nn.CrossEntropyLoss()
        def step():
            opt.zero_grad()
            loss_fn(net(x), y).backward()
            opt.step()
        for _ in range(3):
            step()
        best = float('inf')
        for _ in range(10):
            t0 = time.perf_counter()
            step()
            best = min(best, time.perf_counter() - t0)
        print(json.dumps({'kind': kind, 'threads': threads, 'ips': 150 / best}))
print(json.dumps({'version': torch.__version__, 'blas': torch.__config__.show()}))
`;

/** img/s on 1 and 2 threads per model. */
export type TorchFigures = Readonly<Record<'simpleRNN' | 'lstm' | 'biLSTM', readonly [number, number]>>;

/**
 * The BLAS behind this PyTorch: its build's BLAS_INFO, and for a 'generic' build (Debian's: it links the system's
 * libblas.so.3) the library that link points to (OpenBLAS when libopenblas0 is installed, else the reference BLAS).
 */
function blasOf(config: string): string {
  const info = /BLAS_INFO=(\w+)/.exec(config)?.[1] ?? '';
  if (/mkl/i.test(info)) return 'MKL';
  if (/openblas/i.test(info)) return 'OpenBLAS';
  try {
    const target = realpathSync('/usr/lib/x86_64-linux-gnu/libblas.so.3');
    return /openblas/i.test(target) ? 'OpenBLAS (system libblas)' : 'the reference BLAS (system libblas; install libopenblas0)';
  } catch {
    return `BLAS ${info || 'unknown'}`;
  }
}

/**
 * PyTorch's img/s per model and thread count from this run, as printable lines and figures; or why it was skipped.
 */
export function pytorchMnist(): { problem: string | null; lines: string[]; figures?: TorchFigures } {
  const probe = spawnSync(PYTHON, ['-c', 'import torch'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) return { problem: `${PYTHON} -c 'import torch' fails here (install python3-torch, and libopenblas0 for OpenBLAS)`, lines: [] };
  const run = spawnSync(PYTHON, ['-c', SCRIPT], { encoding: 'utf8', timeout: 600_000 });
  if (run.status !== 0) return { problem: `the PyTorch timing failed: ${(run.stderr || String(run.error)).trim().split('\n').at(-1)}`, lines: [] };
  const rows = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as { kind?: string; threads?: number; ips?: number; version?: string; blas?: string });
  const info = rows.find((r) => r.version !== undefined);
  const blas = blasOf(info?.blas ?? '');
  const pair = (kind: string): readonly [number, number] => {
    const [one, two] = [1, 2].map((t) => rows.find((r) => r.kind === kind && r.threads === t)?.ips ?? NaN);
    return [Math.round(one!), Math.round(two!)];
  };
  const byKind = (kind: string) => rows.filter((r) => r.kind === kind).map((r) => `${Math.round(r.ips!)}`).join(' / ');
  return {
    problem: null,
    figures: { simpleRNN: pair('simpleRNN'), lstm: pair('lstm'), biLSTM: pair('biLSTM') },
    lines: [`PyTorch ${info?.version ?? '?'} + ${blas}, this run, img/s on 1 / 2 threads: SimpleRNN(150) ${byKind('simpleRNN')}, LSTM(128) ${byKind('lstm')}, BiLSTM(128) ${byKind('biLSTM')}`],
  };
}
