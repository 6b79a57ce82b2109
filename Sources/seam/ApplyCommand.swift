import Basics

/// `seam apply`.
let applyCommand = SubcommandProgram.Subcommand(
    spec: CommandSpec(name: "seam apply", abstract: "not built yet", usage: "")
) { _ in
    throw UsageError("seam apply", "not built yet")
}
