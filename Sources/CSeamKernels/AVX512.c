// AVX-512 kernels (16 lanes of 32 bits; F, BW, DQ, VL).
//
// FP8 E4M3 and bf16 decode as in AVX2.c, twice as wide.
//
// FP4 E2M1: vpermps looks up the low four bits of each 32-bit lane in a 16-entry table of the
// E2M1 values (sign included), so a lane holding eight codes yields all eight with one shift and
// one permute each. The four 32-column groups of a 128-column block occupy lanes 0–3, 4–7, 8–11
// and 12–15, so one vector of their scales multiplies each block's partial sums: sixteen scale
// bytes (four blocks) are widened and shifted into the exponent (2^(s − 127)) at once, and each
// block takes its four with one permute. Rows with a scale byte of 0 (a
// subnormal scale) or 255 (NaN) take the exact scalar path.

#if defined(__x86_64__)

#include "Internal.h"

#include <immintrin.h>

#define SEAM_AVX512 __attribute__((target("avx512f,avx512bw,avx512dq,avx512vl,avx2,fma,f16c")))

// MARK: - FP8

/// `xs = xp · 2^(s − 7)` per 64-column block for one band; false when a product is not finite.
SEAM_AVX512 static int seam_fp8_prepare_avx512(const uint8_t *bandScales, long full, const float *xp, float *xs) {
    __mmask16 bad = 0;
    const __m512i exponentMask = _mm512_set1_epi32(0x7F800000);
    for (long base = 0; base < full; base += 64) {
        uint32_t scale = bandScales[base / 128];
        if (scale + 120 > 254) return 0;
        __m512 factor = _mm512_castsi512_ps(_mm512_set1_epi32((int)((scale + 120) << 23)));
        for (long offset = 0; offset < 64; offset += 16) {
            __m512 value = _mm512_mul_ps(_mm512_loadu_ps(xp + base + offset), factor);
            _mm512_storeu_ps(xs + base + offset, value);
            __m512i exponent = _mm512_and_si512(_mm512_castps_si512(value), exponentMask);
            bad |= _mm512_cmpeq_epi32_mask(exponent, exponentMask);
        }
    }
    return bad == 0;
}

/// Byte `k` of every lane of `w` as a float times 2^-120.
#define SEAM_FP8_LANE_AVX512(w, k, mask) \
    _mm512_castsi512_ps(_mm512_and_si512(_mm512_srai_epi32(_mm512_slli_epi32((w), 24 - 8 * (k)), 4), (mask)))

SEAM_AVX512 void seam_fp8_rows_avx512(
    const uint8_t *codes, const uint8_t *scales, long columns, const float *xp, float *xs, long first, long end, float *y) {
    const long scaleColumns = (columns + 127) / 128;
    const long full = columns / 64 * 64;
    const __m512i mask = _mm512_set1_epi32((int)0x87F00000u);
    const __m512i top = _mm512_set1_epi8((char)0x80);
    long preparedBand = -1;
    int bandFast = 0;
    for (long row = first; row < end; row++) {
        const long band = row / 128;
        const uint8_t *bandScales = scales + band * scaleColumns;
        if (band != preparedBand) {
            bandFast = seam_fp8_prepare_avx512(bandScales, full, xp, xs);
            preparedBand = band;
        }
        const uint8_t *r = codes + row * columns;
        if (!bandFast) {
            y[row] = seam_fp8_row_exact(SEAM_KERNELS_AVX512, r, bandScales, columns, xp);
            continue;
        }
        __m512 a0 = _mm512_setzero_ps(), a1 = _mm512_setzero_ps(), a2 = _mm512_setzero_ps(), a3 = _mm512_setzero_ps();
        __m512i nan = _mm512_setzero_si512();
        for (long base = 0; base < full; base += 64) {
            SEAM_PREFETCH(r + base);
            __m512i w = _mm512_loadu_si512((const void *)(r + base));
            nan = _mm512_max_epu8(nan, _mm512_or_si512(w, top));
            a0 = _mm512_fmadd_ps(SEAM_FP8_LANE_AVX512(w, 0, mask), _mm512_loadu_ps(xs + base), a0);
            a1 = _mm512_fmadd_ps(SEAM_FP8_LANE_AVX512(w, 1, mask), _mm512_loadu_ps(xs + base + 16), a1);
            a2 = _mm512_fmadd_ps(SEAM_FP8_LANE_AVX512(w, 2, mask), _mm512_loadu_ps(xs + base + 32), a2);
            a3 = _mm512_fmadd_ps(SEAM_FP8_LANE_AVX512(w, 3, mask), _mm512_loadu_ps(xs + base + 48), a3);
        }
        float sum = _mm512_reduce_add_ps(_mm512_add_ps(_mm512_add_ps(a0, a1), _mm512_add_ps(a2, a3)));
        for (long column = full; column < columns; column++) {
            sum += seam_e4m3(r[column]) * seam_e8m0(bandScales[column / 128]) * xp[column];
        }
        if (_mm512_cmpeq_epi8_mask(nan, _mm512_set1_epi8((char)0xFF)) != 0) sum = NAN;
        y[row] = sum;
    }
}

