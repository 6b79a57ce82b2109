#if canImport(Glibc)
import Glibc  // expf, log1pf: the C math library (the standard library has no exp)
#endif

/// Small SIMD kernels over `Float` vectors (dot, axpy, RMS norm, softmax, activations).
package enum VectorMath {
    /// `Σ a[i]·b[i]` for `i < count`.
    @inlinable
    package static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count: Int) -> Float {
        let rawA = UnsafeRawPointer(a)
        let rawB = UnsafeRawPointer(b)
        var sum0 = SIMD16<Float>()
        var sum1 = SIMD16<Float>()
        var index = 0
        while index + 32 <= count {
            sum0 += rawA.loadUnaligned(fromByteOffset: index * 4, as: SIMD16<Float>.self) * rawB.loadUnaligned(fromByteOffset: index * 4, as: SIMD16<Float>.self)
            sum1 += rawA.loadUnaligned(fromByteOffset: index * 4 + 64, as: SIMD16<Float>.self) * rawB.loadUnaligned(fromByteOffset: index * 4 + 64, as: SIMD16<Float>.self)
            index += 32
        }
        while index + 16 <= count {
            sum0 += rawA.loadUnaligned(fromByteOffset: index * 4, as: SIMD16<Float>.self) * rawB.loadUnaligned(fromByteOffset: index * 4, as: SIMD16<Float>.self)
            index += 16
        }
        var sum = (sum0 + sum1).sum()
        while index < count {
            sum += a[index] * b[index]
            index += 1
        }
        return sum
    }

    /// `y[i] += alpha · x[i]`.
    @inlinable
    package static func addScaled(_ x: UnsafePointer<Float>, _ alpha: Float, into y: UnsafeMutablePointer<Float>, count: Int) {
        let rawX = UnsafeRawPointer(x)
        let rawY = UnsafeMutableRawPointer(y)
        var index = 0
        while index + 16 <= count {
            let sum = rawY.loadUnaligned(fromByteOffset: index * 4, as: SIMD16<Float>.self) + rawX.loadUnaligned(fromByteOffset: index * 4, as: SIMD16<Float>.self) * alpha
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
