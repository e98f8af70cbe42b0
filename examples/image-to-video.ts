// Image to video from a local file: read an image from disk and send it inline as a
// `data:image/png;base64,...` URI (JPEG, PNG, BMP or WEBP, at most 10 MB, sides of 360–2000 px).
// The video keeps the image's aspect ratio, so set only `resolution`.
//
//   npm run example -- image-to-video                      (examples/assets/lighthouse.png)
//   npm run example -- image-to-video path/to/photo.jpg "The cat slowly turns its head and yawns"
import { readFile } from 'node:fs/promises';
import { extname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ModelStudioClient } from 'modelstudio-video';

const path = process.argv[2] ?? fileURLToPath(new URL('assets/lighthouse.png', import.meta.url));
const prompt = process.argv[3] ?? 'The lighthouse beam sweeps across the sea at dusk, gentle waves, slow push-in';
const mimeTypes: Record<string, string> = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.bmp': 'image/bmp', '.webp': 'image/webp' };
const mimeType = mimeTypes[extname(path).toLowerCase()];
if (!mimeType) throw new Error(`${path}: expected a .png, .jpg, .jpeg, .bmp or .webp file`);

const bytes = await readFile(path);
const image = `data:${mimeType};base64,${bytes.toString('base64')}`;
console.log(`Image: ${process.argv[2] ?? relative(process.cwd(), path)} (${bytes.length} bytes, sent inline as ${image.slice(0, 30)}...)`);

const client = new ModelStudioClient();
const task = client.imageToVideo({
  image,
  prompt,
  resolution: '720P',
  duration: 5,
});
task.on('submitted', ({ taskId, model }) => console.log(`Submitted task ${taskId} (${model})`));
task.on('status', ({ status }) => console.log(`Status: ${status}`));

const result = await task;
console.log(`Task ${result.taskId} ${result.status}`);
console.log(`Video: ${result.videos[0].url}`);
console.log(`Link valid until: ${result.videos[0].expiresAt?.toISOString() ?? 'unknown'}`);
