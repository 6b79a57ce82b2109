import Checkpoint
import Testing
import TestSupport

@testable import DeepSeekV4

/// The two fixture checkpoints and their references.
enum Fixture: String, CaseIterable, CustomTestStringConvertible {
    case tiny, small

    var modelDirectory: String {
        self == .tiny ? RepositoryLayout.tinyModel : RepositoryLayout.fixture("deepseek-v4-small-fp8")
    }

    var referencePath: String {
        self == .tiny
            ? RepositoryLayout.fixture("deepseek-v4-tiny/reference.safetensors")
            : RepositoryLayout.fixture("deepseek-v4-small-fp8/reference.safetensors")
    }

    var testDescription: String { self.rawValue }
}

@Suite("The engine's forward pass against the fixture references")
struct FixtureEvaluationTests {
    @Test("prefill logits of every prompt are within the README's 1e-3", arguments: Fixture.allCases)
    func prefill(fixture: Fixture) throws {
        let reference = try EvaluationReference(path: fixture.referencePath)
        let model = try DeepSeekV4Model.load(directory: fixture.modelDirectory)
        for prompt in reference.prompts {
            let logits = try model.forwardAllPositions(prompt.tokens, cache: model.makeCache())
            let difference = maximumDifference(logits[...], prompt.logits[...])
            print("\(fixture) prompt \(prompt.index) (\(prompt.tokens.count) tokens): max |Δlogit| \(difference)")
            #expect(difference <= fixtureTolerance, "\(fixture) prompt \(prompt.index)")
        }
    }

    @Test("the decode split (prefill S tokens, then one at a time) matches the reference", arguments: Fixture.allCases)
    func decodeSplit(fixture: Fixture) throws {
        let reference = try EvaluationReference(path: fixture.referencePath)
        let model = try DeepSeekV4Model.load(directory: fixture.modelDirectory)
        let split = try #require(reference.decodeSplit)
        let prompt = reference.prompts[try #require(reference.decodePrompt)]
        let cache = model.makeCache()
        var logits: [Float] = []
        var rows: [Float] = []
        try model.forward(Array(prompt.tokens[..<split]), cache: cache, logits: &logits)
        rows += logits
        for token in prompt.tokens[split...] {
            try model.forward([token], cache: cache, logits: &logits)
            rows += logits
        }
        let difference = maximumDifference(rows[...], reference.decodeLogits[...])
        print("\(fixture) decode split \(split): max |Δlogit| \(difference)")
        #expect(rows.count == reference.decodeLogits.count)
        #expect(difference <= fixtureTolerance)
        #expect(cache.tokenCount == prompt.tokens.count)
    }

    @Test("the greedy continuation with the cache reproduces the reference tokens", arguments: Fixture.allCases)
    func greedy(fixture: Fixture) throws {
        let reference = try EvaluationReference(path: fixture.referencePath)
        let model = try DeepSeekV4Model.load(directory: fixture.modelDirectory)
        let prompt = reference.prompts[try #require(reference.greedyPrompt)]
        let cache = model.makeCache()
        var logits: [Float] = []
        try model.forward(prompt.tokens, cache: cache, logits: &logits)
        var generated: [Int] = []
        while generated.count < reference.greedyTokens.count {
            let next = logits.indices.max { logits[$0] < logits[$1] } ?? 0
            generated.append(next)
            try model.forward([next], cache: cache, logits: &logits)
        }
        #expect(generated == reference.greedyTokens)
    }
}

@Suite("The evaluator behind seam-engine eval")
struct EvaluatorTests {
    @Test("it passes the matching fixture and fails a mismatched reference with a greedy mismatch")
    func verdicts() throws {
        let model = try DeepSeekV4Model.load(directory: RepositoryLayout.tinyModel)
        let own = try Evaluator(model: model, reference: EvaluationReference(path: Fixture.tiny.referencePath)).run()
        #expect(own.passed)
        #expect(own.lines.count == 6)  // 4 prompts, the decode split, the greedy continuation
        let other = try Evaluator(model: model, reference: EvaluationReference(path: Fixture.small.referencePath)).run()
        #expect(!other.passed)
        #expect(other.lines.last?.passed == false && other.lines.last?.detail.contains("first mismatch at step 0") == true)
    }

    @Test("the decode and greedy prompt are inferred when reference.json is absent")
    func inference() throws {
        let directory = try TemporaryDirectory("ref")
        let path = try directory.write("reference.safetensors", bytes: try TestFiles.read(Fixture.tiny.referencePath))
        let reference = try EvaluationReference(path: path)
        #expect(reference.decodePrompt == 2 && reference.greedyPrompt == 2 && reference.decodeSplit == 292)
    }
}