// MARK: - FP4

/// The sixteen E2M1 values by code.
static const float seam_fp4_values[16] = {
    0.0f, 0.5f, 1.0f, 1.5f, 2.0f, 3.0f, 4.0f, 6.0f, -0.0f, -0.5f, -1.0f, -1.5f, -2.0f, -3.0f, -4.0f, -6.0f,
};

/// True when one of a row's `count` scale bytes is 0 or 255 (the vector scale expansion would be wrong).
SEAM_AVX512 static int seam_fp4_unusual_scales_avx512(const uint8_t *scales, long count) {
    const __m512i zero = _mm512_setzero_si512(), all = _mm512_set1_epi8((char)0xFF);
    for (long index = 0; index < count; index += 64) {
        long left = count - index;
        __mmask64 lanes = left >= 64 ? ~(__mmask64)0 : (((__mmask64)1 << left) - 1);
        __m512i bytes = _mm512_maskz_loadu_epi8(lanes, scales + index);
        __mmask64 unusual = _mm512_mask_cmpeq_epi8_mask(lanes, bytes, zero) | _mm512_mask_cmpeq_epi8_mask(lanes, bytes, all);
        if (unusual) return 1;
    }
    return 0;
}

#define SEAM_FP4_LANE_AVX512(w, k, table) _mm512_permutexvar_ps(_mm512_srli_epi32((w), 4 * (k)), (table))

