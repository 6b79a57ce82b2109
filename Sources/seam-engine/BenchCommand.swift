import Basics

/// `seam-engine bench`.
let benchCommand = SubcommandProgram.Subcommand(
    spec: CommandSpec(name: "seam-engine bench", abstract: "not built yet", usage: "--model DIR", options: [.init("model", value: "DIR", help: "checkpoint directory")])
) { _ in
    throw UsageError("seam-engine bench", "not built yet")
}
