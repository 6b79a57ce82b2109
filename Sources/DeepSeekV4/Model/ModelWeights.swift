import Checkpoint
import Tensors

/// mHC parameters of one sub-layer site: `fn` [(2+hc)·hc, hc·d], `base` [(2+hc)·hc], `scale` [3].
struct HyperConnectionWeights: Sendable {
    var function: WeightMatrix
    var base: [Float]
    var scale: [Float]
}

/// A compressor's parameters: `wkv`, `wgate` [coff·width, d], `ape` [ratio, coff·width],
/// `norm` [width].
struct CompressorWeights: Sendable {
    var ratio: Int
    /// True for ratio 4 (CSA): two series per token, pooled over 2·ratio overlapping slots.
    var overlapping: Bool
    var width: Int
    var keyValue: WeightMatrix
    var gate: WeightMatrix
    var positionBias: [Float]
    var norm: [Float]

    /// coff: 2 when overlapping, else 1.
    var seriesCount: Int { self.overlapping ? 2 : 1 }
}

/// The lightning indexer's parameters (CSA layers).
struct IndexerWeights: Sendable {
    var queryUp: WeightMatrix  // [heads·width, q_lora]
    var headWeights: WeightMatrix  // [heads, d]
    var compressor: CompressorWeights
}

/// One SwiGLU expert: w1 (gate) and w3 (up) [inter, d], w2 (down) [d, inter].
struct ExpertWeights: Sendable {
    var gate: WeightMatrix
    var up: WeightMatrix
    var down: WeightMatrix
}

/// Everything one main layer needs, bound to the mapped checkpoint.
struct LayerWeights: Sendable {
    var index: Int
    var kind: ModelConfiguration.AttentionKind
    var rotary: RotaryEmbedding
    var attentionNorm: [Float]
    var ffnNorm: [Float]
    var attentionMix: HyperConnectionWeights
    var ffnMix: HyperConnectionWeights
    var queryDown: WeightMatrix  // wq_a [q_lora, d]
    var queryNorm: [Float]
    var queryUp: WeightMatrix  // wq_b [H·D, q_lora]
    var keyValue: WeightMatrix  // wkv [D, d]
    var keyValueNorm: [Float]
    var outputDown: WeightMatrix  // wo_a [G·o_lora, H·D/G]
    var outputUp: WeightMatrix  // wo_b [d, G·o_lora]
    var sinks: [Float]
    var compressor: CompressorWeights?
    var indexer: IndexerWeights?
    var router: WeightMatrix  // gate [E, d]
    var routerBias: [Float]?
    var hashTable: [Int32]?  // [vocab, top-k]
    var experts: [ExpertWeights]
    var sharedExpert: ExpertWeights
}

/// All weights of the main model.
struct ModelWeights: Sendable {
    var embedding: WeightMatrix  // [vocab, d]
    var head: WeightMatrix  // [vocab, d]
    var norm: [Float]
    var headMix: HyperConnectionWeights
    var layers: [LayerWeights]
    /// Bytes copied out of the mapping (small float vectors converted to f32).
    var convertedBytes: Int

    /// Binds every weight (`progress` gets the fraction of layers bound, after each layer).
    init(_ weights: CheckpointWeights, configuration c: ModelConfiguration, progress: ((Double) -> Void)? = nil) {
        var converted = 0
        func floats(_ name: String) -> [Float] {
            let values = weights.floats(name)
            converted += values.count * 4
            return values
        }
        func mix(_ prefix: String) -> HyperConnectionWeights {
            HyperConnectionWeights(function: weights.matrix(prefix + "_fn"), base: floats(prefix + "_base"), scale: floats(prefix + "_scale"))
        }
        func compressor(_ prefix: String, ratio: Int, width: Int) -> CompressorWeights {
            CompressorWeights(
                ratio: ratio, overlapping: ratio == 4, width: width, keyValue: weights.matrix(prefix + "wkv.weight"),
                gate: weights.matrix(prefix + "wgate.weight"), positionBias: floats(prefix + "ape"), norm: floats(prefix + "norm.weight"))
        }
        func expert(_ prefix: String) -> ExpertWeights {
            ExpertWeights(gate: weights.matrix(prefix + "w1.weight"), up: weights.matrix(prefix + "w3.weight"), down: weights.matrix(prefix + "w2.weight"))
        }
        self.embedding = weights.matrix("embed.weight")
        self.head = c.tieWordEmbeddings ? self.embedding : weights.matrix("head.weight")
        self.norm = floats("norm.weight")
        self.headMix = HyperConnectionWeights(function: weights.matrix("hc_head_fn"), base: floats("hc_head_base"), scale: floats("hc_head_scale"))
        var layers: [LayerWeights] = []
        for layer in 0..<c.layerCount {
            let p = "layers.\(layer)."
            let ratio = c.compressRatio(layer: layer)
            var hashTable: [Int32]?
            if c.usesHashRouting(layer: layer) {
                hashTable = weights.integers(p + "ffn.gate.tid2eid").map { Int32($0) }
                converted += (hashTable?.count ?? 0) * 4
            }
            layers.append(
                LayerWeights(
                    index: layer, kind: c.attentionKind(layer: layer), rotary: RotaryEmbedding.forLayer(layer, configuration: c),
                    attentionNorm: floats(p + "attn_norm.weight"), ffnNorm: floats(p + "ffn_norm.weight"),
                    attentionMix: mix(p + "hc_attn"), ffnMix: mix(p + "hc_ffn"),
                    queryDown: weights.matrix(p + "attn.wq_a.weight"), queryNorm: floats(p + "attn.q_norm.weight"),
                    queryUp: weights.matrix(p + "attn.wq_b.weight"), keyValue: weights.matrix(p + "attn.wkv.weight"),
                    keyValueNorm: floats(p + "attn.kv_norm.weight"), outputDown: weights.matrix(p + "attn.wo_a.weight"),
                    outputUp: weights.matrix(p + "attn.wo_b.weight"), sinks: floats(p + "attn.attn_sink"),
                    compressor: ratio > 0 ? compressor(p + "attn.compressor.", ratio: ratio, width: c.headDimension) : nil,
                    indexer: ratio == 4
                        ? IndexerWeights(
                            queryUp: weights.matrix(p + "attn.indexer.wq_b.weight"),
                            headWeights: weights.matrix(p + "attn.indexer.weights_proj.weight"),
                            compressor: compressor(p + "attn.indexer.compressor.", ratio: 4, width: c.indexHeadDimension))
                        : nil,
                    router: weights.matrix(p + "ffn.gate.weight"),
                    routerBias: c.usesHashRouting(layer: layer) ? nil : floats(p + "ffn.gate.bias"),
                    hashTable: hashTable,
                    experts: (0..<c.routedExpertCount).map { expert(p + "ffn.experts.\($0).") },
                    sharedExpert: expert(p + "ffn.shared_experts.")))
            progress?(Double(layer + 1) / Double(max(1, c.layerCount)))
        }
        self.layers = layers
        self.convertedBytes = converted
    }
}
