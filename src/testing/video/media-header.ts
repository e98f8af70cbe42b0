/**
 * The picture size (and a video's length) read from the header of an input: PNG, JPEG, WebP and
 * BMP images, MP4 and MOV videos. The simulator uses it for the models whose output follows its
 * input's aspect ratio or length; anything else, or a header it cannot read, gives `undefined`.
 *
 * @module
 */

/** What a header says. */
export interface MediaHeader {
  /** Displayed width in pixels. */
  readonly width: number;
  /** Displayed height in pixels. */
  readonly height: number;
  /** A video's length in seconds. */
  readonly seconds?: number;
}

/** The size of an image or a video from its first bytes, or `undefined`. */
export function readMediaHeader(bytes: Uint8Array): MediaHeader | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const ascii = (at: number, length: number) => String.fromCharCode(...bytes.subarray(at, at + length));
  try {
    if (bytes[0] === 0x89 && ascii(1, 3) === 'PNG' && ascii(12, 4) === 'IHDR') return sized(view.getUint32(16), view.getUint32(20));
    if (bytes[0] === 0xff && bytes[1] === 0xd8) return jpeg(view);
    if (ascii(0, 4) === 'RIFF' && ascii(8, 4) === 'WEBP') return webp(view, ascii(12, 4));
    if (ascii(0, 2) === 'BM') return sized(Math.abs(view.getInt32(18, true)), Math.abs(view.getInt32(22, true)));
    // QuickTime files may start with another top-level box than ftyp.
    if (['ftyp', 'moov', 'wide', 'free', 'mdat'].includes(ascii(4, 4))) return mp4(view);
  } catch (error) {
    // A header cut short: read as unknown, as any other file this does not know.
    if (!(error instanceof RangeError)) throw error;
  }
  return undefined;
}

function sized(width: number, height: number, seconds?: number): MediaHeader | undefined {
  if (!(width > 0 && height > 0)) return undefined;
  return seconds !== undefined && seconds > 0 ? { width, height, seconds } : { width, height };
}

/** The first start-of-frame segment (SOF0 to SOF15 but DHT, JPG and DAC) after SOI. */
function jpeg(view: DataView): MediaHeader | undefined {
  let at = 2;
  while (at + 9 < view.byteLength) {
    if (view.getUint8(at) !== 0xff) return undefined;
    const marker = view.getUint8(at + 1);
    if (marker === 0xff) {
      at++; // fill byte
      continue;
    }
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return sized(view.getUint16(at + 7), view.getUint16(at + 5));
    }
    if (marker === 0xda || marker === 0xd9) return undefined; // scan data or the end, with no frame header
    at += 2 + view.getUint16(at + 2);
  }
  return undefined;
}

/** The size of a lossy (`VP8 `), lossless (`VP8L`) or extended (`VP8X`) WebP. */
function webp(view: DataView, chunk: string): MediaHeader | undefined {
  if (chunk === 'VP8 ') return sized(view.getUint16(26, true) & 0x3fff, view.getUint16(28, true) & 0x3fff);
  if (chunk === 'VP8L') {
    const bits = view.getUint32(21, true);
    return sized((bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1);
  }
  if (chunk === 'VP8X') {
    const uint24 = (at: number) => view.getUint8(at) | (view.getUint8(at + 1) << 8) | (view.getUint8(at + 2) << 16);
    return sized(uint24(24) + 1, uint24(27) + 1);
  }
  return undefined;
}

/** The first video track's `tkhd` size (turned by its matrix) and the movie's length, from `moov`. */
function mp4(view: DataView): MediaHeader | undefined {
  const moov = child(view, 0, view.byteLength, 'moov');
  if (!moov) return undefined;
  const mvhd = child(view, moov.start, moov.end, 'mvhd');
  let seconds: number | undefined;
  if (mvhd) {
    const v1 = view.getUint8(mvhd.start) === 1;
    const timescale = view.getUint32(mvhd.start + (v1 ? 20 : 12));
    const duration = v1 ? Number(view.getBigUint64(mvhd.start + 24)) : view.getUint32(mvhd.start + 16);
    if (timescale > 0) seconds = duration / timescale;
  }
  for (let at = moov.start; at < moov.end; ) {
    const trak = child(view, at, moov.end, 'trak');
    if (!trak) break;
    at = trak.end;
    const mdia = child(view, trak.start, trak.end, 'mdia');
    const hdlr = mdia && child(view, mdia.start, mdia.end, 'hdlr');
    const tkhd = child(view, trak.start, trak.end, 'tkhd');
    if (!hdlr || !tkhd || view.getUint32(hdlr.start + 8) !== 0x76696465 /* vide */) continue;
    // After version and flags: the times, id and duration (20 bytes, 32 in version 1), 16 reserved, the matrix, the size.
    const matrix = tkhd.start + 4 + (view.getUint8(tkhd.start) === 1 ? 32 : 20) + 16;
    const width = view.getUint32(matrix + 36) / 0x1_0000;
    const height = view.getUint32(matrix + 40) / 0x1_0000;
    // A matrix whose first coefficient is 0 turns the picture a quarter: a portrait phone video.
    const turned = view.getInt32(matrix) === 0 && view.getInt32(matrix + 4) !== 0;
    return turned ? sized(height, width, seconds) : sized(width, height, seconds);
  }
  return undefined;
}

/** The payload span of the first box of `type` among the boxes from `start` to `end`. */
function child(view: DataView, start: number, end: number, type: string): { start: number; end: number } | undefined {
  const wanted = [...type].reduce((code, char) => code * 256 + char.charCodeAt(0), 0);
  let at = start;
  while (at + 8 <= end) {
    let size = view.getUint32(at);
    let header = 8;
    if (size === 1) {
      size = Number(view.getBigUint64(at + 8));
      header = 16;
    } else if (size === 0) {
      size = end - at; // to the end of the file
    }
    if (size < header) return undefined;
    if (view.getUint32(at + 4) === wanted) return { start: at + header, end: Math.min(end, at + size) };
    at += size;
  }
  return undefined;
}
