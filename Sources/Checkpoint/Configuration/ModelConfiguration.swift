import FoundationEssentials

/// A DeepSeek-V4 `config.json` with the keys the released checkpoints ship, validated.
///
/// Decoding checks types; `validate()` (run by `load`) checks that the numbers are consistent
/// with each other and with this engine: one `compress_ratios` entry per layer (plus the MTP
/// layers), heads divisible by `o_groups`, an even RoPE dimension that fits the head and the
/// indexer head, one KV head, one shared expert, and so on. Names follow deepseek-v4.md §2.
package struct ModelConfiguration: Sendable, Equatable {
    /// What an attention layer attends to besides its sliding window (from `compress_ratios`).
    package enum AttentionKind: Sendable, Equatable, Hashable, CustomStringConvertible {
        /// Ratio 0: the raw window only.
        case window
        /// Ratio 4: overlapping compression and the lightning indexer's top-k.
        case compressedSparse
        /// Any other ratio m: one entry per m tokens, all attended.
        case heavilyCompressed(ratio: Int)

        /// `window`, `CSA` or `HCA(m)`.
        package var description: String {
            switch self {
            case .window: "window"
            case .compressedSparse: "CSA"
            case .heavilyCompressed(let ratio): "HCA(\(ratio))"
            }
        }
    }

    /// YaRN parameters from `rope_scaling`.
    package struct RopeScaling: Sendable, Equatable, Codable {
        /// `type` (or `rope_type`): must be `yarn`.
        package var type: String
        /// `factor`: how far the context is stretched (16 for the releases).
        package var factor: Double
        /// `original_max_position_embeddings`: the pre-training context (65536).
        package var originalMaxPositionEmbeddings: Int
        /// `beta_fast`: rotations above which frequencies are kept (32).
        package var betaFast: Double
        /// `beta_slow`: rotations below which frequencies are fully interpolated (1).
        package var betaSlow: Double

        enum CodingKeys: String, CodingKey {
            case type, factor
            case ropeType = "rope_type"
            case originalMaxPositionEmbeddings = "original_max_position_embeddings"
            case betaFast = "beta_fast"
            case betaSlow = "beta_slow"
        }

        /// Parameters as written in config.json.
        package init(type: String, factor: Double, originalMaxPositionEmbeddings: Int, betaFast: Double = 32, betaSlow: Double = 1) {
            self.type = type
            self.factor = factor
            self.originalMaxPositionEmbeddings = originalMaxPositionEmbeddings
            self.betaFast = betaFast
            self.betaSlow = betaSlow
        }

        /// Decodes `type` or `rope_type`, defaulting the betas to 32 and 1.
        package init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            self.type = try container.decodeIfPresent(String.self, forKey: .type) ?? container.decodeIfPresent(String.self, forKey: .ropeType) ?? "yarn"
            self.factor = try container.decode(Double.self, forKey: .factor)
            self.originalMaxPositionEmbeddings = try container.decode(Int.self, forKey: .originalMaxPositionEmbeddings)
            self.betaFast = try container.decodeIfPresent(Double.self, forKey: .betaFast) ?? 32
            self.betaSlow = try container.decodeIfPresent(Double.self, forKey: .betaSlow) ?? 1
        }

        /// Encodes the config.json keys.
        package func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(self.type, forKey: .type)
            try container.encode(self.factor, forKey: .factor)
            try container.encode(self.originalMaxPositionEmbeddings, forKey: .originalMaxPositionEmbeddings)
            try container.encode(self.betaFast, forKey: .betaFast)
            try container.encode(self.betaSlow, forKey: .betaSlow)
        }
    }

    /// `quantization_config` as shipped (FP8 E4M3 weights with UE8M0 128×128 block scales).
    package struct Quantization: Sendable, Equatable, Codable {
        /// `quant_method` (`fp8`).
        package var quantMethod: String?
        /// `fmt` (`e4m3`).
        package var fmt: String?
        /// `scale_fmt` (`ue8m0`).
        package var scaleFmt: String?
        /// `weight_block_size` ([128, 128]).
        package var weightBlockSize: [Int]?
        /// `activation_scheme` (`dynamic`; the engine computes activations in f32).
        package var activationScheme: String?

        enum CodingKeys: String, CodingKey {
            case fmt
            case quantMethod = "quant_method"
            case scaleFmt = "scale_fmt"
            case weightBlockSize = "weight_block_size"
            case activationScheme = "activation_scheme"
        }
    }

    /// `model_type` (`deepseek_v4`).
    package var modelType: String?
    /// `vocab_size`.
    package var vocabularySize: Int
    /// d.
    package var hiddenSize: Int
    /// `num_hidden_layers`: main blocks.
    package var layerCount: Int
    /// H.
    package var headCount: Int
    /// `num_key_value_heads`: must be 1 (shared K = V).
    package var keyValueHeadCount: Int
    /// D: the width of Q, K and V per head.
    package var headDimension: Int
    /// The RoPE width at the end of each head (and of each indexer head).
    package var ropeDimension: Int
    /// `q_lora_rank`.
    package var queryRank: Int
    /// `o_groups`: groups of heads in the output projection.
    package var outputGroups: Int
    /// `o_lora_rank`: width of each group's low-rank output.
    package var outputRank: Int
    /// `sliding_window`: raw keys every layer attends.
    package var slidingWindow: Int
    /// One entry per main layer, then one per MTP layer (if the config lists them).
    package var compressRatios: [Int]
    /// `compress_rope_theta`: RoPE base of compressed layers (with YaRN).
    package var compressRopeTheta: Double
    /// `rope_theta`: RoPE base of window-only layers (no YaRN).
    package var ropeTheta: Double
    /// `rope_scaling`: YaRN, applied to compressed layers only.
    package var ropeScaling: RopeScaling?
    /// `max_position_embeddings`.
    package var maxPositionEmbeddings: Int
    /// `index_n_heads`: lightning-indexer heads.
    package var indexHeadCount: Int
    /// `index_head_dim`.
    package var indexHeadDimension: Int
    /// `index_topk`: compressed entries a CSA query keeps.
    package var indexTopK: Int
    /// `n_routed_experts`.
    package var routedExpertCount: Int
    /// `num_experts_per_tok`.
    package var expertsPerToken: Int
    /// `n_shared_experts`: must be 1.
    package var sharedExpertCount: Int
    /// `moe_intermediate_size`: routed and shared experts.
    package var expertWidth: Int
    /// `num_hash_layers`: leading layers routed by `tid2eid`.
    package var hashLayerCount: Int
    /// `scoring_func`: must be `sqrtsoftplus`.
    package var scoringFunction: String
    /// `routed_scaling_factor`.
    package var routedScalingFactor: Double
    /// `norm_topk_prob` (the weights are always normalised, as the reference does).
    package var normalizeTopKProbabilities: Bool
    /// `swiglu_limit`: clamp of routed and shared SwiGLU inputs.
    package var swigluLimit: Double
    /// `hc_mult`: mHC residual streams.
    package var hyperConnectionCount: Int
    /// `hc_sinkhorn_iters`: normalisation rounds.
    package var sinkhornIterations: Int
    /// `hc_eps`.
    package var hyperConnectionEpsilon: Double
    /// `rms_norm_eps`.
    package var rmsNormEpsilon: Double
    /// `bos_token_id`.
    package var bosTokenID: Int
    /// `eos_token_id` (a number or a list).
    package var eosTokenIDs: [Int]
    /// `tie_word_embeddings`: the LM head reuses the embedding (false in the releases).
    package var tieWordEmbeddings: Bool
    /// `num_nextn_predict_layers`: MTP blocks stored as `mtp.N.*`.
    package var mtpLayerCount: Int
    /// `quantization_config`.
    package var quantization: Quantization?
    /// `expert_dtype` (`fp4` in current releases).
    package var expertDType: String?

    /// Model types this engine runs.
    package static let supportedModelTypes = ["deepseek_v4"]

    /// The attention kind of main layer `layer`.
    package func attentionKind(layer: Int) -> AttentionKind {
        switch self.compressRatios[layer] {
        case 0: .window
        case 4: .compressedSparse
        case let ratio: .heavilyCompressed(ratio: ratio)
        }
    }

    /// The compression ratio m of main layer `layer` (0 for window-only layers).
    package func compressRatio(layer: Int) -> Int { self.compressRatios[layer] }

    /// True when main layer `layer` routes with the fixed `tid2eid` table.
    package func usesHashRouting(layer: Int) -> Bool { layer < self.hashLayerCount }

    /// Width of the mHC mixing projection: (2 + hc) · hc.
    package var hyperConnectionMixes: Int { (2 + self.hyperConnectionCount) * self.hyperConnectionCount }

    /// Loads and validates `directory/config.json`.
    package static func load(directory: String) throws(CheckpointError) -> ModelConfiguration {
        let path = directory + "/config.json"
        let mapped: MappedFile
        do {
            mapped = try MappedFile(path: path)
        } catch {
            throw CheckpointError(.config, file: path, "cannot read config.json (\(error.message))")
        }
        let bytes = mapped.base.map { Data(UnsafeRawBufferPointer(start: $0, count: mapped.size)) } ?? Data()
        return try self.decode(bytes, path: path)
    }

    /// Decodes and validates config.json bytes; `path` names the file in errors.
    package static func decode(_ bytes: Data, path: String = "config.json") throws(CheckpointError) -> ModelConfiguration {
        let configuration: ModelConfiguration
        do {
            configuration = try JSONDecoder().decode(ModelConfiguration.self, from: bytes)
        } catch let error as DecodingError {
            throw CheckpointError(.config, file: path, Self.describe(error))
        } catch {
            throw CheckpointError(.config, file: path, "cannot decode: \(error)")
        }
        try configuration.validate(path: path)
        return configuration
    }

    /// Checks that the values are consistent; throws `.config` naming the offending key.
    package func validate(path: String = "config.json") throws(CheckpointError) {
        func fail(_ message: String) -> CheckpointError { CheckpointError(.config, file: path, message) }
        if let modelType, !Self.supportedModelTypes.contains(modelType) {
            throw fail("model_type '\(modelType)' is not supported (supported: \(Self.supportedModelTypes.joined(separator: ", ")))")
        }
        let positive: [(String, Int)] = [
            ("vocab_size", self.vocabularySize), ("hidden_size", self.hiddenSize), ("num_hidden_layers", self.layerCount),
            ("num_attention_heads", self.headCount), ("head_dim", self.headDimension), ("q_lora_rank", self.queryRank),
            ("o_groups", self.outputGroups), ("o_lora_rank", self.outputRank), ("sliding_window", self.slidingWindow),
            ("n_routed_experts", self.routedExpertCount), ("num_experts_per_tok", self.expertsPerToken),
            ("moe_intermediate_size", self.expertWidth), ("hc_mult", self.hyperConnectionCount),
            ("hc_sinkhorn_iters", self.sinkhornIterations), ("max_position_embeddings", self.maxPositionEmbeddings),
        ]
        for (key, value) in positive where value <= 0 { throw fail("\(key) must be positive, got \(value)") }
        let mainAndMTP = self.layerCount + self.mtpLayerCount
        guard self.compressRatios.count == self.layerCount || self.compressRatios.count == mainAndMTP else {
            throw fail("compress_ratios has \(self.compressRatios.count) entries; expected \(self.layerCount) (num_hidden_layers) or \(mainAndMTP) (plus num_nextn_predict_layers)")
        }
        if let bad = self.compressRatios.firstIndex(where: { $0 < 0 }) {
            throw fail("compress_ratios[\(bad)] is negative (\(self.compressRatios[bad]))")
        }
        if self.compressRatios.count == mainAndMTP, self.mtpLayerCount > 0,
            let bad = self.compressRatios[self.layerCount...].firstIndex(where: { $0 != 0 })
        {
            throw fail("compress_ratios[\(bad)] is for an MTP layer and must be 0, got \(self.compressRatios[bad])")
        }
        guard self.keyValueHeadCount == 1 else { throw fail("num_key_value_heads must be 1 (one shared K=V head), got \(self.keyValueHeadCount)") }
        guard self.sharedExpertCount == 1 else { throw fail("n_shared_experts must be 1, got \(self.sharedExpertCount)") }
        guard self.headCount % self.outputGroups == 0 else {
            throw fail("num_attention_heads (\(self.headCount)) must be divisible by o_groups (\(self.outputGroups))")
        }
        guard self.ropeDimension > 0, self.ropeDimension % 2 == 0, self.ropeDimension <= self.headDimension else {
            throw fail("qk_rope_head_dim (\(self.ropeDimension)) must be even, positive and at most head_dim (\(self.headDimension))")
        }
        guard self.expertsPerToken <= self.routedExpertCount else {
            throw fail("num_experts_per_tok (\(self.expertsPerToken)) exceeds n_routed_experts (\(self.routedExpertCount))")
        }
        guard self.hashLayerCount >= 0, self.hashLayerCount <= self.layerCount else {
            throw fail("num_hash_layers (\(self.hashLayerCount)) must be between 0 and num_hidden_layers (\(self.layerCount))")
        }
        guard self.scoringFunction == "sqrtsoftplus" else {
            throw fail("scoring_func '\(self.scoringFunction)' is not supported (DeepSeek-V4 uses sqrtsoftplus)")
        }
        if self.compressRatios.prefix(self.layerCount).contains(4) {
            guard self.indexHeadCount > 0, self.indexHeadDimension > 0, self.indexTopK > 0 else {
                throw fail("CSA layers (ratio 4) need positive index_n_heads, index_head_dim and index_topk")
            }
            guard self.ropeDimension <= self.indexHeadDimension else {
                throw fail("qk_rope_head_dim (\(self.ropeDimension)) exceeds index_head_dim (\(self.indexHeadDimension))")
            }
        }
        if let scaling = self.ropeScaling {
            guard scaling.type == "yarn" else { throw fail("rope_scaling type '\(scaling.type)' is not supported (expected yarn)") }
            guard scaling.factor > 0, scaling.originalMaxPositionEmbeddings > 0 else {
                throw fail("rope_scaling needs a positive factor and original_max_position_embeddings")
            }
        }
        if let blocks = self.quantization?.weightBlockSize, blocks != [128, 128] {
            throw fail("quantization_config.weight_block_size \(blocks) is not supported (expected [128, 128])")
        }
        if let format = self.quantization?.fmt, format != "e4m3" {
            throw fail("quantization_config.fmt '\(format)' is not supported (expected e4m3)")
        }
        if let scaleFormat = self.quantization?.scaleFmt, scaleFormat != "ue8m0" {
            throw fail("quantization_config.scale_fmt '\(scaleFormat)' is not supported (expected ue8m0)")
        }
        guard self.rmsNormEpsilon > 0, self.hyperConnectionEpsilon >= 0, self.swigluLimit > 0, self.routedScalingFactor > 0 else {
            throw fail("rms_norm_eps, swiglu_limit and routed_scaling_factor must be positive and hc_eps non-negative")
        }
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context):
            let parent = path(context)
            return "missing key '\(parent.isEmpty ? "" : parent + ".")\(key.stringValue)'"
        case .typeMismatch(let type, let context): return "key '\(path(context))' should be \(type)"
        case .valueNotFound(let type, let context): return "key '\(path(context))' is null, expected \(type)"
        case .dataCorrupted(let context): return "not valid JSON: \(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }
}

