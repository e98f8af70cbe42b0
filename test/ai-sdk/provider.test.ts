/**
 * The provider itself: lazy (no key needed to import or to name a model), the AI SDK's provider
 * shape (registry, NoSuchModelError), a client of one's own, aborts, and an entry that loads
 * without `ai` and `@ai-sdk/provider` (it imports only their types).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { NoSuchModelError, createProviderRegistry, customProvider, experimental_generateVideo, experimental_startVideo } from 'ai';
import { AbortError, AuthenticationError, ModelStudioClient, ValidationError, modelCaps, type ModelId } from 'modelstudio-video';
import { ModelStudioNoSuchModelError, createModelStudio, modelstudio } from 'modelstudio-video/ai-sdk';
import { rig } from './setup.ts';

describe('the provider', () => {
  it('the default instance needs no key to import or to name a model; the client (and the key) come with the first call', async () => {
    const model = modelstudio.video('wan2.6-t2v');
    expect(model).toMatchObject({ specificationVersion: 'v4', provider: 'modelstudio.video', modelId: 'wan2.6-t2v', maxVideosPerCall: 1 });
    const keyless = createModelStudio({ env: {} });
    const video = keyless.videoModel('wan2.7-t2v');
    await expect(experimental_startVideo({ model: video, prompt: 'A fox' })).rejects.toBeInstanceOf(AuthenticationError);
  });

  it('names every model of the caps, and a later dated snapshot; anything else is the AI SDK NoSuchModelError', () => {
    const provider = createModelStudio({ apiKey: 'sk-test' });
    for (const id of Object.keys(modelCaps) as ModelId[]) expect(provider.video(id).modelId).toBe(id);
    expect(provider.video('wan2.7-t2v-2027-01-01' as ModelId).modelId).toBe('wan2.7-t2v-2027-01-01');
    for (const make of [() => provider.video('wan9-t2v' as ModelId), () => provider.languageModel('qwen-max'), () => provider.imageModel('wan2.6-t2i')]) {
      let caught: unknown;
      try {
        make();
      } catch (error) {
        caught = error;
      }
      expect(NoSuchModelError.isInstance(caught)).toBe(true);
      expect(caught).toBeInstanceOf(ModelStudioNoSuchModelError);
    }
  });

  it('works in createProviderRegistry and customProvider', async () => {
    const { provider, download, sim } = rig();
    const registry = createProviderRegistry({ modelstudio: provider });
    const result = await experimental_generateVideo({ model: registry.videoModel('modelstudio:wan2.6-t2v'), prompt: 'A fox', download });
    expect(result.providerMetadata.modelstudio).toMatchObject({ model: 'wan2.6-t2v', status: 'SUCCEEDED' });
    const custom = customProvider({ videoModels: { fast: provider.video('wan2.6-r2v-flash') } });
    expect(custom.videoModel('fast').modelId).toBe('wan2.6-r2v-flash');
    expect(sim.tasks.size).toBe(1);
  });

  it('takes a client of one’s own (and refuses a client together with client options)', async () => {
    const { sim, download } = rig();
    const client = new ModelStudioClient({ apiKey: sim.apiKey, baseUrl: sim.baseUrl, fetch: sim.fetch, region: 'intl', polling: { initialIntervalMs: 50 } });
    const provider = createModelStudio({ client });
    expect(provider.getClient()).toBe(client);
    await experimental_generateVideo({ model: provider.video('wan2.6-t2v'), prompt: 'A fox', download });
    expect(sim.tasks.size).toBe(1);
    expect(() => createModelStudio({ client, region: 'cn' })).toThrow(ValidationError);
    expect(() => createModelStudio({ client, region: 'cn' })).toThrow(/give either a client or client options, not both \(also given: region\)/);
  });

  it('the abort signal stops the wait, and the AbortError names the task, which keeps running', async () => {
    const { provider, download, sim } = rig({ sim: { speed: 10 } });
    const controller = new AbortController();
    const call = experimental_generateVideo({ model: provider.video('wan2.6-t2v'), prompt: 'A fox', download, abortSignal: controller.signal });
    while (sim.tasks.size === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort();
    const error = await call.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AbortError);
    const [task] = sim.tasks.all();
    expect(error).toMatchObject({ taskId: task?.taskId });
    expect(sim.tasks.status(task?.taskId ?? '')).toMatch(/PENDING|RUNNING/);
  });
});

describe('the entry', () => {
  it('imports only types from ai and @ai-sdk/*, so that it loads without them', () => {
    const folder = new URL('../../src/ai-sdk/', import.meta.url);
    const files = readdirSync(folder).filter((file) => file.endsWith('.ts'));
    expect(files).toContain('index.ts');
    const sources = new Set<string>();
    for (const file of files) {
      const source = readFileSync(new URL(file, folder), 'utf8');
      const imports = [...source.matchAll(/^(?:import|export)\s+(?:type\s+)?(?:\{[^}]*\}|\*(?:\s+as\s+\w+)?|\w+)\s+from\s+'([^']+)';/gm)];
      expect(imports.length, file).toBeGreaterThan(0);
      for (const [statement, from] of imports) {
        sources.add(from ?? '');
        if (from === 'ai' || from?.startsWith('@ai-sdk/')) expect(statement, `${file}: ${statement}`).toMatch(/^import type /);
      }
      expect(source, file).not.toMatch(/\bimport\(\s*['"](ai|@ai-sdk\/)/);
      expect(source, file).not.toMatch(/\brequire\(/);
    }
    expect(sources).toContain('@ai-sdk/provider');
  });

  it('loads and names a model in a Node process where ai and @ai-sdk/* cannot be resolved', { timeout: 20_000 }, async () => {
    const folder = await mkdtemp(join(tmpdir(), 'modelstudio-ai-sdk-'));
    try {
      await writeFile(
        join(folder, 'hooks.mjs'),
        "export async function resolve(specifier, context, next) {\n" +
          "  if (specifier === 'ai' || specifier.startsWith('@ai-sdk/')) throw new Error(`blocked ${specifier}`);\n" +
          '  return next(specifier, context);\n}\n',
      );
      await writeFile(join(folder, 'register.mjs'), "import { register } from 'node:module';\nregister(new URL('./hooks.mjs', import.meta.url));\n");
      const script = [
        "const entry = await import('modelstudio-video/ai-sdk');",
        "console.log(entry.modelstudio.video('wan2.6-t2v').modelId);",
        "await import('ai').then(() => console.log('ai loaded'), (error) => console.log(error.message));",
      ].join('\n');
      const { stdout } = await promisify(execFile)(
        process.execPath,
        ['--conditions=modelstudio-video-source', '--import', join(folder, 'register.mjs'), '--input-type=module', '-e', script],
        { cwd: fileURLToPath(new URL('../../', import.meta.url)) },
      );
      expect(stdout.trim().split('\n')).toEqual(['wan2.6-t2v', 'blocked ai']);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
