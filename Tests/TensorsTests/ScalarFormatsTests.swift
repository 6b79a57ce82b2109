import Testing

@testable import Tensors

@Suite("Scalar number formats")
struct ScalarFormatsTests {
    @Test("FP8 E4M3 codes decode to their hand-computed values")
    func e4m3() {
        #expect(ScalarFormats.e4m3ToFloat(0x00) == 0)
        #expect(ScalarFormats.e4m3ToFloat(0x80) == 0 && ScalarFormats.e4m3ToFloat(0x80).sign == .minus)
        #expect(ScalarFormats.e4m3ToFloat(0x01) == 0x1p-9)  // smallest subnormal: 1/8 · 2^-6
        #expect(ScalarFormats.e4m3ToFloat(0x07) == 7 * 0x1p-9)  // largest subnormal
        #expect(ScalarFormats.e4m3ToFloat(0x08) == 0x1p-6)  // smallest normal
        #expect(ScalarFormats.e4m3ToFloat(0x38) == 1)  // exponent 7 = bias
        #expect(ScalarFormats.e4m3ToFloat(0x3C) == 1.5)
        #expect(ScalarFormats.e4m3ToFloat(0x40) == 2)
        #expect(ScalarFormats.e4m3ToFloat(0xC4) == -3)  // 1.100b · 2^1, negative
        #expect(ScalarFormats.e4m3ToFloat(0x7E) == 448)  // largest finite
        #expect(ScalarFormats.e4m3ToFloat(0xFE) == -448)
        #expect(ScalarFormats.e4m3ToFloat(0x7F).isNaN)
        #expect(ScalarFormats.e4m3ToFloat(0xFF).isNaN)
    }

    @Test("UE8M0 scales are exact powers of two, 255 is NaN")
    func e8m0() {
        #expect(ScalarFormats.e8m0ToFloat(127) == 1)
        #expect(ScalarFormats.e8m0ToFloat(128) == 2)
        #expect(ScalarFormats.e8m0ToFloat(120) == 0x1p-7)
        #expect(ScalarFormats.e8m0ToFloat(254) == 0x1p127)
        #expect(ScalarFormats.e8m0ToFloat(0) == 0x1p-127)
        #expect(ScalarFormats.e8m0ToFloat(255).isNaN)
    }

    @Test("FP4 E2M1 codes follow the table 0, .5, 1, 1.5, 2, 3, 4, 6 with bit 3 as the sign")
    func e2m1() {
        let expected: [Float] = [0, 0.5, 1, 1.5, 2, 3, 4, 6, -0, -0.5, -1, -1.5, -2, -3, -4, -6]
        for code in 0..<16 { #expect(ScalarFormats.e2m1ToFloat(UInt8(code)) == expected[code]) }
        // byte 0x2B holds code 0xB (element 0, low nibble) and code 0x2 (element 1, high nibble)
        var bytes: [UInt8] = [0x2B, 0xF7]
        bytes.withUnsafeMutableBufferPointer { buffer in
            let base = UnsafePointer(buffer.baseAddress!)  // safe: two elements
            #expect(ScalarFormats.packedE2M1(base, 0) == -1.5)
            #expect(ScalarFormats.packedE2M1(base, 1) == 1)
            #expect(ScalarFormats.packedE2M1(base, 2) == 6)
            #expect(ScalarFormats.packedE2M1(base, 3) == -6)
        }
    }

    @Test("BF16 and F16 decode exactly and BF16 rounds to nearest even")
    func halfFormats() {
        #expect(ScalarFormats.bfloat16ToFloat(0x3F80) == 1)
        #expect(ScalarFormats.bfloat16ToFloat(0xC000) == -2)
        #expect(ScalarFormats.floatToBFloat16(1) == 0x3F80)
        #expect(ScalarFormats.floatToBFloat16(Float(bitPattern: 0x3F80_8000)) == 0x3F80)  // tie → even
        #expect(ScalarFormats.floatToBFloat16(Float(bitPattern: 0x3F81_8000)) == 0x3F82)  // tie → even
        #expect(ScalarFormats.floatToBFloat16(Float(bitPattern: 0x3F80_8001)) == 0x3F81)
        #expect(ScalarFormats.float16ToFloat(0x3C00) == 1)
        #expect(ScalarFormats.float16ToFloat(0xC500) == -5)
        #expect(ScalarFormats.float16ToFloat(0x0001) == 0x1p-24)
        #expect(ScalarFormats.float16ToFloat(0x7C00) == .infinity)
        #expect(ScalarFormats.float16ToFloat(0x7E00).isNaN)
    }

    @Test("rounding to E4M3 inverts decoding on every finite code")
    func e4m3RoundTrip() {
        for code in 0..<256 where code & 0x7F != 0x7F {
            let value = ScalarFormats.e4m3ToFloat(UInt8(code))
            let back = ScalarFormats.floatToE4M3(value)
            #expect(ScalarFormats.e4m3ToFloat(back) == value)
        }
    }
}
