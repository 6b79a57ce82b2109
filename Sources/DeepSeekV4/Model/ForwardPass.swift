#if canImport(Glibc)
import Glibc  // expf, log1pf
#endif
import Checkpoint
import Tensors

/// The engine's forward pass: feeds a chunk of tokens at a cache's next position through
/// every layer, updating the cache, with batched products for the chunk and preallocated
/// scratch. Prefill chunks and single-token decode steps run the same code, so a cached run
/// computes what a full forward pass computes (deepseek-v4.md §4, §7).
///
/// Per layer: mHC pre-step (Sinkhorn), attention (low-rank query with per-head unweighted RMS
/// norm, shared K=V with partial interleaved RoPE on the last dims, compressor entries fed
/// token by token at positions w·m, lightning-indexer top-k, window + compressed keys with
/// per-head sinks, inverse RoPE, grouped low-rank output), mHC post-step (Cᵀ), then the same
/// around the MoE (sqrtsoftplus router, hash or biased top-k, routed and shared clamped
/// SwiGLU experts); finally the hc head, norm and LM head.
final class ForwardPass {
    let configuration: ModelConfiguration
    let weights: ModelWeights
    let multiplier: MatrixMultiplier
    let maximumChunk: Int
    private let scratch = ForwardScratch()

    init(configuration: ModelConfiguration, weights: ModelWeights, pool: ThreadPool, maximumChunk: Int) {
        self.configuration = configuration
        self.weights = weights
        self.multiplier = MatrixMultiplier(pool: pool)
        self.maximumChunk = max(1, maximumChunk)
    }

    var pool: ThreadPool { self.multiplier.pool }

    /// Feeds `tokens` (1...maximumChunk of them, valid ids) at `cache.tokenCount`. Writes the
    /// logits of the last position (`allPositions` false) or of every position (row-major) to
    /// `logits`, which holds `vocab` or `tokens.count · vocab` floats.
    func run(_ tokens: UnsafeBufferPointer<Int>, cache: SequenceCache, allPositions: Bool, logits: UnsafeMutablePointer<Float>) {
        let c = self.configuration
        let count = tokens.count
        precondition(count > 0 && count <= self.maximumChunk)
        let d = c.hiddenSize
        let hc = c.hyperConnectionCount
        let start = cache.tokenCount
        let s = self.scratch
        s.prepare(configuration: c, tokens: count)
        for t in 0..<count {
            let row = s[.streams] + t * hc * d
            self.weights.embedding.dequantizeRow(tokens[t], into: row)
            for j in 1..<hc { (row + j * d).update(from: row, count: d) }
        }
        for layer in 0..<c.layerCount {
            let w = self.weights.layers[layer]
            self.preMix(w.attentionMix, norm: w.attentionNorm, count: count)
            self.attention(w, count: count, start: start, cache: cache)
            self.postMix(count: count)
            self.preMix(w.ffnMix, norm: w.ffnNorm, count: count)
            self.mixtureOfExperts(w, tokens: tokens, count: count)
            self.postMix(count: count)
        }
        cache.tokenCount += count
        cache.tokens.append(contentsOf: tokens)
        let first = allPositions ? 0 : count - 1
        self.headCollapse(from: first, count: count)
        self.multiplier.multiply(self.weights.head, s[.normed] + first * d, count: count - first, into: logits)
    }

    // MARK: - mHC

