// Debian's ffmpeg for tests that check a video as a player would (`apt-get install ffmpeg`;
// .ci/run installs it): ffprobe's view of a file, and whether ffmpeg decodes every frame.
import { execFileSync, spawnSync } from 'node:child_process';

/** Why an ffprobe test cannot run here, to skip it with; in CI (`CI` set) a missing ffprobe throws instead. */
export function ffprobeMissing(): string | undefined {
  if (spawnSync('ffprobe', ['-version'], { stdio: 'ignore' }).status === 0 && spawnSync('ffmpeg', ['-version'], { stdio: 'ignore' }).status === 0) return undefined;
  const install = 'install it with `sudo apt-get install ffmpeg`';
  if (process.env.CI) throw new Error(`CI needs ffprobe and ffmpeg for the video tests, and there are none on the PATH: ${install} (.ci/run installs it).`);
  return `no ffprobe on the PATH: ${install} to run the video tests (in CI they fail instead)`;
}

/** What ffprobe says of a file's first video stream. */
export interface ProbedVideo {
  readonly codec: string;
  readonly profile: string;
  readonly width: number;
  readonly height: number;
  readonly pixFmt: string;
  /** Frames counted by decoding (`-count_frames`). */
  readonly frames: number;
  /** The stream's duration, in seconds. */
  readonly seconds: number;
  /** `24/1`. */
  readonly frameRate: string;
  /** The line ffprobe prints for the stream, as a person reads it. */
  readonly line: string;
}

/** ffprobe's view of the video stream of `file`. */
export function probeVideo(file: string): ProbedVideo {
  const out = execFileSync('ffprobe', ['-v', 'error', '-count_frames', '-select_streams', 'v:0', '-show_streams', '-of', 'json', file], { encoding: 'utf8' });
  const stream = (JSON.parse(out) as { streams: Record<string, string | number>[] }).streams[0] ?? {};
  const banner = spawnSync('ffprobe', ['-hide_banner', file], { encoding: 'utf8' }).stderr;
  return {
    codec: String(stream.codec_name),
    profile: String(stream.profile),
    width: Number(stream.width),
    height: Number(stream.height),
    pixFmt: String(stream.pix_fmt),
    frames: Number(stream.nb_read_frames),
    seconds: Number(stream.duration),
    frameRate: String(stream.r_frame_rate),
    line: /Stream #0:0.*Video: .*/.exec(banner)?.[0] ?? '',
  };
}

/** What ffmpeg prints at `-v error` while decoding every frame of `file`: nothing for a clean file. */
export function decodeErrors(file: string): string {
  const run = spawnSync('ffmpeg', ['-v', 'error', '-i', file, '-f', 'null', '-'], { encoding: 'utf8' });
  return `${run.stderr}${run.status === 0 ? '' : `exit ${run.status}`}`;
}

/** Every frame of `file` decoded to planar yuv420p, one after the other. */
export function decodeYuv(file: string): Uint8Array {
  return new Uint8Array(execFileSync('ffmpeg', ['-v', 'error', '-i', file, '-f', 'rawvideo', '-pix_fmt', 'yuv420p', '-'], { maxBuffer: 1 << 30 }));
}
