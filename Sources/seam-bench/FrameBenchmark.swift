import Basics

/// `seam-bench frame`.
let frameBenchmark = SubcommandProgram.Subcommand(
    spec: CommandSpec(name: "seam-bench frame", abstract: "not built yet", usage: "")
) { _ in
    throw UsageError("seam-bench frame", "not built yet")
}
