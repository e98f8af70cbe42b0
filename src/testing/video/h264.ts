/**
 * A tiny H.264 encoder for pictures made of flat 16x16 blocks (ITU-T H.264, Constrained Baseline,
 * CAVLC). Each picture is a map of palette colours, one per macroblock. An IDR picture codes every
 * macroblock as Intra 16x16, predicted from its top or left neighbour with no residual when that
 * neighbour has its colour, else with one DC coefficient per plane that moves the prediction to
 * it; a P picture codes only the macroblocks whose colour changed, the same way, and skips the
 * rest (`P_Skip`). So a flat picture costs a few bits a macroblock, and a still frame a few bytes.
 *
 * The encoder knows the decoder's result exactly: quantiser 22 makes one luma DC level worth half
 * a sample value and one chroma DC level worth one (§8.5.10, §8.5.11), the deblocking filter is
 * off, and every motion vector is zero (no macroblock has another), so the decoded picture is the
 * colour map, sample for sample.
 *
 * @module
 */
import { BitWriter, nalUnit } from './bits.ts';

/** A colour as 8-bit Y, Cb and Cr samples (the stream's own colour space). */
export interface YCbCr {
  readonly y: number;
  readonly cb: number;
  readonly cr: number;
}

/** The size of the coded pictures and what the sequence says about them. */
export interface SequenceFormat {
  /** Visible width in pixels, even. */
  readonly width: number;
  /** Visible height in pixels, even. */
  readonly height: number;
  /** Frames a second, a whole number (the VUI timing). */
  readonly fps: number;
  /** Frames from one IDR picture to the next: `frame_num` must count that far. */
  readonly gopLength: number;
}

/** One picture to code: a palette index per macroblock, in raster order (`widthMbs * heightMbs`). */
export type ColourMap = Uint8Array;

const QP = 22;
const GREY: YCbCr = { y: 128, cb: 128, cr: 128 };

/** Table A-1: level_idc, MaxMBPS, MaxFS, MaxDpbMbs (macroblocks). */
const LEVELS: readonly (readonly [number, number, number, number])[] = [
  [10, 1_485, 99, 396],
  [11, 3_000, 396, 900],
  [12, 6_000, 396, 2_376],
  [13, 11_880, 396, 2_376],
  [20, 11_880, 396, 2_376],
  [21, 19_800, 792, 4_752],
  [22, 20_250, 1_620, 8_100],
  [30, 40_500, 1_620, 8_100],
  [31, 108_000, 3_600, 18_000],
  [32, 216_000, 5_120, 20_480],
  [40, 245_760, 8_192, 32_768],
  [42, 522_240, 8_704, 34_816],
  [50, 589_824, 22_080, 110_400],
  [51, 983_040, 36_864, 184_320],
  [52, 2_073_600, 36_864, 184_320],
];

/** Macroblock columns and rows of a format (the coded size, before cropping). */
export function macroblocks(format: Pick<SequenceFormat, 'width' | 'height'>): { widthMbs: number; heightMbs: number } {
  return { widthMbs: Math.ceil(format.width / 16), heightMbs: Math.ceil(format.height / 16) };
}

/**
 * The lowest level whose limits the format meets (§A.3.1: frame size, each side at most
 * `sqrt(8 * MaxFS)` macroblocks, macroblocks a second, and one reference frame in the DPB).
 */
export function levelOf(format: SequenceFormat): number {
  const { widthMbs, heightMbs } = macroblocks(format);
  const frameMbs = widthMbs * heightMbs;
  for (const [level, maxMbps, maxFs, maxDpbMbs] of LEVELS) {
    const side = Math.sqrt(8 * maxFs);
    if (frameMbs <= maxFs && widthMbs <= side && heightMbs <= side && frameMbs * format.fps <= maxMbps && frameMbs <= maxDpbMbs) return level;
  }
  throw new RangeError(`${format.width}x${format.height} at ${format.fps} fps is beyond every H.264 level`);
}

