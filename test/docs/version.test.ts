import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { VERSION } from 'modelstudio-video';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
const changelog = readFileSync(new URL('../../CHANGELOG.md', import.meta.url), 'utf8');

describe('the version', () => {
  it('that the package reports at run time is the one it is published as', () => {
    expect(VERSION).toBe(pkg.version);
  });

  it('has its entry in the changelog', () => {
    expect(changelog).toContain(`## [${pkg.version}]`);
  });
});
