/// SIMD decoders from 32-bit lanes to `Float` lanes, exact for every finite code.
///
/// Each lane holds one packed code in its low bits (the callers shift the loaded words so the
/// wanted byte or nibble is lowest). Denormal `Float`s never appear as intermediates (they cost
/// a microcode assist per instruction on x86): subnormal codes are rebuilt from a normal value.
enum LaneDecoding {
    /// FP8 E4M3 in the low byte of each lane. The NaN codes (S.1111.111) decode to ±480, which
    /// real checkpoints never contain; `ScalarFormats.e4m3ToFloat` is the exact reference.
    @inline(__always)
    static func e4m3(_ word: SIMD16<UInt32>) -> SIMD16<Float> {
        let magnitude = word & 0x7F
        // exponent field + 120 rebiases E4M3 (bias 7) to binary32 (bias 127)
        let normal = unsafeBitCast((magnitude &<< 20) &+ 0x3C00_0000, to: SIMD16<Float>.self)
        // subnormal codes (exponent 0): value = m·2^-9 = 2·(normal − 2^-7)
        let isSubnormal = ((magnitude &+ 0x78) &>> 7) ^ 1
        let one = unsafeBitCast((0 &- isSubnormal) & 0x3F80_0000, to: SIMD16<Float>.self)
        let value = normal + one * (normal - 0x1p-6)
        let sign = (word & 0x80) &<< 24
        return unsafeBitCast(unsafeBitCast(value, to: SIMD16<UInt32>.self) | sign, to: SIMD16<Float>.self)
    }

    /// FP4 E2M1 in the low nibble of each lane.
    @inline(__always)
    static func e2m1(_ word: SIMD16<UInt32>) -> SIMD16<Float> {
        let magnitude = word & 7
        // exponent field + 126 rebiases E2M1 (bias 1) to binary32
        let normal = unsafeBitCast((magnitude &<< 22) &+ 0x3F00_0000, to: SIMD16<Float>.self)
        // codes 0 and 1 (exponent 0): value = 0.5·m = 2·normal − 1
        let isSubnormal = ((magnitude &+ 6) &>> 3) ^ 1
        let one = unsafeBitCast((0 &- isSubnormal) & 0x3F80_0000, to: SIMD16<Float>.self)
        let value = normal + one * (normal - 1)
        let sign = (word & 8) &<< 28
        return unsafeBitCast(unsafeBitCast(value, to: SIMD16<UInt32>.self) | sign, to: SIMD16<Float>.self)
    }

    /// Shift pattern that puts scale byte `lane / 4` of a 32-bit word into lane `lane`.
    static let groupShifts = SIMD16<UInt32>(0, 0, 0, 0, 8, 8, 8, 8, 16, 16, 16, 16, 24, 24, 24, 24)

    /// Four UE8M0 scale bytes (one word) as 2^(s − 127), each repeated over 4 lanes. Exact,
    /// including s = 0 (2^-127) and s = 255 (NaN).
    @inline(__always)
    static func e8m0Groups(_ word: UInt32) -> SIMD16<Float> {
        let bytes = (SIMD16<UInt32>(repeating: word) &>> Self.groupShifts) & 0xFF
        let isZero = ((bytes &+ 0xFF) &>> 8) ^ 1
        let isNaN = (bytes &+ 1) &>> 8
        let bits = (bytes &<< 23) | ((isZero | isNaN) &<< 22)
        return unsafeBitCast(bits, to: SIMD16<Float>.self)
    }
}

/// 2^(s − 127) for every UE8M0 byte s, as a table the kernels index.
final class ScaleTable: @unchecked Sendable {
    // @unchecked: filled once in init, read-only afterwards.

    /// The table shared by every kernel.
    static let shared = ScaleTable()

    /// 256 floats; entry 255 is NaN, entry 0 is 2^-127.
    let pointer: UnsafePointer<Float>

    private init() {
        let table = UnsafeMutablePointer<Float>.allocate(capacity: 256)
        for byte in 0..<256 { table[byte] = ScalarFormats.e8m0ToFloat(UInt8(byte)) }
        self.pointer = UnsafePointer(table)
    }
}
