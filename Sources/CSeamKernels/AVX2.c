// AVX2 + FMA kernels (8 lanes of 32 bits).
//
// FP8 E4M3: a code moved to the top byte of its lane and shifted right arithmetically by 4 lands
// its exponent at the bottom of binary32's exponent field and its mantissa at the top of the
// mantissa, with the sign in bit 31 (masking clears the sign copies): the bit pattern is the value
// times 2^-120, exactly, subnormal codes included (they become binary32 subnormals). The 2^120 and
// the block scale are folded into the input once per 128-row band, so a weight costs one shift pair,
// one AND and one FMA per 8 lanes. Rows with a NaN code (S.1111.111) give NaN.
//
// FP4 E2M1: the low and high nibbles are looked up (vpshufb) in a 16-entry table of 2 × value as
// int8, sign-extended to 32 bits (vpmovsxbd) and converted; each 32-column group's partial sum is
// multiplied once by its scale 2^(s − 128).
//
// bf16: a shift or a mask makes each half of a 32-bit lane a float.

#if defined(__x86_64__)

#include "Internal.h"

#include <immintrin.h>

#define SEAM_AVX2 __attribute__((target("avx2,fma,f16c")))

SEAM_AVX2 static inline float seam_hsum256(__m256 v) {
    __m128 four = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    __m128 two = _mm_add_ps(four, _mm_movehl_ps(four, four));
    __m128 one = _mm_add_ss(two, _mm_movehdup_ps(two));
    return _mm_cvtss_f32(one);
}

// MARK: - FP8

/// `xs = xp · 2^(s − 7)` per 32-column block for one band; false when a product is not finite
/// (a scale above 2^7 or an infinite input), in which case the band's rows take the exact path.
SEAM_AVX2 static int seam_fp8_prepare_avx2(const uint8_t *bandScales, long full, const float *xp, float *xs) {
    __m256i bad = _mm256_setzero_si256();
    const __m256i exponentMask = _mm256_set1_epi32(0x7F800000);
    for (long base = 0; base < full; base += 32) {
        uint32_t scale = bandScales[base / 128];
        if (scale + 120 > 254) return 0;
        __m256 factor = _mm256_castsi256_ps(_mm256_set1_epi32((int)((scale + 120) << 23)));
        for (long offset = 0; offset < 32; offset += 8) {
            __m256 value = _mm256_mul_ps(_mm256_loadu_ps(xp + base + offset), factor);
            _mm256_storeu_ps(xs + base + offset, value);
            __m256i exponent = _mm256_and_si256(_mm256_castps_si256(value), exponentMask);
            bad = _mm256_or_si256(bad, _mm256_cmpeq_epi32(exponent, exponentMask));
        }
    }
    return _mm256_testz_si256(bad, bad);
}

/// Byte `k` of every lane of `w` as a float times 2^-120.
#define SEAM_FP8_LANE_AVX2(w, k, mask) \
    _mm256_castsi256_ps(_mm256_and_si256(_mm256_srai_epi32(_mm256_slli_epi32((w), 24 - 8 * (k)), 4), (mask)))

