import Basics
import Checkpoint
import DeepSeekV4
import FoundationEssentials
import Inference
import Tensors

/// `seam-engine bench --model DIR [--context N,…] [--tokens N] [--json]`.
let benchCommand = SubcommandProgram.Subcommand(
    spec: CommandSpec(
        name: "seam-engine bench",
        abstract: "measure prefill and decode speed against the memory-bandwidth bound",
        usage: "--model DIR [--context N,…] [--tokens N] [--threads N] [--json]",
        options: [
            .init("model", value: "DIR", help: "checkpoint directory"),
            .init("context", value: "N,…", help: "prompt lengths to prefill before decoding (default 256,2048)"),
            .init("tokens", value: "N", help: "tokens to decode at each context (default 32)"),
            .init("threads", value: "N", help: "kernel threads (default: all CPUs)"),
            .init("json", help: "print one JSON object instead of text"),
            .init("kernels", help: "also measure the kernels on V4-Flash-sized FP8, FP4 and BF16 matrices"),
        ],
        discussion: """
            For each context length: prefill a synthetic prompt (prefill tokens/s, time to first token), then
            decode greedily (decode tokens/s). Bytes per decode token are the weights one step reads (attention,
            shared and top-k routed experts, LM head) plus the KV cache it reads; their rate is reported as a
            fraction of the machine's ≈ 21–25 GB/s read bandwidth (23 GB/s midpoint).
            """)
) { arguments in
    let directory = try arguments.required("model", "DIR")
    let tokens = try arguments.integer("tokens", default: 32, in: 1...100_000) ?? 32
    let threads = try arguments.integer("threads", in: 1...1024)
    var contexts = [256, 2048]
    if let text = arguments.value("context") {
        contexts = []
        for part in text.split(separator: ",") {
            guard let value = Int(part), value >= 1 else {
                throw UsageError("seam-engine bench", "--context takes positive integers separated by commas, got '\(text)'")
            }
            contexts.append(value)
        }
    }
    let loadStarted = monotonicSeconds()
    let model = try DeepSeekV4Model.load(directory: directory, options: .init(threads: threads))
    let loadSeconds = monotonicSeconds() - loadStarted
    if let longest = contexts.max(), longest + tokens > model.maximumContext {
        throw UsageError("seam-engine bench", "--context \(longest) plus --tokens \(tokens) exceeds the model's context of \(model.maximumContext)")
    }
    let json = arguments.flag("json")
    if !json {
        writeStandardOutput("model: \(directory) (\(formatBytes(model.summary.fileBytes)), loaded in \(formatFixed(loadSeconds, 2)) s)\n")
        writeStandardOutput("OpenBLAS core: \(BLAS.coreName); threads: \(model.threadCount)\n")
        writeStandardOutput("weights read per decode token: \(formatBytes(model.summary.activeWeightBytesPerToken))\n")
    }
    let benchmark = DecodeBenchmark(model: model)
    var results: [DecodeBenchmark.Result] = []
    for context in contexts {
        let result = try benchmark.run(context: context, tokens: tokens)
        results.append(result)
        if !json {
            writeStandardOutput(
                "context \(context): prefill \(formatFixed(result.prefillTokensPerSecond, 1)) tok/s, "
                    + "first token \(formatFixed(result.timeToFirstTokenSeconds * 1000, 1)) ms, "
                    + "decode \(formatFixed(result.decodeTokensPerSecond, 1)) tok/s; "
                    + "\(formatBytes(result.bytesPerDecodeToken))/token (cache \(formatBytes(result.cacheBytesPerDecodeToken))) → "
                    + "\(formatFixed(result.effectiveBandwidth / 1e9, 2)) GB/s = \(formatFixed(result.fractionOfBandwidthBound * 100, 1))% of the "
                    + "23 GB/s bound\n")
        }
    }
    var kernels: [KernelBenchmark.Result] = []
    if arguments.flag("kernels") {
        kernels = KernelBenchmark(pool: ThreadPool(threadCount: model.threadCount)).run()
        if !json {
            for kernel in kernels {
                writeStandardOutput(
                    "kernel \(kernel.format) [\(kernel.rows), \(kernel.columns)] matrix × vector: \(formatFixed(kernel.gigabytesPerSecond, 2)) GB/s "
                        + "(\(formatFixed(kernel.gigabytesPerSecond * 1e9 / DecodeBenchmark.bandwidthBound * 100, 1))% of the bound); "
                        + "\(formatFixed(kernel.gigabytesPerCPUSecond, 2)) GB per CPU-second\n")
            }
        }
    }
    if arguments.flag("kernels") && !json {
        let products = KernelBenchmark(pool: ThreadPool(threadCount: model.threadCount)).prefillProducts()
        writeStandardOutput(
            "prefill product 128 × BF16 [4096, 4096]: OpenBLAS \(formatFixed(products.blas, 1)) GFLOP per CPU-second, "
                + "own kernels \(formatFixed(products.rows, 1))\n")
    }
    if json {
        struct Output: Encodable {
            var model: String
            var openBLASCore: String
            var threads: Int
            var loadSeconds: Double
            var bandwidthBound: Double
            var results: [DecodeBenchmark.Result]
            var kernels: [KernelBenchmark.Result]
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let output = Output(
            model: directory, openBLASCore: BLAS.coreName, threads: model.threadCount, loadSeconds: loadSeconds,
            bandwidthBound: DecodeBenchmark.bandwidthBound, results: results, kernels: kernels)
        writeStandardOutput(String(decoding: try encoder.encode(output), as: UTF8.self) + "\n")
    }
    return 0
}
