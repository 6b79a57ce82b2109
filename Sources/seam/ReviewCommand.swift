import Basics

/// `seam review`.
let reviewCommand = SubcommandProgram.Subcommand(
    spec: CommandSpec(name: "seam review", abstract: "not built yet", usage: "")
) { _ in
    throw UsageError("seam review", "not built yet")
}
