import Basics

/// `seam-engine info`.
let infoCommand = SubcommandProgram.Subcommand(
    spec: CommandSpec(name: "seam-engine info", abstract: "not built yet", usage: "--model DIR", options: [.init("model", value: "DIR", help: "checkpoint directory")])
) { _ in
    throw UsageError("seam-engine info", "not built yet")
}
