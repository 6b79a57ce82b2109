import Basics

#if canImport(Glibc)
import Glibc
#endif

/// seam-engine: holds a DeepSeek-V4 model and serves it over a Unix socket with the OpenAI API.
/// Each subcommand lives in its own file as `<name>Command`.
let program = SubcommandProgram(
    name: "seam-engine",
    abstract: "run a DeepSeek-V4 checkpoint and serve it over a local Unix socket (OpenAI HTTP API)",
    subcommands: [serveCommand, generateCommand, evalCommand, tokenizeCommand, benchCommand, infoCommand]
)
exit(program.run(Array(CommandLine.arguments.dropFirst())))
