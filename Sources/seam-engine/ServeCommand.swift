import Basics

/// `seam-engine serve`.
let serveCommand = SubcommandProgram.Subcommand(
    spec: CommandSpec(name: "seam-engine serve", abstract: "not built yet", usage: "--model DIR", options: [.init("model", value: "DIR", help: "checkpoint directory")])
) { _ in
    throw UsageError("seam-engine serve", "not built yet")
}
