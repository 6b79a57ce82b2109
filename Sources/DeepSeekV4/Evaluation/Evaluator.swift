#if canImport(Glibc)
import Glibc  // clock_gettime
#endif

/// Runs a model against an `EvaluationReference`: every prompt's full forward, the decode
/// split (prefill S tokens, then one at a time) and the greedy continuation with the cache.
package struct Evaluator {
    /// The agreement the fixture README expects of a correct fp32 engine.
    package static let defaultTolerance: Float = 1e-3

    /// One checked quantity.
    package struct Line: Sendable {
        /// What was checked (`prompt 2 (300 tokens)`).
        package var label: String
        /// max |Δlogit|, or nil for the greedy line.
        package var maximumDifference: Float?
        /// Within tolerance (or all greedy tokens equal).
        package var passed: Bool
        /// Extra words (the first greedy mismatch).
        package var detail: String
    }

    /// The outcome: one line per prompt, decode split and greedy continuation.
    package struct Report: Sendable {
        /// The checks in order.
        package var lines: [Line]
        /// The bound on max |Δlogit|.
        package var tolerance: Float
        /// Wall time of the checks.
        package var seconds: Double
        /// True when every check passed.
        package var passed: Bool { self.lines.allSatisfy(\.passed) }
    }

    /// The model under test.
    package let model: DeepSeekV4Model
    /// What it must reproduce.
    package let reference: EvaluationReference
    /// The bound on max |Δlogit| (1e-3 by default).
    package var tolerance: Float

    /// An evaluator of `model` against `reference`.
    package init(model: DeepSeekV4Model, reference: EvaluationReference, tolerance: Float = Evaluator.defaultTolerance) {
        self.model = model
        self.reference = reference
        self.tolerance = tolerance
    }

    /// Runs every check; `progress` sees each line as it is computed.
    package func run(progress: (Line) -> Void = { _ in }) throws -> Report {
        let started = monotonicSeconds()
        let vocabulary = self.model.vocabularySize
        guard self.reference.vocabularySize == vocabulary else {
            throw ModelError(.invalidArgument, "the reference has \(self.reference.vocabularySize) logits per position but the model's vocabulary is \(vocabulary)")
        }
        var lines: [Line] = []
        func record(_ line: Line) {
            lines.append(line)
            progress(line)
        }
        for prompt in self.reference.prompts {
            let logits = try self.model.forwardAllPositions(prompt.tokens, cache: self.model.makeCache())
            let difference = Self.maximumDifference(logits[...], prompt.logits[...])
            record(Line(label: "prompt \(prompt.index) (\(prompt.tokens.count) tokens)", maximumDifference: difference, passed: difference <= self.tolerance, detail: ""))
        }
        if let split = self.reference.decodeSplit, let index = self.reference.decodePrompt {
            let prompt = self.reference.prompts[index]
            let cache = self.model.makeCache()
            var logits: [Float] = []
            var rows: [Float] = []
            try self.model.forward(Array(prompt.tokens[..<split]), cache: cache, logits: &logits)
            rows += logits
            for token in prompt.tokens[split...] {
                try self.model.decode(token, cache: cache, logits: &logits)
                rows += logits
            }
            let difference = Self.maximumDifference(rows[...], self.reference.decodeLogits[...])
            record(
                Line(
                    label: "decode split \(split) of prompt \(prompt.index) (\(prompt.tokens.count - split) steps)", maximumDifference: difference,
                    passed: difference <= self.tolerance, detail: ""))
        }
        if let index = self.reference.greedyPrompt, !self.reference.greedyTokens.isEmpty {
            let prompt = self.reference.prompts[index]
            let cache = self.model.makeCache()
            var logits: [Float] = []
            try self.model.forward(prompt.tokens, cache: cache, logits: &logits)
            var generated: [Int] = []
            while generated.count < self.reference.greedyTokens.count {
                let next = Self.argmax(logits)
                generated.append(next)
                if generated.count < self.reference.greedyTokens.count { try self.model.decode(next, cache: cache, logits: &logits) }
            }
            let expected = self.reference.greedyTokens
            let firstMismatch = zip(generated, expected).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            let detail = firstMismatch.map { "first mismatch at step \($0): got \(generated[$0]), expected \(expected[$0])" } ?? "all \(expected.count) match"
            record(
                Line(
                    label: "greedy \(expected.count) tokens from prompt \(prompt.index)", maximumDifference: nil, passed: firstMismatch == nil,
                    detail: detail))
        }
        return Report(lines: lines, tolerance: self.tolerance, seconds: monotonicSeconds() - started)
    }

    static func maximumDifference(_ a: ArraySlice<Float>, _ b: ArraySlice<Float>) -> Float {
        guard a.count == b.count else { return .infinity }
        var worst: Float = 0
        for (x, y) in zip(a, b) {
            let difference = abs(x - y)
            if !(difference <= worst) { worst = difference.isNaN ? .infinity : difference }
        }
        return worst
    }

    static func argmax(_ values: [Float]) -> Int {
        var best = 0
        for index in values.indices where values[index] > values[best] { best = index }
        return best
    }
}

/// Seconds on the monotonic clock.
package func monotonicSeconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) * 1e-9
}
