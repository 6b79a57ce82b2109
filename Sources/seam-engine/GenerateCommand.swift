import Basics

/// `seam-engine generate`.
let generateCommand = SubcommandProgram.Subcommand(
    spec: CommandSpec(name: "seam-engine generate", abstract: "not built yet", usage: "--model DIR", options: [.init("model", value: "DIR", help: "checkpoint directory")])
) { _ in
    throw UsageError("seam-engine generate", "not built yet")
}
