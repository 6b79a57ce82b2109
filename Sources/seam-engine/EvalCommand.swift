import Basics

/// `seam-engine eval`.
let evalCommand = SubcommandProgram.Subcommand(
    spec: CommandSpec(name: "seam-engine eval", abstract: "not built yet", usage: "--model DIR", options: [.init("model", value: "DIR", help: "checkpoint directory")])
) { _ in
    throw UsageError("seam-engine eval", "not built yet")
}
