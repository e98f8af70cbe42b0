// An OpenClaw plugin that registers modelstudio-video as a video generation provider: every Wan
// model of the SDK's caps, local files uploaded, validation and cost before paying, adaptive
// polling under one 30-minute deadline, and running tasks kept in a file so that the same request
// after a gateway restart resumes its task instead of paying for a new one.
//
// Key: MODELSTUDIO_API_KEY (or DASHSCOPE_API_KEY, QWEN_API_KEY). Model refs: modelstudio/<model>.
import { join } from 'node:path';
import { definePluginEntry } from 'openclaw/plugin-sdk/plugin-entry';
import { createOpenClawVideoProvider } from 'modelstudio-video/openclaw';
import { fileTaskStore } from './file-task-store.ts';

/** The plugin's settings (`plugins.entries.modelstudio-video.config`), as openclaw.plugin.json declares them. */
interface PluginConfig {
  readonly region?: 'cn' | 'intl' | 'us';
  readonly download?: boolean;
  readonly timeoutMs?: number;
  readonly taskStoreFile?: string;
}

export default definePluginEntry({
  id: 'modelstudio-video',
  name: 'Model Studio video (modelstudio-video)',
  description: 'Alibaba Model Studio Wan video generation through modelstudio-video: every model, local files, resume after restart.',
  register(api) {
    const config = (api.pluginConfig ?? {}) as PluginConfig;
    const taskStoreFile = config.taskStoreFile ?? join(api.runtime.state.resolveStateDir(), 'plugins', 'modelstudio-video', 'tasks.json');
    api.registerVideoGenerationProvider(
      createOpenClawVideoProvider({
        clientOptions: { region: config.region },
        download: config.download,
        timeoutMs: config.timeoutMs,
        taskStore: fileTaskStore(taskStoreFile),
      }),
    );
  },
});