SEAM_AVX512 void seam_fp4_rows_avx512(
    const uint8_t *codes, const uint8_t *scales, long columns, const float *xp, long first, long end, float *y) {
    const __m512 table = _mm512_loadu_ps(seam_fp4_values);
    // spread[b]: lanes 4j…4j+3 take the scale of group j of block b of four
    const __m512i spread[4] = {
        _mm512_setr_epi32(0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3),
        _mm512_setr_epi32(4, 4, 4, 4, 5, 5, 5, 5, 6, 6, 6, 6, 7, 7, 7, 7),
        _mm512_setr_epi32(8, 8, 8, 8, 9, 9, 9, 9, 10, 10, 10, 10, 11, 11, 11, 11),
        _mm512_setr_epi32(12, 12, 12, 12, 13, 13, 13, 13, 14, 14, 14, 14, 15, 15, 15, 15),
    };
    const long full = columns / 128 * 128;
    const long groups = columns / 32;
    for (long row = first; row < end; row++) {
        const uint8_t *r = codes + row * (columns / 2);
        const uint8_t *s = scales + row * groups;
        if (seam_fp4_unusual_scales_avx512(s, groups)) {
            y[row] = seam_fp4_row_exact(SEAM_KERNELS_AVX512, r, s, columns, xp);
            continue;
        }
        __m512 acc0 = _mm512_setzero_ps(), acc1 = _mm512_setzero_ps(), scales16 = _mm512_setzero_ps();
        for (long base = 0; base < full; base += 128) {
            SEAM_PREFETCH(r + base / 2);
            __m512i w = _mm512_loadu_si512((const void *)(r + base / 2));
            __m512 t0 = _mm512_mul_ps(_mm512_permutexvar_ps(w, table), _mm512_loadu_ps(xp + base));
            __m512 t1 = _mm512_mul_ps(SEAM_FP4_LANE_AVX512(w, 1, table), _mm512_loadu_ps(xp + base + 16));
            t0 = _mm512_fmadd_ps(SEAM_FP4_LANE_AVX512(w, 2, table), _mm512_loadu_ps(xp + base + 32), t0);
            t1 = _mm512_fmadd_ps(SEAM_FP4_LANE_AVX512(w, 3, table), _mm512_loadu_ps(xp + base + 48), t1);
            t0 = _mm512_fmadd_ps(SEAM_FP4_LANE_AVX512(w, 4, table), _mm512_loadu_ps(xp + base + 64), t0);
            t1 = _mm512_fmadd_ps(SEAM_FP4_LANE_AVX512(w, 5, table), _mm512_loadu_ps(xp + base + 80), t1);
            t0 = _mm512_fmadd_ps(SEAM_FP4_LANE_AVX512(w, 6, table), _mm512_loadu_ps(xp + base + 96), t0);
            t1 = _mm512_fmadd_ps(SEAM_FP4_LANE_AVX512(w, 7, table), _mm512_loadu_ps(xp + base + 112), t1);
            const long block = base / 128;
            if ((block & 3) == 0) {  // the scales of this block and the next three
                long left = groups - 4 * block;
                __mmask16 present = left >= 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << left) - 1);
                __m512i exponents = _mm512_cvtepu8_epi32(_mm_maskz_loadu_epi8(present, s + 4 * block));
                scales16 = _mm512_castsi512_ps(_mm512_slli_epi32(exponents, 23));
            }
            __m512 scale = _mm512_permutexvar_ps(spread[block & 3], scales16);
            acc0 = _mm512_fmadd_ps(t0, scale, acc0);
            acc1 = _mm512_fmadd_ps(t1, scale, acc1);
        }
        float sum = _mm512_reduce_add_ps(_mm512_add_ps(acc0, acc1));
        for (long column = full; column < columns; column++) {
            uint8_t byte = r[column / 2];
            sum += seam_e2m1((column & 1) ? byte >> 4 : byte & 15) * seam_e8m0(s[column / 32]) * xp[column];
        }
        y[row] = sum;
    }
}

// MARK: - bf16

SEAM_AVX512 void seam_bf16_rows_avx512(const uint16_t *data, long columns, const float *xp, long first, long end, float *y) {
    const long full = columns / 32 * 32;
    const __m512i high = _mm512_set1_epi32((int)0xFFFF0000u);
    for (long row = first; row < end; row++) {
        const uint16_t *r = data + row * columns;
        __m512 a0 = _mm512_setzero_ps(), a1 = _mm512_setzero_ps(), a2 = _mm512_setzero_ps(), a3 = _mm512_setzero_ps();
        long base = 0;
        for (; base + 64 <= full; base += 64) {
            SEAM_PREFETCH(r + base);
            SEAM_PREFETCH(r + base + 32);
            __m512i w = _mm512_loadu_si512((const void *)(r + base));
            __m512i v = _mm512_loadu_si512((const void *)(r + base + 32));
            a0 = _mm512_fmadd_ps(_mm512_castsi512_ps(_mm512_slli_epi32(w, 16)), _mm512_loadu_ps(xp + base), a0);
            a1 = _mm512_fmadd_ps(_mm512_castsi512_ps(_mm512_and_si512(w, high)), _mm512_loadu_ps(xp + base + 16), a1);
            a2 = _mm512_fmadd_ps(_mm512_castsi512_ps(_mm512_slli_epi32(v, 16)), _mm512_loadu_ps(xp + base + 32), a2);
            a3 = _mm512_fmadd_ps(_mm512_castsi512_ps(_mm512_and_si512(v, high)), _mm512_loadu_ps(xp + base + 48), a3);
        }
        if (base < full) {
            __m512i w = _mm512_loadu_si512((const void *)(r + base));
            a0 = _mm512_fmadd_ps(_mm512_castsi512_ps(_mm512_slli_epi32(w, 16)), _mm512_loadu_ps(xp + base), a0);
            a1 = _mm512_fmadd_ps(_mm512_castsi512_ps(_mm512_and_si512(w, high)), _mm512_loadu_ps(xp + base + 16), a1);
        }
        float sum = _mm512_reduce_add_ps(_mm512_add_ps(_mm512_add_ps(a0, a1), _mm512_add_ps(a2, a3)));
        for (long column = full; column < columns; column++) sum += seam_float_bits((uint32_t)r[column] << 16) * xp[column];
        y[row] = sum;
    }
}

