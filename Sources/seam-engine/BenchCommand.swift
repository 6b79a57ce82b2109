import Basics
import Checkpoint
import DeepSeekV4
import FoundationEssentials
import Inference
import Tensors

/// `seam-engine bench --model DIR [--context N,…] [--tokens N] [--threads N] [--skip-kernels]
/// [--working-set MiB] [--rounds N] [--json]`.
let benchCommand = SubcommandProgram.Subcommand(
    spec: CommandSpec(
        name: "seam-engine bench",
        abstract: "measure prefill and decode speed, and the kernels against this machine's memory bandwidth",
        usage: "--model DIR [--context N,…] [--tokens N] [--threads N] [--skip-kernels] [--working-set MiB] [--rounds N] [--json]",
        options: [
            .init("model", value: "DIR", help: "checkpoint directory"),
            .init("context", value: "N,…", help: "prompt lengths to prefill before decoding (default 128,1024,4096)"),
            .init("tokens", value: "N", help: "tokens to decode at each context (default 32)"),
            .init("threads", value: "N", help: "kernel threads (default: all CPUs)"),
            .init("skip-kernels", help: "only the model: no streaming-read baseline, no kernel measurements"),
            .init("working-set", value: "MiB", help: "memory the kernel measurements cycle through (default 512; keep it above the L3 cache)"),
            .init("rounds", value: "N", help: "interleaved rounds each kernel median is taken over (default 5)"),
            .init("json", help: "print one JSON object instead of text"),
        ],
        discussion: """
            For each context length: prefill a synthetic prompt (prefill tokens/s, time to first token), then decode greedily
            (decode tokens/s). Bytes per decode token are the weights one step reads (attention, shared and top-k routed
            experts, LM head) plus the KV cache it reads; their rate is reported as a fraction of the machine's nominal
            ≈ 21–25 GB/s read bandwidth (23 GB/s midpoint) and of the streaming read measured in this run.
            Kernels: matrix × vector on V4-Flash-sized FP8 [4096, 4096], FP4 [2048, 4096] and BF16 [4096, 4096] matrices,
            cycling through a working set larger than the L3 cache, with one and two threads, for the kernels this CPU
            runs and the portable Swift ones, each as a ratio to a streaming sum over the same memory. Rounds interleave
            all of them, so other load on the machine hits them alike; figures are medians. The load average is printed.
            """)
) { arguments in
    let name = "seam-engine bench"
    let directory = try arguments.required("model", "DIR")
    let tokens = try arguments.integer("tokens", default: 32, in: 1...100_000) ?? 32
    let threads = try arguments.integer("threads", in: 1...1024)
    let workingSet = try arguments.integer("working-set", default: 512, in: 1...65536) ?? 512
    let rounds = try arguments.integer("rounds", default: 5, in: 1...1000) ?? 5
    let contexts = try arguments.integerList("context") ?? [128, 1024, 4096]
    guard !contexts.isEmpty, contexts.allSatisfy({ $0 >= 1 }) else {
        throw UsageError(name, "--context takes positive integers separated by commas")
    }
    let json = arguments.flag("json")
    let loadStarted = monotonicSeconds()
    let model = try DeepSeekV4Model.load(directory: directory, options: .init(threads: threads))
    let loadSeconds = monotonicSeconds() - loadStarted
    if let longest = contexts.max(), longest + tokens > model.maximumContext {
        throw UsageError(name, "--context \(longest) plus --tokens \(tokens) exceeds the model's context of \(model.maximumContext)")
    }
    if !json {
        writeStandardOutput("model: \(directory) (\(formatBytes(model.summary.fileBytes)), loaded in \(formatFixed(loadSeconds, 2)) s)\n")
        writeStandardOutput(
            "machine: load average \(formatFixed(KernelBenchmark.loadAverage(), 2)); kernels: \(DequantizingKernels.best); "
                + "OpenBLAS core: \(BLAS.coreName); threads: \(model.threadCount)\n")
        writeStandardOutput("weights read per decode token: \(formatBytes(model.summary.activeWeightBytesPerToken))\n")
    }
    // kernels first: the decode lines then compare against the stream measured here
    var report: KernelBenchmark.Report?
    if !arguments.flag("skip-kernels") {
        let counts = Array(Set([1, min(2, model.threadCount), model.threadCount])).sorted()
        report = KernelBenchmark(workingSetBytes: workingSet << 20, rounds: rounds, threadCounts: counts).run()
    }
    let benchmark = DecodeBenchmark(model: model)
    var results: [DecodeBenchmark.Result] = []
    let stream = report?.stream(threads: model.threadCount)
    for context in contexts {
        var result = try benchmark.run(context: context, tokens: tokens)
        if let stream, stream.gigabytesPerSecond > 0 { result.fractionOfMeasuredStream = result.effectiveBandwidth / (stream.gigabytesPerSecond * 1e9) }
        results.append(result)
        if !json {
            var line = "context \(context): prefill \(formatFixed(result.prefillTokensPerSecond, 1)) tok/s, "
            line += "first token \(formatFixed(result.timeToFirstTokenSeconds * 1000, 1)) ms, decode \(formatFixed(result.decodeTokensPerSecond, 1)) tok/s; "
            line += "\(formatBytes(result.bytesPerDecodeToken))/token (cache \(formatBytes(result.cacheBytesPerDecodeToken))) → "
            line += "\(formatFixed(result.effectiveBandwidth / 1e9, 2)) GB/s = \(formatFixed(result.fractionOfBandwidthBound * 100, 1))% of the 23 GB/s bound"
            if let fraction = result.fractionOfMeasuredStream { line += ", \(formatFixed(fraction * 100, 1))% of the measured stream" }
            writeStandardOutput(line + "\n")
        }
    }
    if let report, !json {
        var text = "kernels (\(report.rounds) rounds over \(formatBytes(report.workingSetBytes)); load average \(formatFixed(report.loadBefore, 2)) before, "
        text += "\(formatFixed(report.loadAfter, 2)) after):\n"
        text += "  " + "what".padded(30) + "threads".padded(9) + "GB/s".padded(8) + "× stream".padded(10) + "GB/CPU-s".padded(10) + "× stream\n"
        for m in report.measurements {
            let what = m.format == "stream" ? "streaming read (sum)" : "\(m.format) [\(m.rows), \(m.columns)] \(m.kernel)"
            text += "  " + what.padded(30) + String(m.threads).padded(9) + formatFixed(m.gigabytesPerSecond, 2).padded(8)
            text += formatFixed(m.fractionOfStream, 2).padded(10) + formatFixed(m.gigabytesPerCPUSecond, 2).padded(10)
            text += formatFixed(m.fractionOfStreamPerCPUSecond, 2) + "\n"
        }
        writeStandardOutput(text)
        let products = KernelBenchmark().prefillProducts(pool: ThreadPool(threadCount: model.threadCount))
        writeStandardOutput(
            "prefill product 128 × BF16 [4096, 4096]: OpenBLAS \(formatFixed(products.blas, 1)) GFLOP per CPU-second, "
                + "own kernels \(formatFixed(products.rows, 1))\n")
    }
    if json {
        struct Output: Encodable {
            var model: String
            var openBLASCore: String
            var kernelLevel: String
            var threads: Int
            var loadSeconds: Double
            var bandwidthBound: Double
            var results: [DecodeBenchmark.Result]
            var kernels: KernelBenchmark.Report?
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let output = Output(
            model: directory, openBLASCore: BLAS.coreName, kernelLevel: DequantizingKernels.best.description, threads: model.threadCount,
            loadSeconds: loadSeconds, bandwidthBound: DecodeBenchmark.bandwidthBound, results: results, kernels: report)
        writeStandardOutput(String(decoding: try encoder.encode(output), as: UTF8.self) + "\n")
    }
    return 0
}

extension String {
    /// The string padded with spaces to `width` characters.
    fileprivate func padded(_ width: Int) -> String {
        self.count >= width ? self + " " : self + String(repeating: " ", count: width - self.count)
    }
}
