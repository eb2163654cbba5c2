import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { APP_URL } from './playwright.config.js';

const SHOTS = join(import.meta.dirname, '..', 'test-results', 'e2e', 'screenshots');
mkdirSync(SHOTS, { recursive: true });

interface SeriesSummary {
  type: string;
  points: number;
}
const seriesOf = async (page: Page, testId: string): Promise<SeriesSummary[]> =>
  JSON.parse((await page.getByTestId(testId).getAttribute('data-option-summary')) ?? '[]') as SeriesSummary[];

test('MNIST row by row from the UI (1 repeat × 1 epoch): confusion matrix and misclassified digits', async ({ page }) => {
  await page.goto(APP_URL);
  await page.getByTestId('override-repeats-mnist-rnn').fill('1');
  await page.getByTestId('override-epochs-mnist-rnn').fill('1');
  await page.getByTestId('run-builtin-mnist-rnn').click();
  await page.waitForURL(/#\/run\/\d+/);
  await expect(page.getByTestId('run-status')).toContainText(/done/i, { timeout: 150_000 });
  await page.getByTestId('open-results').click();
  await page.waitForURL(/#\/results\/\d+/);
  await expect(page.getByTestId('describe-table')).toContainText('count');
  await expect.poll(async () => (await seriesOf(page, 'confusion-chart')).find((s) => s.type === 'heatmap')?.points).toBe(100);
  const digits = page.getByTestId('misclassified-grid').getByTestId('misclassified-digit');
  await expect(digits.first()).toBeVisible();
  expect(await digits.count()).toBeGreaterThan(0);
  await expect(digits.first()).toContainText(/→/);
  await expect(page.getByTestId('accuracy-chart')).toBeVisible();
  await page.waitForTimeout(1500); // let the charts' entry animation finish before the picture
  await page.screenshot({ path: join(SHOTS, 'mnist-results.png'), fullPage: true });
});

test('cross-validated labeled sequences from the UI (1 repeat × 5 folds × 1 epoch): every fold in the trials table', async ({ page }) => {
  await page.goto(APP_URL);
  await page.getByTestId('override-repeats-mnist-sequences-cv').fill('1');
  await page.getByTestId('override-epochs-mnist-sequences-cv').fill('1');
  await page.getByTestId('run-builtin-mnist-sequences-cv').click();
  await page.waitForURL(/#\/run\/\d+/);
  await expect(page.getByTestId('run-status')).toContainText(/done/i, { timeout: 150_000 });
  await page.getByTestId('open-results').click();
  await page.waitForURL(/#\/results\/\d+/);
  await expect(page.getByText('5 / 5 trials (repeat × fold) done')).toBeVisible();
  await expect(page.getByText('1 repeats × 5 folds × 1 epochs')).toBeVisible();
  const table = page.getByTestId('trials-table');
  await expect(table.locator('th')).toContainText(['repeat', 'fold', 'status']);
  // One row per held-out fold of the one repeat, folds 1–5.
  await expect(table.locator('tbody tr')).toHaveCount(5);
  await expect(table.locator('tbody tr td:nth-child(2)')).toHaveText(['1', '2', '3', '4', '5']);
  await expect(page.getByTestId('describe-table')).toContainText('count');
  await expect.poll(async () => (await seriesOf(page, 'confusion-chart')).find((s) => s.type === 'heatmap')?.points).toBe(100);
  // The per-repeat spread over folds: one repeat, its 5 folds.
  const perRepeat = page.getByTestId('repeat-summaries');
  await expect(perRepeat.locator('tbody tr')).toHaveCount(1);
  await expect(perRepeat.locator('tbody tr td:nth-child(2)')).toHaveText('5');
  await perRepeat.screenshot({ path: join(SHOTS, 'cv-per-repeat.png') });
});
