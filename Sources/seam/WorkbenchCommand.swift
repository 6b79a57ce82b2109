import Basics

/// `seam workbench`.
let workbenchCommand = SubcommandProgram.Subcommand(
    spec: CommandSpec(name: "seam", abstract: "not built yet", usage: "")
) { _ in
    throw UsageError("seam workbench", "not built yet")
}
