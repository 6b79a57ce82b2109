#if canImport(Glibc)
import Glibc  // expf, log1pf: the C math library (the standard library has no exp)
#endif

/// Small SIMD kernels over `Float` vectors (dot, axpy, RMS norm, softmax, activations).
///
/// Products accumulate with fused multiply-adds (`addingProduct`); the kernel modules are
/// compiled for FMA hardware (Package.swift), where that is one instruction.
package enum VectorMath {
    /// The sum of the lanes, by halving (the standard library's `sum()` is a generic call that
    /// adds lane by lane; kernels finish every row with one of these).
    @inlinable
    @inline(__always)
    package static func horizontalSum(_ v: SIMD16<Float>) -> Float {
        let halves = unsafeBitCast(v, to: (SIMD8<Float>, SIMD8<Float>).self)
        return self.horizontalSum(halves.0 + halves.1)
    }

    /// The sum of the lanes, by halving.
    @inlinable
    @inline(__always)
    package static func horizontalSum(_ v: SIMD8<Float>) -> Float {
        let quarters = unsafeBitCast(v, to: (SIMD4<Float>, SIMD4<Float>).self)
        let four = quarters.0 + quarters.1
        let pairs = unsafeBitCast(four, to: (SIMD2<Float>, SIMD2<Float>).self)
        let two = pairs.0 + pairs.1
        return two[0] + two[1]
    }

    /// `Σ a[i]·b[i]` for `i < count`.
    @inlinable
    package static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count: Int) -> Float {
        let rawA = UnsafeRawPointer(a)
        let rawB = UnsafeRawPointer(b)
        var sum0 = SIMD16<Float>()
        var sum1 = SIMD16<Float>()
        var index = 0
        while index + 32 <= count {
            sum0 = sum0.addingProduct(rawA.loadUnaligned(fromByteOffset: index * 4, as: SIMD16<Float>.self), rawB.loadUnaligned(fromByteOffset: index * 4, as: SIMD16<Float>.self))
            sum1 = sum1.addingProduct(rawA.loadUnaligned(fromByteOffset: index * 4 + 64, as: SIMD16<Float>.self), rawB.loadUnaligned(fromByteOffset: index * 4 + 64, as: SIMD16<Float>.self))
            index += 32
        }
        while index + 16 <= count {
            sum0 = sum0.addingProduct(rawA.loadUnaligned(fromByteOffset: index * 4, as: SIMD16<Float>.self), rawB.loadUnaligned(fromByteOffset: index * 4, as: SIMD16<Float>.self))
            index += 16
        }
        var sum = Self.horizontalSum(sum0 + sum1)
        while index < count {
            sum += a[index] * b[index]
            index += 1
        }
        return sum
    }

    /// Twelve dot products at once: rows `a0…a2` with vectors `x`, `x + stride`, `x + 2·stride`,
    /// `x + 3·stride`, over `count` (a multiple of 8) elements, into `out` row-major [3, 4].
    /// A register-blocked micro-kernel (3 × 4 accumulators of 8 lanes, fused multiply-adds)
    /// for products with many vectors: each loaded element is used four or three times.
    @inlinable
    package static func dot3x4(
        _ a0: UnsafePointer<Float>, _ a1: UnsafePointer<Float>, _ a2: UnsafePointer<Float>, _ x: UnsafePointer<Float>, stride: Int, count: Int,
        into out: UnsafeMutablePointer<Float>
    ) {
        let r0 = UnsafeRawPointer(a0)
        let r1 = UnsafeRawPointer(a1)
        let r2 = UnsafeRawPointer(a2)
        let x0 = UnsafeRawPointer(x)
        let x1 = UnsafeRawPointer(x + stride)
        let x2 = UnsafeRawPointer(x + 2 * stride)
        let x3 = UnsafeRawPointer(x + 3 * stride)
        var s00 = SIMD8<Float>(), s01 = SIMD8<Float>(), s02 = SIMD8<Float>(), s03 = SIMD8<Float>()
        var s10 = SIMD8<Float>(), s11 = SIMD8<Float>(), s12 = SIMD8<Float>(), s13 = SIMD8<Float>()
        var s20 = SIMD8<Float>(), s21 = SIMD8<Float>(), s22 = SIMD8<Float>(), s23 = SIMD8<Float>()
        var offset = 0
        let end = count * 4
        while offset < end {
            let w0 = r0.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
            let w1 = r1.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
            let w2 = r2.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
            var v = x0.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
            s00 = s00.addingProduct(w0, v)
            s10 = s10.addingProduct(w1, v)
            s20 = s20.addingProduct(w2, v)
            v = x1.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
            s01 = s01.addingProduct(w0, v)
            s11 = s11.addingProduct(w1, v)
            s21 = s21.addingProduct(w2, v)
            v = x2.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
            s02 = s02.addingProduct(w0, v)
            s12 = s12.addingProduct(w1, v)
            s22 = s22.addingProduct(w2, v)
            v = x3.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
            s03 = s03.addingProduct(w0, v)
            s13 = s13.addingProduct(w1, v)
            s23 = s23.addingProduct(w2, v)
            offset += 32
        }
        out[0] = Self.horizontalSum(s00); out[1] = Self.horizontalSum(s01); out[2] = Self.horizontalSum(s02); out[3] = Self.horizontalSum(s03)
        out[4] = Self.horizontalSum(s10); out[5] = Self.horizontalSum(s11); out[6] = Self.horizontalSum(s12); out[7] = Self.horizontalSum(s13)
        out[8] = Self.horizontalSum(s20); out[9] = Self.horizontalSum(s21); out[10] = Self.horizontalSum(s22); out[11] = Self.horizontalSum(s23)
    }

    /// `y[i] += alpha · x[i]`.
    @inlinable
    package static func addScaled(_ x: UnsafePointer<Float>, _ alpha: Float, into y: UnsafeMutablePointer<Float>, count: Int) {
        let rawX = UnsafeRawPointer(x)
        let rawY = UnsafeMutableRawPointer(y)
        var index = 0
        while index + 16 <= count {
            let sum = rawY.loadUnaligned(fromByteOffset: index * 4, as: SIMD16<Float>.self).addingProduct(rawX.loadUnaligned(fromByteOffset: index * 4, as: SIMD16<Float>.self), alpha)
            rawY.storeBytes(of: sum, toByteOffset: index * 4, as: SIMD16<Float>.self)
            index += 16
        }
        while index < count {
            y[index] += alpha * x[index]
            index += 1
        }
    }

    /// `x[i] *= alpha`.
    @inlinable
    package static func scale(_ x: UnsafeMutablePointer<Float>, by alpha: Float, count: Int) {
        for index in 0..<count { x[index] *= alpha }
    }

    /// `Σ x[i]²`.
    @inlinable
    package static func sumOfSquares(_ x: UnsafePointer<Float>, count: Int) -> Float {
        self.dot(x, x, count: count)
    }

    /// RMS normalisation: `out[i] = x[i] / sqrt(mean(x²) + eps) · weight[i]` (no weight when nil).
    /// `out` may equal `x`.
    @inlinable
    package static func rmsNorm(_ x: UnsafePointer<Float>, weight: UnsafePointer<Float>?, epsilon: Float, count: Int, into out: UnsafeMutablePointer<Float>) {
        let meanSquare = self.sumOfSquares(x, count: count) / Float(count)
        let factor = 1 / (meanSquare + epsilon).squareRoot()
        if let weight {
            for index in 0..<count { out[index] = x[index] * factor * weight[index] }
        } else {
            for index in 0..<count { out[index] = x[index] * factor }
        }
    }

    /// In-place softmax over `x[0..<count]` (max-subtracted).
    @inlinable
    package static func softmax(_ x: UnsafeMutablePointer<Float>, count: Int) {
        guard count > 0 else { return }
        var maximum = -Float.infinity
        for index in 0..<count { maximum = max(maximum, x[index]) }
        var sum: Float = 0
        for index in 0..<count {
            let value = expf(x[index] - maximum)
            x[index] = value
            sum += value
        }
        let inverse = 1 / sum
        for index in 0..<count { x[index] *= inverse }
    }

    /// The index of the largest element (the first on ties).
    @inlinable
    package static func argmax(_ x: UnsafePointer<Float>, count: Int) -> Int {
        var best = 0
        for index in 1..<max(1, count) where x[index] > x[best] { best = index }
        return best
    }

    /// `silu(x) = x · sigmoid(x)`.
    @inlinable
    package static func silu(_ x: Float) -> Float {
        x / (1 + expf(-x))
    }

    /// `sigmoid(x)`.
    @inlinable
    package static func sigmoid(_ x: Float) -> Float {
        1 / (1 + expf(-x))
    }

    /// `softplus(x) = log(1 + e^x)`, computed without overflow (PyTorch returns x above 20).
    @inlinable
    package static func softplus(_ x: Float) -> Float {
        x > 20 ? x : log1pf(expf(x))
    }
}
