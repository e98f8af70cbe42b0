// A task store in one JSON file, for the OpenClaw plugin (index.ts): the provider keeps the id of
// each running task under its request's key, so that the same request after a gateway restart
// resumes the task instead of paying for a new one.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { OpenClawTaskStore } from 'modelstudio-video/openclaw';

/** Tasks live 24 hours on the service; older entries are dropped. */
const TASK_LIFETIME_MS = 24 * 60 * 60 * 1000;

interface SavedTask {
  readonly taskId: string;
  readonly savedAt: number;
}

/**
 * A task store in one JSON file: written whole to a temporary file and renamed into place, one
 * write at a time, so that a crash never leaves half a file.
 */
export function fileTaskStore(file: string): OpenClawTaskStore {
  let queue: Promise<unknown> = Promise.resolve();
  const read = async (): Promise<Record<string, SavedTask>> => {
    try {
      return JSON.parse(await readFile(file, 'utf8')) as Record<string, SavedTask>;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw error;
    }
  };
  const change = (edit: (tasks: Record<string, SavedTask>) => void): Promise<void> => {
    const next = queue.then(async () => {
      const tasks = await read();
      edit(tasks);
      for (const [key, saved] of Object.entries(tasks)) if (Date.now() - saved.savedAt > TASK_LIFETIME_MS) delete tasks[key];
      await mkdir(dirname(file), { recursive: true });
      const temporary = `${file}.${process.pid}.tmp`;
      await writeFile(temporary, `${JSON.stringify(tasks, null, 2)}\n`);
      await rename(temporary, file);
    });
    queue = next.catch(() => undefined);
    return next;
  };
  return {
    async get(key) {
      await queue;
      const saved = (await read())[key];
      return saved && Date.now() - saved.savedAt <= TASK_LIFETIME_MS ? saved.taskId : undefined;
    },
    set: (key, taskId) => change((tasks) => {
      tasks[key] = { taskId, savedAt: Date.now() };
    }),
    delete: (key) => change((tasks) => {
      delete tasks[key];
    }),
  };
}
