import Tensors

/// The tensors a DeepSeek-V4 checkpoint must contain for its config (deepseek-v4.md §3), each
/// with the dtypes and shape it may have, and the check of a directory against them.
///
/// `verify` consumes every tensor: each expected one must be present with an allowed dtype and
/// the expected shape (quantised weights also need their `.scale`), `mtp.*` tensors are
/// recognised and set aside, and anything else is an error. Errors name the file, the tensor
/// and what was expected.
package struct WeightTable: Sendable {
    /// What one expected tensor may be.
    package enum Kind: Sendable, Equatable {
        /// A float vector or small float tensor (F32, BF16 or F16) of this shape.
        case floats([Int])
        /// A linear weight `[rows, columns]`: dense float, FP8 with 128×128 block scales, or
        /// (when `allowsFP4`) packed FP4 with per-32 scales.
        case linear(rows: Int, columns: Int, allowsFP4: Bool)
        /// A dense float matrix read by rows (the embedding).
        case table(rows: Int, columns: Int)
        /// An index table of this shape whose values are integers in `0..<bound`: I64 or I32
        /// as released, or a float dtype holding exact integers (the fixture generator stores
        /// `tid2eid` as BF16).
        case indices([Int], bound: Int)
    }

    /// One expected tensor.
    package struct Entry: Sendable {
        /// The tensor name as released.
        package var name: String
        /// What it may be.
        package var kind: Kind
    }

    /// Every tensor the main model needs, in a stable order.
    package let entries: [Entry]

    /// The table for `configuration`.
    package init(configuration c: ModelConfiguration) {
        var entries: [Entry] = []
        func add(_ name: String, _ kind: Kind) { entries.append(Entry(name: name, kind: kind)) }
        let d = c.hiddenSize
        let hc = c.hyperConnectionCount
        let heads = c.headCount
        let width = c.headDimension
        add("embed.weight", .table(rows: c.vocabularySize, columns: d))
        if !c.tieWordEmbeddings { add("head.weight", .linear(rows: c.vocabularySize, columns: d, allowsFP4: false)) }
        add("norm.weight", .floats([d]))
        add("hc_head_fn", .floats([hc, hc * d]))
        add("hc_head_base", .floats([hc]))
        add("hc_head_scale", .floats([1]))
        for layer in 0..<c.layerCount {
            let p = "layers.\(layer)."
            add(p + "attn_norm.weight", .floats([d]))
            add(p + "ffn_norm.weight", .floats([d]))
            for site in ["attn", "ffn"] {
                add(p + "hc_\(site)_fn", .floats([c.hyperConnectionMixes, hc * d]))
                add(p + "hc_\(site)_base", .floats([c.hyperConnectionMixes]))
                add(p + "hc_\(site)_scale", .floats([3]))
            }
            add(p + "attn.wq_a.weight", .linear(rows: c.queryRank, columns: d, allowsFP4: false))
            add(p + "attn.q_norm.weight", .floats([c.queryRank]))
            add(p + "attn.wq_b.weight", .linear(rows: heads * width, columns: c.queryRank, allowsFP4: false))
            add(p + "attn.wkv.weight", .linear(rows: width, columns: d, allowsFP4: false))
            add(p + "attn.kv_norm.weight", .floats([width]))
            add(p + "attn.wo_a.weight", .linear(rows: c.outputGroups * c.outputRank, columns: heads * width / c.outputGroups, allowsFP4: false))
            add(p + "attn.wo_b.weight", .linear(rows: d, columns: c.outputGroups * c.outputRank, allowsFP4: false))
            add(p + "attn.attn_sink", .floats([heads]))
            let ratio = c.compressRatio(layer: layer)
            if ratio > 0 {
                let overlap = ratio == 4 ? 2 : 1
                add(p + "attn.compressor.wkv.weight", .linear(rows: overlap * width, columns: d, allowsFP4: false))
                add(p + "attn.compressor.wgate.weight", .linear(rows: overlap * width, columns: d, allowsFP4: false))
                add(p + "attn.compressor.ape", .floats([ratio, overlap * width]))
                add(p + "attn.compressor.norm.weight", .floats([width]))
            }
            if ratio == 4 {
                let indexWidth = c.indexHeadDimension
                add(p + "attn.indexer.wq_b.weight", .linear(rows: c.indexHeadCount * indexWidth, columns: c.queryRank, allowsFP4: false))
                add(p + "attn.indexer.weights_proj.weight", .linear(rows: c.indexHeadCount, columns: d, allowsFP4: false))
                add(p + "attn.indexer.compressor.wkv.weight", .linear(rows: 2 * indexWidth, columns: d, allowsFP4: false))
                add(p + "attn.indexer.compressor.wgate.weight", .linear(rows: 2 * indexWidth, columns: d, allowsFP4: false))
                add(p + "attn.indexer.compressor.ape", .floats([4, 2 * indexWidth]))
                add(p + "attn.indexer.compressor.norm.weight", .floats([indexWidth]))
            }
            add(p + "ffn.gate.weight", .linear(rows: c.routedExpertCount, columns: d, allowsFP4: false))
            if c.usesHashRouting(layer: layer) {
                add(p + "ffn.gate.tid2eid", .indices([c.vocabularySize, c.expertsPerToken], bound: c.routedExpertCount))
            } else {
                add(p + "ffn.gate.bias", .floats([c.routedExpertCount]))
            }
            for expert in 0..<c.routedExpertCount {
                let e = p + "ffn.experts.\(expert)."
                add(e + "w1.weight", .linear(rows: c.expertWidth, columns: d, allowsFP4: true))
                add(e + "w3.weight", .linear(rows: c.expertWidth, columns: d, allowsFP4: true))
                add(e + "w2.weight", .linear(rows: d, columns: c.expertWidth, allowsFP4: true))
            }
            add(p + "ffn.shared_experts.w1.weight", .linear(rows: c.expertWidth, columns: d, allowsFP4: false))
            add(p + "ffn.shared_experts.w3.weight", .linear(rows: c.expertWidth, columns: d, allowsFP4: false))
            add(p + "ffn.shared_experts.w2.weight", .linear(rows: d, columns: c.expertWidth, allowsFP4: false))
        }
        self.entries = entries
    }

    /// Checks `directory` against the table and returns the verified weights. `progress` gets the
    /// fraction of the table's tensors checked so far (every 64 tensors and at the end).
    package func verify(_ directory: CheckpointDirectory, progress: ((Double) -> Void)? = nil) throws(CheckpointError) -> CheckpointWeights {
        var remaining = directory.tensors
        var verified: [String: VerifiedTensor] = [:]
        func take(_ name: String, expected: String) throws(CheckpointError) -> TensorView {
            guard let view = remaining.removeValue(forKey: name) else {
                throw CheckpointError(.missing, file: directory.path, tensor: name, "missing (expected \(expected))")
            }
            return view
        }
        func checkShape(_ view: TensorView, _ shape: [Int], _ what: String) throws(CheckpointError) {
            guard view.shape == shape else {
                throw CheckpointError(.shape, file: view.file, tensor: view.name, "shape \(view.shape), expected \(shape)\(what)")
            }
        }
        let floatNames = "F32, BF16 or F16"
        for (index, entry) in self.entries.enumerated() {
            if let progress, index % 64 == 63 { progress(Double(index + 1) / Double(self.entries.count)) }
            switch entry.kind {
            case .floats(let shape):
                let view = try take(entry.name, expected: "\(floatNames) \(shape)")
                guard view.dtype.isDenseFloat else {
                    throw CheckpointError(.dtype, file: view.file, tensor: view.name, "dtype \(view.dtype.name), expected \(floatNames)")
                }
                try checkShape(view, shape, "")
                verified[entry.name] = VerifiedTensor(view: view, scale: nil, format: shape.count == 2 ? Self.denseFormat(view.dtype) : nil)
            case .table(let rows, let columns):
                let view = try take(entry.name, expected: "\(floatNames) [\(rows), \(columns)]")
                guard view.dtype.isDenseFloat else {
                    throw CheckpointError(.dtype, file: view.file, tensor: view.name, "dtype \(view.dtype.name), expected \(floatNames)")
                }
                try checkShape(view, [rows, columns], "")
                verified[entry.name] = VerifiedTensor(view: view, scale: nil, format: Self.denseFormat(view.dtype))
            case .indices(let shape, let bound):
                let view = try take(entry.name, expected: "I64 or I32 \(shape)")
                guard view.dtype == .i64 || view.dtype == .i32 || view.dtype.isDenseFloat else {
                    throw CheckpointError(.dtype, file: view.file, tensor: view.name, "dtype \(view.dtype.name), expected I64 or I32")
                }
                try checkShape(view, shape, "")
                let values = view.floats()
                if let bad = values.firstIndex(where: { !($0 >= 0 && $0 < Float(bound) && $0.rounded() == $0) }) {
                    throw CheckpointError(.badOffsets, file: view.file, tensor: view.name, "element \(bad) is \(values[bad]), expected an expert index in 0..<\(bound)")
                }
                verified[entry.name] = VerifiedTensor(view: view, scale: nil, format: nil)
            case .linear(let rows, let columns, let allowsFP4):
                let allowed = floatNames + ", F8_E4M3" + (allowsFP4 ? " or I8 (packed FP4)" : "")
                let view = try take(entry.name, expected: "\(allowed) [\(rows), \(columns)]")
                let scaleName = String(entry.name.dropLast("weight".count)) + "scale"
                switch view.dtype {
                case .f32, .bf16, .f16:
                    try checkShape(view, [rows, columns], "")
                    verified[entry.name] = VerifiedTensor(view: view, scale: nil, format: Self.denseFormat(view.dtype))
                case .f8e4m3:
                    try checkShape(view, [rows, columns], "")
                    let scaleShape = [(rows + 127) / 128, (columns + 127) / 128]
                    let scale = try take(scaleName, expected: "F8_E8M0 \(scaleShape), the block scales of FP8 '\(entry.name)'")
                    guard scale.dtype == .f8e8m0 else {
                        throw CheckpointError(.dtype, file: scale.file, tensor: scale.name, "dtype \(scale.dtype.name), expected F8_E8M0 (UE8M0 block scales)")
                    }
                    try checkShape(scale, scaleShape, " (one UE8M0 scale per 128×128 block)")
                    verified[entry.name] = VerifiedTensor(view: view, scale: scale, format: .fp8Block128)
                case .i8 where allowsFP4:
                    guard columns % 32 == 0 else {
                        throw CheckpointError(.shape, file: view.file, tensor: view.name, "packed FP4 needs a multiple of 32 input features, model has \(columns)")
                    }
                    try checkShape(view, [rows, columns / 2], " (FP4 packed two per byte)")
                    let scaleShape = [rows, columns / 32]
                    let scale = try take(scaleName, expected: "F8_E8M0 \(scaleShape), the group scales of FP4 '\(entry.name)'")
                    guard scale.dtype == .f8e8m0 else {
                        throw CheckpointError(.dtype, file: scale.file, tensor: scale.name, "dtype \(scale.dtype.name), expected F8_E8M0 (UE8M0 group scales)")
                    }
                    try checkShape(scale, scaleShape, " (one UE8M0 scale per 32 inputs)")
                    verified[entry.name] = VerifiedTensor(view: view, scale: scale, format: .fp4Group32)
                default:
                    throw CheckpointError(.dtype, file: view.file, tensor: view.name, "dtype \(view.dtype.name), expected \(allowed)")
                }
            }
        }
        progress?(1)
        var mtp: [String: TensorView] = [:]
        for (name, view) in remaining where name.hasPrefix("mtp.") {
            mtp[name] = view
            remaining[name] = nil
        }
        if let (name, view) = remaining.min(by: { $0.key < $1.key }) {
            let more = remaining.count > 1 ? " (and \(remaining.count - 1) more)" : ""
            throw CheckpointError(.unexpected, file: view.file, tensor: name, "unexpected: not part of a DeepSeek-V4 model with this config.json\(more)")
        }
        return CheckpointWeights(tensors: verified, mtpTensors: mtp)
    }

    private static func denseFormat(_ dtype: DType) -> WeightMatrix.Format? {
        switch dtype {
        case .f32: .float32
        case .bf16: .bfloat16
        case .f16: .float16
        default: nil
        }
    }
}

