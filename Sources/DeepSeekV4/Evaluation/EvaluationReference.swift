import Basics
import Checkpoint
import FoundationEssentials
import Tensors

/// Reference outputs in the format of the fixture README: `prompt.N.input_ids` (I32 [T]),
/// `prompt.N.logits` (F32 [T, vocab]), `decode.split` (I32 [1]), `decode.logits`
/// (F32 [1 + T − S, vocab]) and `greedy.tokens` (I32 [K]), plus an optional `reference.json`
/// beside it naming `decode_prompt` and `greedy_prompt`. Without that file the decode and
/// greedy prompt is inferred: the prompt whose length fits `decode.logits` and whose
/// prefill logits at S − 1 are closest to its first row.
package struct EvaluationReference: Sendable {
    /// One prompt: its tokens and the logits of a full forward pass, row-major `[T, vocab]`.
    package struct Prompt: Sendable {
        /// N in `prompt.N.*`.
        package var index: Int
        /// The input ids (no BOS added).
        package var tokens: [Int]
        /// Logits of a full forward pass, `[T, vocab]`.
        package var logits: [Float]
    }

    /// Logits per position.
    package var vocabularySize: Int
    /// Prompts in index order.
    package var prompts: [Prompt]
    /// Which prompt the decode split and the greedy continuation use (indices into `prompts`).
    package var decodePrompt: Int?
    /// Which prompt the greedy continuation extends.
    package var greedyPrompt: Int?
    /// S: prefill the first S tokens, then feed the rest one at a time.
    package var decodeSplit: Int?
    /// The last prefill position's logits, then one row per decoded token.
    package var decodeLogits: [Float]
    /// The greedy continuation.
    package var greedyTokens: [Int]

    /// Reads `path` (and `reference.json` beside it, when present).
    package init(path: String) throws {
        let file = try SafetensorsFile(path: path)
        func tensor(_ name: String) throws -> TensorView {
            guard let view = file.tensors[name] else { throw CheckpointError(.missing, file: path, tensor: name, "missing from the reference file") }
            return view
        }
        var prompts: [Prompt] = []
        var vocabulary = 0
        let indices = file.tensors.keys.compactMap { name -> Int? in
            guard name.hasPrefix("prompt."), name.hasSuffix(".input_ids") else { return nil }
            return Int(name.dropFirst("prompt.".count).dropLast(".input_ids".count))
        }.sorted()
        for index in indices {
            let ids = try tensor("prompt.\(index).input_ids")
            let logits = try tensor("prompt.\(index).logits")
            guard let tokens = ids.integers(), ids.shape.count == 1 else {
                throw CheckpointError(.dtype, file: path, tensor: ids.name, "expected an integer vector")
            }
            guard logits.dtype == .f32, logits.shape.count == 2, logits.shape[0] == tokens.count, logits.shape[1] > 0 else {
                throw CheckpointError(.shape, file: path, tensor: logits.name, "expected F32 [\(tokens.count), vocab], got \(logits.dtype.name) \(logits.shape)")
            }
            if vocabulary != 0 && vocabulary != logits.shape[1] {
                throw CheckpointError(.shape, file: path, tensor: logits.name, "vocabulary \(logits.shape[1]) differs from other prompts (\(vocabulary))")
            }
            vocabulary = logits.shape[1]
            prompts.append(Prompt(index: index, tokens: tokens, logits: logits.floats()))
        }
        guard !prompts.isEmpty else { throw CheckpointError(.missing, file: path, "no prompt.N.input_ids tensors") }
        self.prompts = prompts
        self.vocabularySize = vocabulary
        self.decodeSplit = try file.tensors["decode.split"].map { view in
            guard let value = view.integers()?.first else { throw CheckpointError(.dtype, file: path, tensor: view.name, "expected an integer") }
            return value
        }
        if let view = file.tensors["decode.logits"] {
            guard view.dtype == .f32, view.shape.count == 2, view.shape[1] == vocabulary else {
                throw CheckpointError(.shape, file: path, tensor: view.name, "expected F32 [rows, \(vocabulary)], got \(view.dtype.name) \(view.shape)")
            }
            self.decodeLogits = view.floats()
        } else {
            self.decodeLogits = []
        }
        self.greedyTokens = try file.tensors["greedy.tokens"].map { view in
            guard let values = view.integers() else { throw CheckpointError(.dtype, file: path, tensor: view.name, "expected integers") }
            return values
        } ?? []
        let summary = Self.readSummary(beside: path)
        self.decodePrompt = summary.decode.flatMap { number in prompts.firstIndex { $0.index == number } }
        self.greedyPrompt = summary.greedy.flatMap { number in prompts.firstIndex { $0.index == number } }
        if self.decodePrompt == nil, let split = self.decodeSplit, !self.decodeLogits.isEmpty {
            self.decodePrompt = self.inferDecodePrompt(split: split)
        }
        if self.greedyPrompt == nil, !self.greedyTokens.isEmpty {
            self.greedyPrompt = self.decodePrompt ?? (prompts.count - 1)
        }
        if let split = self.decodeSplit, let decode = self.decodePrompt {
            let length = prompts[decode].tokens.count
            guard split >= 1, split <= length, self.decodeLogits.count == (1 + length - split) * vocabulary else {
                throw CheckpointError(.shape, file: path, tensor: "decode.logits", "expected \(1 + length - split) rows for split \(split) of prompt \(prompts[decode].index)")
            }
        }
    }

    private func inferDecodePrompt(split: Int) -> Int? {
        let rows = self.decodeLogits.count / max(1, self.vocabularySize)
        var best: (prompt: Int, distance: Float)?
        for (position, prompt) in self.prompts.enumerated() where prompt.tokens.count == split + rows - 1 {
            var distance: Float = 0
            for v in 0..<self.vocabularySize {
                distance = max(distance, abs(prompt.logits[(split - 1) * self.vocabularySize + v] - self.decodeLogits[v]))
            }
            if best == nil || distance < best!.distance { best = (position, distance) }  // safe: checked nil first
        }
        return best?.prompt
    }

    private struct Summary: Decodable {
        var decode: Int?
        var greedy: Int?
        enum CodingKeys: String, CodingKey {
            case decode = "decode_prompt"
            case greedy = "greedy_prompt"
        }
    }

    private static func readSummary(beside path: String) -> (decode: Int?, greedy: Int?) {
        let jsonPath = FileSystem.parent(of: path) + "/reference.json"
        guard let mapped = try? MappedFile(path: jsonPath), let base = mapped.base,
            let summary = try? JSONDecoder().decode(Summary.self, from: Data(UnsafeRawBufferPointer(start: base, count: mapped.size)))
        else { return (nil, nil) }
        return (summary.decode, summary.greedy)
    }
}
