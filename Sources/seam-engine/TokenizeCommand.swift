import Basics

/// `seam-engine tokenize`.
let tokenizeCommand = SubcommandProgram.Subcommand(
    spec: CommandSpec(name: "seam-engine tokenize", abstract: "not built yet", usage: "--model DIR", options: [.init("model", value: "DIR", help: "checkpoint directory")])
) { _ in
    throw UsageError("seam-engine tokenize", "not built yet")
}
