import Basics

/// `seam undo`.
let undoCommand = SubcommandProgram.Subcommand(
    spec: CommandSpec(name: "seam undo", abstract: "not built yet", usage: "")
) { _ in
    throw UsageError("seam undo", "not built yet")
}
