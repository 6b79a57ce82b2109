import Basics

/// `seam-bench diff`.
let diffBenchmark = SubcommandProgram.Subcommand(
    spec: CommandSpec(name: "seam-bench diff", abstract: "not built yet", usage: "")
) { _ in
    throw UsageError("seam-bench diff", "not built yet")
}