/// A tensor that passed the weight table, with its scale and matrix format when it has them.
package struct VerifiedTensor: Sendable {
    /// The tensor.
    package var view: TensorView
    /// Its UE8M0 scales (FP8 and FP4 weights).
    package var scale: TensorView?
    /// How to read it as a matrix, for matrices.
    package var format: WeightMatrix.Format?
}

/// The verified tensors of a checkpoint: typed accessors for the model, plus the MTP tensors.
package struct CheckpointWeights: Sendable {
    /// Every main-model tensor (scales are attached to their weights).
    package let tensors: [String: VerifiedTensor]
    /// The `mtp.*` tensors, recognised but not used by plain generation.
    package let mtpTensors: [String: TensorView]

    /// A linear weight or the embedding as a matrix in its stored format (no copy).
    package func matrix(_ name: String) -> WeightMatrix {
        guard let tensor = self.tensors[name], let format = tensor.format else {
            preconditionFailure("\(name) is not a verified matrix")  // the weight table guarantees it
        }
        let view = tensor.view
        let rows = view.shape[0]
        let columns = format == .fp4Group32 ? view.shape[1] * 2 : view.shape[1]
        let placeholder = UnsafeRawPointer(bitPattern: 64).unsafelyUnwrapped  // safe: only used when the tensor is empty
        return WeightMatrix(
            format: format, rows: rows, columns: columns, data: view.bytes ?? placeholder,
            scales: tensor.scale.map { $0.bytes ?? placeholder }, owner: view.owner)
    }

    /// A float tensor's elements as `Float`.
    package func floats(_ name: String) -> [Float] {
        self.tensors[name]?.view.floats() ?? []
    }

    /// An integer tensor's elements (float tensors holding exact integers are converted).
    package func integers(_ name: String) -> [Int] {
        guard let view = self.tensors[name]?.view else { return [] }
        return view.integers() ?? view.floats().map { Int($0) }
    }

    /// Bytes by dtype over every tensor, scales and MTP included.
    package var bytesByDType: [DType: Int] {
        var result: [DType: Int] = [:]
        for tensor in self.tensors.values {
            result[tensor.view.dtype, default: 0] += tensor.view.byteCount
            if let scale = tensor.scale { result[scale.dtype, default: 0] += scale.byteCount }
        }
        for view in self.mtpTensors.values { result[view.dtype, default: 0] += view.byteCount }
        return result
    }

    /// Logical parameters of the main model (an FP4 byte holds two; scales are not parameters).
    package var parameterCount: Int {
        self.tensors.values.reduce(0) { $0 + ($1.format == .fp4Group32 ? 2 : 1) * $1.view.elementCount }
    }

    /// Logical parameters of the MTP block (`I8` tensors with a `.scale` count twice: FP4).
    package var mtpParameterCount: Int {
        self.mtpTensors.values.reduce(0) { total, view in
            guard view.dtype != .f8e8m0 else { return total }
            let packed = view.dtype == .i8 && self.mtpTensors[String(view.name.dropLast("weight".count)) + "scale"] != nil
            return total + (packed ? 2 : 1) * view.elementCount
        }
    }
}