SEAM_AVX2 void seam_fp8_rows_avx2(
    const uint8_t *codes, const uint8_t *scales, long columns, const float *xp, float *xs, long first, long end, float *y) {
    const long scaleColumns = (columns + 127) / 128;
    const long full = columns / 32 * 32;
    const __m256i mask = _mm256_set1_epi32((int)0x87F00000u);
    const __m256i top = _mm256_set1_epi8((char)0x80);
    long preparedBand = -1;
    int bandFast = 0;
    for (long row = first; row < end; row++) {
        const long band = row / 128;
        const uint8_t *bandScales = scales + band * scaleColumns;
        if (band != preparedBand) {
            bandFast = seam_fp8_prepare_avx2(bandScales, full, xp, xs);
            preparedBand = band;
        }
        const uint8_t *r = codes + row * columns;
        if (!bandFast) {
            y[row] = seam_fp8_row_exact(SEAM_KERNELS_AVX2, r, bandScales, columns, xp);
            continue;
        }
        __m256 a0 = _mm256_setzero_ps(), a1 = _mm256_setzero_ps(), a2 = _mm256_setzero_ps(), a3 = _mm256_setzero_ps();
        __m256i nan = _mm256_setzero_si256();
        for (long base = 0; base < full; base += 32) {
            if ((base & 32) == 0) SEAM_PREFETCH(r + base);
            __m256i w = _mm256_loadu_si256((const __m256i *)(r + base));
            nan = _mm256_max_epu8(nan, _mm256_or_si256(w, top));
            a0 = _mm256_fmadd_ps(SEAM_FP8_LANE_AVX2(w, 0, mask), _mm256_loadu_ps(xs + base), a0);
            a1 = _mm256_fmadd_ps(SEAM_FP8_LANE_AVX2(w, 1, mask), _mm256_loadu_ps(xs + base + 8), a1);
            a2 = _mm256_fmadd_ps(SEAM_FP8_LANE_AVX2(w, 2, mask), _mm256_loadu_ps(xs + base + 16), a2);
            a3 = _mm256_fmadd_ps(SEAM_FP8_LANE_AVX2(w, 3, mask), _mm256_loadu_ps(xs + base + 24), a3);
        }
        float sum = seam_hsum256(_mm256_add_ps(_mm256_add_ps(a0, a1), _mm256_add_ps(a2, a3)));
        for (long column = full; column < columns; column++) {
            sum += seam_e4m3(r[column]) * seam_e8m0(bandScales[column / 128]) * xp[column];
        }
        // a byte of 0xFF in `nan` means some code had all seven magnitude bits set: a NaN code
        if (_mm256_movemask_epi8(_mm256_cmpeq_epi8(nan, _mm256_set1_epi8((char)0xFF))) != 0) sum = NAN;
        y[row] = sum;
    }
}

// MARK: - FP4

/// 2^(s − 128) for every UE8M0 byte s (the FP4 table holds twice the E2M1 values).
static float seam_fp4_scales[256];

__attribute__((constructor)) static void seam_fill_fp4_scales(void) {
    for (int s = 0; s < 256; s++) seam_fp4_scales[s] = s == 255 ? NAN : ldexpf(1.0f, s - 128);
}

/// Twice the E2M1 values, as int8, in both 128-bit halves.
static const int8_t seam_fp4_twice[32] = {
    0, 1, 2, 3, 4, 6, 8, 12, 0, -1, -2, -3, -4, -6, -8, -12, 0, 1, 2, 3, 4, 6, 8, 12, 0, -1, -2, -3, -4, -6, -8, -12,
};

/// Eight int8 at `p` as floats.
#define SEAM_I8X8_AVX2(p) _mm256_cvtepi32_ps(_mm256_cvtepi8_epi32(_mm_loadl_epi64((const __m128i *)(p))))

