import Basics

/// `seam-bench tree`.
let treeBenchmark = SubcommandProgram.Subcommand(
    spec: CommandSpec(name: "seam-bench tree", abstract: "not built yet", usage: "")
) { _ in
    throw UsageError("seam-bench tree", "not built yet")
}