    /// mHC pre-step for every token: `post`, the Sinkhorn-normalised `combination`, and the
    /// sub-layer input `normed` = RMSNorm(Σ pre_j X_j) with `norm`.
    private func preMix(_ mix: HyperConnectionWeights, norm: [Float], count: Int) {
        let c = self.configuration
        let s = self.scratch
        let d = c.hiddenSize
        let hc = c.hyperConnectionCount
        let mixes = c.hyperConnectionMixes
        let eps = Float(c.hyperConnectionEpsilon)
        let rmsEps = Float(c.rmsNormEpsilon)
        for t in 0..<count {
            VectorMath.rmsNorm(s[.streams] + t * hc * d, weight: nil, epsilon: rmsEps, count: hc * d, into: s[.flat] + t * hc * d)
        }
        self.multiplier.multiply(mix.function, s[.flat], count: count, into: s[.mixes])
        mix.base.withUnsafeBufferPointer { baseBuffer in
            mix.scale.withUnsafeBufferPointer { scaleBuffer in
                norm.withUnsafeBufferPointer { normBuffer in
                    let base = baseBuffer.baseAddress.unsafelyUnwrapped
                    let scale = scaleBuffer.baseAddress.unsafelyUnwrapped
                    for t in 0..<count {
                        let m = s[.mixes] + t * mixes
                        let post = s[.post] + t * hc
                        let comb = s[.combination] + t * hc * hc
                        let streams = s[.streams] + t * hc * d
                        let collapsed = s[.collapsed] + t * d
                        collapsed.update(repeating: 0, count: d)
                        for j in 0..<hc {
                            let pre = sigmoid(m[j] * scale[0] + base[j]) + eps
                            VectorMath.addScaled(streams + j * d, pre, into: collapsed, count: d)
                            post[j] = 2 * sigmoid(m[hc + j] * scale[1] + base[hc + j])
                        }
                        for j in 0..<hc {
                            let row = comb + j * hc
                            for k in 0..<hc { row[k] = m[2 * hc + j * hc + k] * scale[2] + base[2 * hc + j * hc + k] }
                            VectorMath.softmax(row, count: hc)
                            for k in 0..<hc { row[k] += eps }
                        }
                        sinkhorn(comb, size: hc, iterations: c.sinkhornIterations, epsilon: eps)
                        VectorMath.rmsNorm(collapsed, weight: normBuffer.baseAddress, epsilon: rmsEps, count: d, into: s[.normed] + t * d)
                    }
                }
            }
        }
    }

    /// mHC post-step: X'_k = post_k · y + Σ_j C[j,k] X_j, with y in `output`.
    private func postMix(count: Int) {
        let c = self.configuration
        let s = self.scratch
        let d = c.hiddenSize
        let hc = c.hyperConnectionCount
        for t in 0..<count {
            let streams = s[.streams] + t * hc * d
            let mixed = s[.flat] + t * hc * d
            let post = s[.post] + t * hc
            let comb = s[.combination] + t * hc * hc
            let y = s[.output] + t * d
            for k in 0..<hc {
                let target = mixed + k * d
                target.update(repeating: 0, count: d)
                VectorMath.addScaled(y, post[k], into: target, count: d)
                for j in 0..<hc { VectorMath.addScaled(streams + j * d, comb[j * hc + k], into: target, count: d) }
            }
            streams.update(from: mixed, count: hc * d)
        }
    }

    /// The final stream collapse (pre weights only) and norm for tokens `first..<count`, into
    /// rows `first..<count` of `normed`.
    private func headCollapse(from first: Int, count: Int) {
        let c = self.configuration
        let s = self.scratch
        let d = c.hiddenSize
        let hc = c.hyperConnectionCount
        let rmsEps = Float(c.rmsNormEpsilon)
        let eps = Float(c.hyperConnectionEpsilon)
        for t in first..<count {
            VectorMath.rmsNorm(s[.streams] + t * hc * d, weight: nil, epsilon: rmsEps, count: hc * d, into: s[.flat] + (t - first) * hc * d)
        }
        let mix = self.weights.headMix
        self.multiplier.multiply(mix.function, s[.flat], count: count - first, into: s[.mixes])
        self.weights.norm.withUnsafeBufferPointer { norm in
            for t in first..<count {
                let m = s[.mixes] + (t - first) * hc
                let collapsed = s[.collapsed] + t * d
                collapsed.update(repeating: 0, count: d)
                for j in 0..<hc {
                    let pre = sigmoid(m[j] * mix.scale[0] + mix.base[j]) + eps
                    VectorMath.addScaled(s[.streams] + t * hc * d + j * d, pre, into: collapsed, count: d)
                }
                VectorMath.rmsNorm(collapsed, weight: norm.baseAddress, epsilon: rmsEps, count: d, into: s[.normed] + t * d)
            }
        }
    }

    // MARK: - Attention