extension ModelConfiguration: Codable {
    enum CodingKeys: String, CodingKey {
        case modelType = "model_type"
        case vocabularySize = "vocab_size"
        case hiddenSize = "hidden_size"
        case layerCount = "num_hidden_layers"
        case headCount = "num_attention_heads"
        case keyValueHeadCount = "num_key_value_heads"
        case headDimension = "head_dim"
        case ropeDimension = "qk_rope_head_dim"
        case queryRank = "q_lora_rank"
        case outputGroups = "o_groups"
        case outputRank = "o_lora_rank"
        case slidingWindow = "sliding_window"
        case compressRatios = "compress_ratios"
        case compressRopeTheta = "compress_rope_theta"
        case ropeTheta = "rope_theta"
        case ropeScaling = "rope_scaling"
        case maxPositionEmbeddings = "max_position_embeddings"
        case indexHeadCount = "index_n_heads"
        case indexHeadDimension = "index_head_dim"
        case indexTopK = "index_topk"
        case routedExpertCount = "n_routed_experts"
        case expertsPerToken = "num_experts_per_tok"
        case sharedExpertCount = "n_shared_experts"
        case expertWidth = "moe_intermediate_size"
        case hashLayerCount = "num_hash_layers"
        case scoringFunction = "scoring_func"
        case routedScalingFactor = "routed_scaling_factor"
        case normalizeTopKProbabilities = "norm_topk_prob"
        case swigluLimit = "swiglu_limit"
        case hyperConnectionCount = "hc_mult"
        case sinkhornIterations = "hc_sinkhorn_iters"
        case hyperConnectionEpsilon = "hc_eps"
        case rmsNormEpsilon = "rms_norm_eps"
        case bosTokenID = "bos_token_id"
        case eosTokenID = "eos_token_id"
        case tieWordEmbeddings = "tie_word_embeddings"
        case mtpLayerCount = "num_nextn_predict_layers"
        case quantization = "quantization_config"
        case expertDType = "expert_dtype"
    }

