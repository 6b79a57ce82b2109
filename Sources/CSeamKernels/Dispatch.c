// Level detection, lane orders, and the entry points that route a call to its level's kernel.

#include "Internal.h"

#if defined(__x86_64__)
#include <cpuid.h>

/// The extended control register XCR0 (which register states the OS saves).
static uint64_t seam_xgetbv(void) {
    uint32_t low, high;
    __asm__ volatile("xgetbv" : "=a"(low), "=d"(high) : "c"(0));
    return ((uint64_t)high << 32) | low;
}

static int seam_detect_level(void) {
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d)) return SEAM_KERNELS_PORTABLE;
    int fma = (c >> 12) & 1, osxsave = (c >> 27) & 1, avx = (c >> 28) & 1, f16c = (c >> 29) & 1;
    if (!(fma && osxsave && avx && f16c)) return SEAM_KERNELS_PORTABLE;
    uint64_t xcr0 = seam_xgetbv();
    if ((xcr0 & 0x6) != 0x6) return SEAM_KERNELS_PORTABLE;  // SSE and AVX state
    if (__get_cpuid_max(0, 0) < 7) return SEAM_KERNELS_PORTABLE;
    __cpuid_count(7, 0, a, b, c, d);
    int avx2 = (b >> 5) & 1;
    if (!avx2) return SEAM_KERNELS_PORTABLE;
    int avx512f = (b >> 16) & 1, avx512dq = (b >> 17) & 1, avx512bw = (b >> 30) & 1, avx512vl = (b >> 31) & 1;
    int zmmState = (xcr0 & 0xE0) == 0xE0;  // opmask, upper halves of zmm0–15, zmm16–31
    if (avx512f && avx512dq && avx512bw && avx512vl && zmmState) return SEAM_KERNELS_AVX512;
    return SEAM_KERNELS_AVX2;
}
#else
static int seam_detect_level(void) { return SEAM_KERNELS_PORTABLE; }
#endif

int seam_kernels_best_level(void) {
    static int level = -1;
    int known = __atomic_load_n(&level, __ATOMIC_RELAXED);
    if (known < 0) {
        known = seam_detect_level();
        __atomic_store_n(&level, known, __ATOMIC_RELAXED);
    }
    return known;
}

int seam_kernels_level_supported(int level) {
    return level >= SEAM_KERNELS_PORTABLE && level <= seam_kernels_best_level();
}

void seam_layout(int level, int format, long *perLane, long *lanes) {
    *lanes = level == SEAM_KERNELS_AVX512 ? 16 : 8;
    switch (format) {
    case SEAM_FORMAT_BF16: *perLane = 2; break;
    case SEAM_FORMAT_FP8: *perLane = 4; break;
    default:  // FP4: AVX2 splits bytes into low and high nibbles (2 per lane), AVX-512 keeps 8 per lane
        *perLane = level == SEAM_KERNELS_AVX512 ? 8 : 2;
        break;
    }
}

long seam_kernels_block_columns(int level, int format) {
    if (level <= SEAM_KERNELS_PORTABLE) return 0;
    long perLane, lanes;
    seam_layout(level, format, &perLane, &lanes);
    return perLane * lanes;
}

void seam_kernels_permute(int level, int format, const float *x, long columns, float *out) {
    long perLane, lanes;
    seam_layout(level, format, &perLane, &lanes);
    long block = perLane * lanes;
    long full = columns / block * block;
    for (long base = 0; base < full; base += block) {
        for (long j = 0; j < lanes; j++) {
            for (long k = 0; k < perLane; k++) out[base + k * lanes + j] = x[base + perLane * j + k];
        }
    }
    for (long column = full; column < columns; column++) out[column] = x[column];
}

float seam_fp8_row_exact(int level, const uint8_t *row, const uint8_t *bandScales, long columns, const float *xp) {
    long perLane, lanes;
    seam_layout(level, SEAM_FORMAT_FP8, &perLane, &lanes);
    long full = columns / (perLane * lanes) * (perLane * lanes);
    float sum = 0;
    for (long column = 0; column < columns; column++) {
        float weight = seam_e4m3(row[column]) * seam_e8m0(bandScales[column / 128]);
        sum += weight * xp[seam_position(column, perLane, lanes, full)];
    }
    return sum;
}

float seam_fp4_row_exact(int level, const uint8_t *row, const uint8_t *rowScales, long columns, const float *xp) {
    long perLane, lanes;
    seam_layout(level, SEAM_FORMAT_FP4, &perLane, &lanes);
    long full = columns / (perLane * lanes) * (perLane * lanes);
    float sum = 0;
    for (long column = 0; column < columns; column++) {
        uint8_t byte = row[column / 2];
        float weight = seam_e2m1((column & 1) ? byte >> 4 : byte & 15) * seam_e8m0(rowScales[column / 32]);
        sum += weight * xp[seam_position(column, perLane, lanes, full)];
    }
    return sum;
}