// MARK: - Row decoding (products with several vectors)

SEAM_AVX512 static void seam_fp8_decode_row_avx512(const uint8_t *codes, const uint8_t *scales, long columns, long row, float *out) {
    const long scaleColumns = (columns + 127) / 128;
    const uint8_t *bandScales = scales + (row / 128) * scaleColumns;
    const uint8_t *r = codes + row * columns;
    const long full = columns / 64 * 64;
    const __m512i mask = _mm512_set1_epi32((int)0x87F00000u);
    const __m512i top = _mm512_set1_epi8((char)0x80), all = _mm512_set1_epi8((char)0xFF);
    for (long base = 0; base < full; base += 64) {
        uint32_t scale = bandScales[base / 128];
        __m512i w = _mm512_loadu_si512((const void *)(r + base));
        if (scale + 120 > 254 || _mm512_cmpeq_epi8_mask(_mm512_or_si512(w, top), all) != 0) {
            seam_decode_exact(SEAM_KERNELS_AVX512, SEAM_FORMAT_FP8, codes, scales, columns, row, base, base + 64, out);
            continue;
        }
        __m512 factor = _mm512_castsi512_ps(_mm512_set1_epi32((int)((scale + 120) << 23)));
        _mm512_storeu_ps(out + base, _mm512_mul_ps(SEAM_FP8_LANE_AVX512(w, 0, mask), factor));
        _mm512_storeu_ps(out + base + 16, _mm512_mul_ps(SEAM_FP8_LANE_AVX512(w, 1, mask), factor));
        _mm512_storeu_ps(out + base + 32, _mm512_mul_ps(SEAM_FP8_LANE_AVX512(w, 2, mask), factor));
        _mm512_storeu_ps(out + base + 48, _mm512_mul_ps(SEAM_FP8_LANE_AVX512(w, 3, mask), factor));
    }
    seam_decode_exact(SEAM_KERNELS_AVX512, SEAM_FORMAT_FP8, codes, scales, columns, row, full, columns, out);
}

