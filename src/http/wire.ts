/**
 * The wire shapes: the submit body (docs/protocol.md §3), and lenient schemas of the service's
 * answers (§4, §5), whose unknown fields are kept and never fail a parse: the service adds fields
 * per model.
 *
 * @module
 */
import { z } from 'zod';

/** `{ model, input, parameters }`, the body of every submit. */
export interface SubmitBody {
  /** The model id. */
  readonly model: string;
  /** The model's inputs, in the service's snake_case. */
  readonly input: Record<string, unknown>;
  /** The model's parameters, in the service's snake_case. */
  readonly parameters: Record<string, unknown>;
}

const text = z.string().optional();

/** The body of a non-2xx answer. */
export const errorBody = z.looseObject({ code: text, message: text, request_id: text });

/** The answer to a submit. */
export const submitAnswer = z.looseObject({
  request_id: text,
  output: z.looseObject({ task_id: z.string().min(1), task_status: text }),
});

/** The `output` of a task query. */
const taskOutput = z.looseObject({
  task_id: text,
  task_status: z.string(),
  submit_time: text,
  scheduled_time: text,
  end_time: text,
  orig_prompt: text,
  actual_prompt: text,
  video_url: text,
  // Character animation and talking heads put the video here (docs/protocol.md §10).
  results: z.looseObject({ video_url: text }).optional(),
  // Kling's watermarked copy, beside the video (docs/protocol.md §10.5).
  watermark_video_url: text,
  code: text,
  message: text,
});

/** The answer to a task query. */
export const taskAnswer = z.looseObject({
  request_id: text,
  output: taskOutput,
  usage: z.record(z.string(), z.unknown()).optional(),
});

/** A task query's answer, as parsed. */
export type TaskAnswer = z.output<typeof taskAnswer>;

/** A time of a listed task: the service's `YYYY-MM-DD HH:mm:ss.SSS`, or epoch milliseconds. */
const time = z.union([z.string(), z.number()]).optional();

/** One task of a list page; field names vary between sources, so both spellings are read. */
const listedTask = z.looseObject({
  task_id: z.string(),
  status: text,
  task_status: text,
  model_name: text,
  model: text,
  user_api_unique_key: text,
  // The task management reference documents these as epoch milliseconds; other answers use the
  // service's time strings: both are read.
  submit_time: time,
  start_time: time,
  end_time: time,
  gmt_create: time,
  request_id: text,
});

const pageFields = {
  data: z.array(listedTask).optional(),
  total: z.number().optional(),
  total_page: z.number().optional(),
  page_no: z.number().optional(),
  page_size: z.number().optional(),
};

/** The answer to a task list: the page fields at the top, or under `output`. */
export const listAnswer = z.looseObject({
  request_id: text,
  ...pageFields,
  output: z.looseObject(pageFields).optional(),
});

/** A list answer, as parsed. */
export type ListAnswer = z.output<typeof listAnswer>;
/** A listed task, as parsed. */
export type ListedTask = z.output<typeof listedTask>;
