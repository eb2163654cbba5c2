import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { APP_URL, PORT, TOKEN } from './playwright.config.js';
import { redisMissing, redisRequired, startRedis } from '../testing/queue/redis-server.js';
import { startWorker } from '../testing/queue/workers.js';

/** Screenshots of each page, kept as test artifacts (the README's tour uses two of them). */
const SHOTS = join(import.meta.dirname, '..', 'test-results', 'e2e', 'screenshots');
mkdirSync(SHOTS, { recursive: true });
const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

interface SeriesSummary {
  type: string;
  name: string;
  points: number;
  markLines: (number | string | null)[];
}
const seriesOf = async (page: Page, testId: string): Promise<SeriesSummary[]> =>
  JSON.parse((await page.getByTestId(testId).getAttribute('data-option-summary')) ?? '[]') as SeriesSummary[];

/** Starts the built-in shampoo experiment from its card with overrides; returns the new experiment's id. */
async function startShampoo(page: Page, repeats: number, epochs: number): Promise<number> {
  await page.goto(APP_URL);
  const card = page.getByTestId('builtin-shampoo-lstm');
  await expect(card).toBeVisible();
  await page.getByTestId('override-repeats-shampoo-lstm').fill(String(repeats));
  await page.getByTestId('override-epochs-shampoo-lstm').fill(String(epochs));
  await page.getByTestId('run-builtin-shampoo-lstm').click();
  await page.waitForURL(/#\/run\/\d+/);
  return Number(/#\/run\/(\d+)/.exec(page.url())![1]);
}

test.describe.configure({ mode: 'serial' });

let first = 0;
let second = 0;

test('experiments page lists the built-ins', async ({ page }) => {
  await page.goto(APP_URL);
  await expect(page.getByTestId('builtin-shampoo-lstm')).toBeVisible();
  // The token left the address bar once read.
  await expect(page).not.toHaveURL(/token=/);
  await shot(page, 'experiments');
});

test('a short shampoo run from the UI: live progress, then results with boxplot, baseline, predictions and describe()', async ({ page }) => {
  first = await startShampoo(page, 3, 30);
  await expect(page.getByTestId('run-progress')).toContainText('3 / 3', { timeout: 120_000 });
  await expect(page.getByTestId('run-status')).toContainText(/done/i);
  await expect(page.getByTestId('finished-repeats').locator('tbody tr')).toHaveCount(3);
  await shot(page, 'run');

  await page.getByTestId('open-results').click();
  await page.waitForURL(/#\/results\/\d+/);
  await expect(page.getByTestId('describe-table')).toContainText('count');
  await expect(page.getByTestId('describe-table')).toContainText('3');
  await expect.poll(async () => (await seriesOf(page, 'boxplot-chart')).length).toBeGreaterThan(0);
  const box = await seriesOf(page, 'boxplot-chart');
  expect(box.find((s) => s.type === 'boxplot')?.points).toBe(1);
  expect(box.find((s) => s.type === 'scatter')?.points).toBe(3); // every repeat as a point
  const lines = box.flatMap((s) => s.markLines).map(Number);
  expect(lines.some((v) => Math.abs(v - 136.761) < 1e-3)).toBe(true); // the persistence baseline
  const predictions = await seriesOf(page, 'predictions-chart');
  expect(predictions.length).toBeGreaterThan(2);
  expect(predictions.some((s) => s.points >= 35)).toBe(true); // the whole series is drawn
  await expect(page.getByTestId('loss-chart')).toBeVisible();
  await expect(page.getByTestId('trials-table').locator('tbody tr')).toHaveCount(3);
  await shot(page, 'results');
});

test('export the describe and results tables as CSV (downloads)', async ({ page }) => {
  await page.goto(`${APP_URL}#/results/${first}`);
  await expect(page.getByTestId('describe-table')).toContainText('count');
  const download = page.waitForEvent('download');
  await page.getByTestId('export-results-csv').click();
  const file = await (await download).path();
  const rows = parse(readFileSync(file, 'utf8'), { columns: true }) as Record<string, string>[];
  expect(rows.filter((r) => r.kind === 'repeat')).toHaveLength(3);
  expect(rows.map((r) => r.kind).slice(3)).toEqual(['count', 'mean', 'std', 'min', '25%', '50%', '75%', 'max', 'baseline:persistence']);
  expect(Number(rows.at(-1)!.rmse)).toBeCloseTo(136.761, 3);

  const describeDownload = page.waitForEvent('download');
  await page.getByTestId('export-describe-csv').click();
  const text = readFileSync(await (await describeDownload).path(), 'utf8');
  expect(text.split('\n')[0]).toMatch(/^statistic,/);
  expect(text).toMatch(/\ncount,3\n/);
});

test('cancel a run (finished repeats kept, the rest interrupted) and resume it', async ({ page }) => {
  // Long enough to be cancelled mid-run (~1 s per repeat on the fused engine).
  second = await startShampoo(page, 3, 40_000);
  const bar = page.getByTestId('run-progress-bar');
  await expect(page.getByTestId('run-status')).toContainText(/running/i);
  await expect.poll(async () => Number(await bar.getAttribute('aria-valuenow'))).toBeGreaterThan(0);
  const early = Number(await bar.getAttribute('aria-valuenow'));
  await expect.poll(async () => Number(await bar.getAttribute('aria-valuenow'))).toBeGreaterThan(early); // it advances, pushed live
  await page.getByTestId('cancel-run').click();
  await expect(page.getByTestId('run-status')).toContainText(/interrupted/i);
  await shot(page, 'run-cancelled');
  await page.getByTestId('resume-run').click();
  await expect(page.getByTestId('run-status')).toContainText(/done/i, { timeout: 150_000 });
  await expect(page.getByTestId('run-progress')).toContainText('3 / 3');
});

test('compare two experiments side by side', async ({ page }) => {
  await page.goto(APP_URL);
  await page.getByTestId(`compare-select-${first}`).check();
  await page.getByTestId(`compare-select-${second}`).check();
  await page.getByTestId('compare-selected').click();
  await page.waitForURL(/#\/compare/);
  await expect(page.getByTestId('compare-table').locator('tbody tr')).toHaveCount(2);
  await expect.poll(async () => (await seriesOf(page, 'compare-boxplot')).find((s) => s.type === 'boxplot')?.points).toBe(2);
  await expect(page.getByTestId('compare-differences')).toBeVisible();
  // Both runs used the built-in's master seed: repeat k has the same seed in each, so they compare paired.
  await expect(page.getByTestId('compare-design')).toContainText('Paired');
  await expect(page.getByTestId('compare-differences')).toContainText('Wilcoxon');
  await expect(page.getByTestId('compare-readings').locator('li')).toHaveCount(1);
  await expect(page.getByTestId('compare-readings')).toContainText(/Holm-adjusted p/);
  // Labels are what differs (the epochs), not ids.
  await expect(page.getByTestId('compare-table').locator('tbody tr').first()).toContainText('epochs=');
  await shot(page, 'compare');
});

/** Calls an API method over HTTP with the launch token (setting up data the UI then shows). */
async function callApi<T>(page: Page, method: string, input: unknown): Promise<T> {
  const res = await page.request.post(`http://127.0.0.1:${PORT}/api/${method}`, { headers: { authorization: `Bearer ${TOKEN}` }, data: input });
  const reply = (await res.json()) as { ok: boolean; value?: T; error?: { message: string } };
  if (!reply.ok) throw new Error(`${method}: ${reply.error?.message}`);
  return reply.value as T;
}

test('compare three configurations of a grid: paired tests, adjusted p, effect sizes, all pairs and a CD diagram', async ({ page }) => {
  const builtin = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'experiments', 'shampoo-lstm.json'), 'utf8')) as Record<string, unknown>;
  const spec = { ...builtin, name: 'units-grid', repeats: 6, grid: { 'model.layers[0].lstm.units': [1, 4, 8] } };
  const { experimentId } = await callApi<{ experimentId: number }>(page, 'startExperiment', { spec, epochs: 40 });
  await expect
    .poll(async () => (await callApi<{ experiment: { status: string } }>(page, 'getExperiment', { experimentId })).experiment.status, { timeout: 120_000 })
    .toBe('done');
  await page.setViewportSize({ width: 1024, height: 800 });
  await page.goto(`${APP_URL}#/compare?ids=${experimentId}&ref=1`);
  await expect(page.getByTestId('compare-table').locator('tbody tr')).toHaveCount(3);
  await expect(page.getByTestId('compare-table').locator('tbody tr').first()).toContainText('units=1');
  await expect(page.getByTestId('compare-design')).toContainText('Paired');
  // Against units=4: two rows, never the reference itself; raw and Holm-adjusted p, effect sizes beside them.
  const rows = page.getByTestId('compare-differences').locator('tbody tr');
  await expect(rows).toHaveCount(2);
  await expect(page.getByTestId('compare-differences').locator('thead')).toContainText('p (Holm)');
  await expect(page.getByTestId('compare-differences').locator('thead')).toContainText("Cliff's δ");
  await expect(rows.first()).toContainText('units=1');
  await expect(rows.nth(1)).toContainText('units=8');
  await expect(page.getByTestId('compare-matrix').locator('tbody tr')).toHaveCount(3);
  await expect.poll(async () => (await seriesOf(page, 'compare-cd')).filter((s) => s.type === 'line').length).toBeGreaterThan(3);
  await expect(page.getByTestId('compare-friedman')).toContainText('Friedman χ²(2)');
  // The tables scroll inside their panel at 1024 px: the page itself does not scroll sideways.
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
  await shot(page, 'compare-grid-1024');
  // Bonferroni on request: the page says so and the adjusted p can only grow.
  await page.getByTestId('compare-correction').selectOption('bonferroni');
  await expect(page.getByTestId('compare-differences').locator('thead')).toContainText('p (Bonferroni)');
  const download = page.waitForEvent('download');
  await page.getByTestId('export-compare-reference-csv').click();
  const table = parse(readFileSync(await (await download).path(), 'utf8'), { columns: true }) as Record<string, string>[];
  expect(table).toHaveLength(2);
  for (const r of table) expect(Number(r['p (Bonferroni)'])).toBeGreaterThanOrEqual(Number(r.p));
  expect(table.map((r) => r['reference (B)'])).toEqual(['units=4', 'units=4']);
  // The same table as XLSX: numbers as numbers, the same p and adjusted p as the CSV.
  const xlsxDownload = page.waitForEvent('download');
  await page.getByTestId('export-compare-reference-xlsx').click();
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(await (await xlsxDownload).path());
  const sheet = book.worksheets[0]!;
  const header = (sheet.getRow(1).values as unknown[]).slice(1);
  const [pCol, adjCol] = [header.indexOf('p') + 1, header.indexOf('p (Bonferroni)') + 1];
  expect(pCol).toBeGreaterThan(0);
  expect(adjCol).toBeGreaterThan(0);
  table.forEach((r, i) => {
    expect(sheet.getRow(i + 2).getCell(pCol).value).toBe(Number(r.p));
    expect(sheet.getRow(i + 2).getCell(adjCol).value).toBe(Number(r['p (Bonferroni)']));
  });
});

test('the API refuses requests without the token', async ({ request }) => {
  const res = await request.post(`http://127.0.0.1:${PORT}/api/listExperiments`, { data: {} });
  expect(res.status()).toBe(401);
});

test('the spec editor shows what only the Node side can check, and Start stays off until it is fixed', async ({ page }) => {
  await page.goto(APP_URL);
  await page.getByTestId('duplicate-builtin-shampoo-lstm').click();
  await expect(page.getByTestId('spec-status')).toHaveText('Valid spec');
  // A batch of 2 passes the form's schema, but a stateful walk-forward forecast needs batch size 1.
  await page.getByTestId('spec-field-training.batchSize').fill('2');
  const refusal = page.getByTestId('spec-refusal');
  await expect(refusal).toContainText('training.batchSize: walk-forward forecasting with a stateful model');
  await expect(refusal).toContainText('set "batchSize": 1');
  await expect(page.getByTestId('spec-start')).toBeDisabled();
  await shot(page, 'editor-refusal');
  await page.getByTestId('spec-field-training.batchSize').fill('1');
  await expect(page.getByTestId('spec-status')).toHaveText('Valid spec');
  await expect(refusal).toHaveCount(0);
  await expect(page.getByTestId('spec-start')).toBeEnabled();
});

test('import a CSV of labeled sequences (upload), set roles, run 2 repeats, see the results', async ({ page }) => {
  // 24 sequences of 3–4 steps: rising ones are "up", falling ones "down".
  const rows = ['seq,t,x,y,class'];
  for (let s = 0; s < 24; s++) for (let t = 0; t < 3 + (s % 2); t++) rows.push(`s${s},${t},${((s % 2 ? t : 4 - t) / 4).toFixed(2)},${((s * 7 + t) % 5) / 5},${s % 2 ? 'up' : 'down'}`);
  await page.goto(APP_URL);
  await page.getByTestId('import-file').setInputFiles({ name: 'moves.csv', mimeType: 'text/csv', buffer: Buffer.from(`${rows.join('\n')}\n`) });
  await expect(page.getByTestId('import-summary')).toContainText('moves.csv: 84 rows, 5 columns');
  await expect(page.getByTestId('import-summary')).toContainText('labeled sequences');
  await expect(page.getByTestId('import-preview').locator('tbody tr')).toHaveCount(8);
  await expect(page.getByTestId('import-reading-sequences')).toBeChecked();
  // The roles as suggested, then one changed by hand and back: y off, on again.
  await page.getByTestId('import-feature-y').uncheck();
  await page.getByTestId('import-feature-y').check();
  await shot(page, 'import');
  await page.getByTestId('import-open').click();
  await expect(page.getByTestId('spec-status')).toHaveText('Valid spec');
  await page.getByTestId('spec-field-repeats').fill('2');
  await page.getByTestId('spec-field-training.epochs').fill('3');
  await expect(page.getByTestId('spec-status')).toHaveText('Valid spec');
  await page.getByTestId('spec-start').click();
  await page.waitForURL(/#\/run\/\d+/);
  await expect(page.getByTestId('run-progress')).toContainText('2 / 2', { timeout: 120_000 });
  await page.getByTestId('open-results').click();
  await page.waitForURL(/#\/results\/\d+/);
  await expect(page.getByTestId('describe-table')).toContainText('count2');
  await expect(page.getByTestId('confusion-chart')).toBeVisible();
  await shot(page, 'import-results');
  // Try it: new sequences (no class column) answered by both kept repeats, with their agreement.
  const fresh = ['seq,t,x,y'];
  for (let s = 0; s < 3; s++) for (let t = 0; t < 3; t++) fresh.push(`n${s},${t},${((s % 2 ? t : 4 - t) / 4).toFixed(2)},0.2`);
  await expect(page.getByTestId('try-model')).toContainText('2 kept repeats');
  await page.getByTestId('try-file').setInputFiles({ name: 'new-moves.csv', mimeType: 'text/csv', buffer: Buffer.from(`${fresh.join('\n')}\n`) });
  const table = page.getByTestId('try-table');
  await expect(table.locator('thead')).toContainText('repeat 1repeat 2majorityagree');
  await expect(table.locator('tbody tr')).toHaveCount(3);
  await expect(table.locator('tbody tr').first()).toContainText(/^n0(up|down)(up|down)(up|down|tie)[12]\/2$/);
  await page.getByTestId('try-model').screenshot({ path: join(SHOTS, 'try-predict.png') });
  // Cell lab: repeat 1's LSTM stepped through held-out example 2, its formulas checked against the engine.
  const lab = page.getByTestId('cell-lab');
  await expect(page.getByTestId('cell-weights')).toHaveValue('1');
  await page.getByTestId('cell-example').fill('2');
  await page.getByTestId('cell-open').click();
  await expect(page.getByTestId('cell-check')).toContainText('✓ these formulas give the engine');
  await expect(page.getByTestId('cell-source')).toContainText('example 2 of');
  await expect(page.getByTestId('cell-formulas')).toContainText('c_t = f_t ⊙ c_{t−1} + i_t ⊙ c̃_t');
  await expect(page.getByTestId('cell-table').locator('tbody tr')).toHaveCount(10); // 4 gates × (pre, value) + h + c
  await page.getByTestId('cell-step').fill('2');
  await expect(lab).toContainText('Step t = 2');
  await expect.poll(async () => (await seriesOf(page, 'cell-chart')).map((s) => s.name).join()).toBe('i,f,c̃,o,h,c');
  await lab.screenshot({ path: join(SHOTS, 'cell-lab.png') });
  await page.getByTestId('cell-weights').selectOption('untrained');
  await page.getByTestId('cell-open').click();
  await expect(page.getByTestId('cell-source')).toContainText('untrained, seed');
  await expect(page.getByTestId('cell-check')).toContainText('✓');
});

test('import a CSV of several series (upload), forecast two columns, run 2 repeats, see per-target results', async ({ page }) => {
  // 48 weeks of two coupled series and a text note the reader leaves out.
  const x = Array.from({ length: 48 }, (_, i) => (10 + 3 * Math.sin(i / 4) + (i % 5) / 10).toFixed(2));
  const rows = ['week,x,y,note', ...x.map((v, i) => `w${i + 1},${v},${(0.5 * Number(x[i - 1] ?? v) + 2).toFixed(2)},n${i % 3}`)];
  await page.goto(APP_URL);
  await page.getByTestId('import-file').setInputFiles({ name: 'weekly.csv', mimeType: 'text/csv', buffer: Buffer.from(`${rows.join('\n')}\n`) });
  await expect(page.getByTestId('import-summary')).toContainText('weekly.csv: 48 rows, 4 columns');
  await expect(page.getByTestId('import-summary')).toContainText('series in a table');
  await expect(page.getByTestId('import-reading-series')).toBeChecked();
  await expect(page.getByTestId('import-role-time')).toHaveValue('week');
  await expect(page.getByTestId('import-input-x')).toBeChecked();
  await expect(page.getByTestId('import-input-y')).toBeChecked();
  await expect(page.getByTestId('import-target-y')).toBeChecked();
  await page.getByTestId('import-target-x').check(); // a second target
  await page.getByTestId('import-open').click();
  await expect(page.getByTestId('spec-status')).toHaveText('Valid spec');
  await page.getByTestId('spec-field-repeats').fill('2');
  await page.getByTestId('spec-field-training.epochs').fill('3');
  await expect(page.getByTestId('spec-status')).toHaveText('Valid spec');
  await page.getByTestId('spec-start').click();
  await page.waitForURL(/#\/run\/\d+/);
  await expect(page.getByTestId('run-progress')).toContainText('2 / 2', { timeout: 120_000 });
  await page.getByTestId('open-results').click();
  await page.waitForURL(/#\/results\/\d+/);
  await expect(page.getByTestId('describe-table')).toContainText('count2');
  // Each target's metrics are listed beside the headline (the first target's); x's boxplot has x's persistence line.
  await expect(page.getByTestId('results-metric').locator('option')).toHaveText(['rmse', 'mae', 'rmse:y', 'mae:y', 'rmse:x', 'mae:x']);
  await page.getByTestId('results-metric').selectOption('rmse:x');
  await expect(page.getByTestId('describe-table')).toContainText('baseline: persistence');
  const xs = x.map(Number);
  const persistence = Math.sqrt(xs.slice(32).reduce((s, v, i) => s + (v - xs[31 + i]!) ** 2, 0) / 16); // testSize 16 = 48 / 3
  await expect.poll(async () => (await seriesOf(page, 'boxplot-chart')).flatMap((b) => b.markLines).map(Number).some((v) => Math.abs(v - persistence) < 1e-9)).toBe(true);
  const predictions = await seriesOf(page, 'predictions-chart');
  // The headline target's fitted and forecast weeks: 10–48 (one lost to differencing, 8 to the first window).
  expect(predictions.some((s) => s.points === 39)).toBe(true);
});

test('manage experiments in the list: edit, search, sort, star, delete with confirmation, restore; results as XLSX', async ({ page }) => {
  await page.goto(APP_URL);
  // The database has experiments now: the list comes before the built-in cards.
  const list = page.getByTestId('database-section');
  await expect(page.getByTestId(`experiment-row-${first}`)).toBeVisible();
  expect((await list.boundingBox())!.y).toBeLessThan((await page.getByTestId('builtins-section').boundingBox())!.y);

  await page.getByTestId(`edit-${first}`).click();
  await page.getByTestId('edit-name').fill('shampoo-short');
  await page.getByTestId('edit-tags').fill('paper, short');
  await page.getByTestId('edit-description').fill('LSTM(1), 30 epochs');
  await page.getByTestId('edit-notes').fill('## Why\nA quick look before the long run.');
  await page.getByTestId('edit-save').click();
  const row = page.getByTestId(`experiment-row-${first}`);
  await expect(row).toContainText('shampoo-short');
  await expect(row).toContainText('LSTM(1), 30 epochs');
  await expect(page.getByTestId(`tag-${first}-paper`)).toBeVisible();

  // A taken name is refused with the experiment that has it.
  await page.getByTestId(`edit-${second}`).click();
  await page.getByTestId('edit-name').fill('shampoo-short');
  await page.getByTestId('edit-save').click();
  await expect(page.getByTestId('error-banner')).toContainText(`is taken by experiment #${first}`);
  await page.getByTestId(`edit-form-${second}`).getByRole('button', { name: 'Cancel' }).click();

  await page.getByTestId('experiments-search').fill('short');
  await expect(page.locator('[data-testid^="experiment-row-"]')).toHaveCount(1);
  await page.getByTestId('experiments-search').fill('');
  await page.getByTestId('filter-tag').selectOption('paper');
  await expect(page.locator('[data-testid^="experiment-row-"]')).toHaveCount(1);
  await page.getByTestId('filter-tag').selectOption('');
  await page.getByTestId(`star-${second}`).click();
  await expect(page.getByTestId(`star-${second}`)).toHaveAttribute('aria-pressed', 'true');
  await page.getByTestId('sort-name').click();
  const names = await page.locator('[data-testid^="open-experiment-"]').allTextContents();
  expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, undefined, { numeric: true })));
  await shot(page, 'experiments-list');

  // Delete asks first; Cancel keeps it, Delete removes it from the list (soft: "deleted" shows it to restore).
  const before = await page.locator('[data-testid^="experiment-row-"]').count();
  await page.getByTestId(`delete-${second}`).click();
  await expect(page.getByTestId(`confirm-delete-${second}`)).toContainText(`rnnlab purge ${second}`);
  await shot(page, 'experiments-delete-confirm');
  await page.getByTestId(`confirm-delete-${second}`).getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId(`experiment-row-${second}`)).toBeVisible();
  await page.getByTestId(`delete-${second}`).click();
  await page.getByTestId('confirm-delete').click();
  await expect(page.getByTestId(`experiment-row-${second}`)).toHaveCount(0);
  await expect(page.locator('[data-testid^="experiment-row-"]')).toHaveCount(before - 1);
  await page.reload();
  await expect(page.getByTestId(`experiment-row-${first}`)).toBeVisible();
  await expect(page.getByTestId(`experiment-row-${second}`)).toHaveCount(0); // stored, not only hidden on the page
  await page.getByTestId('show-deleted').check();
  await page.getByTestId(`restore-${second}`).click();
  await expect(page.getByTestId(`delete-${second}`)).toBeVisible();

  // The results table as XLSX: the same numbers as the CSV download.
  await page.goto(`${APP_URL}#/results/${first}`);
  await expect(page.getByTestId('describe-table')).toContainText('count');
  await expect(page.getByTestId('results-tags')).toHaveText('tags: paper, short');
  // Notes are rendered from their Markdown (the heading is a heading, not "## Why").
  await expect(page.getByTestId('results-notes').locator('h5')).toHaveText('Why');
  await expect(page.getByTestId('results-notes')).toContainText('A quick look before the long run.');
  await shot(page, 'results-labels');
  const csvDownload = page.waitForEvent('download');
  await page.getByTestId('export-results-csv').click();
  const csv = parse(readFileSync(await (await csvDownload).path(), 'utf8'), { columns: true }) as Record<string, string>[];
  const download = page.waitForEvent('download');
  await page.getByTestId('export-results-xlsx').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.xlsx$/);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(await file.path());
  const sheet = book.worksheets[0]!;
  const header = (sheet.getRow(1).values as unknown[]).slice(1);
  const rmse = header.indexOf('rmse') + 1;
  expect(rmse).toBeGreaterThan(0);
  csv.forEach((r, i) => {
    const cell = sheet.getRow(i + 2).getCell(rmse).value;
    if (r.rmse === '') expect(cell).toBeNull();
    else expect(cell).toBe(Number(r.rmse)); // numbers as numbers, to the last digit
  });
});

