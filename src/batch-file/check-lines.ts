/**
 * Checking every line of a batch before anything is sent: its local files exist, and the client
 * accepts its request (the same check as a submit, so the same messages); each gets its estimate.
 *
 * @module
 */
import { stat } from 'node:fs/promises';
import type { ModelStudioClient } from '../client/client.ts';
import type { CostEstimate } from '../cost/estimate.ts';
import { ValidationError } from '../core/errors.ts';
import { isRecord } from '../core/text.ts';
import type { BatchLine, LineProblem } from './input.ts';

/** A line the client accepted, with its model and estimate. */
export interface CheckedLine extends BatchLine {
  /** The model it goes to (the line's, `--model`, or the mode's default). */
  readonly model: string;
  /** What it should cost. */
  readonly estimate: CostEstimate;
}

/** The local files a request names, with the field of each. */
function localFiles(request: Readonly<Record<string, unknown>>): { field: string; path: string }[] {
  const found: { field: string; path: string }[] = [];
  for (const [field, value] of Object.entries(request)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (isRecord(item) && typeof item['path'] === 'string') found.push({ field, path: item['path'] });
    }
  }
  return found;
}

/** Checks each line; the accepted ones and the problems of the others. */
export async function checkLines(
  client: ModelStudioClient,
  lines: readonly BatchLine[],
): Promise<{ readonly checked: readonly CheckedLine[]; readonly problems: readonly LineProblem[] }> {
  const checked: CheckedLine[] = [];
  const problems: LineProblem[] = [];
  for (const line of lines) {
    const missing: LineProblem[] = [];
    for (const { field, path } of localFiles(line.request)) {
      const found = await stat(path).catch(() => undefined);
      if (!found?.isFile()) missing.push({ line: line.line, field, message: `${path} ${found ? 'is not a file' : 'does not exist'}` });
    }
    try {
      // Typed unknown: a line is checked at run time, as any untyped input is.
      const request: unknown = line.request;
      const estimate = client.estimateCost(line.mode, request);
      if (missing.length === 0) checked.push({ ...line, model: estimate.model, estimate });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const summary = error.message.split('\n')[0] ?? error.message;
      const issues = error.issues.length > 0 ? error.issues : [{ path: '', message: summary }];
      // A missing file is said once, by us: the client's message about reading it would repeat it.
      for (const issue of issues) {
        const field = issue.path || undefined;
        // The client's model message lists the models; the file's reader also wants the name it wrote.
        const asked = line.request['model'];
        const message = field === 'model' && typeof asked === 'string' && !issue.message.includes(asked) ? `is ${JSON.stringify(asked)}; ${issue.message}` : issue.message;
        if (!missing.some((problem) => problem.field === field?.split(/[.[]/)[0])) problems.push({ line: line.line, field, message });
      }
    }
    problems.push(...missing);
  }
  return { checked, problems: problems.sort((a, b) => a.line - b.line) };
}
