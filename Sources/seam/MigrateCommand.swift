import Basics

/// `seam migrate`.
let migrateCommand = SubcommandProgram.Subcommand(
    spec: CommandSpec(name: "seam migrate", abstract: "not built yet", usage: "")
) { _ in
    throw UsageError("seam migrate", "not built yet")
}
