/// The element types a checkpoint tensor may have, named as safetensors names them.
///
/// `f8e4m3` is OCP FP8 E4M3 ("fn": no infinities, S.1111.111 is NaN); `f8e8m0` is the unsigned
/// exponent-only scale format (UE8M0: value 2^(byte − 127), 255 is NaN). FP4 E2M1 weights have no
/// dtype of their own: checkpoints store them two per byte in `i8` tensors.
package enum DType: String, Sendable, CaseIterable, Hashable, Comparable {
    case f32 = "F32"
    case bf16 = "BF16"
    case f16 = "F16"
    case f8e4m3 = "F8_E4M3"
    case f8e8m0 = "F8_E8M0"
    case i8 = "I8"
    case i32 = "I32"
    case i64 = "I64"

    /// Bytes per element.
    package var byteSize: Int {
        switch self {
        case .f32, .i32: 4
        case .bf16, .f16: 2
        case .f8e4m3, .f8e8m0, .i8: 1
        case .i64: 8
        }
    }

    /// True for the floating-point types a dense (unquantised) weight may use.
    package var isDenseFloat: Bool {
        self == .f32 || self == .bf16 || self == .f16
    }

    /// The safetensors name (`BF16`).
    package var name: String { self.rawValue }

    /// Orders dtypes as declared (for stable listings).
    package static func < (lhs: DType, rhs: DType) -> Bool {
        (Self.allCases.firstIndex(of: lhs) ?? 0) < (Self.allCases.firstIndex(of: rhs) ?? 0)
    }
}
