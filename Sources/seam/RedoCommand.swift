import Basics

/// `seam redo`.
let redoCommand = SubcommandProgram.Subcommand(
    spec: CommandSpec(name: "seam redo", abstract: "not built yet", usage: "")
) { _ in
    throw UsageError("seam redo", "not built yet")
}
