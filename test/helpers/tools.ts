/** Finding a tool of a tool set by its name, failing the test when it is missing. */
import type { VideoTool, VideoToolName } from 'modelstudio-video/tools';

/** The tool named `name` of `tools`; throws when the set has none. */
export function toolNamed(tools: readonly VideoTool[], name: VideoToolName): VideoTool {
  const tool = tools.find((candidate) => candidate.name === name);
  if (!tool) throw new Error(`no ${name} tool in ${tools.map((candidate) => candidate.name).join(', ')}`);
  return tool;
}