    private func attention(_ w: LayerWeights, count: Int, start: Int, cache: SequenceCache) {
        let c = self.configuration
        let s = self.scratch
        let heads = c.headCount
        let width = c.headDimension
        let window = c.slidingWindow
        let rmsEps = Float(c.rmsNormEpsilon)
        let rotary = w.rotary
        let half = rotary.dimension / 2
        for t in 0..<count {
            rotary.angles(position: start + t, cosines: s[.cosines] + t * half, sines: s[.sines] + t * half)
        }
        // query: low rank, q_norm, up-projection, per-head unweighted RMS norm, RoPE
        self.multiplier.multiply(w.queryDown, s[.normed], count: count, into: s[.queryLatent])
        w.queryNorm.withUnsafeBufferPointer { norm in
            for t in 0..<count {
                let latent = s[.queryLatent] + t * c.queryRank
                VectorMath.rmsNorm(latent, weight: norm.baseAddress, epsilon: rmsEps, count: c.queryRank, into: latent)
            }
        }
        self.multiplier.multiply(w.queryUp, s[.queryLatent], count: count, into: s[.query])
        for t in 0..<count {
            for h in 0..<heads {
                let head = s[.query] + (t * heads + h) * width
                VectorMath.rmsNorm(head, weight: nil, epsilon: rmsEps, count: width, into: head)
                rotary.rotate(head, count: width, cosines: s[.cosines] + t * half, sines: s[.sines] + t * half)
            }
        }
        // shared K=V of the chunk
        self.multiplier.multiply(w.keyValue, s[.normed], count: count, into: s[.keys])
        w.keyValueNorm.withUnsafeBufferPointer { norm in
            for t in 0..<count {
                let key = s[.keys] + t * width
                VectorMath.rmsNorm(key, weight: norm.baseAddress, epsilon: rmsEps, count: width, into: key)
                rotary.rotate(key, count: width, cosines: s[.cosines] + t * half, sines: s[.sines] + t * half)
            }
        }
        // compressed entries and indexer keys of the windows this chunk completes
        if let compressor = w.compressor {
            self.compress(compressor, rotary: rotary, count: count, start: start, layer: w.index, cache: cache, isIndexer: false)
        }
        if let indexer = w.indexer {
            self.compress(indexer.compressor, rotary: rotary, count: count, start: start, layer: w.index, cache: cache, isIndexer: true)
            self.selectEntries(indexer, rotary: rotary, count: count, start: start, layer: w.index, cache: cache)
        }
        self.attend(w, count: count, start: start, cache: cache)
        // the ring keeps the last `window` raw keys
        cache.layers[w.index].window.withUnsafeMutableBufferPointer { ring in
            let base = ring.baseAddress.unsafelyUnwrapped
            for t in max(0, count - window)..<count {
                (base + ((start + t) % window) * width).update(from: s[.keys] + t * width, count: width)
            }
        }
        // grouped low-rank output: z_g = wo_a[g] · o_g, then wo_b · z
        self.multiplier.multiply(w.outputDown, s[.attended], count: count, into: s[.groupedOutput], groups: c.outputGroups)
        self.multiplier.multiply(w.outputUp, s[.groupedOutput], count: count, into: s[.output])
    }

