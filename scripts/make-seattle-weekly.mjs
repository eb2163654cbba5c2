// Regenerates data/seattle-weather-weekly.csv from the vega-datasets npm package (BSD-3-Clause; the data are
// NOAA's daily Seattle records, a U.S. Government work). Usage:
//   node scripts/make-seattle-weekly.mjs [path/to/seattle-weather.csv]
// (default: node_modules/vega-datasets/data/seattle-weather.csv). Weekly aggregates of the 1,461 days
// 2012-01-01 … 2015-12-31: weeks start on 2012-01-01 (a Sunday); the last, partial week is left out.
// Per week: precipitation summed (mm), temp_max / temp_min / wind averaged (°C, m/s), rounded to 2 decimals.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = process.argv[2] ?? join(root, 'node_modules/vega-datasets/data/seattle-weather.csv');
const days = parse(readFileSync(source, 'utf8'), { columns: true, skip_empty_lines: true });
if (days.length !== 1461 || days[0].date !== '2012-01-01') throw new Error(`${source}: expected 1461 days from 2012-01-01, got ${days.length} from ${days[0]?.date}`);
const round = (x) => Math.round(x * 100) / 100;
const lines = ['week,precipitation,temp_max,temp_min,wind'];
for (let w = 0; (w + 1) * 7 <= days.length; w++) {
  const week = days.slice(w * 7, (w + 1) * 7);
  const sum = (k) => week.reduce((s, d) => s + Number(d[k]), 0);
  lines.push([week[0].date, round(sum('precipitation')), round(sum('temp_max') / 7), round(sum('temp_min') / 7), round(sum('wind') / 7)].join(','));
}
writeFileSync(join(root, 'data/seattle-weather-weekly.csv'), lines.join('\n') + '\n');
console.log(`data/seattle-weather-weekly.csv: ${lines.length - 1} weeks from ${source}`);
