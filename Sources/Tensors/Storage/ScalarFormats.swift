/// Exact scalar conversions between the stored number formats and `Float`.
///
/// These are the definitions the SIMD kernels are tested against. Sources: the OCP 8-bit
/// floating point specification (E4M3, E8M0), the OCP microscaling formats (E2M1), and
/// `convert.py` of DeepSeek-V4 for the packing of FP4 (low nibble first).
package enum ScalarFormats {
    /// BF16 (the top half of an IEEE binary32) to `Float`. Exact.
    @inlinable
    package static func bfloat16ToFloat(_ bits: UInt16) -> Float {
        Float(bitPattern: UInt32(bits) << 16)
    }

    /// `Float` to BF16 with round-to-nearest-even; NaN stays NaN.
    @inlinable
    package static func floatToBFloat16(_ value: Float) -> UInt16 {
        let bits = value.bitPattern
        if value.isNaN { return UInt16(truncatingIfNeeded: bits >> 16) | 0x0040 }
        let rounding = UInt32(0x7FFF) + ((bits >> 16) & 1)
        return UInt16(truncatingIfNeeded: (bits &+ rounding) >> 16)
    }

    /// IEEE binary16 to `Float`. Exact.
    @inlinable
    package static func float16ToFloat(_ bits: UInt16) -> Float {
        let sign: Float = bits & 0x8000 != 0 ? -1 : 1
        let exponent = Int((bits >> 10) & 0x1F)
        let mantissa = Float(bits & 0x3FF)
        switch exponent {
        case 0: return sign * mantissa * 0x1p-24
        case 31: return mantissa == 0 ? sign * .infinity : .nan
        default: return sign * (1 + mantissa / 1024) * Float(sign: .plus, exponent: exponent - 15, significand: 1)
        }
    }

    /// FP8 E4M3 ("fn" variant: bias 7, no infinities, 0x7F and 0xFF are NaN) to `Float`. Exact.
    @inlinable
    package static func e4m3ToFloat(_ byte: UInt8) -> Float {
        let sign: Float = byte & 0x80 != 0 ? -1 : 1
        let exponent = Int((byte >> 3) & 0xF)
        let mantissa = Float(byte & 0x7)
        if exponent == 15 && byte & 0x7 == 7 { return .nan }
        if exponent == 0 { return sign * mantissa * 0x1p-9 }
        return sign * (1 + mantissa / 8) * Float(sign: .plus, exponent: exponent - 7, significand: 1)
    }

    /// UE8M0 (exponent only, bias 127; 255 is NaN) to `Float`: 2^(byte − 127). Exact, including
    /// byte 0, which is the subnormal 2^-127.
    @inlinable
    package static func e8m0ToFloat(_ byte: UInt8) -> Float {
        if byte == 255 { return .nan }
        return Float(sign: .plus, exponent: Int(byte) - 127, significand: 1)
    }

    /// The magnitudes of FP4 E2M1 codes 0–7; codes 8–15 are the same values negated (bit 3 is the sign).
    package static let e2m1Magnitudes: [Float] = [0, 0.5, 1, 1.5, 2, 3, 4, 6]

    /// FP4 E2M1 code (low four bits of `code`) to `Float`. Exact.
    @inlinable
    package static func e2m1ToFloat(_ code: UInt8) -> Float {
        let magnitude = Self.e2m1Magnitudes[Int(code & 7)]
        return code & 8 != 0 ? -magnitude : magnitude
    }

    /// Element `index` of a row of FP4 codes packed two per byte, low nibble first.
    @inlinable
    package static func packedE2M1(_ bytes: UnsafePointer<UInt8>, _ index: Int) -> Float {
        let byte = bytes[index >> 1]
        return self.e2m1ToFloat(index & 1 == 0 ? byte & 0xF : byte >> 4)
    }

    /// `Float` to the nearest FP8 E4M3 value (ties to even), saturating at ±448. For tests and
    /// tools that write quantised tensors.
    package static func floatToE4M3(_ value: Float) -> UInt8 {
        if value.isNaN { return 0x7F }
        var best: UInt8 = 0
        var bestError = Float.infinity
        for code in UInt8(0)...UInt8(0x7E) {
            let error = abs(self.e4m3ToFloat(code) - abs(value))
            if error < bestError || (error == bestError && code & 1 == 0) {
                best = code
                bestError = error
            }
        }
        return value.sign == .minus ? best | 0x80 : best
    }
}