/** Width, height and dots per inch (pHYs) of a PNG file's bytes. */
function pngSize(bytes: Buffer): { width: number; height: number; dpi: number | null } {
  let dpi: number | null = null;
  for (let at = 8; at < bytes.length; ) {
    const len = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    if (type === 'pHYs' && bytes[at + 16] === 1) dpi = Math.round(bytes.readUInt32BE(at + 8) * 0.0254);
    if (type === 'IEND') break;
    at += 12 + len;
  }
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20), dpi };
}

test('a grid from the form: path picker, checks as you type, heatmap of the results, a 300-dpi figure, the best configuration in the list, purge', async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto(APP_URL);
  await page.getByTestId('duplicate-builtin-shampoo-lstm').click();
  await page.getByTestId('spec-field-name').fill('grid-from-form');
  await page.getByTestId('spec-field-repeats').fill('2');
  await page.getByTestId('spec-field-training.epochs').fill('30');
  await page.getByTestId('grid-add').click();
  // A path that does not exist is named as the server names it, and Start is off.
  await page.getByTestId('grid-path-0').fill('model.layers[5].lstm.units');
  await expect(page.getByTestId('grid-error-0')).toHaveText('grid["model.layers[5].lstm.units"]: model.layers[5] does not exist in the spec; check the path');
  await expect(page.getByTestId('spec-start')).toBeDisabled();
  await page.getByTestId('grid-path-0').fill('model.layers[0].lstm.units');
  await page.getByTestId('grid-values-0').fill('1, 0');
  await expect(page.getByTestId('grid-error-0')).toContainText('(grid configuration 2 of 2: model.layers[0].lstm.units = 0)');
  await page.getByTestId('grid-values-0').fill('1, 4');
  await expect(page.getByTestId('grid-error-0')).toHaveCount(0);
  await page.getByTestId('grid-add').click();
  await page.getByTestId('grid-path-1').fill('training.epochs');
  await page.getByTestId('grid-values-1').fill('20, 40');
  await expect(page.getByTestId('grid-count')).toHaveText('4 configurations × 2 repeats = 8 trials');
  // The form says the grid overrides these fields rather than showing one configuration's values as the spec's.
  await expect(page.getByTestId('spec-grid-training.epochs')).toHaveText('grid: 20 · 40');
  await expect(page.getByTestId('spec-grid-model.layers[0].lstm.units')).toHaveText('grid: 1 · 4');
  await expect(page.getByTestId('spec-status')).toHaveText('Valid spec');
  for (const [w, h] of [[1024, 800], [1600, 1000]] as const) {
    for (const scheme of ['light', 'dark'] as const) {
      await page.setViewportSize({ width: w, height: h });
      // The theme toggle (a reload would drop the draft): dark, then back to light.
      if ((await page.locator('html').getAttribute('data-theme')) !== scheme) await page.getByTestId('theme-toggle').click();
      await expect(page.locator('html')).toHaveAttribute('data-theme', scheme);
      await page.getByTestId('grid-editor').scrollIntoViewIfNeeded();
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
      await page.getByTestId('grid-editor').screenshot({ path: join(SHOTS, `editor-grid-${w}-${scheme}.png`) });
    }
  }
  if ((await page.locator('html').getAttribute('data-theme')) !== 'light') await page.getByTestId('theme-toggle').click();
  await shot(page, 'editor-grid-1600');
  await page.getByTestId('spec-start').click();
  await page.waitForURL(/#\/run\/\d+/);
  const id = Number(/#\/run\/(\d+)/.exec(page.url())![1]);
  await expect(page.getByTestId('run-status')).toContainText(/done/i, { timeout: 120_000 });
  // Live curves are coloured and named by configuration.
  await expect.poll(async () => new Set((await seriesOf(page, 'live-loss-chart')).map((x) => x.name)).size).toBe(4);
  expect((await seriesOf(page, 'live-loss-chart')).map((x) => x.name)).toContain('units=4, epochs=40');
  await shot(page, 'run-grid-1600');

  await page.goto(`${APP_URL}#/results/${id}`);
  await expect(page.getByTestId('results-shape')).toHaveText('2 repeats × 20 or 40 epochs (by configuration)');
  await expect.poll(async () => (await seriesOf(page, 'grid-heatmap'))[0]?.points).toBe(4);
  // A double-column figure at 300 dpi: 7 in × 4 in = 2100 × 1200 px, stamped 300 dpi, and Chromium decodes it.
  await page.getByTestId('figure-grid-heatmap').locator('summary').click();
  await page.getByTestId('figure-width-grid-heatmap').selectOption('double');
  await page.getByTestId('figure-font-grid-heatmap').selectOption('9');
  const pngDownload = page.waitForEvent('download');
  await page.getByTestId('export-grid-heatmap-png').click();
  const png = readFileSync(await (await pngDownload).path());
  expect(pngSize(png)).toEqual({ width: 2100, height: 1200, dpi: 300 });
  const decoded = await page.evaluate(async (b64) => {
    // A blob: URL (the CSP allows blob: images; not fetches of data: URLs).
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const img = new Image();
    img.src = URL.createObjectURL(new Blob([bytes], { type: 'image/png' }));
    await img.decode();
    return [img.naturalWidth, img.naturalHeight];
  }, png.toString('base64'));
  expect(decoded).toEqual([2100, 1200]);
  const svgDownload = page.waitForEvent('download');
  await page.getByTestId('export-grid-heatmap-svg').click();
  const svg = readFileSync(await (await svgDownload).path(), 'utf8');
  expect(svg).toMatch(/<svg[^>]* width="7in" height="4in" viewBox="0 0 672 384"/);
  for (const [w, h] of [[1024, 800], [1600, 1000]] as const) {
    for (const scheme of ['light', 'dark'] as const) {
      await page.setViewportSize({ width: w, height: h });
      if ((await page.locator('html').getAttribute('data-theme')) !== scheme) await page.getByTestId('theme-toggle').click();
      await expect(page.locator('html')).toHaveAttribute('data-theme', scheme);
      await page.reload();
      await expect.poll(async () => (await seriesOf(page, 'grid-heatmap'))[0]?.points).toBe(4);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
      await shot(page, `results-grid-${w}-${scheme}`);
      await page.getByTestId('boxplot-chart').screenshot({ path: join(SHOTS, `results-grid-boxplot-${w}-${scheme}.png`) });
      if (scheme === 'dark') {
        // Exported from dark mode, a figure is still on white (the light palette): kept to look at.
        const dark = page.waitForEvent('download');
        await page.getByTestId('export-boxplot-chart-png').click();
        const bytes = readFileSync(await (await dark).path());
        expect(pngSize(bytes)).toEqual({ width: 2100, height: 1200, dpi: 300 });
        writeFileSync(join(SHOTS, `figure-boxplot-7in-from-dark-${w}.png`), bytes);
      }
    }
  }
  if ((await page.locator('html').getAttribute('data-theme')) !== 'light') await page.getByTestId('theme-toggle').click();

  // The list shows the grid's best configuration, named, not a pooled mean.
  await page.setViewportSize({ width: 1024, height: 800 });
  await page.goto(APP_URL);
  await expect(page.getByTestId(`best-${id}`)).toContainText(/^best of 4: units=\d, epochs=\d0$/);
  await shot(page, 'experiments-list-1024');
  for (const [w, h] of [[1024, 800], [1600, 1000]] as const) {
    for (const scheme of ['light', 'dark'] as const) {
      await page.setViewportSize({ width: w, height: h });
      if ((await page.locator('html').getAttribute('data-theme')) !== scheme) await page.getByTestId('theme-toggle').click();
      await expect(page.locator('html')).toHaveAttribute('data-theme', scheme);
      await expect(page.getByTestId(`best-${id}`)).toBeVisible();
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
      await page.getByTestId('database-section').screenshot({ path: join(SHOTS, `experiments-list-${w}-${scheme}.png`) });
    }
  }
  if ((await page.locator('html').getAttribute('data-theme')) !== 'light') await page.getByTestId('theme-toggle').click();
  await page.setViewportSize({ width: 1024, height: 800 });
  // Delete, then purge for good from the deleted list (with its own confirmation).
  await page.getByTestId(`delete-${id}`).click();
  await page.getByTestId('confirm-delete').click();
  await expect(page.getByTestId(`experiment-row-${id}`)).toHaveCount(0);
  await page.getByTestId('show-deleted').check();
  await page.getByTestId(`purge-${id}`).click();
  await expect(page.getByTestId(`confirm-purge-${id}`)).toContainText('cannot be undone');
  await page.getByTestId('confirm-purge').click();
  await expect(page.getByTestId(`experiment-row-${id}`)).toHaveCount(0);
  await page.reload();
  await page.getByTestId('show-deleted').check();
  await expect(page.getByTestId(`experiment-row-${id}`)).toHaveCount(0);
});

test('a grid of three parameters: the heatmap holds the third at a picked value; parallel coordinates show every configuration', async ({ page }) => {
  const builtin = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'experiments', 'shampoo-lstm.json'), 'utf8')) as Record<string, unknown>;
  const grid = { 'model.layers[0].lstm.units': [1, 4], 'training.epochs': [10, 20], 'training.optimizer.adam.learningRate': [0.001, 0.01] };
  const spec = { ...builtin, name: 'three-way-grid', repeats: 2, grid };
  const { experimentId } = await callApi<{ experimentId: number }>(page, 'startExperiment', { spec });
  await expect
    .poll(async () => (await callApi<{ experiment: { status: string } }>(page, 'getExperiment', { experimentId })).experiment.status, { timeout: 120_000 })
    .toBe('done');
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto(`${APP_URL}#/results/${experimentId}`);
  // 8 configurations: the heatmap (units × epochs) shows the 4 with learningRate at its first value, then the other 4.
  await expect.poll(async () => (await seriesOf(page, 'grid-heatmap'))[0]?.points).toBe(4);
  await page.getByTestId('grid-fixed-2').selectOption(JSON.stringify(0.01));
  await expect.poll(async () => (await seriesOf(page, 'grid-heatmap'))[0]?.points).toBe(4);
  await page.getByTestId('grid-y').selectOption('2');
  await expect(page.getByTestId('grid-fixed-1')).toBeVisible(); // epochs is now the one held
  await expect.poll(async () => (await seriesOf(page, 'grid-parallel'))[0]).toMatchObject({ type: 'parallel', points: 8 });
  await page.getByTestId('grid-heatmap').scrollIntoViewIfNeeded();
  await shot(page, 'results-grid-three-1600');
  await callApi(page, 'deleteExperiment', { experimentId });
});

