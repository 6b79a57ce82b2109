#if canImport(Glibc)
import Glibc  // expf, sqrtf
#endif
import Checkpoint
import Tensors

/// A naive, obviously correct DeepSeek-V4 forward pass over a whole sequence from position 0,
/// written straight from deepseek-v4.md §4 (and checked against transformers' modeling code):
/// no cache, no scratch reuse, every weight dequantised to `Float`, every sum in `Double`.
///
/// Tests use it to check the engine's fast path; it is far too slow for real checkpoints.
package final class ReferenceModel: @unchecked Sendable {
    // @unchecked: immutable after init (the lazily dequantised weights are filled under no
    // concurrency: the reference runs on one thread).

    /// The checkpoint's config.
    package let configuration: ModelConfiguration
    private let weights: CheckpointWeights
    private var dense: [String: [Float]] = [:]

    /// A reference model over verified checkpoint weights.
    package init(weights: CheckpointWeights, configuration: ModelConfiguration) {
        self.weights = weights
        self.configuration = configuration
    }

    /// Loads `directory` through the weight table.
    package convenience init(directory: String) throws {
        let checkpoint = try CheckpointDirectory(path: directory)
        let weights = try WeightTable(configuration: checkpoint.configuration).verify(checkpoint)
        self.init(weights: weights, configuration: checkpoint.configuration)
    }

    // MARK: - Weights

    private func tensor(_ name: String) -> [Float] {
        if let cached = self.dense[name] { return cached }
        let values: [Float]
        if let tensor = self.weights.tensors[name], tensor.format != nil {
            values = self.weights.matrix(name).dequantized()
        } else {
            values = self.weights.floats(name)
        }
        self.dense[name] = values
        return values
    }

    /// `W · x` for `W` row-major `[rows, x.count]`.
    private func linear(_ name: String, _ x: [Float]) -> [Float] {
        let w = self.tensor(name)
        let columns = x.count
        let rows = w.count / columns
        return self.linear(w, rows: rows, columns: columns, x, rowOffset: 0)
    }

    private func linear(_ w: [Float], rows: Int, columns: Int, _ x: [Float], rowOffset: Int) -> [Float] {
        (0..<rows).map { row in
            var sum = 0.0
            let base = (rowOffset + row) * columns
            for column in 0..<columns { sum += Double(w[base + column]) * Double(x[column]) }
            return Float(sum)
        }
    }

    private func rmsNorm(_ x: [Float], weight: [Float]?) -> [Float] {
        var meanSquare = 0.0
        for value in x { meanSquare += Double(value) * Double(value) }
        let factor = Float(1 / (meanSquare / Double(x.count) + self.configuration.rmsNormEpsilon).squareRoot())
        return x.indices.map { index in x[index] * factor * (weight?[index] ?? 1) }
    }

    private func rope(_ x: inout [Float], _ rotary: RotaryEmbedding, position: Int, inverse: Bool = false) {
        let half = rotary.dimension / 2
        var cosines = [Float](repeating: 0, count: half)
        var sines = [Float](repeating: 0, count: half)
        cosines.withUnsafeMutableBufferPointer { c in
            sines.withUnsafeMutableBufferPointer { s in
                rotary.angles(position: position, cosines: c.baseAddress!, sines: s.baseAddress!)  // safe: half ≥ 1
            }
        }
        let count = x.count
        x.withUnsafeMutableBufferPointer { v in
            rotary.rotate(v.baseAddress!, count: count, cosines: cosines, sines: sines, inverse: inverse)  // safe: count ≥ rd
        }
    }

    // MARK: - Forward

    /// Logits for every position of `tokens` (fed from position 0): `[tokens.count][vocab]`.
    package func logits(_ tokens: [Int]) -> [[Float]] {
        let c = self.configuration
        let d = c.hiddenSize
        let hc = c.hyperConnectionCount
        let embedding = self.tensor("embed.weight")
        var streams: [[[Float]]] = tokens.map { token in
            let row = Array(embedding[(token * d)..<((token + 1) * d)])
            return Array(repeating: row, count: hc)
        }
        for layer in 0..<c.layerCount {
            let p = "layers.\(layer)."
            // attention sub-layer
            var mixes = streams.map { self.hyperConnection($0, prefix: p + "hc_attn") }
            let attentionInputs = mixes.map { self.rmsNorm($0.collapsed, weight: self.tensor(p + "attn_norm.weight")) }
            let attentionOutputs = self.attention(layer: layer, inputs: attentionInputs)
            for t in streams.indices { streams[t] = self.expand(streams[t], mixes[t], attentionOutputs[t]) }
            // MoE sub-layer
            mixes = streams.map { self.hyperConnection($0, prefix: p + "hc_ffn") }
            for t in streams.indices {
                let x = self.rmsNorm(mixes[t].collapsed, weight: self.tensor(p + "ffn_norm.weight"))
                let y = self.moe(layer: layer, x, token: tokens[t])
                streams[t] = self.expand(streams[t], mixes[t], y)
            }
        }
        return streams.map { x in
            let h = self.headCollapse(x)
            let normed = self.rmsNorm(h, weight: self.tensor("norm.weight"))
            return self.linear(c.tieWordEmbeddings ? "embed.weight" : "head.weight", normed)
        }
    }

    // MARK: - mHC

    private struct Mix {
        var post: [Float]
        var combination: [[Float]]  // [j][k]
        var collapsed: [Float]
    }

    /// Pre-step of mHC (§4.1): pre/post weights, the Sinkhorn-normalised combination C, and the
    /// collapsed sub-layer input Σ pre_j X_j.
    private func hyperConnection(_ x: [[Float]], prefix: String) -> Mix {
        let c = self.configuration
        let hc = c.hyperConnectionCount
        let eps = Float(c.hyperConnectionEpsilon)
        let flat = self.rmsNorm(x.flatMap { $0 }, weight: nil)
        let m = self.linear(prefix + "_fn", flat)
        let base = self.tensor(prefix + "_base")
        let scale = self.tensor(prefix + "_scale")
        let pre = (0..<hc).map { j in sigmoid(m[j] * scale[0] + base[j]) + eps }
        let post = (0..<hc).map { j in 2 * sigmoid(m[hc + j] * scale[1] + base[hc + j]) }
        var comb = (0..<hc).map { j in (0..<hc).map { k in m[2 * hc + j * hc + k] * scale[2] + base[2 * hc + j * hc + k] } }
        for j in 0..<hc {
            let maximum = comb[j].max() ?? 0
            let exps = comb[j].map { expf($0 - maximum) }
            let sum = exps.reduce(0, +)
            comb[j] = exps.map { $0 / sum + eps }
        }
        func normalizeColumns() {
            for k in 0..<hc {
                var sum: Float = 0
                for j in 0..<hc { sum += comb[j][k] }
                for j in 0..<hc { comb[j][k] /= sum + eps }
            }
        }
        func normalizeRows() {
            for j in 0..<hc {
                var sum: Float = 0
                for k in 0..<hc { sum += comb[j][k] }
                for k in 0..<hc { comb[j][k] /= sum + eps }
            }
        }
        normalizeColumns()
        for _ in 1..<max(1, c.sinkhornIterations) {
            normalizeRows()
            normalizeColumns()
        }
        var collapsed = [Float](repeating: 0, count: c.hiddenSize)
        for j in 0..<hc {
            for i in 0..<c.hiddenSize { collapsed[i] += pre[j] * x[j][i] }
        }
        return Mix(post: post, combination: comb, collapsed: collapsed)
    }

    /// Post-step: X'_k = post_k · y + Σ_j C[j,k] X_j (note Cᵀ).
    private func expand(_ x: [[Float]], _ mix: Mix, _ y: [Float]) -> [[Float]] {
        let hc = x.count
        return (0..<hc).map { k in
            (0..<y.count).map { i in
                var value = mix.post[k] * y[i]
                for j in 0..<hc { value += mix.combination[j][k] * x[j][i] }
                return value
            }
        }
    }

    private func headCollapse(_ x: [[Float]]) -> [Float] {
        let c = self.configuration
        let hc = c.hyperConnectionCount
        let flat = self.rmsNorm(x.flatMap { $0 }, weight: nil)
        let m = self.linear("hc_head_fn", flat)
        let base = self.tensor("hc_head_base")
        let scale = self.tensor("hc_head_scale")
        var h = [Float](repeating: 0, count: c.hiddenSize)
        for j in 0..<hc {
            let pre = sigmoid(m[j] * scale[0] + base[j]) + Float(c.hyperConnectionEpsilon)
            for i in 0..<c.hiddenSize { h[i] += pre * x[j][i] }
        }
        return h
    }

    // MARK: - Attention

    /// The attention sub-layer for every position (§4.3).
    private func attention(layer: Int, inputs x: [[Float]]) -> [[Float]] {
        let c = self.configuration
        let p = "layers.\(layer).attn."
        let count = x.count
        let heads = c.headCount
        let width = c.headDimension
        let rotary = RotaryEmbedding.forLayer(layer, configuration: c)
        let ratio = c.compressRatio(layer: layer)
        var queries: [[[Float]]] = []
        var queryLatents: [[Float]] = []
        var keys: [[Float]] = []
        for t in 0..<count {
            let latent = self.rmsNorm(self.linear(p + "wq_a.weight", x[t]), weight: self.tensor(p + "q_norm.weight"))
            queryLatents.append(latent)
            let q = self.linear(p + "wq_b.weight", latent)
            queries.append((0..<heads).map { h in
                var head = self.rmsNorm(Array(q[(h * width)..<((h + 1) * width)]), weight: nil)
                self.rope(&head, rotary, position: t)
                return head
            })
            var key = self.rmsNorm(self.linear(p + "wkv.weight", x[t]), weight: self.tensor(p + "kv_norm.weight"))
            self.rope(&key, rotary, position: t)
            keys.append(key)
        }
        let entries = ratio > 0 ? self.compress(prefix: p + "compressor.", inputs: x, ratio: ratio, width: width, rotary: rotary) : []
        var selected: [[Int]] = Array(repeating: [], count: count)
        if ratio == 4 {
            selected = self.index(prefix: p + "indexer.", inputs: x, latents: queryLatents, rotary: rotary)
        } else if ratio > 0 {
            selected = (0..<count).map { t in Array(0..<min(entries.count, (t + 1) / ratio)) }
        }
        let sinks = self.tensor(p + "attn_sink")
        let scale = 1 / Double(width).squareRoot()
        var outputs: [[Float]] = []
        for t in 0..<count {
            var candidates: [[Float]] = []
            for s in max(0, t - c.slidingWindow + 1)...t { candidates.append(keys[s]) }
            for w in selected[t] { candidates.append(entries[w]) }
            var attended = [Float]()
            attended.reserveCapacity(heads * width)
            for h in 0..<heads {
                let scores = candidates.map { key in
                    var dot = 0.0
                    for i in 0..<width { dot += Double(queries[t][h][i]) * Double(key[i]) }
                    return dot * scale
                }
                let maximum = max(scores.max() ?? -.infinity, Double(sinks[h]))
                let exps = scores.map { exp($0 - maximum) }
                let denominator = exps.reduce(0, +) + exp(Double(sinks[h]) - maximum)
                var o = [Float](repeating: 0, count: width)
                for (j, key) in candidates.enumerated() {
                    let weight = exps[j] / denominator
                    for i in 0..<width { o[i] += Float(weight * Double(key[i])) }
                }
                self.rope(&o, rotary, position: t, inverse: true)
                attended.append(contentsOf: o)
            }
            // grouped low-rank output: z_g = wo_a[g] · o_g, out = wo_b · concat(z)
            let groups = c.outputGroups
            let groupWidth = heads * width / groups
            let woA = self.tensor(p + "wo_a.weight")
            var z: [Float] = []
            for g in 0..<groups {
                let og = Array(attended[(g * groupWidth)..<((g + 1) * groupWidth)])
                z += self.linear(woA, rows: c.outputRank, columns: groupWidth, og, rowOffset: g * c.outputRank)
            }
            outputs.append(self.linear(p + "wo_b.weight", z))
        }
        return outputs
    }

    /// Compressed entries of a compressor (§4.3 step 3): CSA (ratio 4) pools 8 overlapping
    /// slots, HCA pools m; then weighted RMS norm and RoPE at position w·m.
    private func compress(prefix: String, inputs x: [[Float]], ratio: Int, width: Int, rotary: RotaryEmbedding) -> [[Float]] {
        let overlap = ratio == 4
        let coff = overlap ? 2 : 1
        let ape = self.tensor(prefix + "ape")
        let a = x.map { self.linear(prefix + "wkv.weight", $0) }
        let g = x.indices.map { s in
            let gate = self.linear(prefix + "wgate.weight", x[s])
            return gate.indices.map { gate[$0] + ape[(s % ratio) * coff * width + $0] }
        }
        let norm = self.tensor(prefix + "norm.weight")
        return (0..<(x.count / ratio)).map { w in
            var entry = [Float](repeating: 0, count: width)
            for channel in 0..<width {
                var slots: [(score: Float, value: Float)] = []
                if overlap && w > 0 {
                    for s in ((w - 1) * ratio)..<(w * ratio) { slots.append((g[s][channel], a[s][channel])) }
                }
                let offset = overlap ? width : 0
                for s in (w * ratio)..<((w + 1) * ratio) { slots.append((g[s][offset + channel], a[s][offset + channel])) }
                let maximum = slots.map(\.score).max() ?? 0
                let exps = slots.map { exp(Double($0.score - maximum)) }
                let sum = exps.reduce(0, +)
                var value = 0.0
                for (j, slot) in slots.enumerated() { value += exps[j] / sum * Double(slot.value) }
                entry[channel] = Float(value)
            }
            var normed = self.rmsNorm(entry, weight: norm)
            self.rope(&normed, rotary, position: w * ratio)
            return normed
        }
    }

    /// The lightning indexer (§4.3 step 4): for each query, the top-k compressed entries among
    /// the causally visible ones by Σ_h w_h ReLU(q_h · K_w).
    private func index(prefix: String, inputs x: [[Float]], latents: [[Float]], rotary: RotaryEmbedding) -> [[Int]] {
        let c = self.configuration
        let heads = c.indexHeadCount
        let width = c.indexHeadDimension
        let keys = self.compress(prefix: prefix + "compressor.", inputs: x, ratio: 4, width: width, rotary: rotary)
        let headScale = 1 / Double(heads).squareRoot()
        let dotScale = 1 / Double(width).squareRoot()
        return x.indices.map { t in
            let visible = min(keys.count, (t + 1) / 4)
            guard visible > 0 else { return [] }
            let q = self.linear(prefix + "wq_b.weight", latents[t])
            let queries: [[Float]] = (0..<heads).map { h in
                var head = Array(q[(h * width)..<((h + 1) * width)])
                self.rope(&head, rotary, position: t)
                return head
            }
            let weights = self.linear(prefix + "weights_proj.weight", x[t]).map { Double($0) * headScale }
            let scores: [Double] = (0..<visible).map { w in
                var score = 0.0
                for h in 0..<heads {
                    var dot = 0.0
                    for i in 0..<width { dot += Double(queries[h][i]) * Double(keys[w][i]) }
                    score += weights[h] * max(dot, 0) * dotScale
                }
                return score
            }
            let order = scores.indices.sorted { scores[$0] > scores[$1] || (scores[$0] == scores[$1] && $0 < $1) }
            return Array(order.prefix(min(c.indexTopK, visible))).sorted()
        }
    }

    // MARK: - MoE

    /// The MoE sub-layer (§4.4): sqrtsoftplus scores, top-k by score + bias (or the hash
    /// table), normalised and scaled weights, clamped SwiGLU experts plus the shared expert.
    private func moe(layer: Int, _ x: [Float], token: Int) -> [Float] {
        let c = self.configuration
        let p = "layers.\(layer).ffn."
        let logits = self.linear(p + "gate.weight", x)
        let scores = logits.map { ($0 > 20 ? $0 : log1pf(expf($0))).squareRoot() }
        let chosen: [Int]
        if c.usesHashRouting(layer: layer) {
            let table = self.tensor(p + "gate.tid2eid")
            chosen = (0..<c.expertsPerToken).map { Int(table[token * c.expertsPerToken + $0]) }
        } else {
            let bias = self.tensor(p + "gate.bias")
            let biased = scores.indices.map { scores[$0] + bias[$0] }
            chosen = Array(biased.indices.sorted { biased[$0] > biased[$1] || (biased[$0] == biased[$1] && $0 < $1) }.prefix(c.expertsPerToken))
        }
        let total = chosen.reduce(Float(0)) { $0 + scores[$1] }
        var output = self.expert(p + "shared_experts.", x)
        for e in chosen {
            let weight = scores[e] / (total + 1e-20) * Float(c.routedScalingFactor)
            let y = self.expert(p + "experts.\(e).", x)
            for i in output.indices { output[i] += weight * y[i] }
        }
        return output
    }

    /// w2 · (silu(min(w1·x, limit)) · clamp(w3·x, ±limit)).
    private func expert(_ prefix: String, _ x: [Float]) -> [Float] {
        let limit = Float(self.configuration.swigluLimit)
        let gate = self.linear(prefix + "w1.weight", x)
        let up = self.linear(prefix + "w3.weight", x)
        let hidden = gate.indices.map { i -> Float in
            let g = min(gate[i], limit)
            let u = min(max(up[i], -limit), limit)
            return g / (1 + expf(-g)) * u
        }
        return self.linear(prefix + "w2.weight", hidden)
    }
}


