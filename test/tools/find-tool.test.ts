/** findVideoTool: a tool of a set by its name, typed by that name; a clear error when the region has no such tool. */
import { describe, expect, it } from 'vitest';
import { ModelStudioClient, ValidationError } from 'modelstudio-video';
import { createVideoTools, findVideoTool } from 'modelstudio-video/tools';

describe('findVideoTool', () => {
  it('finds a tool by its name', () => {
    const tools = createVideoTools(new ModelStudioClient({ apiKey: 'k', region: 'cn', env: {} }));
    expect(findVideoTool(tools, 'speech_to_video').name).toBe('speech_to_video');
    expect(findVideoTool(tools, 'get_video_task')).toBe(tools.at(-1));
  });

  it('names what the set holds when the region serves no model of the mode', () => {
    const tools = createVideoTools(new ModelStudioClient({ apiKey: 'k', region: 'intl', env: {} }));
    let thrown: unknown;
    try {
      findVideoTool(tools, 'lip_sync');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ValidationError);
    expect((thrown as ValidationError).issues).toEqual([
      {
        path: 'name',
        message:
          '"lip_sync" is not in this tool set (text_to_video, image_to_video, reference_to_video, edit_video, animate_character, get_video_task): its region serves no model of that mode',
      },
    ]);
  });
});
