#if canImport(Glibc)
import Glibc  // cosf, sinf, powf, log, floor, ceil
#endif
import Checkpoint

/// Interleaved partial RoPE on the last `dimension` entries of a vector (deepseek-v4.md §4.2).
///
/// Pairs `(v[n−rd+2i], v[n−rd+2i+1])` rotate by `t·ω_i`. Window-only layers use
/// `ω_i = rope_theta^(−2i/rd)`; compressed layers, their compressors and indexers use
/// `compress_rope_theta` with YaRN (no attention scaling: the V4 reference applies no mscale).
/// The frequencies and angles are computed in `Float` the way the fp32 reference
/// (transformers' `_compute_yarn_parameters` and rotary forward) computes them, so angles agree
/// to the last bit at any position.
package struct RotaryEmbedding: Sendable {
    /// rd: the rotated width (even).
    package let dimension: Int
    /// ω_i for i < rd/2.
    package let frequencies: [Float]

    /// Plain RoPE with `base`.
    package init(dimension: Int, base: Double) {
        self.dimension = dimension
        let baseF = Float(base)
        self.frequencies = (0..<(dimension / 2)).map { i in 1 / powf(baseF, Float(2 * i) / Float(dimension)) }
    }

    /// YaRN-scaled RoPE with `base` (transformers `_compute_yarn_parameters`, truncate = true).
    package init(dimension: Int, base: Double, yarn: ModelConfiguration.RopeScaling) {
        self.dimension = dimension
        let half = dimension / 2
        let baseF = Float(base)
        let factor = Float(yarn.factor)
        func correctionDimension(_ rotations: Double) -> Double {
            Double(dimension) * log(Double(yarn.originalMaxPositionEmbeddings) / (rotations * 2 * Double.pi)) / (2 * log(base))
        }
        var low = floor(correctionDimension(yarn.betaFast))
        var high = ceil(correctionDimension(yarn.betaSlow))
        low = max(low, 0)
        high = min(high, Double(dimension - 1))
        if low == high { high += 0.001 }
        self.frequencies = (0..<half).map { i in
            let positionFrequency = powf(baseF, Float(2 * i) / Float(dimension))
            let extrapolation = 1 / positionFrequency
            let interpolation = 1 / (factor * positionFrequency)
            let ramp = min(max((Float(i) - Float(low)) / (Float(high) - Float(low)), 0), 1)
            let extrapolationFactor = 1 - ramp
            return interpolation * (1 - extrapolationFactor) + extrapolation * extrapolationFactor
        }
    }

    /// The frequencies main layer `layer` uses (and its compressor and indexer).
    package static func forLayer(_ layer: Int, configuration c: ModelConfiguration) -> RotaryEmbedding {
        if c.compressRatio(layer: layer) == 0 {
            return RotaryEmbedding(dimension: c.ropeDimension, base: c.ropeTheta)
        }
        if let yarn = c.ropeScaling {
            return RotaryEmbedding(dimension: c.ropeDimension, base: c.compressRopeTheta, yarn: yarn)
        }
        return RotaryEmbedding(dimension: c.ropeDimension, base: c.compressRopeTheta)
    }

    /// Writes cos and sin of `position·ω_i` for every pair (`cosines`, `sines` hold rd/2).
    @inlinable
    package func angles(position: Int, cosines: UnsafeMutablePointer<Float>, sines: UnsafeMutablePointer<Float>) {
        let t = Float(position)
        for i in 0..<(self.dimension / 2) {
            let angle = t * self.frequencies[i]
            cosines[i] = cosf(angle)
            sines[i] = sinf(angle)
        }
    }

    /// Rotates the last rd entries of `vector[0..<count]` by the given angles (`inverse`
    /// rotates backwards: the conjugate).
    @inlinable
    package func rotate(_ vector: UnsafeMutablePointer<Float>, count: Int, cosines: UnsafePointer<Float>, sines: UnsafePointer<Float>, inverse: Bool = false) {
        let start = count - self.dimension
        for i in 0..<(self.dimension / 2) {
            let x = vector[start + 2 * i]
            let y = vector[start + 2 * i + 1]
            let c = cosines[i]
            let s = inverse ? -sines[i] : sines[i]
            vector[start + 2 * i] = x * c - y * s
            vector[start + 2 * i + 1] = y * c + x * s
        }
    }
}
