/**
 * The bit writer of the H.264 encoder: fixed-length and Exp-Golomb codes (ITU-T H.264 §7.2,
 * §9.1), and the NAL unit wrapper with its emulation prevention bytes (§7.3.1, §7.4.1).
 *
 * @module
 */

/** Writes bits most significant first into a growing byte array. */
export class BitWriter {
  #bytes = new Uint8Array(256);
  #bitLength = 0;

  /** Writes the low `count` bits of `value` (`count` at most 32), most significant first. */
  u(count: number, value: number): void {
    for (let bit = count - 1; bit >= 0; bit--) this.#bit((value >>> bit) & 1);
  }

  /** Writes `value` (0 or more) as an unsigned Exp-Golomb code, `ue(v)` (§9.1). */
  ue(value: number): void {
    const codeNum = value + 1;
    const width = 31 - Math.clz32(codeNum);
    this.u(width, 0);
    this.u(width + 1, codeNum);
  }

  /** Writes `value` as a signed Exp-Golomb code, `se(v)`: 1, -1, 2, -2... map to 1, 2, 3, 4... (§9.1.1). */
  se(value: number): void {
    this.ue(value > 0 ? 2 * value - 1 : -2 * value);
  }

  /** A string of `0` and `1` characters, as the code tables of the standard print them. */
  code(bits: string): void {
    for (const bit of bits) this.#bit(bit === '1' ? 1 : 0);
  }

  /** `rbsp_trailing_bits()`: a one, then zeros up to the next byte (§7.3.2.11). */
  trailingBits(): void {
    this.#bit(1);
    while (this.#bitLength % 8 !== 0) this.#bit(0);
  }

  /** The bytes written so far; call after {@link BitWriter.trailingBits}, which aligns them. */
  bytes(): Uint8Array {
    return this.#bytes.slice(0, Math.ceil(this.#bitLength / 8));
  }

  #bit(bit: number): void {
    const byte = this.#bitLength >>> 3;
    if (byte === this.#bytes.length) {
      const grown = new Uint8Array(this.#bytes.length * 2);
      grown.set(this.#bytes);
      this.#bytes = grown;
    }
    if (bit) this.#bytes[byte] = (this.#bytes[byte] ?? 0) | (0x80 >>> (this.#bitLength & 7));
    this.#bitLength++;
  }
}

/**
 * A NAL unit (§7.3.1): its one-byte header, then the payload with an `emulation_prevention_three_byte`
 * after every two zero bytes that a byte of 0 to 3 follows, so that no start code appears inside.
 */
export function nalUnit(refIdc: number, type: number, rbsp: Uint8Array): Uint8Array {
  const out = new Uint8Array(1 + rbsp.length + Math.ceil(rbsp.length / 2));
  out[0] = (refIdc << 5) | type;
  let length = 1;
  let zeros = 0;
  for (const byte of rbsp) {
    if (zeros >= 2 && byte <= 3) {
      out[length++] = 3;
      zeros = 0;
    }
    out[length++] = byte;
    zeros = byte === 0 ? zeros + 1 : 0;
  }
  return out.slice(0, length);
}
