import Basics
import Checkpoint
import DeepSeekV4
import Inference

/// `seam-engine eval --model DIR --reference FILE`: compares the engine with reference logits.
let evalCommand = SubcommandProgram.Subcommand(
    spec: CommandSpec(
        name: "seam-engine eval",
        abstract: "compare the engine with a reference.safetensors; exit 1 past tolerance",
        usage: "--model DIR --reference FILE [--threads N]",
        options: [
            .init("model", value: "DIR", help: "checkpoint directory (config.json + safetensors)"),
            .init("reference", value: "FILE", help: "reference.safetensors (prompts, decode split, greedy tokens)"),
            .init("threads", value: "N", help: "kernel threads (default: all CPUs)"),
        ],
        discussion: """
            Runs every prompt's full forward pass, the decode split (prefill S tokens, then one at a
            time) and the greedy continuation, and prints max |Δlogit| for each and whether the greedy
            tokens match. Exits 1 when a difference exceeds 1e-3 or a greedy token differs. The reference
            format is described in Tests/Fixtures/README.md; reference.json beside the file, when present,
            names the decode and greedy prompts.
            """)
) { arguments in
    let modelDirectory = try arguments.required("model", "DIR")
    let referencePath = try arguments.required("reference", "FILE")
    let threads = try arguments.integer("threads", in: 1...1024)
    let started = monotonicSeconds()
    let reference = try EvaluationReference(path: referencePath)
    let model = try DeepSeekV4Model.load(directory: modelDirectory, options: .init(threads: threads))
    let loaded = monotonicSeconds()
    writeStandardOutput("model: \(modelDirectory) (\(model.configuration.layerCount) layers, vocabulary \(model.vocabularySize))\n")
    writeStandardOutput("reference: \(referencePath) (\(reference.prompts.count) prompts)\n")
    let evaluator = Evaluator(model: model, reference: reference)
    let report = try evaluator.run { line in
        let verdict = line.passed ? "ok" : "FAIL"
        if let difference = line.maximumDifference {
            writeStandardOutput("\(line.label): max |Δlogit| \(formatScientific(difference))  \(verdict)\n")
        } else {
            writeStandardOutput("\(line.label): \(line.passed ? "match" : "MISMATCH") (\(line.detail))  \(verdict)\n")
        }
    }
    let total = monotonicSeconds() - started
    let verdict = report.passed ? "PASS" : "FAIL"
    writeStandardOutput(
        "\(verdict): tolerance \(formatScientific(report.tolerance)); load \(formatFixed(loaded - started, 2)) s, evaluation \(formatFixed(report.seconds, 2)) s, total \(formatFixed(total, 2)) s\n")
    return report.passed ? 0 : 1
}
