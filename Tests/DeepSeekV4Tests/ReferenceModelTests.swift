import Checkpoint
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
