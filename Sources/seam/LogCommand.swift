import Basics

/// `seam log`.
let logCommand = SubcommandProgram.Subcommand(
    spec: CommandSpec(name: "seam log", abstract: "not built yet", usage: "")
) { _ in
    throw UsageError("seam log", "not built yet")
}