    /// Decodes the keys released configs ship, with transformers' defaults for optional ones.
    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.modelType = try c.decodeIfPresent(String.self, forKey: .modelType)
        self.vocabularySize = try c.decode(Int.self, forKey: .vocabularySize)
        self.hiddenSize = try c.decode(Int.self, forKey: .hiddenSize)
        self.layerCount = try c.decode(Int.self, forKey: .layerCount)
        self.headCount = try c.decode(Int.self, forKey: .headCount)
        self.keyValueHeadCount = try c.decodeIfPresent(Int.self, forKey: .keyValueHeadCount) ?? 1
        self.headDimension = try c.decode(Int.self, forKey: .headDimension)
        self.ropeDimension = try c.decode(Int.self, forKey: .ropeDimension)
        self.queryRank = try c.decode(Int.self, forKey: .queryRank)
        self.outputGroups = try c.decode(Int.self, forKey: .outputGroups)
        self.outputRank = try c.decode(Int.self, forKey: .outputRank)
        self.slidingWindow = try c.decode(Int.self, forKey: .slidingWindow)
        self.compressRatios = try c.decode([Int].self, forKey: .compressRatios)
        self.compressRopeTheta = try c.decodeIfPresent(Double.self, forKey: .compressRopeTheta) ?? 160000
        self.ropeTheta = try c.decodeIfPresent(Double.self, forKey: .ropeTheta) ?? 10000
        self.ropeScaling = try c.decodeIfPresent(RopeScaling.self, forKey: .ropeScaling)
        self.maxPositionEmbeddings = try c.decodeIfPresent(Int.self, forKey: .maxPositionEmbeddings) ?? 1_048_576
        self.indexHeadCount = try c.decodeIfPresent(Int.self, forKey: .indexHeadCount) ?? 0
        self.indexHeadDimension = try c.decodeIfPresent(Int.self, forKey: .indexHeadDimension) ?? 0
        self.indexTopK = try c.decodeIfPresent(Int.self, forKey: .indexTopK) ?? 0
        self.routedExpertCount = try c.decode(Int.self, forKey: .routedExpertCount)
        self.expertsPerToken = try c.decode(Int.self, forKey: .expertsPerToken)
        self.sharedExpertCount = try c.decodeIfPresent(Int.self, forKey: .sharedExpertCount) ?? 1
        self.expertWidth = try c.decode(Int.self, forKey: .expertWidth)
        self.hashLayerCount = try c.decodeIfPresent(Int.self, forKey: .hashLayerCount) ?? 3
        self.scoringFunction = try c.decodeIfPresent(String.self, forKey: .scoringFunction) ?? "sqrtsoftplus"
        self.routedScalingFactor = try c.decodeIfPresent(Double.self, forKey: .routedScalingFactor) ?? 1.5
        self.normalizeTopKProbabilities = try c.decodeIfPresent(Bool.self, forKey: .normalizeTopKProbabilities) ?? true
        self.swigluLimit = try c.decodeIfPresent(Double.self, forKey: .swigluLimit) ?? 10
        self.hyperConnectionCount = try c.decodeIfPresent(Int.self, forKey: .hyperConnectionCount) ?? 4
        self.sinkhornIterations = try c.decodeIfPresent(Int.self, forKey: .sinkhornIterations) ?? 20
        self.hyperConnectionEpsilon = try c.decodeIfPresent(Double.self, forKey: .hyperConnectionEpsilon) ?? 1e-6
        self.rmsNormEpsilon = try c.decodeIfPresent(Double.self, forKey: .rmsNormEpsilon) ?? 1e-6
        self.bosTokenID = try c.decodeIfPresent(Int.self, forKey: .bosTokenID) ?? 0
        if let list = try? c.decodeIfPresent([Int].self, forKey: .eosTokenID) {
            self.eosTokenIDs = list
        } else {
            self.eosTokenIDs = [try c.decodeIfPresent(Int.self, forKey: .eosTokenID) ?? 1]
        }
        self.tieWordEmbeddings = try c.decodeIfPresent(Bool.self, forKey: .tieWordEmbeddings) ?? false
        self.mtpLayerCount = try c.decodeIfPresent(Int.self, forKey: .mtpLayerCount) ?? 0
        self.quantization = try c.decodeIfPresent(Quantization.self, forKey: .quantization)
        self.expertDType = try c.decodeIfPresent(String.self, forKey: .expertDType)
    }

    /// Encodes the config.json keys.
    package func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(self.modelType, forKey: .modelType)
        try c.encode(self.vocabularySize, forKey: .vocabularySize)
        try c.encode(self.hiddenSize, forKey: .hiddenSize)
        try c.encode(self.layerCount, forKey: .layerCount)
        try c.encode(self.headCount, forKey: .headCount)
        try c.encode(self.keyValueHeadCount, forKey: .keyValueHeadCount)
        try c.encode(self.headDimension, forKey: .headDimension)
        try c.encode(self.ropeDimension, forKey: .ropeDimension)
        try c.encode(self.queryRank, forKey: .queryRank)
        try c.encode(self.outputGroups, forKey: .outputGroups)
        try c.encode(self.outputRank, forKey: .outputRank)
        try c.encode(self.slidingWindow, forKey: .slidingWindow)
        try c.encode(self.compressRatios, forKey: .compressRatios)
        try c.encode(self.compressRopeTheta, forKey: .compressRopeTheta)
        try c.encode(self.ropeTheta, forKey: .ropeTheta)
        try c.encodeIfPresent(self.ropeScaling, forKey: .ropeScaling)
        try c.encode(self.maxPositionEmbeddings, forKey: .maxPositionEmbeddings)
        try c.encode(self.indexHeadCount, forKey: .indexHeadCount)
        try c.encode(self.indexHeadDimension, forKey: .indexHeadDimension)
        try c.encode(self.indexTopK, forKey: .indexTopK)
        try c.encode(self.routedExpertCount, forKey: .routedExpertCount)
        try c.encode(self.expertsPerToken, forKey: .expertsPerToken)
        try c.encode(self.sharedExpertCount, forKey: .sharedExpertCount)
        try c.encode(self.expertWidth, forKey: .expertWidth)
        try c.encode(self.hashLayerCount, forKey: .hashLayerCount)
        try c.encode(self.scoringFunction, forKey: .scoringFunction)
        try c.encode(self.routedScalingFactor, forKey: .routedScalingFactor)
        try c.encode(self.normalizeTopKProbabilities, forKey: .normalizeTopKProbabilities)
        try c.encode(self.swigluLimit, forKey: .swigluLimit)
        try c.encode(self.hyperConnectionCount, forKey: .hyperConnectionCount)
        try c.encode(self.sinkhornIterations, forKey: .sinkhornIterations)
        try c.encode(self.hyperConnectionEpsilon, forKey: .hyperConnectionEpsilon)
        try c.encode(self.rmsNormEpsilon, forKey: .rmsNormEpsilon)
        try c.encode(self.bosTokenID, forKey: .bosTokenID)
        try c.encode(self.eosTokenIDs, forKey: .eosTokenID)
        try c.encode(self.tieWordEmbeddings, forKey: .tieWordEmbeddings)
        try c.encode(self.mtpLayerCount, forKey: .mtpLayerCount)
        try c.encodeIfPresent(self.quantization, forKey: .quantization)
        try c.encodeIfPresent(self.expertDType, forKey: .expertDType)
    }
}