test('a tiny translator (1 repeat, 1 epoch, 200 CLDR pairs): held-out pairs table, Translate a phrase, the attention heatmap', async ({ page }) => {
  const spec = {
    name: 'tiny-translator',
    data: { kind: 'pairs', source: 'cldr', maxPairs: 200, maxSourceLength: 20, maxTargetLength: 24 },
    model: { seq2seq: { encoder: [{ lstm: { units: 16 } }], decoder: [{ lstm: { units: 16 } }], attention: 'bahdanau' } },
    training: { epochs: 1 },
    evaluation: { protocol: 'translation', samples: 5 },
    repeats: 1,
    seed: 3,
  };
  const { experimentId } = await callApi<{ experimentId: number }>(page, 'startExperiment', { spec });
  await expect
    .poll(async () => (await callApi<{ experiment: { status: string } }>(page, 'getExperiment', { experimentId })).experiment.status, { timeout: 120_000 })
    .toBe('done');
  await page.goto(`${APP_URL}#/results/${experimentId}`);
  await expect(page.getByTestId('held-out-translations').locator('tbody tr')).toHaveCount(5);
  // The α each held-out sample was translated with: a heatmap of the first pair, a column per source character.
  await expect.poll(async () => (await seriesOf(page, 'held-out-attention'))[0]?.type).toBe('heatmap');
  const firstSource = (await page.getByTestId('held-out-attention-pair').locator('option').first().textContent()) ?? '';
  expect((await seriesOf(page, 'held-out-attention'))[0]!.points % [...firstSource].length).toBe(0);
  await expect(page.getByTestId('try-model')).toContainText('1 kept repeat');
  await page.getByTestId('try-phrase').fill('grinning face');
  await page.getByTestId('try-translate').click();
  await expect(page.getByTestId('try-translations').locator('tbody tr')).toHaveCount(1);
  // α: one row per output character, a column per source character ("grinning face": 13).
  await expect.poll(async () => (await seriesOf(page, 'attention-heatmap'))[0]?.type).toBe('heatmap');
  const points = (await seriesOf(page, 'attention-heatmap'))[0]!.points;
  expect(points % 13).toBe(0);
  expect(points).toBeGreaterThan(0);
  await page.getByTestId('try-model').screenshot({ path: join(SHOTS, 'translate.png') });
  await callApi(page, 'deleteExperiment', { experimentId });
});

