// Handle every error of the SDK. Each one is a ModelStudioError; the subclass says what happened
// and which fields to read. `describeError` is a reusable if-chain, most specific class first
// (TaskNotFoundError extends TaskFailedError; every HTTP error class extends APIError). Below it,
// real failures that cost nothing, against the simulator and the real service alike: a request
// that breaks the caps, a wrong API key, an unknown task id and an unreachable host.
//
//   npm run example -- errors
import {
  AbortError, APIError, AuthenticationError, BadRequestError, ConnectionError, DownloadError, InternalServerError,
  isModelStudioError, ModelStudioClient, NotFoundError, PermissionDeniedError, RateLimitError, SubmitOutcomeUnknownError,
  TaskCanceledError, TaskFailedError, TaskNotFoundError, TimeoutError, ValidationError,
} from 'modelstudio-video';

/** What went wrong and what to do about it. Async only for SubmitOutcomeUnknownError, which looks the task up. */
async function describeError(error: unknown, client: ModelStudioClient): Promise<string> {
  if (!isModelStudioError(error)) return `not an SDK error (a bug in the calling code?): ${String(error)}`;
  // Before anything was sent: the request breaks the model's caps. Costs nothing.
  if (error instanceof ValidationError) {
    return `ValidationError, nothing was sent; fix ${error.issues.map((issue) => issue.path || 'the request').join(', ')}`;
  }
  // The service answered with an HTTP error: `status`, `code`, and `requestId` to quote to support.
  if (error instanceof AuthenticationError) {
    return `AuthenticationError (${error.code ?? 'no key'}): check the API key, and that it belongs to the region of the base URL`;
  }
  if (error instanceof PermissionDeniedError) return `PermissionDeniedError (${error.code ?? '?'}): activate the model for this account in the Model Studio console`;
  if (error instanceof RateLimitError) {
    return `RateLimitError (${error.code ?? '?'}), still throttled after the retries: try again in ${error.retryAfterMs ?? 1000} ms, or run fewer tasks at once`;
  }
  if (error instanceof BadRequestError) {
    // InvalidParameter, DataInspectionFailed (moderation of the input), Arrearage (billing), UnsupportedOperation (a late cancel).
    return `BadRequestError (${error.code ?? '?'}): the service refused the request as it is; do not retry it unchanged`;
  }
  if (error instanceof NotFoundError) return `NotFoundError (${error.code ?? '?'}): unknown model or path; check the model name and the base URL`;
  if (error instanceof InternalServerError) return `InternalServerError (HTTP ${error.status ?? '?'}), still failing after the retries: try again later`;
  if (error instanceof APIError) return `APIError (HTTP ${error.status ?? '?'} ${error.code ?? ''}): an answer the SDK has no class for`;
  // No answer at all.
  if (error instanceof ConnectionError) return 'ConnectionError: the service could not be reached; check the network, a proxy, or MODELSTUDIO_BASE_URL';
  if (error instanceof TimeoutError) {
    return error.timeoutKind === 'wait'
      ? `TimeoutError: gave up waiting; task ${error.taskId ?? '?'} keeps running, resume it with client.tasks.wait(error.taskId)`
      : 'TimeoutError: one HTTP request took longer than the client `timeout`';
  }
  if (error instanceof AbortError) {
    return error.taskId
      ? `AbortError: you stopped waiting; task ${error.taskId} keeps running, resume it with client.tasks.wait(error.taskId)`
      : 'AbortError: aborted before the submit left; no task was created';
  }
  if (error instanceof SubmitOutcomeUnknownError) {
    // The submit may have created (and billed) a task: look for it before submitting again.
    const found = await client.tasks.findSubmitted(error);
    const task = found[0];
    return task
      ? `SubmitOutcomeUnknownError: the submit did create task ${task.taskId} (${task.status}); wait for it with client.tasks.wait('${task.taskId}')`
      : 'SubmitOutcomeUnknownError: no task was created; submitting again is safe';
  }
  // The task ran on the service and did not succeed.
  if (error instanceof TaskNotFoundError) return `TaskNotFoundError: the service does not know task ${error.taskId}: a wrong id, another region, or older than 24 hours`;
  if (error instanceof TaskFailedError) {
    return error.code === 'DataInspectionFailed'
      ? `TaskFailedError (DataInspectionFailed): content moderation rejected task ${error.taskId}; change the prompt or the inputs`
      : `TaskFailedError (${error.code ?? '?'}): task ${error.taskId} failed; request id ${error.requestId ?? '?'}`;
  }
  if (error instanceof TaskCanceledError) return `TaskCanceledError: task ${error.taskId ?? '(never submitted)'} was canceled`;
  if (error instanceof DownloadError) return `DownloadError (HTTP ${error.status ?? 'none'}): fetch the video again before its link expires (24 h)`;
  return `${error.name}: ${error.message}`;
}

const client = new ModelStudioClient();

console.log('1. A request that breaks the caps: thrown synchronously by the call, nothing is sent');
try {
  client.referenceToVideo({
    model: 'wan2.6-r2v',
    prompt: '',
    references: ['https://example.com/clip'], // no extension: an image or a video?
    duration: 12, // wan2.6-r2v makes 2–10 s
  });
} catch (error) {
  if (!(error instanceof ValidationError)) throw error;
  for (const issue of error.issues) console.log(`  issue: ${JSON.stringify(issue)}`);
  console.log(`  -> ${await describeError(error, client)}`);
}

/** Runs one failing call and prints what describeError makes of it. */
async function show(title: string, attempt: () => Promise<unknown>): Promise<void> {
  console.log(`\n${title}`);
  try {
    await attempt();
    console.log('  (no error)');
  } catch (error) {
    console.log(`  -> ${await describeError(error, client)}`);
    console.log(`  message: ${error instanceof Error ? error.message : String(error)}`);
  }
}

await show('2. A wrong API key (the base URL still comes from the environment)', async () =>
  new ModelStudioClient({ apiKey: 'sk-wrong' }).textToVideo({ prompt: 'A fox in the snow', size: '1280*720' }),
);

await show('3. A task id the service does not know', async () => client.tasks.wait('00000000-0000-0000-0000-000000000000'));

await show('4. A host that does not answer (nothing listens on port 2; no retries, to fail at once)', async () =>
  new ModelStudioClient({ baseUrl: 'http://127.0.0.1:2', maxRetries: 0 }).tasks.get('00000000-0000-0000-0000-000000000000'),
);
