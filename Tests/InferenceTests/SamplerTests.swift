import Testing

@testable import Inference

@Suite("Sampling")
struct SamplerTests {
    static let logits: [Float] = [0.1, 2.0, -1.0, 1.5, 0.7, 1.9, -3.0, 0.0]

    @Test("greedy and top-k 1 pick the largest logit")
    func greedy() {
        var greedy = Sampler(parameters: .greedy)
        var topOne = Sampler(parameters: .init(temperature: 0.8, topK: 1, seed: 3))
        #expect(greedy.sample(Self.logits) == 1)
        #expect(topOne.sample(Self.logits) == 1)
    }

    @Test("the same seed gives the same tokens and another seed other tokens")
    func determinism() {
        func draw(_ seed: UInt64) -> [Int] {
            var sampler = Sampler(parameters: .init(temperature: 1.5, seed: seed))
            return (0..<200).map { _ in sampler.sample(Self.logits) }
        }
        #expect(draw(42) == draw(42))
        #expect(draw(42) != draw(43))
    }

    @Test("top-k keeps only the k most likely tokens and top-p the smallest nucleus")
    func cuts() {
        var topK = Sampler(parameters: .init(temperature: 2, topK: 3, seed: 1))
        let allowed: Set<Int> = [1, 5, 3]
        #expect((0..<2000).allSatisfy { _ in allowed.contains(topK.sample(Self.logits)) })
        // probabilities at temperature 1 of [2.0, 1.9, 1.5, …]: the top two hold < 0.6 of the mass
        var nucleus = Sampler(parameters: .init(temperature: 1, topP: 0.3, seed: 1))
        #expect((0..<500).allSatisfy { _ in nucleus.sample(Self.logits) == 1 })
        var wider = Sampler(parameters: .init(temperature: 1, topP: 0.55, seed: 1))
        let seen = Set((0..<2000).map { _ in wider.sample(Self.logits) })
        #expect(seen == [1, 5])
    }

    @Test("sampled frequencies follow the softmax at the temperature")
    func frequencies() {
        let logits: [Float] = [0, logf(3) - logf(5), logf(2) - logf(5)]  // probabilities 0.5, 0.3, 0.2
        var sampler = Sampler(parameters: .init(temperature: 1, seed: 7))
        var counts = [0, 0, 0]
        for _ in 0..<20000 { counts[sampler.sample(logits)] += 1 }
        let expected = [0.5, 0.3, 0.2]
        for index in 0..<3 { #expect(abs(Double(counts[index]) / 20000 - expected[index]) < 0.015, "token \(index): \(counts)") }
    }

    @Test("out-of-range parameters are named")
    func validation() {
        #expect(SamplingParameters(temperature: -1).problem != nil)
        #expect(SamplingParameters(topP: 0).problem != nil)
        #expect(SamplingParameters(topK: -2).problem != nil)
        #expect(SamplingParameters().problem == nil)
    }
}

#if canImport(Glibc)
import Glibc
#endif