SEAM_AVX512 static void seam_fp4_decode_row_avx512(const uint8_t *codes, const uint8_t *scales, long columns, long row, float *out) {
    const __m512 table = _mm512_loadu_ps(seam_fp4_values);
    const __m512i spread = _mm512_setr_epi32(0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3);
    const long full = columns / 128 * 128;
    const long groups = columns / 32;
    const uint8_t *r = codes + row * (columns / 2);
    const uint8_t *s = scales + row * groups;
    if (seam_fp4_unusual_scales_avx512(s, groups)) {
        seam_decode_exact(SEAM_KERNELS_AVX512, SEAM_FORMAT_FP4, codes, scales, columns, row, 0, columns, out);
        return;
    }
    for (long base = 0; base < full; base += 128) {
        __m512i w = _mm512_loadu_si512((const void *)(r + base / 2));
        uint32_t four;
        memcpy(&four, s + base / 32, sizeof four);
        __m512i exponents = _mm512_permutexvar_epi32(spread, _mm512_cvtepu8_epi32(_mm_cvtsi32_si128((int)four)));
        __m512 scale = _mm512_castsi512_ps(_mm512_slli_epi32(exponents, 23));
        _mm512_storeu_ps(out + base, _mm512_mul_ps(_mm512_permutexvar_ps(w, table), scale));
        _mm512_storeu_ps(out + base + 16, _mm512_mul_ps(SEAM_FP4_LANE_AVX512(w, 1, table), scale));
        _mm512_storeu_ps(out + base + 32, _mm512_mul_ps(SEAM_FP4_LANE_AVX512(w, 2, table), scale));
        _mm512_storeu_ps(out + base + 48, _mm512_mul_ps(SEAM_FP4_LANE_AVX512(w, 3, table), scale));
        _mm512_storeu_ps(out + base + 64, _mm512_mul_ps(SEAM_FP4_LANE_AVX512(w, 4, table), scale));
        _mm512_storeu_ps(out + base + 80, _mm512_mul_ps(SEAM_FP4_LANE_AVX512(w, 5, table), scale));
        _mm512_storeu_ps(out + base + 96, _mm512_mul_ps(SEAM_FP4_LANE_AVX512(w, 6, table), scale));
        _mm512_storeu_ps(out + base + 112, _mm512_mul_ps(SEAM_FP4_LANE_AVX512(w, 7, table), scale));
    }
    seam_decode_exact(SEAM_KERNELS_AVX512, SEAM_FORMAT_FP4, codes, scales, columns, row, full, columns, out);
}

SEAM_AVX512 static void seam_bf16_decode_row_avx512(const uint16_t *data, long columns, long row, float *out) {
    const long full = columns / 32 * 32;
    const __m512i high = _mm512_set1_epi32((int)0xFFFF0000u);
    const uint16_t *r = data + row * columns;
    for (long base = 0; base < full; base += 32) {
        __m512i w = _mm512_loadu_si512((const void *)(r + base));
        _mm512_storeu_ps(out + base, _mm512_castsi512_ps(_mm512_slli_epi32(w, 16)));
        _mm512_storeu_ps(out + base + 16, _mm512_castsi512_ps(_mm512_and_si512(w, high)));
    }
    seam_decode_exact(SEAM_KERNELS_AVX512, SEAM_FORMAT_BF16, data, NULL, columns, row, full, columns, out);
}

SEAM_AVX512 void seam_decode_rows_avx512(int format, const void *data, const uint8_t *scales, long columns, long first, long end, float *out) {
    for (long row = first; row < end; row++) {
        float *target = out + (row - first) * columns;
        switch (format) {
        case SEAM_FORMAT_FP8: seam_fp8_decode_row_avx512((const uint8_t *)data, scales, columns, row, target); break;
        case SEAM_FORMAT_FP4: seam_fp4_decode_row_avx512((const uint8_t *)data, scales, columns, row, target); break;
        default: seam_bf16_decode_row_avx512((const uint16_t *)data, columns, row, target); break;
        }
    }
}

// MARK: - Streaming read

SEAM_AVX512 float seam_stream_sum_avx512(const float *data, long count) {
    __m512 a0 = _mm512_setzero_ps(), a1 = _mm512_setzero_ps(), a2 = _mm512_setzero_ps(), a3 = _mm512_setzero_ps();
    long index = 0;
    for (; index + 64 <= count; index += 64) {
        a0 = _mm512_add_ps(a0, _mm512_loadu_ps(data + index));
        a1 = _mm512_add_ps(a1, _mm512_loadu_ps(data + index + 16));
        a2 = _mm512_add_ps(a2, _mm512_loadu_ps(data + index + 32));
        a3 = _mm512_add_ps(a3, _mm512_loadu_ps(data + index + 48));
    }
    float sum = _mm512_reduce_add_ps(_mm512_add_ps(_mm512_add_ps(a0, a1), _mm512_add_ps(a2, a3)));
    for (; index < count; index++) sum += data[index];
    return sum;
}

#endif