SEAM_AVX2 void seam_fp4_rows_avx2(
    const uint8_t *codes, const uint8_t *scales, long columns, const float *xp, long first, long end, float *y) {
    const __m256i table = _mm256_loadu_si256((const __m256i *)seam_fp4_twice);
    const __m256i low = _mm256_set1_epi8(0x0F);
    const long full = columns / 64 * 64;
    _Alignas(32) int8_t decoded[64];
    for (long row = first; row < end; row++) {
        const uint8_t *r = codes + row * (columns / 2);
        const uint8_t *s = scales + row * (columns / 32);
        __m256 acc0 = _mm256_setzero_ps(), acc1 = _mm256_setzero_ps();
        long base = 0;
        for (; base < full; base += 64) {
            if ((base & 64) == 0) SEAM_PREFETCH(r + base / 2);
            __m256i w = _mm256_loadu_si256((const __m256i *)(r + base / 2));
            _mm256_store_si256((__m256i *)decoded, _mm256_shuffle_epi8(table, _mm256_and_si256(w, low)));
            _mm256_store_si256((__m256i *)(decoded + 32), _mm256_shuffle_epi8(table, _mm256_and_si256(_mm256_srli_epi16(w, 4), low)));
            // decoded[i] (i < 32) is column base + 2i; decoded[32 + i] is column base + 2i + 1
            __m256 groupA = _mm256_mul_ps(SEAM_I8X8_AVX2(decoded), _mm256_loadu_ps(xp + base));
            __m256 groupA2 = _mm256_mul_ps(SEAM_I8X8_AVX2(decoded + 8), _mm256_loadu_ps(xp + base + 16));
            groupA = _mm256_fmadd_ps(SEAM_I8X8_AVX2(decoded + 32), _mm256_loadu_ps(xp + base + 8), groupA);
            groupA2 = _mm256_fmadd_ps(SEAM_I8X8_AVX2(decoded + 40), _mm256_loadu_ps(xp + base + 24), groupA2);
            __m256 groupB = _mm256_mul_ps(SEAM_I8X8_AVX2(decoded + 16), _mm256_loadu_ps(xp + base + 32));
            __m256 groupB2 = _mm256_mul_ps(SEAM_I8X8_AVX2(decoded + 24), _mm256_loadu_ps(xp + base + 48));
            groupB = _mm256_fmadd_ps(SEAM_I8X8_AVX2(decoded + 48), _mm256_loadu_ps(xp + base + 40), groupB);
            groupB2 = _mm256_fmadd_ps(SEAM_I8X8_AVX2(decoded + 56), _mm256_loadu_ps(xp + base + 56), groupB2);
            acc0 = _mm256_fmadd_ps(_mm256_add_ps(groupA, groupA2), _mm256_broadcast_ss(&seam_fp4_scales[s[base / 32]]), acc0);
            acc1 = _mm256_fmadd_ps(_mm256_add_ps(groupB, groupB2), _mm256_broadcast_ss(&seam_fp4_scales[s[base / 32 + 1]]), acc1);
        }
        if (base < columns) {  // one 32-column group left
            __m128i w = _mm_loadu_si128((const __m128i *)(r + base / 2));
            __m128i table128 = _mm256_castsi256_si128(table);
            _mm_store_si128((__m128i *)decoded, _mm_shuffle_epi8(table128, _mm_and_si128(w, _mm256_castsi256_si128(low))));
            _mm_store_si128(
                (__m128i *)(decoded + 32),
                _mm_shuffle_epi8(table128, _mm_and_si128(_mm_srli_epi16(w, 4), _mm256_castsi256_si128(low))));
            __m256 group = _mm256_mul_ps(SEAM_I8X8_AVX2(decoded), _mm256_loadu_ps(xp + base));
            __m256 group2 = _mm256_mul_ps(SEAM_I8X8_AVX2(decoded + 8), _mm256_loadu_ps(xp + base + 16));
            group = _mm256_fmadd_ps(SEAM_I8X8_AVX2(decoded + 32), _mm256_loadu_ps(xp + base + 8), group);
            group2 = _mm256_fmadd_ps(SEAM_I8X8_AVX2(decoded + 40), _mm256_loadu_ps(xp + base + 24), group2);
            acc0 = _mm256_fmadd_ps(_mm256_add_ps(group, group2), _mm256_broadcast_ss(&seam_fp4_scales[s[base / 32]]), acc0);
        }
        y[row] = seam_hsum256(_mm256_add_ps(acc0, acc1));
    }
}

// MARK: - bf16

