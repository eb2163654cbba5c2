import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { APP_URL, PORT } from './playwright.config.js';

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
  await shot(page, 'compare');
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
  await page.getByTestId('results-notes').locator('summary').click();
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