    /// Core attention for every token and head: window keys (ring + chunk), plus all visible
    /// HCA entries or the indexer's CSA selection, softmax with the head's sink, V = K, then
    /// inverse RoPE on the output.
    private func attend(_ w: LayerWeights, count: Int, start: Int, cache: SequenceCache) {
        let c = self.configuration
        let s = self.scratch
        let heads = c.headCount
        let width = c.headDimension
        let window = c.slidingWindow
        let rotary = w.rotary
        let ratio = w.compressor?.ratio ?? 0
        let sparse = w.indexer != nil
        let topK = max(1, c.indexTopK)
        let entryCount = cache.layers[w.index].entryCount
        // four heads' scores plus a 3 × 4 block of dot products per participant
        s.reservePerThread(4 * (window + (sparse ? min(topK, entryCount) : entryCount)) + 16, participants: self.pool.participants)
        let scale = 1 / Float(width).squareRoot()
        s.withSelection { selected, selectedCounts in
            s.perThread.withUnsafeBufferPointer { scoreBuffers in
                cache.layers[w.index].window.withUnsafeBufferPointer { ringBuffer in
                    cache.layers[w.index].entries.withUnsafeBufferPointer { entryBuffer in
                        w.sinks.withUnsafeBufferPointer { sinkBuffer in
                            var context = AttentionContext(
                                heads: heads, width: width, window: window, start: start, ratio: ratio, sparse: sparse, topK: topK,
                                scale: scale, keys: s[.keys], query: s[.query], attended: s[.attended],
                                ring: ringBuffer.baseAddress.unsafelyUnwrapped, entries: entryBuffer.baseAddress,
                                sinks: sinkBuffer.baseAddress.unsafelyUnwrapped, selected: selected, selectedCounts: selectedCounts,
                                scores: scoreBuffers.baseAddress.unsafelyUnwrapped, rotary: rotary, cosines: s[.cosines], sines: s[.sines])
                            withUnsafeMutablePointer(to: &context) { pointer in
                                let raw = UnsafeMutableRawPointer(pointer)
                                let items = count * ((heads + 3) / 4)
                                if count * heads * (window + entryCount) * width < 1 << 15 {
                                    ForwardPass.attendItems(raw, 0, items, 0)
                                } else {
                                    self.pool.parallelFor(items, context: raw) { ForwardPass.attendItems($0, $1, $2, $3) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// What `attendItems` needs, passed to pool threads behind one pointer.
    private struct AttentionContext {
        var heads: Int
        var width: Int
        var window: Int
        var start: Int
        var ratio: Int
        var sparse: Bool
        var topK: Int
        var scale: Float
        var keys: UnsafeMutablePointer<Float>  // [T, D] the chunk's raw keys
        var query: UnsafeMutablePointer<Float>  // [T, H, D]
        var attended: UnsafeMutablePointer<Float>  // [T, H, D]
        var ring: UnsafePointer<Float>  // [window, D]
        var entries: UnsafePointer<Float>?  // [entries, D]
        var sinks: UnsafePointer<Float>  // [H]
        var selected: UnsafeMutablePointer<Int32>  // [T, top-k]
        var selectedCounts: UnsafeMutablePointer<Int32>  // [T]
        var scores: UnsafePointer<UnsafeMutablePointer<Float>>  // per participant
        var rotary: RotaryEmbedding
        var cosines: UnsafeMutablePointer<Float>  // [T, rd/2]
        var sines: UnsafeMutablePointer<Float>
    }

    /// Attention for work items `lower..<upper`; an item is one token and a group of up to four
    /// heads (item = token · groups + group). All heads read the same keys (one K = V head), so
    /// a group of four scores three keys against its four queries at a time
    /// (`VectorMath.dot3x4`) and accumulates the four outputs from each loaded key; other
    /// shapes take the one-head path.
    private static func attendItems(_ raw: UnsafeMutableRawPointer, _ lower: Int, _ upper: Int, _ participant: Int) {
        let c = raw.assumingMemoryBound(to: AttentionContext.self)
        let heads = c.pointee.heads
        let width = c.pointee.width
        let window = c.pointee.window
        let start = c.pointee.start
        let ratio = c.pointee.ratio
        let sparse = c.pointee.sparse
        let topK = c.pointee.topK
        let keys = c.pointee.keys
        let ring = c.pointee.ring
        let entries = c.pointee.entries
        let selected = c.pointee.selected
        let sinks = c.pointee.sinks
        let scale = c.pointee.scale
        let groups = (heads + 3) / 4
        let half = c.pointee.rotary.dimension / 2
        for item in lower..<upper {
            let t = item / groups
            let firstHead = (item % groups) * 4
            let groupSize = min(4, heads - firstHead)
            let position = start + t
            let firstPosition = max(0, position - window + 1)
            let windowCount = position - firstPosition + 1
            let compressedCount = ratio == 0 ? 0 : (sparse ? Int(c.pointee.selectedCounts[t]) : (position + 1) / ratio)
            let total = windowCount + compressedCount
            @inline(__always) func key(_ index: Int) -> UnsafePointer<Float> {
                if index < windowCount {
                    let p = firstPosition + index
                    return p >= start ? UnsafePointer(keys + (p - start) * width) : ring + (p % window) * width
                }
                let j = index - windowCount
                let entry = sparse ? Int(selected[t * topK + j]) : j
                return entries.unsafelyUnwrapped + entry * width
            }
            // scores[h · total + j] for the group's heads
            let scores = c.pointee.scores[participant]
            let query = UnsafePointer(c.pointee.query + (t * heads + firstHead) * width)
            var j = 0
            if groupSize == 4 && width % 8 == 0 {
                let block = scores + 4 * total
                while j + 3 <= total {
                    VectorMath.dot3x4(key(j), key(j + 1), key(j + 2), query, stride: width, count: width, into: block)
                    for h in 0..<4 {
                        scores[h * total + j] = block[h]
                        scores[h * total + j + 1] = block[4 + h]
                        scores[h * total + j + 2] = block[8 + h]
                    }
                    j += 3
                }
            }
            for h in 0..<groupSize {
                for k in j..<total { scores[h * total + k] = VectorMath.dot(query + h * width, key(k), count: width) }
            }
            // softmax with the head's sink; scores become weights
            for h in 0..<groupSize {
                let row = scores + h * total
                let sink = sinks[firstHead + h]
                var maximum = sink
                for k in 0..<total {
                    row[k] *= scale
                    maximum = max(maximum, row[k])
                }
                var sum = expf(sink - maximum)
                for k in 0..<total {
                    let e = expf(row[k] - maximum)
                    row[k] = e
                    sum += e
                }
                let inverse = 1 / sum
                for k in 0..<total { row[k] *= inverse }
            }
            // outputs o_h = Σ_j p_hj k_j (V = K)
            let out = c.pointee.attended + (t * heads + firstHead) * width
            if groupSize == 4 && width % 16 == 0 {
                let o = UnsafeMutableRawPointer(out)
                var d = 0
                while d < width {
                    var a0 = SIMD8<Float>(), b0 = SIMD8<Float>(), a1 = SIMD8<Float>(), b1 = SIMD8<Float>()
                    var a2 = SIMD8<Float>(), b2 = SIMD8<Float>(), a3 = SIMD8<Float>(), b3 = SIMD8<Float>()
                    for k in 0..<total {
                        let kv = UnsafeRawPointer(key(k) + d)
                        let lowHalf = kv.loadUnaligned(as: SIMD8<Float>.self)
                        let highHalf = kv.loadUnaligned(fromByteOffset: 32, as: SIMD8<Float>.self)
                        let p0 = SIMD8<Float>(repeating: scores[k])
                        let p1 = SIMD8<Float>(repeating: scores[total + k])
                        let p2 = SIMD8<Float>(repeating: scores[2 * total + k])
                        let p3 = SIMD8<Float>(repeating: scores[3 * total + k])
                        a0 = a0.addingProduct(lowHalf, p0)
                        b0 = b0.addingProduct(highHalf, p0)
                        a1 = a1.addingProduct(lowHalf, p1)
                        b1 = b1.addingProduct(highHalf, p1)
                        a2 = a2.addingProduct(lowHalf, p2)
                        b2 = b2.addingProduct(highHalf, p2)
                        a3 = a3.addingProduct(lowHalf, p3)
                        b3 = b3.addingProduct(highHalf, p3)
                    }
                    o.storeBytes(of: a0, toByteOffset: d * 4, as: SIMD8<Float>.self)
                    o.storeBytes(of: b0, toByteOffset: (d + 8) * 4, as: SIMD8<Float>.self)
                    o.storeBytes(of: a1, toByteOffset: (width + d) * 4, as: SIMD8<Float>.self)
                    o.storeBytes(of: b1, toByteOffset: (width + d + 8) * 4, as: SIMD8<Float>.self)
                    o.storeBytes(of: a2, toByteOffset: (2 * width + d) * 4, as: SIMD8<Float>.self)
                    o.storeBytes(of: b2, toByteOffset: (2 * width + d + 8) * 4, as: SIMD8<Float>.self)
                    o.storeBytes(of: a3, toByteOffset: (3 * width + d) * 4, as: SIMD8<Float>.self)
                    o.storeBytes(of: b3, toByteOffset: (3 * width + d + 8) * 4, as: SIMD8<Float>.self)
                    d += 16
                }
            } else {
                for h in 0..<groupSize {
                    let target = out + h * width
                    target.update(repeating: 0, count: width)
                    for k in 0..<total { VectorMath.addScaled(key(k), scores[h * total + k], into: target, count: width) }
                }
            }
            for h in 0..<groupSize {
                c.pointee.rotary.rotate(out + h * width, count: width, cosines: c.pointee.cosines + t * half, sines: c.pointee.sines + t * half, inverse: true)
            }
        }
    }

    /// Projects the chunk through a compressor and feeds its state token by token; each
    /// completed window w becomes an entry (normed, RoPE at position w·m) appended to the
    /// layer's compressed entries or indexer keys.
    private func compress(
        _ compressor: CompressorWeights, rotary: RotaryEmbedding, count: Int, start: Int, layer: Int, cache: SequenceCache, isIndexer: Bool
    ) {
        let c = self.configuration
        let s = self.scratch
        let width = compressor.width
        let row = compressor.seriesCount * width
        self.multiplier.multiply(compressor.keyValue, s[.normed], count: count, into: s[.compressorValues])
        self.multiplier.multiply(compressor.gate, s[.normed], count: count, into: s[.compressorScores])
        compressor.positionBias.withUnsafeBufferPointer { biasBuffer in
            compressor.norm.withUnsafeBufferPointer { normBuffer in
                let bias = biasBuffer.baseAddress.unsafelyUnwrapped
                let entry = s[.entry]
                for t in 0..<count {
                    let position = start + t
                    let emitted: Bool
                    if isIndexer {
                        emitted = cache.layers[layer].indexer!.feed(  // safe: CSA layers always have an indexer state
                            position: position, values: s[.compressorValues] + t * row, scores: s[.compressorScores] + t * row,
                            positionBias: bias, entry: entry)
                    } else {
                        emitted = cache.layers[layer].compressor!.feed(  // safe: compressed layers always have a compressor state
                            position: position, values: s[.compressorValues] + t * row, scores: s[.compressorScores] + t * row,
                            positionBias: bias, entry: entry)
                    }
                    guard emitted else { continue }
                    let windowIndex = position / compressor.ratio
                    VectorMath.rmsNorm(entry, weight: normBuffer.baseAddress, epsilon: Float(c.rmsNormEpsilon), count: width, into: entry)
                    rotary.angles(position: windowIndex * compressor.ratio, cosines: s[.entryCosines], sines: s[.entrySines])
                    rotary.rotate(entry, count: width, cosines: s[.entryCosines], sines: s[.entrySines])
                    if isIndexer {
                        cache.layers[layer].appendIndexKey(entry, width: width, index: windowIndex)
                    } else {
                        cache.layers[layer].appendEntry(entry, width: width)
                    }
                }
            }
        }
    }

    /// The lightning indexer: for each token at position p, the `min(index_topk, (p+1)/4)`
    /// visible entries with the largest Σ_h w_h · ReLU(q_h · K_w), into the selection buffers.
    private func selectEntries(_ indexer: IndexerWeights, rotary: RotaryEmbedding, count: Int, start: Int, layer: Int, cache: SequenceCache) {
        let c = self.configuration
        let s = self.scratch
        let heads = c.indexHeadCount
        let width = c.indexHeadDimension
        let topK = max(1, c.indexTopK)
        let half = rotary.dimension / 2
        self.multiplier.multiply(indexer.queryUp, s[.queryLatent], count: count, into: s[.indexQuery])
        self.multiplier.multiply(indexer.headWeights, s[.normed], count: count, into: s[.indexWeights])
        let weightScale = 1 / (Float(heads).squareRoot() * Float(width).squareRoot())
        for t in 0..<count {
            for h in 0..<heads {
                rotary.rotate(s[.indexQuery] + (t * heads + h) * width, count: width, cosines: s[.cosines] + t * half, sines: s[.sines] + t * half)
                s[.indexWeights][t * heads + h] *= weightScale
            }
        }
        let keyCount = cache.layers[layer].entryCount
        let scores = s.reserve(.indexScores, keyCount)
        let indexQuery = s[.indexQuery]
        let indexWeights = s[.indexWeights]
        s.withSelection { selected, selectedCounts in
            cache.layers[layer].indexKeys.withUnsafeBufferPointer { keyBuffer in
                let keys = keyBuffer.baseAddress
                for t in 0..<count {
                    let visible = min(keyCount, (start + t + 1) / 4)
                    let chosen = selected + t * topK
                    if visible <= topK {
                        for w in 0..<visible { chosen[w] = Int32(w) }
                        selectedCounts[t] = Int32(visible)
                        continue
                    }
                    var context = IndexScoreContext(
                        keys: keys.unsafelyUnwrapped, query: indexQuery + t * heads * width, weights: indexWeights + t * heads, heads: heads,
                        width: width, scores: scores)
                    withUnsafeMutablePointer(to: &context) { pointer in
                        let raw = UnsafeMutableRawPointer(pointer)
                        if visible * heads * width < 1 << 15 {
                            ForwardPass.scoreEntries(raw, 0, visible, 0)
                        } else {
                            self.pool.parallelFor(visible, granularity: 16, context: raw) { ForwardPass.scoreEntries($0, $1, $2, $3) }
                        }
                    }
                    selectTop(topK, of: scores, count: visible, into: chosen)
                    selectedCounts[t] = Int32(topK)
                }
            }
        }
    }

    /// What `scoreEntries` needs for one token.
    private struct IndexScoreContext {
        var keys: UnsafePointer<Float>  // [entries, index width]
        var query: UnsafeMutablePointer<Float>  // [index heads, index width] of the token
        var weights: UnsafeMutablePointer<Float>  // [index heads], scales folded in
        var heads: Int
        var width: Int
        var scores: UnsafeMutablePointer<Float>  // [entries]
    }

    /// Index scores Σ_h w_h · ReLU(q_h · K_w) for entries `lower..<upper`: three keys against
    /// four heads at a time with the register-blocked `VectorMath.dot3x4` (every index head
    /// reads the same keys), the rest one dot product at a time.
    private static func scoreEntries(_ raw: UnsafeMutableRawPointer, _ lower: Int, _ upper: Int, _ participant: Int) {
        let c = raw.assumingMemoryBound(to: IndexScoreContext.self)
        let width = c.pointee.width
        let heads = c.pointee.heads
        let query = UnsafePointer(c.pointee.query)
        let weights = c.pointee.weights
        let scores = c.pointee.scores
        var entry = lower
        if width % 8 == 0 {
            var dots = (Float(0), Float(0), Float(0), Float(0), Float(0), Float(0), Float(0), Float(0), Float(0), Float(0), Float(0), Float(0))
            while entry + 3 <= upper {
                let key = c.pointee.keys + entry * width
                var sums = (Float(0), Float(0), Float(0))
                var head = 0
                while head + 4 <= heads {
                    withUnsafeMutableBytes(of: &dots) { buffer in
                        let out = buffer.baseAddress.unsafelyUnwrapped.assumingMemoryBound(to: Float.self)
                        VectorMath.dot3x4(key, key + width, key + 2 * width, query + head * width, stride: width, count: width, into: out)
                        for h in 0..<4 {
                            let weight = weights[head + h]
                            sums.0 += weight * max(out[h], 0)
                            sums.1 += weight * max(out[4 + h], 0)
                            sums.2 += weight * max(out[8 + h], 0)
                        }
                    }
                    head += 4
                }
                for h in head..<heads {
                    let q = query + h * width
                    sums.0 += weights[h] * max(VectorMath.dot(q, key, count: width), 0)
                    sums.1 += weights[h] * max(VectorMath.dot(q, key + width, count: width), 0)
                    sums.2 += weights[h] * max(VectorMath.dot(q, key + 2 * width, count: width), 0)
                }
                scores[entry] = sums.0
                scores[entry + 1] = sums.1
                scores[entry + 2] = sums.2
                entry += 3
            }
        }
        while entry < upper {
            let key = c.pointee.keys + entry * width
            var score: Float = 0
            for h in 0..<heads { score += weights[h] * max(VectorMath.dot(query + h * width, key, count: width), 0) }
            scores[entry] = score
            entry += 1
        }
    }

    // MARK: - MoE

    /// Routed experts (hash table or top-k of score + bias; weights σ/Σσ · route scale) plus
    /// the shared expert, for every token of the chunk, into `output`.
    private func mixtureOfExperts(_ w: LayerWeights, tokens: UnsafeBufferPointer<Int>, count: Int) {
        let c = self.configuration
        let s = self.scratch
        let d = c.hiddenSize
        let experts = c.routedExpertCount
        let k = c.expertsPerToken
        let scaling = Float(c.routedScalingFactor)
        self.multiplier.multiply(w.router, s[.normed], count: count, into: s[.routerLogits])
        s.withRoutes { routes, routeWeights in
            for t in 0..<count {
                let logits = s[.routerLogits] + t * experts
                for e in 0..<experts { logits[e] = VectorMath.softplus(logits[e]).squareRoot() }
                let chosen = routes + t * k
                if let table = w.hashTable {
                    for j in 0..<k { chosen[j] = table[tokens[t] * k + j] }
                } else if let bias = w.routerBias {
                    bias.withUnsafeBufferPointer { biasBuffer in
                        selectTopBiased(k, scores: logits, bias: biasBuffer.baseAddress.unsafelyUnwrapped, count: experts, into: chosen)
                    }
                }
                var total: Float = 0
                for j in 0..<k { total += logits[Int(chosen[j])] }
                for j in 0..<k { routeWeights[t * k + j] = logits[Int(chosen[j])] / (total + 1e-20) * scaling }
            }
            // shared expert on every token, then each routed expert on its tokens
            self.expert(w.sharedExpert, input: s[.normed], count: count, into: s[.output])
            let routed = s[.routed]
            routed.update(repeating: 0, count: count * d)
            for e in 0..<experts {
                var n = 0
                for t in 0..<count {
                    for j in 0..<k where routes[t * k + j] == Int32(e) {
                        (s[.expertInput] + n * d).update(from: s[.normed] + t * d, count: d)
                        n += 1
                    }
                }
                guard n > 0 else { continue }
                self.expert(w.experts[e], input: s[.expertInput], count: n, into: s[.expertOutput])
                n = 0
                for t in 0..<count {
                    for j in 0..<k where routes[t * k + j] == Int32(e) {
                        VectorMath.addScaled(s[.expertOutput] + n * d, routeWeights[t * k + j], into: routed + t * d, count: d)
                        n += 1
                    }
                }
            }
            VectorMath.addScaled(routed, 1, into: s[.output], count: count * d)
        }
    }

    /// One SwiGLU expert on `count` rows: w2 · (silu(min(w1·x, L)) · clamp(w3·x, ±L)).
    private func expert(_ expert: ExpertWeights, input: UnsafeMutablePointer<Float>, count: Int, into output: UnsafeMutablePointer<Float>) {
        let s = self.scratch
        let limit = Float(self.configuration.swigluLimit)
        let width = self.configuration.expertWidth
        self.multiplier.multiply(expert.gate, input, count: count, into: s[.expertGate])
        self.multiplier.multiply(expert.up, input, count: count, into: s[.expertUp])
        let gate = s[.expertGate]
        let up = s[.expertUp]
        for i in 0..<(count * width) {
            let g = min(gate[i], limit)
            let u = min(max(up[i], -limit), limit)
            gate[i] = VectorMath.silu(g) * u
        }
        self.multiplier.multiply(expert.down, gate, count: count, into: output)
    }
}

/// Sinkhorn–Knopp on a row-major `size × size` matrix: one column normalisation, then
/// `iterations − 1` rounds of row then column normalisation, each dividing by sum + epsilon
/// (deepseek-v4.md §4.1: 20 rounds in total).
func sinkhorn(_ m: UnsafeMutablePointer<Float>, size: Int, iterations: Int, epsilon: Float) {
    func normalizeColumns() {
        for k in 0..<size {
            var sum: Float = 0
            for j in 0..<size { sum += m[j * size + k] }
            for j in 0..<size { m[j * size + k] /= sum + epsilon }
        }
    }
    func normalizeRows() {
        for j in 0..<size {
            var sum: Float = 0
            for k in 0..<size { sum += m[j * size + k] }
            for k in 0..<size { m[j * size + k] /= sum + epsilon }
        }
    }
    normalizeColumns()
    for _ in 1..<max(1, iterations) {
        normalizeRows()
        normalizeColumns()
    }
}

/// The indices of the `k` largest of `scores[0..<count]` (count > k), in no particular order,
/// via a size-k min-heap: O(count · log k).
func selectTop(_ k: Int, of scores: UnsafePointer<Float>, count: Int, into result: UnsafeMutablePointer<Int32>) {
    @inline(__always) func less(_ a: Int32, _ b: Int32) -> Bool {
        scores[Int(a)] < scores[Int(b)] || (scores[Int(a)] == scores[Int(b)] && a > b)
    }
    func siftDown(_ start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1
            guard left < k else { return }
            var smallest = left
            if left + 1 < k && less(result[left + 1], result[left]) { smallest = left + 1 }
            guard less(result[smallest], result[parent]) else { return }
            let swapped = result[smallest]
            result[smallest] = result[parent]
            result[parent] = swapped
            parent = smallest
        }
    }
    for i in 0..<k { result[i] = Int32(i) }
    for i in stride(from: k / 2 - 1, through: 0, by: -1) { siftDown(i) }
    for i in k..<count where less(result[0], Int32(i)) {
        result[0] = Int32(i)
        siftDown(0)
    }
}

/// The `k` experts with the largest `scores + bias` (the bias selects only), ties to the
/// lower index.
func selectTopBiased(_ k: Int, scores: UnsafePointer<Float>, bias: UnsafePointer<Float>, count: Int, into result: UnsafeMutablePointer<Int32>) {
    var chosen = 0
    while chosen < k {
        var best = -1
        var bestValue = -Float.infinity
        for e in 0..<count {
            let value = scores[e] + bias[e]
            var taken = false
            for j in 0..<chosen where result[j] == Int32(e) { taken = true }
            if !taken && (best < 0 || value > bestValue) {
                best = e
                bestValue = value
            }
        }
        result[chosen] = Int32(best)
        chosen += 1
    }
}

@inline(__always)
func sigmoid(_ x: Float) -> Float { 1 / (1 + expf(-x)) }