SEAM_AVX2 void seam_bf16_rows_avx2(const uint16_t *data, long columns, const float *xp, long first, long end, float *y) {
    const long full = columns / 16 * 16;
    const __m256i high = _mm256_set1_epi32((int)0xFFFF0000u);
    for (long row = first; row < end; row++) {
        const uint16_t *r = data + row * columns;
        __m256 a0 = _mm256_setzero_ps(), a1 = _mm256_setzero_ps(), a2 = _mm256_setzero_ps(), a3 = _mm256_setzero_ps();
        long base = 0;
        for (; base + 32 <= full; base += 32) {
            SEAM_PREFETCH(r + base);
            __m256i w = _mm256_loadu_si256((const __m256i *)(r + base));
            __m256i v = _mm256_loadu_si256((const __m256i *)(r + base + 16));
            a0 = _mm256_fmadd_ps(_mm256_castsi256_ps(_mm256_slli_epi32(w, 16)), _mm256_loadu_ps(xp + base), a0);
            a1 = _mm256_fmadd_ps(_mm256_castsi256_ps(_mm256_and_si256(w, high)), _mm256_loadu_ps(xp + base + 8), a1);
            a2 = _mm256_fmadd_ps(_mm256_castsi256_ps(_mm256_slli_epi32(v, 16)), _mm256_loadu_ps(xp + base + 16), a2);
            a3 = _mm256_fmadd_ps(_mm256_castsi256_ps(_mm256_and_si256(v, high)), _mm256_loadu_ps(xp + base + 24), a3);
        }
        if (base < full) {
            __m256i w = _mm256_loadu_si256((const __m256i *)(r + base));
            a0 = _mm256_fmadd_ps(_mm256_castsi256_ps(_mm256_slli_epi32(w, 16)), _mm256_loadu_ps(xp + base), a0);
            a1 = _mm256_fmadd_ps(_mm256_castsi256_ps(_mm256_and_si256(w, high)), _mm256_loadu_ps(xp + base + 8), a1);
        }
        float sum = seam_hsum256(_mm256_add_ps(_mm256_add_ps(a0, a1), _mm256_add_ps(a2, a3)));
        for (long column = full; column < columns; column++) sum += seam_float_bits((uint32_t)r[column] << 16) * xp[column];
        y[row] = sum;
    }
}

// MARK: - Row decoding (products with several vectors)

SEAM_AVX2 static void seam_fp8_decode_row_avx2(const uint8_t *codes, const uint8_t *scales, long columns, long row, float *out) {
    const long scaleColumns = (columns + 127) / 128;
    const uint8_t *bandScales = scales + (row / 128) * scaleColumns;
    const uint8_t *r = codes + row * columns;
    const long full = columns / 32 * 32;
    const __m256i mask = _mm256_set1_epi32((int)0x87F00000u);
    const __m256i top = _mm256_set1_epi8((char)0x80), all = _mm256_set1_epi8((char)0xFF);
    for (long base = 0; base < full; base += 32) {
        uint32_t scale = bandScales[base / 128];
        __m256i w = _mm256_loadu_si256((const __m256i *)(r + base));
        if (scale + 120 > 254 || _mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_or_si256(w, top), all)) != 0) {
            seam_decode_exact(SEAM_KERNELS_AVX2, SEAM_FORMAT_FP8, codes, scales, columns, row, base, base + 32, out);
            continue;
        }
        __m256 factor = _mm256_castsi256_ps(_mm256_set1_epi32((int)((scale + 120) << 23)));
        _mm256_storeu_ps(out + base, _mm256_mul_ps(SEAM_FP8_LANE_AVX2(w, 0, mask), factor));
        _mm256_storeu_ps(out + base + 8, _mm256_mul_ps(SEAM_FP8_LANE_AVX2(w, 1, mask), factor));
        _mm256_storeu_ps(out + base + 16, _mm256_mul_ps(SEAM_FP8_LANE_AVX2(w, 2, mask), factor));
        _mm256_storeu_ps(out + base + 24, _mm256_mul_ps(SEAM_FP8_LANE_AVX2(w, 3, mask), factor));
    }
    seam_decode_exact(SEAM_KERNELS_AVX2, SEAM_FORMAT_FP8, codes, scales, columns, row, full, columns, out);
}