/** Bits of `frame_num`: enough to count a GOP without wrapping, at least 4 (§7.4.2.1.1). */
function frameNumBits(format: SequenceFormat): number {
  return Math.max(4, Math.ceil(Math.log2(format.gopLength)));
}

/** The sequence parameter set NAL unit (§7.3.2.1.1), with a VUI giving square pixels, the frame rate and no reordering. */
export function sequenceParameterSet(format: SequenceFormat): Uint8Array {
  const { widthMbs, heightMbs } = macroblocks(format);
  const w = new BitWriter();
  w.u(8, 66); // profile_idc: Baseline
  w.u(8, 0b1100_0000); // constraint_set0 and set1: Constrained Baseline, decodable by Main decoders
  w.u(8, levelOf(format));
  w.ue(0); // seq_parameter_set_id
  w.ue(frameNumBits(format) - 4); // log2_max_frame_num_minus4
  w.ue(2); // pic_order_cnt_type 2: output order is decoding order, no syntax in slice headers
  w.ue(1); // max_num_ref_frames
  w.u(1, 0); // gaps_in_frame_num_value_allowed_flag
  w.ue(widthMbs - 1);
  w.ue(heightMbs - 1); // pic_height_in_map_units_minus1 (frames only)
  w.u(1, 1); // frame_mbs_only_flag
  w.u(1, 1); // direct_8x8_inference_flag
  const cropRight = widthMbs * 16 - format.width;
  const cropBottom = heightMbs * 16 - format.height;
  w.u(1, cropRight || cropBottom ? 1 : 0); // frame_cropping_flag
  if (cropRight || cropBottom) {
    // In 4:2:0 frames the offsets count pairs of samples (CropUnitX = CropUnitY = 2, §7.4.2.1.1).
    w.ue(0);
    w.ue(cropRight / 2);
    w.ue(0);
    w.ue(cropBottom / 2);
  }
  w.u(1, 1); // vui_parameters_present_flag (Annex E.1.1)
  w.u(1, 1); // aspect_ratio_info_present_flag
  w.u(8, 1); // aspect_ratio_idc 1: square samples
  w.u(1, 0); // overscan_info_present_flag
  w.u(1, 0); // video_signal_type_present_flag
  w.u(1, 0); // chroma_loc_info_present_flag
  w.u(1, 1); // timing_info_present_flag
  w.u(32, 1); // num_units_in_tick
  w.u(32, 2 * format.fps); // time_scale: two ticks a frame (E.2.1)
  w.u(1, 1); // fixed_frame_rate_flag
  w.u(1, 0); // nal_hrd_parameters_present_flag
  w.u(1, 0); // vcl_hrd_parameters_present_flag
  w.u(1, 0); // pic_struct_present_flag
  w.u(1, 1); // bitstream_restriction_flag
  w.u(1, 1); // motion_vectors_over_pic_boundaries_flag
  w.ue(0); // max_bytes_per_pic_denom
  w.ue(0); // max_bits_per_mb_denom
  w.ue(15); // log2_max_mv_length_horizontal
  w.ue(15); // log2_max_mv_length_vertical
  w.ue(0); // max_num_reorder_frames: a decoder outputs each frame at once
  w.ue(1); // max_dec_frame_buffering
  w.trailingBits();
  return nalUnit(3, 7, w.bytes());
}