void seam_kernels_fp8_rows(
    int level, const uint8_t *codes, const uint8_t *scales, long columns, const float *xp, float *xs, long first, long end,
    float *y) {
#if defined(__x86_64__)
    if (level == SEAM_KERNELS_AVX512) {
        seam_fp8_rows_avx512(codes, scales, columns, xp, xs, first, end, y);
        return;
    }
    if (level == SEAM_KERNELS_AVX2) {
        seam_fp8_rows_avx2(codes, scales, columns, xp, xs, first, end, y);
        return;
    }
#endif
    (void)xs;
    long scaleColumns = (columns + 127) / 128;
    for (long row = first; row < end; row++) {
        y[row] = seam_fp8_row_exact(level, codes + row * columns, scales + (row / 128) * scaleColumns, columns, xp);
    }
}

void seam_kernels_fp4_rows(
    int level, const uint8_t *codes, const uint8_t *scales, long columns, const float *xp, long first, long end, float *y) {
#if defined(__x86_64__)
    if (level == SEAM_KERNELS_AVX512) {
        seam_fp4_rows_avx512(codes, scales, columns, xp, first, end, y);
        return;
    }
    if (level == SEAM_KERNELS_AVX2) {
        seam_fp4_rows_avx2(codes, scales, columns, xp, first, end, y);
        return;
    }
#endif
    for (long row = first; row < end; row++) {
        y[row] = seam_fp4_row_exact(level, codes + row * (columns / 2), scales + row * (columns / 32), columns, xp);
    }
}

void seam_kernels_bf16_rows(int level, const uint16_t *data, long columns, const float *xp, long first, long end, float *y) {
#if defined(__x86_64__)
    if (level == SEAM_KERNELS_AVX512) {
        seam_bf16_rows_avx512(data, columns, xp, first, end, y);
        return;
    }
    if (level == SEAM_KERNELS_AVX2) {
        seam_bf16_rows_avx2(data, columns, xp, first, end, y);
        return;
    }
#endif
    long perLane, lanes;
    seam_layout(level, SEAM_FORMAT_BF16, &perLane, &lanes);
    long full = columns / (perLane * lanes) * (perLane * lanes);
    for (long row = first; row < end; row++) {
        float sum = 0;
        for (long column = 0; column < columns; column++) {
            float weight = seam_float_bits((uint32_t)data[row * columns + column] << 16);
            sum += weight * xp[seam_position(column, perLane, lanes, full)];
        }
        y[row] = sum;
    }
}

float seam_kernels_stream_sum(int level, const float *data, long count) {
#if defined(__x86_64__)
    if (level == SEAM_KERNELS_AVX512) return seam_stream_sum_avx512(data, count);
    if (level == SEAM_KERNELS_AVX2) return seam_stream_sum_avx2(data, count);
#endif
    float sum = 0;
    for (long index = 0; index < count; index++) sum += data[index];
    return sum;
}

void seam_decode_exact(
    int level, int format, const void *data, const uint8_t *scales, long columns, long row, long from, long to, float *out) {
    long perLane, lanes;
    seam_layout(level, format, &perLane, &lanes);
    long full = columns / (perLane * lanes) * (perLane * lanes);
    for (long column = from; column < to; column++) {
        float value;
        switch (format) {
        case SEAM_FORMAT_BF16:
            value = seam_float_bits((uint32_t)((const uint16_t *)data)[row * columns + column] << 16);
            break;
        case SEAM_FORMAT_FP8:
            value = seam_e4m3(((const uint8_t *)data)[row * columns + column]) * seam_e8m0(scales[(row / 128) * ((columns + 127) / 128) + column / 128]);
            break;
        default: {
            uint8_t byte = ((const uint8_t *)data)[row * (columns / 2) + column / 2];
            value = seam_e2m1((column & 1) ? byte >> 4 : byte & 15) * seam_e8m0(scales[row * (columns / 32) + column / 32]);
            break;
        }
        }
        out[seam_position(column, perLane, lanes, full)] = value;
    }
}

void seam_kernels_decode_rows(
    int level, int format, const void *data, const uint8_t *scales, long columns, long first, long end, float *out) {
#if defined(__x86_64__)
    if (level == SEAM_KERNELS_AVX512) {
        seam_decode_rows_avx512(format, data, scales, columns, first, end, out);
        return;
    }
    if (level == SEAM_KERNELS_AVX2) {
        seam_decode_rows_avx2(format, data, scales, columns, first, end, out);
        return;
    }
#endif
    for (long row = first; row < end; row++) seam_decode_exact(level, format, data, scales, columns, row, 0, columns, out + (row - first) * columns);
}
