import DeepSeekV4
import FoundationEssentials
import Tokenization
import Testing
import TestSupport

@testable import Inference

/// Decodes token n as "<n>" — enough to test the loop without a tokenizer.
struct BracketDecoder: TokenTextDecoder {
    mutating func append(_ id: Int) -> String { "<\(id)>" }
    mutating func finish() -> String { "" }
}

@Suite("The generation loop on the tiny model")
struct GeneratorTests {
    static func reference() throws -> (prompt: [Int], greedy: [Int]) {
        let reference = try EvaluationReference(path: RepositoryLayout.fixture("deepseek-v4-tiny/reference.safetensors"))
        let index = try #require(reference.greedyPrompt)
        return (reference.prompts[index].tokens, reference.greedyTokens)
    }

    @Test("greedy generation reproduces the fixture's greedy tokens and streams every token")
    func greedy() throws {
        let (prompt, greedy) = try Self.reference()
        let model = try DeepSeekV4Model.load(directory: RepositoryLayout.tinyModel)
        let generator = Generator(model: model)
        var decoder = BracketDecoder()
        var streamed: [Int] = []
        let result = try generator.generate(
            GenerationRequest(promptTokens: prompt, maximumTokens: greedy.count, sampling: .greedy), cache: model.makeCache(),
            decoder: &decoder
        ) { streamed.append($0.token) }
        #expect(result.tokens == greedy)
        #expect(streamed == greedy)
        #expect(result.finishReason == .length)
        #expect(result.text == greedy.map { "<\($0)>" }.joined())
    }

    @Test("a stop token, a stop string and cancellation each end the loop with their reason")
    func stopping() throws {
        let (prompt, greedy) = try Self.reference()
        let model = try DeepSeekV4Model.load(directory: RepositoryLayout.tinyModel)
        let generator = Generator(model: model)
        var decoder = BracketDecoder()
        let byToken = try generator.generate(
            GenerationRequest(promptTokens: prompt, maximumTokens: 50, sampling: .greedy, stopTokens: [greedy[2]]), cache: model.makeCache(),
            decoder: &decoder)
        #expect(byToken.tokens == Array(greedy[...2]) && byToken.finishReason == .stop)
        #expect(byToken.text == greedy[..<2].map { "<\($0)>" }.joined())
        let byString = try generator.generate(
            GenerationRequest(promptTokens: prompt, maximumTokens: 50, sampling: .greedy, stopStrings: ["<\(greedy[3])>"]),
            cache: model.makeCache(), decoder: &decoder)
        #expect(byString.tokens == Array(greedy[...3]) && byString.finishReason == .stop)
        let flag = CancellationFlag()
        var count = 0
        let cancelled = try generator.generate(
            GenerationRequest(promptTokens: prompt, maximumTokens: 50, sampling: .greedy), cache: model.makeCache(), decoder: &decoder,
            cancellation: flag
        ) { _ in
            count += 1
            if count == 5 { flag.cancel() }
        }
        #expect(cancelled.finishReason == .cancelled && cancelled.tokens.count == 5)
    }

    @Test("a cache holding a prefix of the prompt is continued, and a foreign one refused")
    func prefixReuse() throws {
        let (prompt, greedy) = try Self.reference()
        let model = try DeepSeekV4Model.load(directory: RepositoryLayout.tinyModel)
        let generator = Generator(model: model)
        var decoder = BracketDecoder()
        let cache = model.makeCache()
        var logits: [Float] = []
        try model.forward(Array(prompt[..<250]), cache: cache, logits: &logits)
        let result = try generator.generate(
            GenerationRequest(promptTokens: prompt, maximumTokens: 8, sampling: .greedy), cache: cache, decoder: &decoder)
        #expect(result.prefilledTokens == prompt.count - 250)
        #expect(result.tokens == Array(greedy[..<8]))
        #expect(throws: ModelError.self) {
            try generator.generate(GenerationRequest(promptTokens: [1, 2, 3], maximumTokens: 1), cache: cache, decoder: &decoder)
        }
    }

    @Test("seeded sampling is reproducible through the whole loop")
    func seeded() throws {
        let (prompt, _) = try Self.reference()
        let model = try DeepSeekV4Model.load(directory: RepositoryLayout.tinyModel)
        let generator = Generator(model: model)
        var decoder = BracketDecoder()
        let request = GenerationRequest(promptTokens: Array(prompt[..<40]), maximumTokens: 12, sampling: .init(temperature: 0.9, topP: 0.95, seed: 11))
        let first = try generator.generate(request, cache: model.makeCache(), decoder: &decoder)
        let second = try generator.generate(request, cache: model.makeCache(), decoder: &decoder)
        #expect(first.tokens == second.tokens && first.tokens.count == 12)
    }
}

@Suite("Generation with the real tokenizer")
struct TokenizedGenerationTests {
    struct Summary: Decodable {
        var greedyText: String
        enum CodingKeys: String, CodingKey { case greedyText = "greedy_text" }
    }

    @Test("the streamed greedy text equals the reference's decoded greedy continuation")
    func greedyText() throws {
        let (prompt, greedy) = try GeneratorTests.reference()
        let json = try TestFiles.read(RepositoryLayout.fixture("deepseek-v4-tiny/reference.json"))
        let expected = try JSONDecoder().decode(Summary.self, from: Data(json)).greedyText
        let model = try DeepSeekV4Model.load(directory: RepositoryLayout.tinyModel)
        let tokenizer = try Tokenizer(modelDirectory: RepositoryLayout.tinyModel)
        var decoder = tokenizer.makeStreamingDecoder()
        var pieces: [String] = []
        let result = try Generator(model: model).generate(
            GenerationRequest(promptTokens: prompt, maximumTokens: greedy.count, sampling: .greedy), cache: model.makeCache(),
            decoder: &decoder
        ) { pieces.append($0.text) }
        #expect(result.tokens == greedy)
        #expect(result.text == expected)
        #expect(pieces.joined() == expected)
    }
}