/** The picture parameter set NAL unit (§7.3.2.2): CAVLC, one slice group, QP 22, deblocking control in slices. */
export function pictureParameterSet(): Uint8Array {
  const w = new BitWriter();
  w.ue(0); // pic_parameter_set_id
  w.ue(0); // seq_parameter_set_id
  w.u(1, 0); // entropy_coding_mode_flag: CAVLC
  w.u(1, 0); // bottom_field_pic_order_in_frame_present_flag
  w.ue(0); // num_slice_groups_minus1
  w.ue(0); // num_ref_idx_l0_default_active_minus1
  w.ue(0); // num_ref_idx_l1_default_active_minus1
  w.u(1, 0); // weighted_pred_flag
  w.u(2, 0); // weighted_bipred_idc
  w.se(QP - 26); // pic_init_qp_minus26
  w.se(0); // pic_init_qs_minus26
  w.se(0); // chroma_qp_index_offset: chroma QP = luma QP below 30 (Table 8-15)
  w.u(1, 1); // deblocking_filter_control_present_flag
  w.u(1, 0); // constrained_intra_pred_flag: intra blocks may predict from skipped ones
  w.u(1, 0); // redundant_pic_cnt_present_flag
  w.trailingBits();
  return nalUnit(3, 8, w.bytes());
}

/** An IDR picture: one I slice where every macroblock is coded (§7.3.3, §7.3.4). */
export function idrPicture(format: SequenceFormat, palette: readonly YCbCr[], map: ColourMap, idrPicId: number): Uint8Array {
  const w = new BitWriter();
  w.ue(0); // first_mb_in_slice
  w.ue(7); // slice_type: I, as every slice of the picture
  w.ue(0); // pic_parameter_set_id
  w.u(frameNumBits(format), 0); // frame_num
  w.ue(idrPicId & 0xffff); // idr_pic_id: two IDR pictures in a row differ
  w.u(1, 0); // no_output_of_prior_pics_flag
  w.u(1, 0); // long_term_reference_flag
  w.se(0); // slice_qp_delta
  w.ue(1); // disable_deblocking_filter_idc: off, so that flat blocks stay flat
  const { widthMbs } = macroblocks(format);
  for (let index = 0; index < map.length; index++) intra16x16(w, palette, map, index, widthMbs, 0);
  w.trailingBits();
  return nalUnit(3, 5, w.bytes());
}

/**
 * A P picture (a reference, so that the next one may copy it): the macroblocks whose colour
 * differs from `previous` are coded as intra blocks, runs of the others skipped.
 */
export function pPicture(format: SequenceFormat, palette: readonly YCbCr[], map: ColourMap, previous: ColourMap, frameNum: number): Uint8Array {
  const w = new BitWriter();
  w.ue(0); // first_mb_in_slice
  w.ue(5); // slice_type: P, as every slice of the picture
  w.ue(0); // pic_parameter_set_id
  w.u(frameNumBits(format), frameNum % 2 ** frameNumBits(format));
  w.u(1, 0); // num_ref_idx_active_override_flag
  w.u(1, 0); // ref_pic_list_modification_flag_l0
  w.u(1, 0); // adaptive_ref_pic_marking_mode_flag: sliding window
  w.se(0); // slice_qp_delta
  w.ue(1); // disable_deblocking_filter_idc
  const { widthMbs } = macroblocks(format);
  let skipped = 0;
  for (let index = 0; index < map.length; index++) {
    if (map[index] === previous[index]) {
      skipped++;
      continue;
    }
    w.ue(skipped); // mb_skip_run, before every coded macroblock of a P slice (§7.3.4)
    skipped = 0;
    // Intra mb_type values follow the five P ones in a P slice (Table 7-13).
    intra16x16(w, palette, map, index, widthMbs, 5);
  }
  if (skipped > 0) w.ue(skipped);
  w.trailingBits();
  return nalUnit(2, 1, w.bytes());
}

/**
 * One Intra 16x16 macroblock (§7.3.5) of colour `map[index]`. Its samples are predicted from the
 * decoded neighbours (§8.3.3, §8.3.4), which are flat blocks of the map's colours: from a
 * neighbour of its colour with no residual, else from the left one (or the top one, or grey 128
 * with neither) plus one DC coefficient per plane, `2 * difference` in luma and `difference` in
 * each chroma plane at QP 22.
 */
