import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { capsTable } from './caps-table.ts';
import { pricesTable } from './prices-table.ts';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it('shows the caps table exactly as modelCaps says (paste the expected table on failure)', () => {
    expect(readme).toContain(capsTable());
  });

  it('shows the price table exactly as modelPrices says (paste the expected table on failure)', () => {
    expect(readme).toContain(pricesTable());
  });

  it('names the set-up and test commands', () => {
    expect(readme).toContain('npm install');
    expect(readme).toContain('npm test');
  });
});
