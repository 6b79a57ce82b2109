import Checkpoint
import Tensors
import Testing
import TestSupport

@testable import DeepSeekV4

/// Largest |a − b| over two equally long arrays.
func maximumDifference(_ a: ArraySlice<Float>, _ b: ArraySlice<Float>) -> Float {
    zip(a, b).reduce(0) { max($0, abs($1.0 - $1.1)) }
}

/// The fixture README's agreement bound for a correct fp32 engine.
let fixtureTolerance: Float = 1e-3

@Suite("The naive reference forward against the fixtures")
struct ReferenceModelTests {
    @Test("reference logits match the tiny fixture's prompts", arguments: [0, 1, 2, 3])
    func tinyPrompts(prompt: Int) throws {
        let reference = try EvaluationReference(path: RepositoryLayout.fixture("deepseek-v4-tiny/reference.safetensors"))
        let model = try ReferenceModel(directory: RepositoryLayout.tinyModel)
        let expected = reference.prompts[prompt]
        let logits = model.logits(expected.tokens).flatMap { $0 }
        let difference = maximumDifference(logits[...], expected.logits[...])
        print("tiny prompt \(prompt): max |Δlogit| \(difference)")
        #expect(difference <= fixtureTolerance)
    }

    @Test("reference logits match the small FP8 fixture's prompts", arguments: [0, 1])
    func smallPrompt(prompt: Int) throws {
        let reference = try EvaluationReference(path: RepositoryLayout.fixture("deepseek-v4-small-fp8/reference.safetensors"))
        let model = try ReferenceModel(directory: RepositoryLayout.fixture("deepseek-v4-small-fp8"))
        let expected = reference.prompts[prompt]
        let logits = model.logits(expected.tokens).flatMap { $0 }
        let difference = maximumDifference(logits[...], expected.logits[...])
        print("small prompt \(prompt): max |Δlogit| \(difference)")
        #expect(difference <= fixtureTolerance)
    }
}

@Suite("The engine's fast path against the naive reference")
struct FastPathTests {
    /// A reproducible prompt of ordinary tokens.
    static func prompt(_ count: Int, seed: Int) -> [Int] {
        (0..<count).map { (($0 + seed) * 7919 + seed * 104_729) % 2000 + 3 }
    }

    @Test("fast and reference logits agree on fresh prompts", arguments: Fixture.allCases)
    func agreement(fixture: Fixture) throws {
        let model = try DeepSeekV4Model.load(directory: fixture.modelDirectory)
        let reference = try ReferenceModel(directory: fixture.modelDirectory)
        let tokens = Self.prompt(83, seed: 5)
        let fast = try model.forwardAllPositions(tokens, cache: model.makeCache())
        let slow = reference.logits(tokens).flatMap { $0 }
        let difference = maximumDifference(fast[...], slow[...])
        #expect(difference <= 1e-4, "\(fixture): \(difference)")
    }

    @Test("routed experts stored as BF16 instead of FP4 give the same logits")
    func denseExperts() throws {
        let source = try CheckpointDirectory(path: Fixture.small.modelDirectory)
        let weights = try WeightTable(configuration: source.configuration).verify(source)
        var writer = SafetensorsWriter()
        for (name, view) in source.tensors.sorted(by: { $0.key < $1.key }) {
            let isRoutedExpert = name.hasPrefix("layers.") && name.contains(".ffn.experts.")
            if isRoutedExpert && name.hasSuffix(".scale") { continue }
            if isRoutedExpert {
                let matrix = weights.matrix(name)
                writer.add(name, shape: [matrix.rows, matrix.columns], bfloat16: matrix.dequantized())  // FP4 × 2^k is exact in BF16
            } else {
                let bytes = view.bytes.map { Array(UnsafeRawBufferPointer(start: $0, count: view.byteCount)) } ?? []
                writer.add(name, dtype: view.dtype, shape: view.shape, bytes: bytes)
            }
        }
        let directory = try TemporaryDirectory("bf16experts")
        try directory.write("config.json", try TestFiles.readText(Fixture.small.modelDirectory + "/config.json"))
        try directory.write("model.safetensors", bytes: writer.serialized())
        let dense = try DeepSeekV4Model.load(directory: directory.path)
        let quantized = try DeepSeekV4Model.load(directory: Fixture.small.modelDirectory)
        let tokens = Self.prompt(40, seed: 9)
        let a = try dense.forwardAllPositions(tokens, cache: dense.makeCache())
        let b = try quantized.forwardAllPositions(tokens, cache: quantized.makeCache())
        #expect(maximumDifference(a[...], b[...]) <= 1e-4)
        #expect((dense.summary.bytesByDType[.i8] ?? 0) < (quantized.summary.bytesByDType[.i8] ?? 0))  // only the MTP block keeps FP4
    }
}
