// HTML validity: the Nu Html Checker (vnu) reports no error on any page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pageFiles, siteFiles, reportFiles } from './pages.mjs';

const require = createRequire(import.meta.url);

test('vnu: no HTML errors on any page (the plans\' and the site index)', () => {
  const jar = path.join(path.dirname(require.resolve('vnu-jar/package.json')), 'build/dist/vnu.jar');
  const files = [...Object.values(pageFiles()), siteFiles().index, ...Object.values(reportFiles())];
  const run = spawnSync('java', ['-jar', jar, '--errors-only', ...files], { encoding: 'utf8' });
  assert.equal(run.error, undefined, `could not run java: ${run.error}`);
  const report = `${run.stdout}${run.stderr}`.trim();
  assert.equal(run.status, 0, `vnu found errors:\n${report}`);
  assert.equal(report, '', `vnu printed:\n${report}`);
});
