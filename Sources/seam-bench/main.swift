import Basics

#if canImport(Glibc)
import Glibc
#endif

/// seam-bench: workbench-side benchmarks. Each prints ratios measured in one run; each lives in
/// its own file as `<name>Benchmark`.
let program = SubcommandProgram(
    name: "seam-bench",
    abstract: "workbench benchmarks (file tree, key-to-frame latency, diff, apply)",
    subcommands: [treeBenchmark, frameBenchmark, diffBenchmark]
)
exit(program.run(Array(CommandLine.arguments.dropFirst())))
