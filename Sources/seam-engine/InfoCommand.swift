import Basics
import Checkpoint
import DeepSeekV4
import Inference
import Tensors

/// `seam-engine info --model DIR`: what a checkpoint holds and what loading it costs.
let infoCommand = SubcommandProgram.Subcommand(
    spec: CommandSpec(
        name: "seam-engine info",
        abstract: "show a checkpoint's config, tensors and bytes by dtype, memory and the OpenBLAS core",
        usage: "--model DIR",
        options: [.init("model", value: "DIR", help: "checkpoint directory (config.json + safetensors)")])
) { arguments in
    let directory = try arguments.required("model", "DIR")
    let model = try DeepSeekV4Model.load(directory: directory)
    let c = model.configuration
    let s = model.summary
    var text = "model: \(directory)\n"
    text += "  type: \(c.modelType ?? "deepseek_v4"), vocabulary \(c.vocabularySize), context \(c.maxPositionEmbeddings)\n"
    var kinds: [String] = []
    if s.windowLayers > 0 { kinds.append("\(s.windowLayers) window") }
    if s.compressedSparseLayers > 0 { kinds.append("\(s.compressedSparseLayers) CSA") }
    let heavy = Set((0..<c.layerCount).compactMap { c.compressRatio(layer: $0) }.filter { $0 != 0 && $0 != 4 })
    if s.heavilyCompressedLayers > 0 { kinds.append("\(s.heavilyCompressedLayers) HCA (ratio \(heavy.sorted().map(String.init).joined(separator: "/")))") }
    text += "  layers: \(c.layerCount) (\(kinds.joined(separator: ", ")))" + (c.mtpLayerCount > 0 ? " + \(c.mtpLayerCount) MTP" : "") + "\n"
    text += "  hidden \(c.hiddenSize); attention \(c.headCount) heads × \(c.headDimension) (RoPE \(c.ropeDimension)), q rank \(c.queryRank), "
    text += "output \(c.outputGroups) groups × \(c.outputRank), window \(c.slidingWindow)\n"
    text += "  experts: \(c.routedExpertCount) routed (top \(c.expertsPerToken), width \(c.expertWidth)) + \(c.sharedExpertCount) shared; "
    text += "hash routing in \(c.hashLayerCount) layer\(c.hashLayerCount == 1 ? "" : "s"); route scale \(c.routedScalingFactor)\n"
    text += "  indexer: \(c.indexHeadCount) heads × \(c.indexHeadDimension), top \(c.indexTopK); mHC: \(c.hyperConnectionCount) streams, "
    text += "\(c.sinkhornIterations) Sinkhorn rounds\n"
    if let q = c.quantization {
        text += "  quantization: \(q.quantMethod ?? "fp8") \(q.fmt ?? "e4m3"), \(q.scaleFmt ?? "ue8m0") scales, blocks \(q.weightBlockSize ?? [128, 128])"
        text += c.expertDType.map { "; experts \($0)" } ?? ""
        text += "\n"
    } else {
        text += "  quantization: none\n"
    }
    text += "parameters: \(formatCount(s.parameterCount))" + (s.mtpParameterCount > 0 ? " (+ \(formatCount(s.mtpParameterCount)) MTP)" : "") + "\n"
    text += "tensors: \(s.tensorCount) main + \(s.mtpTensorCount) MTP in \(s.fileCount) file\(s.fileCount == 1 ? "" : "s") (\(formatBytes(s.fileBytes)))\n"
    text += "bytes by dtype:\n"
    for (dtype, bytes) in s.bytesByDType.sorted(by: { $0.key < $1.key }) {
        text += "  " + dtype.name.padding(8) + formatBytes(bytes) + "\n"
    }
    let perToken = kvBytesPerToken(model)
    text += "memory:\n"
    text += "  weights: \(formatBytes(s.fileBytes)) memory-mapped and read in place in their stored dtypes (FP8, FP4, BF16 stay quantized)\n"
    text += "  converted to f32 at load: \(formatBytes(s.convertedBytes)) (norms, mHC, sinks, biases, routing tables)\n"
    text += "  KV cache (f32): \(formatBytes(perToken.perToken)) per token + \(formatBytes(perToken.fixed)) per sequence "
    text += "(window rings and compressor state)\n"
    text += "  weights read per decode token: \(formatBytes(s.activeWeightBytesPerToken))\n"
    if let resident = DecodeBenchmark.residentBytes() { text += "  resident now: \(formatBytes(resident))\n" }
    text += "OpenBLAS core: \(BLAS.coreName); threads: \(model.threadCount)\n"
    writeStandardOutput(text)
    return 0
}

/// KV-cache growth per token (compressed entries and indexer keys, f32) and the fixed part per
/// sequence (window rings and compressor state, measured on an empty cache), in bytes.
private func kvBytesPerToken(_ model: DeepSeekV4Model) -> (perToken: Int, fixed: Int) {
    let c = model.configuration
    var perToken = 0.0
    for layer in 0..<c.layerCount {
        switch c.attentionKind(layer: layer) {
        case .window: break
        case .compressedSparse: perToken += Double((c.headDimension + c.indexHeadDimension) * 4) / 4
        case .heavilyCompressed(let ratio): perToken += Double(c.headDimension * 4) / Double(ratio)
        }
    }
    return (Int(perToken.rounded(.up)), model.makeCache().usage.totalBytes)
}

/// A count with a decimal unit (`1.23 M`).
private func formatCount(_ count: Int) -> String {
    let value = Double(count)
    if value >= 1e12 { return formatFixed(value / 1e12, 2) + " T" }
    if value >= 1e9 { return formatFixed(value / 1e9, 2) + " B" }
    if value >= 1e6 { return formatFixed(value / 1e6, 2) + " M" }
    if value >= 1e3 { return formatFixed(value / 1e3, 1) + " k" }
    return "\(count)"
}

extension String {
    /// The string padded with spaces to `width` characters.
    fileprivate func padding(_ width: Int) -> String {
        self.count >= width ? self + " " : self + String(repeating: " ", count: width - self.count)
    }
}