SEAM_AVX2 static void seam_fp4_decode_row_avx2(const uint8_t *codes, const uint8_t *scales, long columns, long row, float *out) {
    const __m256i table = _mm256_loadu_si256((const __m256i *)seam_fp4_twice);
    const __m128i table128 = _mm256_castsi256_si128(table);
    const __m128i low = _mm_set1_epi8(0x0F);
    const uint8_t *r = codes + row * (columns / 2);
    const uint8_t *s = scales + row * (columns / 32);
    _Alignas(32) int8_t decoded[64];
    // group by group (32 columns, 16 bytes): decoded[i] is column base + 2i, decoded[32 + i] column base + 2i + 1
    for (long base = 0; base < columns; base += 32) {
        __m128i w = _mm_loadu_si128((const __m128i *)(r + base / 2));
        _mm_store_si128((__m128i *)decoded, _mm_shuffle_epi8(table128, _mm_and_si128(w, low)));
        _mm_store_si128((__m128i *)(decoded + 32), _mm_shuffle_epi8(table128, _mm_and_si128(_mm_srli_epi16(w, 4), low)));
        __m256 scale = _mm256_broadcast_ss(&seam_fp4_scales[s[base / 32]]);
        _mm256_storeu_ps(out + base, _mm256_mul_ps(SEAM_I8X8_AVX2(decoded), scale));
        _mm256_storeu_ps(out + base + 8, _mm256_mul_ps(SEAM_I8X8_AVX2(decoded + 32), scale));
        _mm256_storeu_ps(out + base + 16, _mm256_mul_ps(SEAM_I8X8_AVX2(decoded + 8), scale));
        _mm256_storeu_ps(out + base + 24, _mm256_mul_ps(SEAM_I8X8_AVX2(decoded + 40), scale));
    }
}

SEAM_AVX2 static void seam_bf16_decode_row_avx2(const uint16_t *data, long columns, long row, float *out) {
    const long full = columns / 16 * 16;
    const __m256i high = _mm256_set1_epi32((int)0xFFFF0000u);
    const uint16_t *r = data + row * columns;
    for (long base = 0; base < full; base += 16) {
        __m256i w = _mm256_loadu_si256((const __m256i *)(r + base));
        _mm256_storeu_ps(out + base, _mm256_castsi256_ps(_mm256_slli_epi32(w, 16)));
        _mm256_storeu_ps(out + base + 8, _mm256_castsi256_ps(_mm256_and_si256(w, high)));
    }
    seam_decode_exact(SEAM_KERNELS_AVX2, SEAM_FORMAT_BF16, data, NULL, columns, row, full, columns, out);
}

SEAM_AVX2 void seam_decode_rows_avx2(int format, const void *data, const uint8_t *scales, long columns, long first, long end, float *out) {
    for (long row = first; row < end; row++) {
        float *target = out + (row - first) * columns;
        switch (format) {
        case SEAM_FORMAT_FP8: seam_fp8_decode_row_avx2((const uint8_t *)data, scales, columns, row, target); break;
        case SEAM_FORMAT_FP4: seam_fp4_decode_row_avx2((const uint8_t *)data, scales, columns, row, target); break;
        default: seam_bf16_decode_row_avx2((const uint16_t *)data, columns, row, target); break;
        }
    }
}

// MARK: - Streaming read

SEAM_AVX2 float seam_stream_sum_avx2(const float *data, long count) {
    __m256 a0 = _mm256_setzero_ps(), a1 = _mm256_setzero_ps(), a2 = _mm256_setzero_ps(), a3 = _mm256_setzero_ps();
    long index = 0;
    for (; index + 32 <= count; index += 32) {
        a0 = _mm256_add_ps(a0, _mm256_loadu_ps(data + index));
        a1 = _mm256_add_ps(a1, _mm256_loadu_ps(data + index + 8));
        a2 = _mm256_add_ps(a2, _mm256_loadu_ps(data + index + 16));
        a3 = _mm256_add_ps(a3, _mm256_loadu_ps(data + index + 24));
    }
    float sum = seam_hsum256(_mm256_add_ps(_mm256_add_ps(a0, a1), _mm256_add_ps(a2, a3)));
    for (; index < count; index++) sum += data[index];
    return sum;
}

#endif