function intra16x16(w: BitWriter, palette: readonly YCbCr[], map: ColourMap, index: number, widthMbs: number, mbTypeOffset: number): void {
  const colour = map[index] as number;
  const left = index % widthMbs > 0 ? map[index - 1] : undefined;
  const top = index >= widthMbs ? map[index - widthMbs] : undefined;
  // Intra16x16PredMode 0 vertical, 1 horizontal, 2 DC; intra_chroma_pred_mode 0 DC, 1 horizontal, 2 vertical.
  let lumaMode: number;
  let chromaMode: number;
  let source: YCbCr;
  if (top === colour || left === colour) {
    lumaMode = top === colour ? 0 : 1;
    // Chroma DC averages the neighbours by 4x4 quarter (§8.3.4.1-3): flat only when they agree.
    chromaMode = (left === undefined || left === colour) && (top === undefined || top === colour) ? 0 : lumaMode === 0 ? 2 : 1;
    source = palette[colour] as YCbCr;
  } else if (left !== undefined) {
    [lumaMode, chromaMode, source] = [1, 1, palette[left] as YCbCr];
  } else if (top !== undefined) {
    [lumaMode, chromaMode, source] = [0, 2, palette[top] as YCbCr];
  } else {
    [lumaMode, chromaMode, source] = [2, 0, GREY];
  }
  const target = palette[colour] as YCbCr;
  const cb = target.cb - source.cb;
  const cr = target.cr - source.cr;
  const codedChroma = cb !== 0 || cr !== 0 ? 1 : 0;
  w.ue(mbTypeOffset + 1 + lumaMode + 4 * codedChroma); // mb_type I_16x16_<mode>_<chroma>_0 (Table 7-11)
  w.ue(chromaMode); // intra_chroma_pred_mode
  w.se(0); // mb_qp_delta
  // Intra16x16DCLevel, always present. nC is 0: no macroblock codes AC coefficients (§9.2.1).
  dcBlock(w, 2 * (target.y - source.y), false);
  if (codedChroma) {
    dcBlock(w, cb, true);
    dcBlock(w, cr, true);
  }
}

/**
 * A DC block whose only coefficient is the first of the scan, `level` (§7.3.5.3.2, CAVLC §9.2):
 * coeff_token from the column of nC 0 to 1 (luma) or nC -1 (chroma DC of 4:2:0) of Table 9-5,
 * the level, and total_zeros 0 (Tables 9-7 and 9-9a both code it `1`).
 */
function dcBlock(w: BitWriter, level: number, chroma: boolean): void {
  if (level === 0) {
    w.code(chroma ? '01' : '1'); // TotalCoeff 0
    return;
  }
  if (Math.abs(level) === 1) {
    w.code(chroma ? '1' : '01'); // TotalCoeff 1, TrailingOnes 1
    w.u(1, level < 0 ? 1 : 0); // trailing_ones_sign_flag
  } else {
    w.code(chroma ? '000111' : '000101'); // TotalCoeff 1, TrailingOnes 0
    levelCode(w, level);
  }
  w.code('1'); // total_zeros 0
}

/**
 * A coefficient level as the first one of a block with no trailing ones, suffixLength 0
 * (§9.2.2.1): levelCode less 2, since such a level is never ±1, as level_prefix and level_suffix.
 */
function levelCode(w: BitWriter, level: number): void {
  const code = (level > 0 ? 2 * level - 2 : -2 * level - 1) - 2;
  if (code < 14) {
    w.u(code, 0);
    w.u(1, 1);
  } else if (code < 30) {
    w.u(14, 0); // level_prefix 14 takes a 4-bit suffix
    w.u(1, 1);
    w.u(4, code - 14);
  } else {
    w.u(15, 0); // level_prefix 15 takes a 12-bit suffix from 30 on
    w.u(1, 1);
    w.u(12, code - 30);
  }
}
