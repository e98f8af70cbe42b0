/**
 * The simulator's rulebook against the shipped transcripts (test/fixtures/transcripts, built from
 * the request and response examples of Alibaba's API reference): every documented submit is judged
 * as the page answered it: accepted (200), with no field the rulebook does not document, or refused
 * with the page's status and code. A documented task answer that FAILED for the submitted task must
 * be the rulebook's failure too; one that names another task id is an unrelated example of the page
 * (the fixtures' README says so) and says nothing about the body.
 */
import { describe, expect, it } from 'vitest';
import { REGION_IDS, type Region } from '../../src/core/regions.ts';
import { judgeSubmit } from '../../src/testing/rulebook/check.ts';
import { SUBMIT_PATHS } from '../../src/testing/rulebook/endpoints.ts';
import { Refused } from '../../src/testing/rulebook/refusals.ts';
import { loadTranscripts } from '../fixtures/transcripts/load.ts';

/** The region a documented host belongs to: a shared host's, or a workspace host's region id. */
function regionOfHost(host: string): Region | undefined {
  const shared: Readonly<Record<string, Region>> = { 'dashscope.aliyuncs.com': 'cn', 'dashscope-intl.aliyuncs.com': 'intl', 'dashscope-us.aliyuncs.com': 'us' };
  if (shared[host]) return shared[host];
  const id = /^[^.]+\.([a-z0-9-]+)\.maas\.aliyuncs\.com$/.exec(host)?.[1];
  return (Object.keys(REGION_IDS) as Region[]).find((region) => REGION_IDS[region] === id);
}

/** What the rulebook makes of a submit body: accepted (with its failure and undocumented fields), or the refusal. */
function judge(body: unknown, url: URL) {
  try {
    const accepted = judgeSubmit(body, { path: url.pathname, region: regionOfHost(url.host), ossResolve: false, hasUpload: () => false });
    return { status: 200, failure: accepted.failure, undocumented: accepted.undocumented, taskStatus: accepted.failure ? 'FAILED' : 'SUCCEEDED' };
  } catch (error) {
    if (error instanceof Refused) return { status: error.refusal.status, code: error.refusal.code };
    throw error;
  }
}

const submits = loadTranscripts().flatMap((transcript) =>
  transcript.exchanges.flatMap((exchange, index) => {
    const url = new URL(exchange.request.url);
    const documented = exchange.response;
    if (exchange.request.method !== 'POST' || !SUBMIT_PATHS.includes(url.pathname) || !documented) return [];
    // The task answers that follow, for the same submitted task.
    const submitted = (documented.body as { output?: { task_id?: string } } | undefined)?.output?.task_id;
    const answers = transcript.exchanges
      .slice(index + 1)
      .flatMap((later) => {
        const output = (later.response?.body as { output?: { task_id?: string; task_status?: string; code?: string } } | undefined)?.output;
        return output?.task_status === 'FAILED' || output?.task_status === 'SUCCEEDED' ? [output] : [];
      });
    return [{ name: transcript.name, body: exchange.request.body, documented, url, submitted, answers }];
  }),
);

describe('the rulebook against the documented examples', () => {
  it('reads a submit from most of the shipped transcripts', () => {
    expect(submits.length).toBeGreaterThanOrEqual(9);
  });

  it.each(submits)('$name: judged as the page answered it', ({ body, documented, url, submitted, answers }) => {
    const verdict = judge(body, url);
    if (documented.status !== 200) {
      expect(verdict).toMatchObject({ status: documented.status, code: (documented.body as { code?: string }).code });
      return;
    }
    expect(verdict).toMatchObject({ status: 200, undocumented: [] });
    for (const answer of answers) {
      // A failure printed for another task id is the page's unrelated example, not this body's outcome.
      if (answer?.task_id !== submitted) continue;
      expect(verdict).toMatchObject({ taskStatus: answer.task_status, ...(answer.code && { failure: { code: answer.code } }) });
    }
  });
});