test('Settings: trials run on an rnnlab worker through a real Redis, which the page lists; then back to local threads', async ({ page }) => {
  const missing = redisMissing();
  test.skip(missing !== null && !redisRequired, missing ?? '');
  const redis = await startRedis();
  const worker = await startWorker(redis.url, 'e2e-worker');
  try {
    await page.goto(`${APP_URL}#/settings`);
    await expect(page.getByTestId('queue-mode')).toContainText("this machine's threads");
    await page.getByTestId('queue-url').fill('not a url');
    await page.getByTestId('queue-connect').click();
    await expect(page.getByTestId('queue-problem')).toContainText('give a Redis URL such as redis://lab-server:6379');
    await page.getByTestId('queue-url').fill(redis.url);
    await page.getByTestId('queue-connect').click();
    await expect(page.getByTestId('queue-mode')).toContainText(`through redis://127.0.0.1:${redis.port}`);
    await expect(page.getByTestId('queue-workers')).toContainText('e2e-worker');
    await expect(page.getByTestId('queue-workers')).toContainText('same');
    await shot(page, 'settings-workers');
    // A short run from the built-in card goes to the worker; the desk stores it.
    const id = await startShampoo(page, 2, 20);
    await expect(page.getByTestId('run-progress')).toContainText('2 / 2', { timeout: 120_000 });
    await worker.waitFor(/trial \d+ \(job [^)]*\) started/); // the worker, not a local thread, ran them
    const details = await callApi<{ trials: { status: string }[] }>(page, 'getExperiment', { experimentId: id });
    expect(details.trials.map((t) => t.status)).toEqual(['done', 'done']);
    await page.goto(`${APP_URL}#/settings`);
    await expect(page.getByTestId('queue-workers').locator('tbody tr').first().locator('td').nth(4)).toHaveText('2'); // trials done
  } finally {
    await page.goto(`${APP_URL}#/settings`);
    if (await page.getByTestId('queue-local').isVisible()) await page.getByTestId('queue-local').click();
    await expect(page.getByTestId('queue-mode')).toContainText("this machine's threads");
    await worker.stop();
    await redis.stop();
  }
});
