#pragma once
// Helpers shared by the kernel files: exact scalar decoders (for row tails and the rare rows the
// vector kernels hand back), the lane-order position of a column, and the per-format entry points
// of each instruction-set level.

#include "CSeamKernels.h"

#include <math.h>
#include <string.h>

/// A float from its bit pattern.
static inline float seam_float_bits(uint32_t bits) {
    float value;
    memcpy(&value, &bits, sizeof value);
    return value;
}

/// FP8 E4M3 ("fn": bias 7, no infinities, S.1111.111 is NaN) to float, exactly.
static inline float seam_e4m3(uint8_t code) {
    uint32_t exponent = (code >> 3) & 15, mantissa = code & 7;
    float sign = (code & 0x80) ? -1.0f : 1.0f;
    if (exponent == 15 && mantissa == 7) return NAN;
    if (exponent == 0) return sign * (float)mantissa * 0x1p-9f;
    return sign * ldexpf(1.0f + (float)mantissa / 8.0f, (int)exponent - 7);
}

/// UE8M0 to float: 2^(s − 127); 255 is NaN, 0 is the subnormal 2^-127.
static inline float seam_e8m0(uint8_t scale) {
    return scale == 255 ? NAN : ldexpf(1.0f, (int)scale - 127);
}

/// FP4 E2M1 code (low four bits) to float, exactly.
static inline float seam_e2m1(uint8_t code) {
    static const float magnitudes[8] = {0.0f, 0.5f, 1.0f, 1.5f, 2.0f, 3.0f, 4.0f, 6.0f};
    float magnitude = magnitudes[code & 7];
    return (code & 8) ? -magnitude : magnitude;
}

/// Where natural column `column` sits in a permuted vector whose blocks hold `perLane` elements in
/// each of `lanes` lanes (`full` = columns covered by whole blocks; later columns stay put).
static inline long seam_position(long column, long perLane, long lanes, long full) {
    if (column >= full) return column;
    long block = perLane * lanes;
    return (column / block) * block + (column % perLane) * lanes + (column % block) / perLane;
}

/// How far ahead of the bytes being decoded the kernels ask for weight bytes (`prefetcht0`). The
/// hardware prefetcher alone keeps a plain streaming read at the memory's speed, but not a loop that
/// spends several instructions per byte: measured on Sapphire Rapids, 4 KiB ahead lifts the FP8 and
/// FP4 kernels from about 50% to 80–90% of the streaming-read rate (1–2 KiB: 70–80%; 8 KiB: no better).
#define SEAM_PREFETCH_BYTES 4096
#define SEAM_PREFETCH(p) _mm_prefetch((const char *)(p) + SEAM_PREFETCH_BYTES, _MM_HINT_T0)

/// Elements per 32-bit lane and lanes per vector of a level's kernel for `format`.
void seam_layout(int level, int format, long *perLane, long *lanes);

/// Exact scalar rows, reading the permuted input of `level` (used for tails of odd shapes and for
/// rows whose scales the vector kernels do not take).
float seam_fp8_row_exact(int level, const uint8_t *row, const uint8_t *bandScales, long columns, const float *xp);
float seam_fp4_row_exact(int level, const uint8_t *row, const uint8_t *rowScales, long columns, const float *xp);

/// Columns `from..<to` of a row decoded exactly into their lane-order positions in `out`.
void seam_decode_exact(
    int level, int format, const void *data, const uint8_t *scales, long columns, long row, long from, long to, float *out);

#if defined(__x86_64__)
void seam_fp8_rows_avx2(const uint8_t *, const uint8_t *, long, const float *, float *, long, long, float *);
void seam_fp8_rows_avx512(const uint8_t *, const uint8_t *, long, const float *, float *, long, long, float *);
void seam_fp4_rows_avx2(const uint8_t *, const uint8_t *, long, const float *, long, long, float *);
void seam_fp4_rows_avx512(const uint8_t *, const uint8_t *, long, const float *, long, long, float *);
void seam_bf16_rows_avx2(const uint16_t *, long, const float *, long, long, float *);
void seam_bf16_rows_avx512(const uint16_t *, long, const float *, long, long, float *);
float seam_stream_sum_avx2(const float *, long);
void seam_decode_rows_avx2(int, const void *, const uint8_t *, long, long, long, float *);
void seam_decode_rows_avx512(int, const void *, const uint8_t *, long, long, long, float *);
float seam_stream_sum_avx512(const float *, long);
#endif
